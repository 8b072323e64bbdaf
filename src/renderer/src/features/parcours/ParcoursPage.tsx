import { useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '../../../../shared/format';
import {
  meetingKinds,
  parcoursAgeBands,
  parcoursDecisions,
  parcoursEndReasons,
  parcoursExitReasons,
  parcoursNationalities,
  parcoursOpinions,
  parcoursRights,
  parcoursSexes,
} from '../../../../shared/labels';
import type { ParcoursDetail, ParcoursOptions } from '../../../../shared/model/parcours';
import { agrementWarning, parcoursKind, periodEnd } from '../../../../shared/parcours';
import { LEGAL_REFERENCES } from '../../../../shared/meeting-rules';
import { parcoursFields, type ParcoursFields } from '../../../../shared/schemas/parcours';
import { formatWallClock } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog } from '../../components/Dialog';
import { Field, FormError, PRIVACY_HINT, text, useForm } from '../../components/form';
import { RecordToolbar } from '../../components/RecordToolbar';
import { Icon } from '../../components/icons';
import { useUndoableDelete, useToast } from '../../components/Toast';
import { confirmLeave } from '../../components/unsaved';
import { navigate } from '../../router';
import { SearchPicker, SearchSelect, type PickerItem } from '../../components/SearchPicker';
import { LoadError } from '../../components/LoadError';
import { BackLink } from '../../components/BackLink';
import { deadlineLabels, stateLabel } from './labels';
import { EditableFields, Writes } from '../../components/ReadOnly';

const empty: ParcoursFields = {
  reference: '',
  associationId: null,
  associationName: '',
  previousId: null,
  receivedOn: '',
  meetingId: null,
  opinion: null,
  opinionOn: null,
  opinionReasons: '',
  decision: null,
  decisionOn: null,
  decreeRef: '',
  startsOn: null,
  endsOn: null,
  rights: [],
  endReason: null,
  closedOn: null,
  sex: null,
  ageBand: null,
  nationality: null,
  notes: '',
};

/** The form holds what the user set; dates Maillage derived (start, end, « Renouvelé ») are shown, not re-sent. */
function toFields(d: ParcoursDetail): ParcoursFields {
  const chosenEnd = d.endReason && (parcoursExitReasons as readonly string[]).includes(d.endReason);
  return {
    reference: d.reference,
    associationId: d.associationId,
    associationName: d.associationName,
    previousId: d.previousId,
    receivedOn: d.receivedOn,
    meetingId: d.meetingId,
    opinion: d.opinion,
    opinionOn: d.opinionOn,
    opinionReasons: d.opinionReasons,
    decision: d.decision,
    decisionOn: d.decisionOn,
    decreeRef: d.decreeRef,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    rights: d.rights,
    endReason: chosenEnd ? (d.endReason as ParcoursFields['endReason']) : null,
    closedOn: chosenEnd ? d.closedOn : null,
    sex: d.sex as ParcoursFields['sex'],
    ageBand: d.ageBand as ParcoursFields['ageBand'],
    nationality: d.nationality as ParcoursFields['nationality'],
    notes: d.notes,
  };
}

export function ParcoursPage({ requestId }: { requestId: string | null }) {
  const [request, setRequest] = useState<ParcoursDetail | null>(null);
  const [options, setOptions] = useState<ParcoursOptions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm(parcoursFields, empty);
  const toast = useToast();
  const undoableDelete = useUndoableDelete();
  const { reset } = form;

  useEffect(() => {
    api.parcours.options().then(setOptions, (error) => setLoadError(errorMessage(error)));
    if (!requestId) return;
    api.parcours.get({ id: requestId }).then(
      (r) => {
        setRequest(r);
        reset(toFields(r));
      },
      (error) => setLoadError(errorMessage(error)),
    );
  }, [requestId, reset]);

  const v = form.values;
  const associations = useMemo(
    () => (options?.associations ?? []).map((a) => ({ id: a.id, label: a.name, group: a.approved ? 'Associations agréées' : 'Autres structures' })),
    [options],
  );
  const renewable = (options?.renewable ?? []).filter((r) => r.id !== request?.id);
  if (request?.previousId && !renewable.some((r) => r.id === request.previousId) && request.previousReference) {
    renewable.unshift({ id: request.previousId, reference: request.previousReference, associationId: null, associationName: '', renewalNumber: request.renewalNumber - 1, endsOn: null, chainStart: null });
  }

  const save = form.submit(async (input) => {
    const saved = request ? await api.parcours.update({ ...input, id: request.id }) : await api.parcours.create(input);
    setRequest(saved);
    form.reset(toFields(saved));
    toast(request ? 'Demande enregistrée.' : `Demande ${saved.reference} enregistrée.`);
    if (!request) navigate('parcours', saved.id);
  });

  async function remove() {
    if (!request) return;
    setConfirmDelete(false);
    const id = request.id;
    if (await undoableDelete(() => api.parcours.delete({ id }), `La demande ${request.reference} a été supprimée.`, () => navigate('parcours', id))) navigate('parcours');
  }

  if (loadError) return <LoadError message={loadError} back={<BackLink href="#/parcours">Toutes les demandes</BackLink>} />;
  if ((requestId && !request) || !options) return <div className="loading">Chargement…</div>;

  const isRenewal = v.previousId !== null && v.previousId !== undefined;
  const defaultEnd = v.decision === 'autorise' && !v.endsOn && (v.startsOn ?? v.decisionOn) ? periodEnd((v.startsOn ?? v.decisionOn)!) : null;
  // Both lists run to hundreds in a large commission: searchable, the examining meetings first.
  const meetingItems: PickerItem[] = [...options.meetings]
    .sort((a, b) => Number(b.kind === 'examen_parcours') - Number(a.kind === 'examen_parcours'))
    .map((m) => ({ id: m.id, label: `${meetingKinds.labels[m.kind]} du ${formatWallClock(m.startsAt)}`, group: m.kind === 'examen_parcours' ? 'Séances d’examen des demandes' : 'Autres séances' }));
  const renewalItems: PickerItem[] = renewable.map((r) => ({
    id: r.id,
    label: `Renouvellement n° ${r.renewalNumber + 1} de ${r.reference}`,
    detail: [r.associationName, r.endsOn ? `fin le ${formatDate(r.endsOn)}` : ''].filter(Boolean).join(' · '),
    keys: [r.reference],
  }));

  return (
    <div className="page parcours-page">
      <BackLink href="#/parcours">Toutes les demandes</BackLink>
      <header className="page-header">
        <div>
          <h1>{request ? `Demande ${request.reference}` : 'Nouvelle demande de parcours de sortie'}</h1>
          {request && (
            <p className="subtitle">
              {parcoursKind(request.renewalNumber)} · <span className={`parcours-state parcours-state-${request.state}`}>{stateLabel(request)}</span> · modifiée le{' '}
              {formatDateTime(request.updatedAt)}
            </p>
          )}
        </div>
        {request && (
          <RecordToolbar history={{ entity: 'parcours_request', id: request.id, title: request.reference }} deleteLabel="Supprimer la demande" onDelete={() => setConfirmDelete(true)} />
        )}
      </header>
      {request?.deadline && (
        <p className="banner banner-warning" role="status">
          <Icon name="clock" size={18} />
          {deadlineLabels[request.deadline]}
          {request.deadline === 'renewal_due' && request.endsOn && ` : le parcours se termine le ${formatDate(request.endsOn)}.`}
          {request.deadline === 'end_passed' && request.endsOn && ` (le ${formatDate(request.endsOn)}) : indiquez le motif et la date de fin, ou enregistrez son renouvellement.`}
        </p>
      )}
      <form className="parcours-form" onSubmit={save} noValidate aria-label="Demande de parcours de sortie">
        <EditableFields>
          <section className="card form" aria-labelledby="ps-request">
            <h2 id="ps-request">Demande</h2>
            <div className="form-grid">
              <Field label="Référence" error={form.errors.reference} hint={request ? undefined : 'Laissez vide : Maillage numérote PS-année-numéro. Ou saisissez la référence de l’association.'}>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.reference)} onChange={(e) => form.set('reference', e.target.value)} autoFocus={!request} />}
              </Field>
              <Field label="Reçue le" required error={form.errors.receivedOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.receivedOn} onChange={(value) => form.set('receivedOn', value ?? '')} />}
              </Field>
              <Field label="Association agréée qui présente la demande" required error={form.errors.associationName} wide hint={v.associationName ? `Choisie : ${v.associationName}` : 'Tapez quelques lettres du nom.'}>
                {(id, d) => (
                  <SearchPicker
                    id={id}
                    describedBy={d}
                    items={associations}
                    placeholder={v.associationName ? `${v.associationName} — tapez pour changer` : 'Rechercher dans l’annuaire…'}
                    onPick={(item) => {
                      form.set('associationId', item.id);
                      form.set('associationName', item.label);
                    }}
                  />
                )}
              </Field>
              <Field label="Nature" error={form.errors.previousId} wide hint={v.previousId ? undefined : 'Première demande. Pour un renouvellement, recherchez la demande renouvelée (sa référence).'}>
                {(id, d) => (
                  <SearchSelect
                    id={id}
                    describedBy={d}
                    items={renewalItems}
                    value={v.previousId ?? null}
                    noun="le renouvellement"
                    placeholder="Première demande — rechercher la demande renouvelée…"
                    onChange={(previousId) => {
                      const prev = renewable.find((r) => r.id === previousId);
                      form.set('previousId', prev?.id ?? null);
                      if (prev?.associationId && !v.associationName) {
                        form.set('associationId', prev.associationId);
                        form.set('associationName', prev.associationName);
                      }
                    }}
                  />
                )}
              </Field>
            </div>
            {request?.agrement && agrementWarning(request.agrement) && (
              <p className="notice warning" role="note">
                {request.associationName} : {agrementWarning(request.agrement)} {request.meetingStartsAt ? 'à la date de la séance d’examen' : 'à ce jour'}. Une demande se présente par une association agréée
                ({LEGAL_REFERENCES.agrement}).
              </p>
            )}
            {request && request.chain.length > 1 && (
              <div className="parcours-chain" aria-label="Parcours de la personne">
                <h3>Parcours de la personne (24 mois au plus{request.capDate ? `, jusqu’au ${formatDate(request.capDate)}` : ''})</h3>
                <ol>
                  {request.chain.map((c) => (
                    <li key={c.id} className={c.id === request.id ? 'current' : undefined}>
                      <a href={`#/parcours/${c.id}`}>{c.reference}</a> · {parcoursKind(c.renewalNumber)}
                      {c.startsOn && c.endsOn ? ` · du ${formatDate(c.startsOn)} au ${formatDate(c.endsOn)}` : ''}
                    </li>
                  ))}
                </ol>
              </div>
            )}
          </section>

          <section className="card form" aria-labelledby="ps-opinion">
            <h2 id="ps-opinion">Avis de la commission</h2>
            <div className="form-grid">
              <Field label="Séance d’examen" error={form.errors.meetingId} wide hint={v.meetingId ? undefined : 'Pas encore inscrite à une séance.'}>
                {(id, d) => (
                  <SearchSelect
                    id={id}
                    describedBy={d}
                    items={meetingItems}
                    value={v.meetingId ?? null}
                    noun="la séance"
                    placeholder="Rechercher une séance par sa date ou son type…"
                    onChange={(meetingId) => form.set('meetingId', meetingId)}
                  />
                )}
              </Field>
              <Field label="Avis" error={form.errors.opinion}>
                {(id, d) => <CodeSelect id={id} aria-describedby={d} value={v.opinion} labels={parcoursOpinions.labels} codes={parcoursOpinions.codes} onChange={(x) => form.set('opinion', x)} empty="Pas encore rendu" />}
              </Field>
              {!v.meetingId && (
                <Field label="Avis rendu le" error={form.errors.opinionOn} hint="Sans séance choisie (avis repris d’un ancien registre).">
                  {(id, d) => <DateInput id={id} aria-describedby={d} value={v.opinionOn} onChange={(x) => form.set('opinionOn', x)} />}
                </Field>
              )}
              <Field label="Motifs et observations" error={form.errors.opinionReasons} hint={PRIVACY_HINT} wide>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={text(v.opinionReasons)} onChange={(e) => form.set('opinionReasons', e.target.value)} />}
              </Field>
            </div>
          </section>

          <section className="card form" aria-labelledby="ps-decision">
            <h2 id="ps-decision">Décision du préfet</h2>
            <div className="form-grid">
              <Field label="Décision" error={form.errors.decision}>
                {(id, d) => <CodeSelect id={id} aria-describedby={d} value={v.decision} labels={parcoursDecisions.labels} codes={parcoursDecisions.codes} onChange={(x) => form.set('decision', x)} empty="Pas encore prise" />}
              </Field>
              <Field label="Date de la décision" error={form.errors.decisionOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.decisionOn} onChange={(x) => form.set('decisionOn', x)} />}
              </Field>
              <Field label="Référence de l’arrêté" error={form.errors.decreeRef}>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.decreeRef)} onChange={(e) => form.set('decreeRef', e.target.value)} />}
              </Field>
              {v.decision === 'autorise' && (
                <>
                  <Field label="Début du parcours" error={form.errors.startsOn} hint={isRenewal ? 'Vide : le lendemain de la fin du parcours renouvelé.' : 'Vide : la date de la décision.'}>
                    {(id, d) => <DateInput id={id} aria-describedby={d} value={v.startsOn} onChange={(x) => form.set('startsOn', x)} />}
                  </Field>
                  <Field label="Fin du parcours" error={form.errors.endsOn} hint={defaultEnd ? `Vide : 6 mois, soit le ${formatDate(defaultEnd)}.` : 'Vide : 6 mois après le début.'}>
                    {(id, d) => <DateInput id={id} aria-describedby={d} value={v.endsOn} onChange={(x) => form.set('endsOn', x)} />}
                  </Field>
                  <fieldset className="field checkbox-group wide">
                    <legend>Droits ouverts</legend>
                    <div className="checkbox-list">
                      {parcoursRights.codes.map((c) => (
                        <label key={c} className="checkbox">
                          <input
                            type="checkbox"
                            checked={(v.rights ?? []).includes(c)}
                            onChange={(e) => form.set('rights', e.target.checked ? [...(v.rights ?? []), c] : (v.rights ?? []).filter((x) => x !== c))}
                          />
                          {parcoursRights.labels[c]}
                        </label>
                      ))}
                    </div>
                    {form.errors.rights && <div className="error">{form.errors.rights}</div>}
                  </fieldset>
                </>
              )}
            </div>
          </section>

          <section className="card form" aria-labelledby="ps-end">
            <h2 id="ps-end">Fin</h2>
            {request?.endReason === 'renouvele' && <p className="muted">Ce parcours s’est poursuivi par son renouvellement le {formatDate(request.closedOn)}.</p>}
            {request?.endReason === 'refus' && <p className="muted">Demande close par le refus du préfet.</p>}
            <div className="form-grid">
              <Field label="Motif de fin" error={form.errors.endReason}>
                {(id, d) => (
                  <CodeSelect
                    id={id}
                    aria-describedby={d}
                    value={v.endReason}
                    labels={parcoursEndReasons.labels}
                    codes={parcoursExitReasons}
                    onChange={(x) => form.set('endReason', x as ParcoursFields['endReason'])}
                    empty="En cours ou en instruction"
                  />
                )}
              </Field>
              <Field label="Date de fin" error={form.errors.closedOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.closedOn} onChange={(x) => form.set('closedOn', x)} />}
              </Field>
            </div>
          </section>

          <section className="card form" aria-labelledby="ps-stats">
            <h2 id="ps-stats">Données statistiques (facultatives)</h2>
            <p className="muted">Seules ces catégories sont enregistrées : aucune donnée d’identité.</p>
            <div className="form-grid three">
              <Field label="Sexe" error={form.errors.sex}>
                {(id, d) => <CodeSelect id={id} aria-describedby={d} value={v.sex} labels={parcoursSexes.labels} codes={parcoursSexes.codes} onChange={(x) => form.set('sex', x)} empty="Non renseigné" />}
              </Field>
              <Field label="Tranche d’âge" error={form.errors.ageBand}>
                {(id, d) => <CodeSelect id={id} aria-describedby={d} value={v.ageBand} labels={parcoursAgeBands.labels} codes={parcoursAgeBands.codes} onChange={(x) => form.set('ageBand', x)} empty="Non renseignée" />}
              </Field>
              <Field label="Nationalité" error={form.errors.nationality}>
                {(id, d) => <CodeSelect id={id} aria-describedby={d} value={v.nationality} labels={parcoursNationalities.labels} codes={parcoursNationalities.codes} onChange={(x) => form.set('nationality', x)} empty="Non renseignée" />}
              </Field>
            </div>
            <Field label="Notes" error={form.errors.notes} hint={PRIVACY_HINT} wide>
              {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={text(v.notes)} onChange={(e) => form.set('notes', e.target.value)} />}
            </Field>
          </section>
        </EditableFields>

        <FormError message={form.formError} />
        <div className="actions">
          <Writes>
            <button type="submit" className="button primary" disabled={form.saving}>
              {form.saving ? 'Enregistrement…' : request ? 'Enregistrer' : 'Enregistrer la demande'}
            </button>
          </Writes>
          <button type="button" className="button" onClick={() => confirmLeave(() => navigate('parcours'))}>
            {request ? 'Fermer' : 'Annuler'}
          </button>
        </div>
      </form>
      <ConfirmDialog open={confirmDelete} title="Supprimer cette demande ?" confirmLabel="Supprimer définitivement" danger onConfirm={remove} onCancel={() => setConfirmDelete(false)}>
        <p>
          La demande <strong>{request?.reference}</strong> sera retirée du registre et des chiffres. Pour une demande close depuis plus de cinq ans, utilisez plutôt
          « Conservation », qui garde ses comptes dans les chiffres passés.
        </p>
      </ConfirmDialog>
    </div>
  );
}

