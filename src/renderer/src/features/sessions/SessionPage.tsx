import { joinFrench, plural } from '../../../../shared/format';
import { parisToday } from '../../../../shared/wallclock';
import { CONVOCATION_NOTICE_DAYS, convocationIsLate, LEGAL_REFERENCES, meetingRules } from '../../../../shared/meeting-rules';
import { useCallback, useEffect, useState } from 'react';
import type { MeetingDetail, MeetingOptions } from '../../../../shared/model/meetings';
import { meetingFields } from '../../../../shared/schemas/meetings';
import type { MeetingDocumentKind } from '../../../../shared/schemas/meetings';
import { formatLongWallClock, formatTime, splitWallClock } from '../../../../shared/wallclock';
import { lowerFirst } from '../../../../shared/text';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { FormError, useForm } from '../../components/form';
import { HistoryDialog } from '../../components/HistoryDialog';
import { Icon } from '../../components/icons';
import { useRun, useUndoableDelete, useToast } from '../../components/Toast';
import type { Undoable } from '../../../../shared/model/undo';
import { LoadError } from '../../components/LoadError';
import { BackLink } from '../../components/BackLink';
import { focusIfCreated, navigate } from '../../router';
import { MeetingParcoursPanel } from '../parcours/MeetingParcoursPanel';
import { AgendaPanel } from './AgendaPanel';
import { AttendancePanel, QuorumBadge } from './AttendancePanel';
import { ConveningNotice, MinorsPanel } from './Convening';
import { FilesPanel } from './FilesPanel';
import { FollowUpsPanel } from './FollowUpsPanel';
import type { SessionContext } from './context';
import { sessionLabel } from './labels';
import { SessionFields, toSessionFields } from './SessionForm';
import { EditableFields, Writes } from '../../components/ReadOnly';

const TABS = [
  { id: 'ordre-du-jour', label: 'Ordre du jour et relevé' },
  { id: 'participants', label: 'Participants' },
  { id: 'suites', label: 'Suites à donner' },
  { id: 'informations', label: 'Informations et pièces jointes' },
] as const;
/** Shown only for the meetings that examine parcours de sortie requests, and those that coordinate minors' situations. */
const PARCOURS_TAB = { id: 'parcours', label: 'Demandes de parcours' } as const;
const MINORS_TAB = { id: 'mineurs', label: 'Situations de mineurs' } as const;
type TabId = (typeof TABS)[number]['id'] | typeof PARCOURS_TAB.id | typeof MINORS_TAB.id;

const DOCUMENTS: { kind: MeetingDocumentKind; label: string; done: string }[] = [
  { kind: 'convocation', label: 'Convocation', done: 'Convocation enregistrée' },
  { kind: 'lettres', label: 'Lettres aux membres', done: 'Lettres de convocation enregistrées' },
  { kind: 'emargement', label: 'Feuille d’émargement', done: 'Feuille d’émargement enregistrée' },
  { kind: 'compte_rendu', label: 'Compte rendu', done: 'Compte rendu enregistré' },
  { kind: 'releve', label: 'Relevé de décisions', done: 'Relevé de décisions enregistré' },
  { kind: 'ics', label: 'Agenda (.ics)', done: 'Invitation d’agenda enregistrée' },
];

/** What the panels of a session share: the session, a way to replace it after a write, the pickers’ lists. */
export function SessionPage({ meetingId, tab }: { meetingId: string; tab: string | undefined }) {
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [options, setOptions] = useState<MeetingOptions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [exporting, setExporting] = useState<MeetingDocumentKind | null>(null);
  const toast = useToast();
  const run = useRun();
  const current: TabId = TABS.some((t) => t.id === tab) || tab === PARCOURS_TAB.id || tab === MINORS_TAB.id ? (tab as TabId) : 'ordre-du-jour';

  const reload = useCallback(async () => {
    try {
      setMeeting(await api.meetings.get({ id: meetingId }));
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [meetingId]);

  // The pickers' lists (thousands of contacts in a large commission) are asked for once the session is there:
  // asked at the same time, main answered them first and the session waited.
  useEffect(() => {
    void reload().then(() => run(async () => setOptions(await api.meetings.options())));
  }, [reload, run]);

  const apply = useCallback((write: () => Promise<MeetingDetail>, done?: string) => run(async () => setMeeting(await write()), done), [run]);
  const undoableDelete = useUndoableDelete();
  const remove = useCallback(
    async (write: () => Promise<Undoable<MeetingDetail>>, done: string) => {
      const detail = await undoableDelete(write, done, reload);
      if (detail) setMeeting(detail);
    },
    [undoableDelete, reload],
  );

  async function exportDocument(kind: MeetingDocumentKind, done: string) {
    setExporting(kind);
    await run(async () => {
      const saved = await api.meetings.export({ id: meetingId, document: kind });
      if (saved) toast(`${done} : ${saved.path}`);
      if (saved?.warning) toast(saved.warning, 'info');
    });
    setExporting(null);
  }

  if (loadError) return <LoadError message={loadError} back={<BackLink href="#/seances">Toutes les séances</BackLink>} />;
  if (!meeting) return <div className="loading">Chargement…</div>;

  const ctx: SessionContext = { meeting, options, apply, reload, remove };
  return (
    <div className="page">
      <BackLink href="#/seances">Toutes les séances</BackLink>
      <header className="page-header">
        <div>
          <h1 ref={focusIfCreated} tabIndex={-1}>
            {sessionLabel(meeting)}
            {meeting.title && <span className="title-suffix"> – {meeting.title}</span>}
          </h1>
          <p className="subtitle">
            {formatLongWallClock(meeting.startsAt)}
            {meeting.endsAt ? ` – ${formatTime(splitWallClock(meeting.endsAt).time)}` : ''}
            {meeting.place ? ` · ${meeting.place}` : meeting.videoLink ? ' · en visioconférence' : ''}
            {meeting.chair ? ` · présidence : ${meeting.chair}` : ''}
          </p>
        </div>
        <div className="actions">
          <QuorumBadge quorum={meeting.quorum} />
          <button type="button" className="button" onClick={() => setShowHistory(true)}>
            <Icon name="history" size={18} />
            Historique
          </button>
        </div>
      </header>
      {showHistory && <HistoryDialog entity="meeting" id={meeting.id} title={sessionLabel(meeting)} onClose={() => setShowHistory(false)} />}
      <section className="documents-bar" aria-label="Documents de la séance">
        <span className="documents-label">Documents</span>
        {DOCUMENTS.map((d) => (
          <button key={d.kind} type="button" className="button" disabled={exporting !== null} onClick={() => exportDocument(d.kind, d.done)}>
            <Icon name="download" size={17} />
            {exporting === d.kind ? 'Préparation…' : d.label}
          </button>
        ))}
        {convocationIsLate(meeting.startsAt, parisToday(new Date())) && (
          <p className="notice warning" role="note">
            La séance a lieu dans moins de {CONVOCATION_NOTICE_DAYS} jours : sauf urgence, les membres reçoivent la convocation au moins {CONVOCATION_NOTICE_DAYS} jours avant la réunion ({LEGAL_REFERENCES.convocation}).
          </p>
        )}
      </section>
      <ConveningNotice ctx={ctx} />
      <nav className="tabs" aria-label="Parties de la séance">
        {[...TABS, ...(meetingRules(meeting.kind).examinesRequests ? [PARCOURS_TAB] : []), ...(meetingRules(meeting.kind).coordinatesMinors ? [MINORS_TAB] : [])].map((t) => (
          <a key={t.id} href={`#/seances/${meeting.id}/${t.id}`} className={t.id === current ? 'active' : undefined} aria-current={t.id === current ? 'page' : undefined}>
            {t.label}
            {t.id === 'participants' && <span className="count">{meeting.attendees.length}</span>}
            {t.id === 'suites' && <span className="count">{meeting.followUps.length + meeting.earlierFollowUps.length}</span>}
          </a>
        ))}
      </nav>
      {current === 'ordre-du-jour' && <AgendaPanel ctx={ctx} />}
      {current === 'participants' && <AttendancePanel ctx={ctx} />}
      {current === 'suites' && <FollowUpsPanel ctx={ctx} />}
      {current === 'informations' && (
        <>
          <SessionInformation ctx={ctx} />
          <FilesPanel ctx={ctx} />
        </>
      )}
      {current === 'parcours' && meetingRules(meeting.kind).examinesRequests && <MeetingParcoursPanel meetingId={meeting.id} onAgendaChanged={reload} />}
      {current === 'mineurs' && meetingRules(meeting.kind).coordinatesMinors && <MinorsPanel ctx={ctx} />}
    </div>
  );
}

function SessionInformation({ ctx }: { ctx: SessionContext }) {
  const { meeting, apply } = ctx;
  const form = useForm(meetingFields, toSessionFields(meeting));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [uninvited, setUninvited] = useState<string[]>([]);
  // What goes with the session, named only when there is some: « 12 invités, 4 points d’ordre du jour et 1 décision ».
  const contents = joinFrench(
    (
      [
        [meeting.attendees.length, 'invité', 'invités'],
        [meeting.agenda.length, 'point d’ordre du jour', 'points d’ordre du jour'],
        [meeting.decisions.length, 'décision', 'décisions'],
        [meeting.followUps.length, 'suite à donner', 'suites à donner'],
      ] as const
    )
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => plural(n, one, many)),
  );
  const undoableDelete = useUndoableDelete();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    try {
      const saved = await api.meetings.update({ ...input, id: meeting.id });
      form.reset(toSessionFields(saved));
      setUninvited(saved.uninvited);
      await apply(async () => saved, 'Séance enregistrée.');
    } catch (error) {
      form.showError(error);
    }
  }

  async function remove() {
    setConfirmDelete(false);
    const id = meeting.id;
    if (await undoableDelete(() => api.meetings.delete({ id }), `La ${lowerFirst(sessionLabel(meeting))} a été supprimée.`, () => navigate('seances', id))) navigate('seances');
  }

  const journalEntries = meeting.decisions.filter((d) => d.journalEntryId).length;
  return (
    <form className="card form narrow" onSubmit={save} noValidate aria-label="Informations de la séance">
      <h2>Informations</h2>
      <EditableFields>
        <SessionFields form={form} withNotes />
      </EditableFields>
      {uninvited.length > 0 && (
        <p className="banner banner-info" role="status">
          <Icon name="shield" size={18} />
          <span>
            Ces membres ne siègent pas à ce type de séance (leur siège, dans Partenaires › Composition, le dit) :{' '}
            {uninvited.length > 1 ? `${uninvited.length} invités retirés` : 'invité retiré'} de la séance : {uninvited.join(' ; ')}.
          </span>
        </p>
      )}
      <FormError message={form.formError} />
      <Writes>
        <div className="actions spread">
          <button type="submit" className="button primary">
            Enregistrer
          </button>
          <button type="button" className="button danger-outline" onClick={() => setConfirmDelete(true)}>
            <Icon name="trash" size={18} />
            Supprimer la séance
          </button>
        </div>
      </Writes>
      <ConfirmDialog open={confirmDelete} title="Supprimer cette séance ?" confirmLabel="Supprimer définitivement" danger onConfirm={remove} onCancel={() => setConfirmDelete(false)}>
        <p>
          La <strong>{lowerFirst(sessionLabel(meeting))}</strong> sera supprimée{contents ? ` avec ${contents}` : ''}.
        </p>
        {journalEntries > 0 && <p>Les entrées déjà écrites dans le journal des fiches actions sont conservées.</p>}
        <p>Cette suppression est définitive.</p>
      </ConfirmDialog>
    </form>
  );
}

