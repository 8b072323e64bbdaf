import { useEffect, useState } from 'react';
import { departements } from '../../../../shared/departements';
import { commissionSettings } from '../../../../shared/schemas/commission';
import type { CommissionSummary, LogoPreview } from '../../../../shared/types';
import { api, errorMessage } from '../../api';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/Toast';
import { BackupsCard } from '../backups/BackupsCard';
import { ExchangeCard } from '../backups/ExchangeCard';
import './settings.css';

export function SettingsPage({ commission, onChange }: { commission: CommissionSummary; onChange: (c: CommissionSummary) => void }) {
  const form = useForm(commissionSettings, {
    name: commission.name,
    departmentCode: commission.departmentCode,
    secretaryName: commission.secretaryName,
  });
  const [logo, setLogo] = useState<LogoPreview | null>(null);
  const toast = useToast();

  useEffect(() => {
    api.settings.logo().then(setLogo, (error) => toast(errorMessage(error), 'error'));
  }, [commission.logoFile, toast]);

  const save = form.submit(async (input) => {
    onChange(await api.settings.update(input));
    toast('Paramètres enregistrés.');
  });

  async function chooseLogo() {
    try {
      const updated = await api.settings.chooseLogo();
      if (updated) {
        onChange(updated);
        toast('Logo enregistré : il figurera en tête des documents.');
      }
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  async function removeLogo() {
    try {
      onChange(await api.settings.removeLogo());
      toast('Logo retiré.');
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  const v = form.values;
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
            <div className="form-grid">
              <Field label="Nom de la commission" required error={form.errors.name} wide hint="Tel qu’il apparaît en tête des comptes rendus et des rapports.">
                {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.name)} onChange={(e) => form.set('name', e.target.value)} />}
              </Field>
              <Field label="Département" required error={form.errors.departmentCode}>
                {(id, d) => (
                  <select id={id} aria-describedby={d} value={v.departmentCode} onChange={(e) => form.set('departmentCode', e.target.value)}>
                    {departements.map((dep) => (
                      <option key={dep.code} value={dep.code}>
                        {dep.code} – {dep.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Secrétaire de la commission" error={form.errors.secretaryName} hint="Signataire des comptes rendus, par exemple la déléguée départementale aux droits des femmes.">
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.secretaryName)} onChange={(e) => form.set('secretaryName', e.target.value)} />}
              </Field>
            </div>
            <FormError message={form.formError} />
            <div className="actions">
              <button type="submit" className="button primary" disabled={form.saving}>
                {form.saving ? 'Enregistrement…' : 'Enregistrer'}
              </button>
            </div>
          </form>
          <BackupsCard commission={commission} onRestored={onChange} />
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
          </section>
          <section className="card" aria-label="Fichier de la commission">
            <h2>Fichier de la commission</h2>
            <p className="path">{commission.filePath}</p>
            <p className="muted">
              Toutes les données de la commission sont dans ce fichier et dans le dossier « -fichiers » placé à côté (fichiers joints et
              sauvegardes). Ne l’ouvrez pas depuis un lecteur réseau partagé à plusieurs : chacun doit travailler sur son poste et échanger des
              paquets.
            </p>
          </section>
          <ExchangeCard onOpened={onChange} />
        </div>
      </div>
    </div>
  );
}
