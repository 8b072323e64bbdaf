import { useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '../../../../shared/format';
import { protocolKinds, protocolStatuses, type ProtocolStatus } from '../../../../shared/labels';
import { protocolTransitions, type ActionOption, type ProtocolDetail } from '../../../../shared/model/protocols';
import { protocolCreate, type ProtocolCreateFields, type SignatoryFields } from '../../../../shared/schemas/protocols';
import type { PartnerOption } from '../../../../shared/types';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, PRIVACY_HINT, text, useForm } from '../../components/form';
import { RecordToolbar } from '../../components/RecordToolbar';
import { actionItems, partnerItems } from '../../components/pickerItems';
import { SearchMultiSelect, SearchSelect } from '../../components/SearchPicker';
import { Icon } from '../../components/icons';
import { useRun, useUndoableDelete, useToast } from '../../components/Toast';
import { confirmLeave } from '../../components/unsaved';
import { LoadError } from '../../components/LoadError';
import { BackLink } from '../../components/BackLink';
import { focusIfCreated, navigate, navigateToCreated } from '../../router';
import { deadlineLabel } from '../dashboard/RenewalsCard';
import { EditableFields, useReadOnly, Writes } from '../../components/ReadOnly';

const emptyProtocol: ProtocolCreateFields = {
  title: '',
  object: '',
  kind: undefined as unknown as ProtocolCreateFields['kind'],
  status: 'projet',
  statusOn: null,
  signedOn: null,
  startsOn: null,
  endsOn: null,
  reviewOn: null,
  notes: '',
  signatories: [],
  actionIds: [],
};

function toFields(p: ProtocolDetail): ProtocolCreateFields {
  return {
    title: p.title,
    object: p.object,
    kind: p.kind,
    status: p.status,
    statusOn: null,
    signedOn: p.signedOn,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    reviewOn: p.reviewOn,
    notes: p.notes,
    signatories: p.signatories.map(({ partnerId, structureName, signerName, signerRole }) => ({ partnerId, structureName, signerName, signerRole })),
    actionIds: p.actions.map((a) => a.id),
  };
}

const STATUS_VERBS: Record<ProtocolStatus, string> = {
  projet: 'Revenir au projet',
  en_signature: 'Mettre en signature',
  signe: 'Enregistrer la signature',
  expire: 'Constater l’expiration',
  denonce: 'Enregistrer la dénonciation',
};

/** What moving a protocol from `from` to `to` is called: signing an expired one again renews it. */
function statusVerb(from: ProtocolStatus, to: ProtocolStatus): string {
  return from === 'expire' && to === 'signe' ? 'Enregistrer le renouvellement' : STATUS_VERBS[to];
}

export function ProtocolPage({ protocolId }: { protocolId: string | null }) {
  const readOnly = useReadOnly();
  const [protocol, setProtocol] = useState<ProtocolDetail | null>(null);
  const [partners, setPartners] = useState<PartnerOption[]>([]);
  const [actions, setActions] = useState<ActionOption[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [nextStatus, setNextStatus] = useState<ProtocolStatus | null>(null);
  const form = useForm(protocolCreate, emptyProtocol);
  const toast = useToast();
  const run = useRun();
  const undoableDelete = useUndoableDelete();
  const { reset } = form;
  const partnerChoices = useMemo(() => partnerItems(partners), [partners]);
  const actionChoices = useMemo(() => actionItems(actions.map((a) => ({ id: a.id, code: a.code, label: a.code ? `${a.code} – ${a.title}` : a.title }))), [actions]);

  useEffect(() => {
    // Main answers in order: the protocol first, so that the page shows before the pickers' lists arrive.
    if (protocolId)
      api.protocols.get({ id: protocolId }).then(
        (p) => {
          setProtocol(p);
          reset(toFields(p));
        },
        (error) => setLoadError(errorMessage(error)),
      );
    api.partners.options().then(setPartners, () => setPartners([]));
    api.protocols.actionOptions().then(setActions, () => setActions([]));
  }, [protocolId, reset]);

  const save = form.submit(async (input) => {
    const { status: _status, statusOn: _statusOn, ...fields } = input;
    const saved = protocol ? await api.protocols.update({ ...fields, id: protocol.id }) : await api.protocols.create(input);
    setProtocol(saved);
    form.reset(toFields(saved));
    toast(protocol ? 'Protocole enregistré.' : 'Protocole créé : vous pouvez y joindre le document signé.');
    if (!protocol) navigateToCreated('protocoles', saved.id);
  });

  async function remove() {
    if (!protocol) return;
    setConfirmDelete(false);
    const id = protocol.id;
    if (await undoableDelete(() => api.protocols.delete({ id }), `« ${protocol.title} » a été supprimé.`, () => navigate('protocoles', id))) navigate('protocoles');
  }

  async function fileAction(kind: 'attach' | 'open' | 'remove') {
    if (!protocol) return;
    await run(async () => {
      if (kind === 'open') await api.protocols.openFile({ id: protocol.id });
      if (kind === 'attach') {
        const updated = await api.protocols.attachFile({ id: protocol.id });
        if (updated) {
          setProtocol(updated);
          toast('Document signé joint au protocole.');
        }
      }
      if (kind === 'remove') {
        setProtocol(await api.protocols.removeFile({ id: protocol.id }));
        toast('Document retiré.');
      }
    });
  }

  if (loadError) return <LoadError message={loadError} back={<BackLink href="#/protocoles">Tous les protocoles</BackLink>} />;
  if (protocolId && !protocol) return <div className="loading">Chargement…</div>;

  const v = form.values;
  const signatories = v.signatories ?? [];
  const setSignatory = (index: number, patch: Partial<SignatoryFields>) =>
    form.set(
      'signatories',
      signatories.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    );

  return (
    <div className="page">
      <BackLink href="#/protocoles">Tous les protocoles</BackLink>
      <header className="page-header">
        <div>
          <h1 ref={focusIfCreated} tabIndex={-1}>{protocol ? protocol.title : 'Nouveau protocole'}</h1>
          {protocol && (
            <p className="subtitle">
              {protocolKinds.labels[protocol.kind]} · <span className={`protocol-status protocol-status-${protocol.status}`}>{protocolStatuses.labels[protocol.status]}</span> · modifié le{' '}
              {formatDateTime(protocol.updatedAt)}
            </p>
          )}
        </div>
        {protocol && (
          <RecordToolbar history={{ entity: 'protocol', id: protocol.id, title: protocol.title }} deleteLabel="Supprimer le protocole" onDelete={() => setConfirmDelete(true)} />
        )}
      </header>
      {protocol?.deadline && protocol.deadline.state !== 'later' && (
        <p className={`banner ${protocol.deadline.state === 'overdue' ? 'banner-error' : 'banner-warning'}`} role="status">
          <Icon name="clock" size={18} />
          {deadlineLabel(protocol.deadline)} ({formatDate(protocol.deadline.date)}).
        </p>
      )}
      <div className="two-columns">
        <form className="card form" onSubmit={save} noValidate aria-label="Protocole">
          <h2>Protocole</h2>
          <EditableFields>
            <div className="form-grid">
              <Field label="Titre" required error={form.errors.title} wide>
                {(id, d) => <input id={id} aria-describedby={d} value={text(v.title)} onChange={(e) => form.set('title', e.target.value)} autoFocus={!protocol} />}
              </Field>
              <Field label="Nature" required error={form.errors.kind}>
                {(id, d) => (
                  <CodeSelect
                    id={id}
                    aria-describedby={d}
                    codes={protocolKinds.codes}
                    labels={protocolKinds.labels}
                    value={v.kind}
                    onChange={(kind) => form.set('kind', kind as ProtocolCreateFields['kind'])}
                    empty="Choisissez…"
                  />
                )}
              </Field>
              {!protocol ? (
                <Field label="Statut actuel" error={form.errors.status}>
                  {(id, d) => (
                    <CodeSelect
                      id={id}
                      aria-describedby={d}
                      codes={protocolStatuses.codes}
                      labels={protocolStatuses.labels}
                      value={v.status ?? 'projet'}
                      onChange={(status) => form.set('status', status ?? 'projet')}
                    />
                  )}
                </Field>
              ) : (
                <div />
              )}
              <Field label="Objet" error={form.errors.object} wide>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.object)} onChange={(e) => form.set('object', e.target.value)} />}
              </Field>
              <Field label="Date de signature" error={form.errors.signedOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.signedOn} onChange={(value) => form.set('signedOn', value)} />}
              </Field>
              <Field label="Date de révision ou de renouvellement" error={form.errors.reviewOn} hint="Rappel 60 jours avant, sur le tableau de bord.">
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.reviewOn} onChange={(value) => form.set('reviewOn', value)} />}
              </Field>
              <Field label="Début de validité" error={form.errors.startsOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.startsOn} onChange={(value) => form.set('startsOn', value)} />}
              </Field>
              <Field label="Fin de validité" error={form.errors.endsOn}>
                {(id, d) => <DateInput id={id} aria-describedby={d} value={v.endsOn} onChange={(value) => form.set('endsOn', value)} />}
              </Field>
            </div>

            <fieldset className="signatories" aria-label="Signataires">
              <legend>Signataires</legend>
              {signatories.length === 0 && <p className="muted">Aucun signataire pour l’instant.</p>}
              {signatories.map((s, i) => (
                <div className="signatory" key={i} aria-label={`Signataire ${i + 1}`} role="group">
                  <Field label="Structure" required error={form.errors[`signatories.${i}.structureName`]}>
                    {(id, d) => (
                      <>
                        <SearchSelect
                          id={id}
                          describedBy={d}
                          items={partnerChoices}
                          value={s.partnerId ?? null}
                          noun={`la structure du signataire ${i + 1}`}
                          placeholder="Rechercher dans Partenaires…"
                          onChange={(partnerId) => setSignatory(i, { partnerId, structureName: partnerId ? (partnerChoices.find((p) => p.id === partnerId)?.label ?? '') : '' })}
                        />
                        {!s.partnerId && (
                          <input aria-label={`Nom de la structure signataire ${i + 1}`} placeholder="ou nom d’une structure hors annuaire" value={text(s.structureName)} onChange={(e) => setSignatory(i, { structureName: e.target.value })} />
                        )}
                      </>
                    )}
                  </Field>
                  <Field label="Nom du signataire" error={form.errors[`signatories.${i}.signerName`]}>
                    {(id, d) => <input id={id} aria-describedby={d} value={text(s.signerName)} onChange={(e) => setSignatory(i, { signerName: e.target.value })} />}
                  </Field>
                  <Field label="Qualité" error={form.errors[`signatories.${i}.signerRole`]}>
                    {(id, d) => <input id={id} aria-describedby={d} placeholder="Préfet, procureur…" value={text(s.signerRole)} onChange={(e) => setSignatory(i, { signerRole: e.target.value })} />}
                  </Field>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Retirer le signataire ${i + 1}`}
                    title="Retirer"
                    onClick={() =>
                      form.set(
                        'signatories',
                        signatories.filter((_, k) => k !== i),
                      )
                    }
                  >
                    <Icon name="trash" size={18} />
                  </button>
                </div>
              ))}
              <button type="button" className="button" onClick={() => form.set('signatories', [...signatories, { partnerId: null, structureName: '', signerName: '', signerRole: '' }])}>
                <Icon name="plus" size={18} />
                Ajouter un signataire
              </button>
            </fieldset>

            <fieldset className="field checkbox-group">
              <legend>Fiches actions liées</legend>
              {actions.length === 0 ? (
                <p className="muted">Aucune fiche action dans la commission pour l’instant.</p>
              ) : (
                <SearchMultiSelect
                  items={actionChoices}
                  value={v.actionIds ?? []}
                  onChange={(ids) => form.set('actionIds', ids)}
                  placeholder="Rechercher une fiche action par code ou intitulé…"
                  ariaLabel="Ajouter une fiche action liée"
                />
              )}
            </fieldset>

            <Field label="Notes" error={form.errors.notes} hint={PRIVACY_HINT} wide>
              {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.notes)} onChange={(e) => form.set('notes', e.target.value)} />}
            </Field>
          </EditableFields>
          <FormError message={form.formError} />
          <div className="actions">
            <Writes>
              <button type="submit" className="button primary" disabled={form.saving}>
                {form.saving ? 'Enregistrement…' : protocol ? 'Enregistrer' : 'Créer le protocole'}
              </button>
            </Writes>
            <button type="button" className="button" onClick={() => confirmLeave(() => navigate('protocoles'))}>
              {protocol ? 'Fermer' : 'Annuler'}
            </button>
          </div>
        </form>

        {protocol ? (
          <div className="stack">
            <section className="card" aria-label="Statut">
              <h2>Statut</h2>
              <ol className="status-history">
                {protocol.events.map((e) => (
                  <li key={e.id}>
                    <span className={`protocol-status protocol-status-${e.status}`}>{protocolStatuses.labels[e.status]}</span> le {formatDate(e.onDate)}
                    {e.note && <div className="muted">{e.note}</div>}
                  </li>
                ))}
              </ol>
              <Writes>
                <div className="actions">
                  {protocolTransitions[protocol.status].map((s) => (
                    <button key={s} type="button" className="button" onClick={() => setNextStatus(s)}>
                      {statusVerb(protocol.status, s)}
                    </button>
                  ))}
                  {protocolTransitions[protocol.status].length === 0 && <p className="muted">Un protocole dénoncé ne change plus de statut.</p>}
                </div>
              </Writes>
            </section>
            <section className="card" aria-label="Document signé">
              <h2>Document signé</h2>
              {protocol.fileName ? (
                <>
                  <p className="file-name">
                    <Icon name="file" size={18} />
                    {protocol.fileName.replace(/^protocoles\/[0-9a-f]{8}-/, '')}
                  </p>
                  <div className="actions">
                    <button type="button" className="button primary" onClick={() => fileAction('open')}>
                      Ouvrir
                    </button>
                    <Writes>
                      <button type="button" className="button" onClick={() => fileAction('attach')}>
                        Remplacer…
                      </button>
                    </Writes>
                    <Writes>
                      <button type="button" className="button danger-outline" onClick={() => fileAction('remove')}>
                        Retirer
                      </button>
                    </Writes>
                  </div>
                </>
              ) : (
                <>
                  <p className="muted">
                    {readOnly ? 'Aucun document signé joint.' : 'Joignez le document signé (PDF, Word…) : une copie est gardée dans le dossier de la commission.'}
                  </p>
                  <Writes>
                    <button type="button" className="button" onClick={() => fileAction('attach')}>
                      <Icon name="upload" size={18} />
                      Joindre le document signé…
                    </button>
                  </Writes>
                </>
              )}
            </section>
          </div>
        ) : (
          <section className="card muted-card">
            <h2>Statut et document signé</h2>
            <p>Créez d’abord le protocole : vous pourrez ensuite suivre son statut et y joindre le document signé.</p>
          </section>
        )}
      </div>
      {protocol && nextStatus && (
        <StatusDialog
          protocol={protocol}
          status={nextStatus}
          onClose={() => setNextStatus(null)}
          onSaved={(p) => {
            setNextStatus(null);
            setProtocol(p);
            form.reset(toFields(p));
            toast(`Statut : ${protocolStatuses.labels[p.status]}.`);
          }}
        />
      )}
      {protocol && (
        <ConfirmDialog
          open={confirmDelete}
          title="Supprimer ce protocole ?"
          confirmLabel="Supprimer définitivement"
          danger
          onConfirm={remove}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            Le protocole <strong>« {protocol.title} »</strong>, ses {protocol.signatories.length} signataires, son historique de statut
            {protocol.fileName ? ' et le document signé joint' : ''} seront supprimés. Les structures signataires restent dans l’annuaire.
          </p>
          <p>Cette suppression est définitive.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function StatusDialog({ protocol, status, onClose, onSaved }: { protocol: ProtocolDetail; status: ProtocolStatus; onClose: () => void; onSaved: (p: ProtocolDetail) => void }) {
  const [onDate, setOnDate] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    try {
      onSaved(await api.protocols.setStatus({ id: protocol.id, status, onDate: onDate ?? '', note }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <FormDialog title={statusVerb(protocol.status, status)} formId="status-form" width={480} submitLabel={<>Passer à « {protocolStatuses.labels[status]} »</>} onClose={onClose}>
      <form id="status-form" onSubmit={confirm} noValidate className="form-grid">
        <Field label="Date" required>
          {(id, d) => <DateInput id={id} aria-describedby={d} value={onDate} onChange={setOnDate} />}
        </Field>
        <div />
        <Field label="Commentaire" wide hint={PRIVACY_HINT}>
          {(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Signé en séance plénière…" />}
        </Field>
      </form>
      <FormError message={error} />
    </FormDialog>
  );
}

