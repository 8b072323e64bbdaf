import { useEffect, useState } from 'react';
import { formatDate, formatDateTime, plural } from '../../../../shared/format';
import { agrementState } from '../../../../shared/parcours';
import { parisToday } from '../../../../shared/wallclock';
import { interventionDomains, partnerTypes } from '../../../../shared/labels';
import { AGREMENT_YEARS, partnerFields, type PartnerFields } from '../../../../shared/schemas/partners';
import type { PartnerDetail, PartnerUsage } from '../../../../shared/types';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog } from '../../components/Dialog';
import { Field, FormError, pickFields, PRIVACY_HINT, text, useForm } from '../../components/form';
import { RecordToolbar } from '../../components/RecordToolbar';
import { useUndoableDelete, useToast } from '../../components/Toast';
import { confirmLeave } from '../../components/unsaved';
import { LoadError } from '../../components/LoadError';
import { BackLink } from '../../components/BackLink';
import { focusIfCreated, navigate, navigateToCreated } from '../../router';
import { PartnerFollowUps } from '../sessions/PartnerFollowUps';
import { ContactsPanel } from './ContactsPanel';
import { EditableFields, Writes } from '../../components/ReadOnly';

const emptyPartner: PartnerFields = {
  name: '',
  type: undefined as unknown as PartnerFields['type'],
  domains: [],
  address: '',
  postcode: '',
  commune: '',
  website: '',
  siret: '',
  notes: '',
  agrementOn: null,
  agrementYears: null,
  agrementPrefecture: '',
};

export function PartnerPage({ partnerId }: { partnerId: string | null }) {
  const [partner, setPartner] = useState<PartnerDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm(partnerFields, emptyPartner);
  const toast = useToast();
  const undoableDelete = useUndoableDelete();
  const { reset } = form;

  useEffect(() => {
    if (!partnerId) return;
    api.partners.get({ id: partnerId }).then(
      (p) => {
        setPartner(p);
        reset(pickFields(partnerFields, p));
      },
      (error) => setLoadError(errorMessage(error)),
    );
  }, [partnerId, reset]);

  const save = form.submit(async (input) => {
    const saved = partner ? await api.partners.update({ ...input, id: partner.id }) : await api.partners.create(input);
    setPartner(saved);
    form.reset(pickFields(partnerFields, saved));
    toast(partner ? 'Structure enregistrée.' : 'Structure créée : vous pouvez maintenant ajouter ses contacts.');
    if (!partner) navigateToCreated('partenaires', saved.id);
  });

  async function remove() {
    if (!partner) return;
    setConfirmDelete(false);
    const id = partner.id;
    if (await undoableDelete(() => api.partners.delete({ id }), `« ${partner.name} » a été supprimée.`, () => navigate('partenaires', id))) navigate('partenaires');
  }

  if (loadError) return <LoadError message={loadError} back={<BackLink href="#/partenaires">Tous les partenaires</BackLink>} />;
  if (partnerId && !partner) return <div className="loading">Chargement…</div>;

  const values = form.values;
  const toggleDomain = (code: (typeof interventionDomains.codes)[number]) => {
    const current = values.domains ?? [];
    form.set('domains', current.includes(code) ? current.filter((d) => d !== code) : [...current, code]);
  };

  return (
    <div className="page">
      <BackLink href="#/partenaires">Tous les partenaires</BackLink>
      <header className="page-header">
        <div>
          <h1 ref={focusIfCreated} tabIndex={-1}>{partner ? partner.name : 'Nouvelle structure'}</h1>
          {partner && (
            <p className="subtitle">
              {partnerTypes.labels[partner.type]} · modifiée le {formatDateTime(partner.updatedAt)}
            </p>
          )}
        </div>
        {partner && (
          <RecordToolbar history={{ entity: 'partner', id: partner.id, title: partner.name }} deleteLabel="Supprimer la structure" onDelete={() => setConfirmDelete(true)} />
        )}
      </header>
      <div className="two-columns">
        <form className="card form" onSubmit={save} noValidate aria-label="Structure">
          <h2>Structure</h2>
          <EditableFields>
            <div className="form-grid">
              <Field label="Nom de la structure" required error={form.errors.name} wide>
                {(id, d) => <input id={id} aria-describedby={d} value={text(values.name)} onChange={(e) => form.set('name', e.target.value)} autoFocus={!partner} />}
              </Field>
              <Field label="Type de structure" required error={form.errors.type} wide>
                {(id, d) => (
                  <CodeSelect
                    id={id}
                    aria-describedby={d}
                    codes={partnerTypes.codes}
                    labels={partnerTypes.labels}
                    value={values.type}
                    onChange={(type) => form.set('type', type as PartnerFields['type'])}
                    empty="Choisissez un type…"
                  />
                )}
              </Field>
              <fieldset className="field wide checkbox-group">
                <legend>Domaines d’intervention</legend>
                <div className="checkbox-grid">
                  {interventionDomains.codes.map((code) => (
                    <label key={code} className="checkbox">
                      <input type="checkbox" checked={(values.domains ?? []).includes(code)} onChange={() => toggleDomain(code)} />
                      {interventionDomains.labels[code]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field label="Adresse" error={form.errors.address} wide>
                {(id, d) => <input id={id} aria-describedby={d} value={text(values.address)} onChange={(e) => form.set('address', e.target.value)} />}
              </Field>
              <Field label="Code postal" error={form.errors.postcode}>
                {(id, d) => (
                  <input id={id} aria-describedby={d} inputMode="numeric" maxLength={5} value={text(values.postcode)} onChange={(e) => form.set('postcode', e.target.value)} />
                )}
              </Field>
              <Field label="Commune" error={form.errors.commune}>
                {(id, d) => <input id={id} aria-describedby={d} value={text(values.commune)} onChange={(e) => form.set('commune', e.target.value)} />}
              </Field>
              <Field label="Site internet" error={form.errors.website}>
                {(id, d) => <input id={id} aria-describedby={d} placeholder="www.exemple.fr" value={text(values.website)} onChange={(e) => form.set('website', e.target.value)} />}
              </Field>
              <Field label="SIRET" error={form.errors.siret} hint="Facultatif : 14 chiffres.">
                {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={text(values.siret)} onChange={(e) => form.set('siret', e.target.value)} />}
              </Field>
              <Field label="Notes" error={form.errors.notes} hint={PRIVACY_HINT} wide>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={text(values.notes)} onChange={(e) => form.set('notes', e.target.value)} />}
              </Field>
            </div>
          </EditableFields>
          {(values.type === 'association_sortie' || values.agrementOn) && <AgrementFields form={form} />}
          <FormError message={form.formError} />
          <div className="actions">
            <Writes>
              <button type="submit" className="button primary" disabled={form.saving}>
                {form.saving ? 'Enregistrement…' : partner ? 'Enregistrer' : 'Créer la structure'}
              </button>
            </Writes>
            <button type="button" className="button" onClick={() => confirmLeave(() => navigate('partenaires'))}>
              {partner ? 'Fermer' : 'Annuler'}
            </button>
          </div>
        </form>
        {partner ? (
          <div className="stack">
            <ContactsPanel partner={partner} onChange={setPartner} />
            <PartnerFollowUps partnerId={partner.id} />
          </div>
        ) : (
          <section className="card muted-card">
            <h2>Contacts</h2>
            <p>Créez d’abord la structure : vous pourrez ensuite y ajouter ses contacts.</p>
          </section>
        )}
      </div>
      {partner && (
        <ConfirmDialog
          open={confirmDelete}
          title="Supprimer cette structure ?"
          confirmLabel="Supprimer définitivement"
          danger
          onConfirm={remove}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            La structure <strong>« {partner.name} »</strong> sera supprimée.
          </p>
          <DeletionConsequences usage={partner.usage} />
        </ConfirmDialog>
      )}
    </div>
  );
}

/**
 * The préfet's approval to carry out parcours de sortie (CASF R. 121-12-3): three years unless the
 * decision says otherwise. A request from an association without one in force is flagged.
 */
function AgrementFields({ form }: { form: ReturnType<typeof useForm<typeof partnerFields>> }) {
  const values = form.values;
  const state = agrementState({ agrementOn: values.agrementOn ?? null, agrementYears: values.agrementYears ?? AGREMENT_YEARS }, parisToday(new Date()));
  return (
    <fieldset className="field wide agrement">
      <legend>Agrément pour le parcours de sortie de la prostitution</legend>
      <div className="form-grid">
        <Field label="Agréée le" error={form.errors.agrementOn}>
          {(id, d) => <DateInput id={id} aria-describedby={d} value={values.agrementOn} onChange={(value) => form.set('agrementOn', value)} />}
        </Field>
        <Field label="Pour (années)" error={form.errors.agrementYears} hint={`${AGREMENT_YEARS} ans, sauf décision contraire.`}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              min={1}
              max={10}
              inputMode="numeric"
              value={values.agrementYears ?? ''}
              placeholder={String(AGREMENT_YEARS)}
              onChange={(e) => form.set('agrementYears', e.target.value === '' ? null : Number(e.target.value))}
            />
          )}
        </Field>
        <Field label="Par la préfecture" error={form.errors.agrementPrefecture} wide hint="Celle du département du siège de l’association.">
          {(id, d) => <input id={id} aria-describedby={d} value={text(values.agrementPrefecture)} onChange={(e) => form.set('agrementPrefecture', e.target.value)} />}
        </Field>
      </div>
      <p className={state.status === 'valide' ? 'muted' : 'notice warning'} role="status">
        {state.status === 'valide' ? `Agrément en cours, jusqu’au ${formatDate(state.until)}.` : state.status === 'expire' ? `Agrément expiré : il valait jusqu’au ${formatDate(state.until)}.` : 'Aucun agrément enregistré : les demandes de cette association seront signalées.'}
      </p>
    </fieldset>
  );
}

/** Says exactly what goes with the structure and what stays, before the user confirms. */
function DeletionConsequences({ usage }: { usage: PartnerUsage }) {
  const items = [
    usage.contacts > 0 && `${plural(usage.contacts, 'contact')} ${usage.contacts > 1 ? 'seront supprimés' : 'sera supprimé'} avec elle.`,
    usage.actionsPiloted > 0 && `${plural(usage.actionsPiloted, 'fiche action', 'fiches actions')} n’${usage.actionsPiloted > 1 ? 'auront' : 'aura'} plus de pilote.`,
    usage.actionsContributed > 0 && `Elle sera retirée des contributeurs de ${plural(usage.actionsContributed, 'fiche action', 'fiches actions')}.`,
    usage.protocolsSigned > 0 && `Son nom restera inscrit sur ${plural(usage.protocolsSigned, 'protocole')} qu’elle a signé${usage.protocolsSigned > 1 ? 's' : ''}.`,
    usage.meetingAttendances > 0 && `Les comptes rendus de séance garderont son nom (${plural(usage.meetingAttendances, 'participation')}).`,
    usage.followUps > 0 && `${plural(usage.followUps, 'suite à donner', 'suites à donner')} n’${usage.followUps > 1 ? 'auront' : 'aura'} plus de structure responsable.`,
  ].filter(Boolean);
  return (
    <>
      {items.length > 0 && (
        <ul className="consequences">
          {items.map((item) => (
            <li key={item as string}>{item}</li>
          ))}
        </ul>
      )}
      <p>Cette suppression est définitive.</p>
    </>
  );
}

