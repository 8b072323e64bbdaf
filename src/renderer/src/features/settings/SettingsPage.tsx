import { useEffect, useState } from 'react';
import { departement, departementCodes, departementLabel } from '../../../../shared/departements';
import { fileName } from '../../../../shared/format';
import { prefectCivilities, type PrefectCivility } from '../../../../shared/labels';
import { prefectForms } from '../../../../shared/letters';
import { commissionSettings } from '../../../../shared/schemas/commission';
import type { CommissionSummary, LogoPreview } from '../../../../shared/types';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { Field, FormError, pickFields, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { BackupsCard } from '../backups/BackupsCard';
import { ExchangeCard } from '../backups/ExchangeCard';
import './settings.css';
import { EditableFields, Writes } from '../../components/ReadOnly';

/**
 * `onChange` follows a change of this commission's settings; `onReplaced` hands over a commission
 * that replaces it (a restored backup, an imported package), after which every page reloads.
 */
export function SettingsPage({
  commission,
  onChange,
  onReplaced,
}: {
  commission: CommissionSummary;
  onChange: (c: CommissionSummary) => void;
  onReplaced: (c: CommissionSummary) => void;
}) {
  const form = useForm(commissionSettings, pickFields(commissionSettings, commission));
  const [logo, setLogo] = useState<LogoPreview | null>(null);
  const toast = useToast();
  const run = useRun();

  useEffect(() => {
    void run(async () => setLogo(await api.settings.logo()));
  }, [commission.logoFile, run]);

  const save = form.submit(async (input) => {
    const saved = await api.settings.update(input);
    onChange(saved);
    form.reset(pickFields(commissionSettings, saved));
    toast('Paramètres enregistrés.');
  });

  const chooseLogo = () =>
    run(async () => {
      const updated = await api.settings.chooseLogo();
      if (updated) {
        onChange(updated);
        toast('Logo enregistré : il figurera en tête des documents.');
      }
    });

  const showFolder = () => run(() => api.app.showFolder());

  const removeLogo = () => run(async () => onChange(await api.settings.removeLogo()), 'Logo retiré.');

  const v = form.values;
  const prefect = prefectForms(v.prefectCivility ?? null);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Paramètres</h1>
          <p className="subtitle">La commission, son secrétariat et l’en-tête des documents</p>
        </div>
      </header>
      {/* Two stacks rather than grid rows: a tall card on one side must not push the other side's next card down. */}
      <div className="two-columns">
        <div className="stack">
          <form className="card form" onSubmit={save} noValidate aria-label="Commission">
            <h2>Commission</h2>
            <EditableFields>
              <div className="form-grid">
                <Field label="Nom de la commission" required error={form.errors.name} wide hint="Tel qu’il apparaît en tête des comptes rendus et des rapports.">
                  {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.name)} onChange={(e) => form.set('name', e.target.value)} />}
                </Field>
                <Field label="Département" required error={form.errors.departmentCode}>
                  {(id, d) => (
                    <CodeSelect
                      id={id}
                      aria-describedby={d}
                      codes={departementCodes}
                      labels={departementLabel}
                      value={v.departmentCode}
                      onChange={(code) => code && form.set('departmentCode', code)}
                    />
                  )}
                </Field>
                <Field label="Secrétaire de la commission" error={form.errors.secretaryName} hint="Signataire des comptes rendus, par exemple la déléguée départementale aux droits des femmes.">
                  {(id, d) => <input id={id} aria-describedby={d} value={text(v.secretaryName)} onChange={(e) => form.set('secretaryName', e.target.value)} />}
                </Field>
                <Field label="Contact du secrétariat" error={form.errors.secretariatContact} wide hint="Imprimé sur les convocations, par exemple : 05 56 90 60 60 – ddfe@gironde.gouv.fr.">
                  {(id, d) => <input id={id} aria-describedby={d} value={text(v.secretariatContact)} onChange={(e) => form.set('secretariatContact', e.target.value)} />}
                </Field>
              </div>
              <h3>Présidence</h3>
              <div className="form-grid">
                <Field label="Le préfet ou la préfète" error={form.errors.prefectCivility} hint="Chaque document dit « Le préfet » ou « La préfète », « Monsieur le préfet » ou « Madame la préfète ».">
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={v.prefectCivility ?? ''} onChange={(e) => form.set('prefectCivility', (e.target.value || null) as PrefectCivility | null)}>
                      <option value="">Non renseigné (« Le préfet »)</option>
                      {prefectCivilities.codes.map((code) => (
                        <option key={code} value={code}>
                          {prefectCivilities.labels[code]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={v.prefectCivility === 'Mme' ? 'Nom de la préfète' : 'Nom du préfet'} error={form.errors.prefectName} hint="Sous la signature des convocations qu’elle ou il signe.">
                  {(id, d) => <input id={id} aria-describedby={d} value={text(v.prefectName)} onChange={(e) => form.set('prefectName', e.target.value)} />}
                </Field>
              </div>
              <h3>Convocations</h3>
              <p className="muted">
                Une convocation est signée par qui préside la séance : {prefect.title} en personne, sinon « {prefect.delegation} » suivi de la fonction et du nom de la
                présidence. Le signataire ci-dessous sert aux séances dont la présidence n’est pas indiquée.
              </p>
              <div className="form-grid">
                <Field label="Ville de la préfecture" error={form.errors.prefectureCity} hint={<CityHint city={text(v.prefectureCity)} departmentCode={v.departmentCode} onAccept={(city) => form.set('prefectureCity', city)} />}>
                  {(id, d) => (
                    <input id={id} aria-describedby={d} value={text(v.prefectureCity)} placeholder={departement(v.departmentCode)?.chefLieu} onChange={(e) => form.set('prefectureCity', e.target.value)} />
                  )}
                </Field>
                <Field label="Signature" error={form.errors.signsByDelegation}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={v.signsByDelegation ? 'delegation' : 'prefet'} onChange={(e) => form.set('signsByDelegation', e.target.value === 'delegation')}>
                      <option value="prefet">« {prefect.signature} » puis le nom</option>
                      <option value="delegation">« {prefect.delegation} » puis la qualité et le nom</option>
                    </select>
                  )}
                </Field>
                <Field label="Nom du signataire" error={form.errors.signatoryName} hint="Chaque séance peut en désigner un autre.">
                  {(id, d) => <input id={id} aria-describedby={d} value={text(v.signatoryName)} onChange={(e) => form.set('signatoryName', e.target.value)} />}
                </Field>
                <Field label="Qualité du signataire" error={form.errors.signatoryTitle} hint="Par délégation, par exemple : « La secrétaire générale de la préfecture ».">
                  {(id, d) => <input id={id} aria-describedby={d} value={text(v.signatoryTitle)} onChange={(e) => form.set('signatoryTitle', e.target.value)} />}
                </Field>
              </div>
            </EditableFields>
            <FormError message={form.formError} />
            <Writes>
              <div className="actions">
                <button type="submit" className="button primary" disabled={form.saving}>
                  {form.saving ? 'Enregistrement…' : 'Enregistrer'}
                </button>
              </div>
            </Writes>
          </form>
          <BackupsCard commission={commission} onRestored={onReplaced} />
        </div>
        <div className="stack">
          <section className="card" aria-label="Logo">
            <h2>Logo de la préfecture</h2>
            <p className="muted">
              Le bloc-marque fourni par votre préfecture (image PNG ou JPEG), placé en tête des documents. Maillage n’en fournit aucun.
            </p>
            <div className="logo-box">
              {logo ? <img src={logo.dataUrl} alt="Logo de la préfecture" /> : <span className="muted">Aucun logo</span>}
            </div>
            <Writes>
              <div className="actions">
                <button type="button" className="button" onClick={chooseLogo}>
                  <Icon name="image" size={18} />
                  {logo ? 'Remplacer le logo…' : 'Choisir une image…'}
                </button>
                {logo && (
                  <button type="button" className="button" onClick={removeLogo}>
                    Retirer le logo
                  </button>
                )}
              </div>
            </Writes>
          </section>
          <section className="card" aria-label="Fichier de la commission">
            <h2>Fichier de la commission</h2>
            <p>
              La commission est enregistrée dans le fichier <strong>« {fileName(commission.filePath)} »</strong>.
            </p>
            <div className="actions">
              <button type="button" className="button" onClick={showFolder}>
                <Icon name="folder" size={18} />
                Montrer le dossier
              </button>
            </div>
            <p className="muted">
              Toutes les données de la commission sont dans ce fichier et dans le dossier « {fileName(commission.filePath).replace(/\.[^.]*$/, '')}-fichiers » placé à côté (fichiers joints et
              sauvegardes). Ne l’ouvrez pas depuis un lecteur réseau partagé à plusieurs : chacun doit travailler sur son poste et échanger des
              paquets.
            </p>
          </section>
          <ExchangeCard onOpened={onReplaced} />
        </div>
      </div>
    </div>
  );
}


/**
 * The date line of letters needs the city; left empty, the préfecture's city is most often the
 * département's chef-lieu, which the official reference gives: suggested, to accept or change.
 */
function CityHint({ city, departmentCode, onAccept }: { city: string; departmentCode: string; onAccept: (city: string) => void }) {
  const d = departement(departmentCode);
  if (city.trim() || !d) return <>Pour la date des lettres : « {city.trim() || 'Bordeaux'}, le 3 mars 2026 ».</>;
  return (
    <>
      Pour la date des lettres. Vide, les lettres sont datées sans ville. Suggestion : {d.chefLieu}, chef-lieu du département d’après le code officiel géographique
      de l’INSEE.{' '}
      <button type="button" className="link-button" onClick={() => onAccept(d.chefLieu)}>
        Utiliser « {d.chefLieu} »
      </button>
    </>
  );
}
