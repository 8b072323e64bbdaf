import { useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime, formatEuros, formatNumber, plural } from '../../../../shared/format';
import { actionStatuses, measureName } from '../../../../shared/labels';
import type { ActionDetail, Framework } from '../../../../shared/model/measures';
import { actionCreate, type ActionCreateFields } from '../../../../shared/schemas/actions';
import type { PartnerOption } from '../../../../shared/types';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog } from '../../components/Dialog';
import { Field, FormError, PRIVACY_HINT, text, useForm } from '../../components/form';
import { RecordToolbar } from '../../components/RecordToolbar';
import { Icon } from '../../components/icons';
import { useUndoableDelete, useToast } from '../../components/Toast';
import { confirmLeave } from '../../components/unsaved';
import { focusIfCreated, navigate, navigateToCreated } from '../../router';
import { MeteoBadge, ProgressBar, StatusBadge } from './badges';
import { IndicatorsPanel } from './IndicatorsPanel';
import { JournalDialog, JournalPanel } from './JournalPanel';
import { MeteoChoice } from './MeteoChoice';
import { measureItems, nodesById, partnerItems } from '../../components/pickerItems';
import { SearchPicker } from '../../components/SearchPicker';
import { LoadError } from '../../components/LoadError';
import { BackLink } from '../../components/BackLink';
import './action.css';
import { EditableFields, Writes } from '../../components/ReadOnly';

function emptyFiche(measureId: string | null): ActionCreateFields {
  return {
    code: '',
    title: '',
    description: '',
    expectedResults: '',
    measureIds: measureId ? [measureId] : [],
    pilotPartnerId: null,
    partnerIds: [],
    startsOn: null,
    endsOn: null,
    budget: '',
    funders: '',
    status: 'a_lancer',
    meteo: null,
    meteoReason: '',
    progress: 0,
  };
}

function toFields(a: ActionDetail): ActionCreateFields {
  return {
    code: a.code,
    title: a.title,
    description: a.description,
    expectedResults: a.expectedResults,
    measureIds: a.measures.map((m) => m.id),
    pilotPartnerId: a.pilot?.id ?? null,
    partnerIds: a.partners.map((p) => p.id),
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    budget: a.budget === null ? '' : formatNumber(a.budget),
    funders: a.funders,
    status: a.status,
    meteo: a.meteo,
    meteoReason: a.meteoReason,
    progress: a.progress,
  };
}

/** #/mesures/fiches/<id>: a fiche action with its state, journal and indicators; or a new one. */
export function ActionPage({ actionId, measureId }: { actionId: string | null; measureId: string | null }) {
  const [action, setAction] = useState<ActionDetail | null>(null);
  const [frameworks, setFrameworks] = useState<Framework[] | null>(null);
  const [partners, setPartners] = useState<PartnerOption[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [updating, setUpdating] = useState(false);
  const form = useForm(actionCreate, emptyFiche(measureId));
  const toast = useToast();
  const undoableDelete = useUndoableDelete();
  const { reset } = form;

  useEffect(() => {
    Promise.all([api.catalogue.tree(), api.partners.options(), actionId ? api.actions.get({ id: actionId }) : Promise.resolve(null)]).then(
      ([tree, list, detail]) => {
        setFrameworks(tree);
        setPartners(list);
        if (detail) {
          setAction(detail);
          reset(toFields(detail));
        }
      },
      (error) => setLoadError(errorMessage(error)),
    );
  }, [actionId, reset]);

  const nodes = useMemo(() => nodesById(frameworks ?? []), [frameworks]);
  const measureChoices = useMemo(() => measureItems(frameworks ?? []), [frameworks]);
  const partnerChoices = useMemo(() => partnerItems(partners ?? []), [partners]);
  const partnerName = useMemo(() => new Map((partners ?? []).map((p) => [p.id, p.name])), [partners]);

  const save = form.submit(async (input) => {
    let saved: ActionDetail;
    if (action) {
      const { status: _s, meteo: _m, meteoReason: _r, progress: _p, ...fiche } = input;
      saved = await api.actions.update({ ...fiche, id: action.id });
    } else {
      saved = await api.actions.create(input);
    }
    setAction(saved);
    form.reset(toFields(saved));
    toast(action ? 'Fiche action enregistrée.' : `Fiche ${saved.code} créée : suivez son avancement dans le journal.`);
    if (!action) navigateToCreated('mesures', 'fiches', saved.id);
  });

  async function remove() {
    if (!action) return;
    setConfirmDelete(false);
    const id = action.id;
    if (await undoableDelete(() => api.actions.delete({ id }), `La fiche « ${action.title} » a été supprimée.`, () => navigate('mesures', 'fiches', id))) navigate('mesures', 'fiches');
  }

  function changed(detail: ActionDetail, message: string) {
    setAction(detail);
    // A deletion says itself, with « Annuler » (JournalPanel).
    if (message) toast(message);
  }

  if (loadError) return <LoadError message={loadError} back={<BackLink href="#/mesures/fiches">Toutes les fiches actions</BackLink>} />;
  if (!frameworks || !partners || (actionId && !action)) return <div className="loading">Chargement…</div>;

  const v = form.values;
  const measureIds = v.measureIds ?? [];
  const partnerIds = v.partnerIds ?? [];

  return (
    <div className="page">
      <BackLink href="#/mesures/fiches">Toutes les fiches actions</BackLink>
      <header className="page-header">
        <div>
          <h1 ref={focusIfCreated} tabIndex={-1}>{action ? action.title : 'Nouvelle fiche action'}</h1>
          {action && (
            <p className="subtitle header-line">
              <span className="code-tag">{action.code}</span>
              <StatusBadge status={action.status} />
              <MeteoBadge meteo={action.meteo} />
              <ProgressBar value={action.progress} />
              <span>· modifiée le {formatDateTime(action.updatedAt)}</span>
            </p>
          )}
        </div>
        {action && (
          <RecordToolbar history={{ entity: 'action', id: action.id, title: action.title }} deleteLabel="Supprimer" onDelete={() => setConfirmDelete(true)}>
            <Writes>
              <button type="button" className="button primary" onClick={() => setUpdating(true)}>
                <Icon name="journal" size={18} />
                Mettre à jour l’avancement
              </button>
            </Writes>
          </RecordToolbar>
        )}
      </header>
      <div className="two-columns">
        <form className="card form" onSubmit={save} noValidate aria-label="Fiche action">
          <h2>Fiche</h2>
          <EditableFields>
            <div className="form-grid">
              <Field label="Intitulé" required error={form.errors.title} wide>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.title)} onChange={(e) => form.set('title', e.target.value)} autoFocus={!action} />}
              </Field>
              <Field label="Référence" error={form.errors.code} hint={action ? undefined : 'Laissez vide : une référence FA-… sera attribuée.'}>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.code)} onChange={(e) => form.set('code', e.target.value)} placeholder="FA-001" />}
              </Field>
              <div />
              <Field label="Mesures nationales" required error={form.errors.measureIds} wide hint="Une ou plusieurs mesures, ou seulement un axe de la stratégie 2024, ou la priorité 5 du plan 2021 (qui n’a pas d’action numérotée).">
                {(id, d) => (
                  <div className="chips-field">
                    {measureIds.length > 0 && (
                      <ul className="chips">
                        {measureIds.map((nodeId) => {
                          const entry = nodes.get(nodeId);
                          return (
                            <li key={nodeId} className="chip" title={entry?.node.title}>
                              <span>
                                <strong>{entry ? measureName(entry.framework.shortTitle, entry.node.label) : 'Mesure inconnue'}</strong>
                                {entry && <span className="chip-detail"> — {entry.node.shortTitle ?? entry.node.title}</span>}
                                {entry?.node.retiredAt && <span className="badge badge-warning">retirée</span>}
                              </span>
                              <button
                                type="button"
                                className="chip-remove"
                                aria-label={`Retirer ${entry?.node.label ?? 'cette mesure'}`}
                                onClick={() => form.set('measureIds', measureIds.filter((m) => m !== nodeId))}
                              >
                                ×
                              </button>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                    <SearchPicker
                      id={id}
                      describedBy={d}
                      items={measureChoices}
                      exclude={measureIds}
                      placeholder="Rechercher une mesure : « A5 », « repérage », « axe 2 »…"
                      onPick={(item) => form.set('measureIds', [...measureIds, item.id])}
                    />
                  </div>
                )}
              </Field>
              <Field label="Structure pilote" error={form.errors.pilotPartnerId} wide>
                {(id, d) =>
                  v.pilotPartnerId ? (
                    <div className="chip single">
                      <span>
                        <strong>{partnerName.get(v.pilotPartnerId) ?? 'Structure supprimée'}</strong>
                      </span>
                      <button type="button" className="chip-remove" aria-label="Retirer le pilote" onClick={() => form.set('pilotPartnerId', null)}>
                        ×
                      </button>
                    </div>
                  ) : (
                    <SearchPicker id={id} describedBy={d} items={partnerChoices} placeholder="Rechercher une structure dans Partenaires…" onPick={(item) => form.set('pilotPartnerId', item.id)} />
                  )
                }
              </Field>
              <Field label="Structures contributrices" error={form.errors.partnerIds} wide>
                {(id, d) => (
                  <div className="chips-field">
                    {partnerIds.length > 0 && (
                      <ul className="chips">
                        {partnerIds.map((partnerId) => (
                          <li key={partnerId} className="chip">
                            <span>{partnerName.get(partnerId) ?? 'Structure supprimée'}</span>
                            <button
                              type="button"
                              className="chip-remove"
                              aria-label={`Retirer ${partnerName.get(partnerId) ?? 'cette structure'}`}
                              onClick={() => form.set('partnerIds', partnerIds.filter((p) => p !== partnerId))}
                            >
                              ×
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                    <SearchPicker
                      id={id}
                      describedBy={d}
                      items={partnerChoices}
                      exclude={[...partnerIds, ...(v.pilotPartnerId ? [v.pilotPartnerId] : [])]}
                      placeholder="Ajouter une structure contributrice…"
                      onPick={(item) => form.set('partnerIds', [...partnerIds, item.id])}
                    />
                  </div>
                )}
              </Field>
              <Field label="Début" error={form.errors.startsOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.startsOn} onChange={(value) => form.set('startsOn', value)} />}
              </Field>
              <Field label="Fin prévue" error={form.errors.endsOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.endsOn} onChange={(value) => form.set('endsOn', value)} />}
              </Field>
              <Field label="Budget (€)" error={form.errors.budget}>
                {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={text(v.budget as string)} onChange={(e) => form.set('budget', e.target.value)} placeholder="12 500" />}
              </Field>
              <Field label="Financeurs" error={form.errors.funders}>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.funders)} onChange={(e) => form.set('funders', e.target.value)} placeholder="FIPD, conseil départemental…" />}
              </Field>
              {!action && <InitialState form={form} />}
              <Field label="Description" error={form.errors.description} hint={PRIVACY_HINT} wide>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={text(v.description)} onChange={(e) => form.set('description', e.target.value)} />}
              </Field>
              <Field label="Résultats attendus" error={form.errors.expectedResults} wide>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.expectedResults)} onChange={(e) => form.set('expectedResults', e.target.value)} />}
              </Field>
            </div>
          </EditableFields>
          <FormError message={form.formError} />
          <div className="actions">
            <Writes>
              <button type="submit" className="button primary" disabled={form.saving}>
                {form.saving ? 'Enregistrement…' : action ? 'Enregistrer' : 'Créer la fiche action'}
              </button>
            </Writes>
            <button type="button" className="button" onClick={() => confirmLeave(() => navigate('mesures', 'fiches'))}>
              {action ? 'Fermer' : 'Annuler'}
            </button>
          </div>
        </form>
        {action ? (
          <div className="stack">
            <StateCard action={action} onUpdate={() => setUpdating(true)} />
            <IndicatorsPanel action={action} onChange={changed} />
            <JournalPanel action={action} onChange={changed} />
          </div>
        ) : (
          <section className="card muted-card">
            <h2>Journal et indicateurs</h2>
            <p>Une fois la fiche créée, vous suivrez ici son avancement : entrées datées du journal (statut, météo, avancement) et indicateurs chiffrés avec leur cible.</p>
          </section>
        )}
      </div>
      {action && updating && (
        <JournalDialog
          action={action}
          entry={null}
          onClose={() => setUpdating(false)}
          onSaved={(detail) => {
            setUpdating(false);
            changed(detail, 'Entrée ajoutée au journal.');
          }}
        />
      )}
      {action && (
        <ConfirmDialog open={confirmDelete} title="Supprimer cette fiche action ?" confirmLabel="Supprimer définitivement" danger onConfirm={remove} onCancel={() => setConfirmDelete(false)}>
          <p>
            La fiche <strong>« {action.title} »</strong> sera supprimée, avec {plural(action.journal.length, 'entrée', 'entrées')} de journal et{' '}
            {plural(action.indicators.length, 'indicateur')}.
          </p>
          <p>Cette suppression est définitive.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Status, météo and progress a new fiche starts with; afterwards the journal changes them. */
function InitialState({ form }: { form: ReturnType<typeof useForm<typeof actionCreate>> }) {
  const v = form.values;
  return (
    <>
      <Field label="Statut de départ" error={form.errors.status}>
        {(id, d) => (
          <CodeSelect id={id} aria-describedby={d} codes={actionStatuses.codes} labels={actionStatuses.labels} value={v.status ?? 'a_lancer'} onChange={(status) => form.set('status', status ?? 'a_lancer')} />
        )}
      </Field>
      <Field label="Avancement (%)" error={form.errors.progress}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            type="number"
            min={0}
            max={100}
            step={5}
            value={v.progress ?? 0}
            onChange={(e) => form.set('progress', e.target.value === '' ? 0 : Number(e.target.value))}
          />
        )}
      </Field>
      <MeteoChoice value={v.meteo ?? null} onChange={(m) => form.set('meteo', m)} error={form.errors.meteo} />
      <Field label="Motif de la météo" error={form.errors.meteoReason} wide>
        {(id, d) => <input id={id} aria-describedby={d} value={text(v.meteoReason)} onChange={(e) => form.set('meteoReason', e.target.value)} />}
      </Field>
    </>
  );
}

function StateCard({ action, onUpdate }: { action: ActionDetail; onUpdate: () => void }) {
  return (
    <section className="card" aria-label="État de la fiche">
      <div className="card-header">
        <h2>Où en est-on ?</h2>
        <Writes>
          <button type="button" className="link-button" onClick={onUpdate}>
            Mettre à jour
          </button>
        </Writes>
      </div>
      <dl className="state-list">
        <dt>Statut</dt>
        <dd>
          <StatusBadge status={action.status} />
        </dd>
        <dt>Météo</dt>
        <dd>
          <MeteoBadge meteo={action.meteo} meaning />
          {action.meteoReason && <span className="meteo-reason">{action.meteoReason}</span>}
        </dd>
        <dt>Avancement</dt>
        <dd>
          <ProgressBar value={action.progress} />
        </dd>
        <dt>Période</dt>
        <dd>
          {action.startsOn || action.endsOn ? `${formatDate(action.startsOn) || '…'} → ${formatDate(action.endsOn) || '…'}` : <span className="muted">Non renseignée</span>}
          {action.overdue && (
            <span className="badge badge-danger">
              <Icon name="alert" size={13} /> Échéance dépassée
            </span>
          )}
        </dd>
        {action.budget !== null && (
          <>
            <dt>Budget</dt>
            <dd>
              {formatEuros(action.budget)}
              {action.funders && <span className="muted">Financeurs : {action.funders}</span>}
            </dd>
          </>
        )}
      </dl>
      <p className="hint">Le statut, la météo et l’avancement suivent la dernière entrée du journal qui les renseigne.</p>
    </section>
  );
}

