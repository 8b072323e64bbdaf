/** Pure mapping from a session to the view models of its documents (unit-tested without docx). */
import { formatDate, plural } from '../../../shared/format';
import { followUpStatuses, meetingKinds } from '../../../shared/labels';
import type { Attendee, FollowUp, MeetingDetail } from '../../../shared/model/meetings';
import { addMinutes, formatLongDate, formatLongWallClock, formatTime, splitWallClock } from '../../../shared/wallclock';
import type { DocumentHeader, Logo } from '../common/view';
import type { AttendanceSheetView, ConvocationView, FollowUpRow, MinutesView, PersonRow } from './view';

export interface MeetingDocumentData {
  meeting: MeetingDetail;
  commission: { name: string; departmentName: string; secretaryName: string | null };
  logo: Logo | null;
  /** The day the document is produced (ISO date), for the convocation's date line. */
  today: string;
}

function personName(a: Pick<Attendee, 'civility' | 'name'>): string {
  return [a.civility, a.name].filter(Boolean).join(' ');
}

function personRow(a: Attendee): PersonRow {
  return { name: personName(a), role: a.role ?? '', structure: a.structure ?? '', representedBy: a.representedBy ?? '' };
}

/** « Séance plénière du jeudi 12 mars 2026 » (or the session's own title when it has one). */
export function sessionTitle(m: MeetingDetail): string {
  const base = `${meetingKinds.labels[m.kind]} du ${formatLongDate(m.startsAt)}`;
  return m.title ? `${base} – ${m.title}` : base;
}

function shortSessionName(kind: MeetingDetail['kind'], startsAt: string): string {
  return `${meetingKinds.labels[kind]} du ${formatDate(splitWallClock(startsAt).date)}`;
}

function header(data: MeetingDocumentData, documentTitle: string): DocumentHeader {
  return {
    logo: data.logo,
    commissionName: data.commission.name,
    departmentName: data.commission.departmentName,
    documentTitle,
    sessionTitle: sessionTitle(data.meeting),
  };
}

function hours(m: MeetingDetail): string {
  const start = formatTime(splitWallClock(m.startsAt).time);
  return m.endsAt ? `de ${start} à ${formatTime(splitWallClock(m.endsAt).time)}` : `à partir de ${start}`;
}

function sessionFacts(data: MeetingDocumentData): [string, string][] {
  const m = data.meeting;
  const facts: [string, string][] = [
    ['Date', formatLongDate(m.startsAt)],
    ['Horaires', hours(m)],
  ];
  if (m.place) facts.push(['Lieu', m.place]);
  if (m.videoLink) facts.push(['Visioconférence', m.videoLink]);
  if (m.chair) facts.push(['Présidence', m.chair]);
  if (data.commission.secretaryName) facts.push(['Secrétariat', data.commission.secretaryName]);
  return facts;
}

function owner(f: FollowUp): string {
  const person = f.ownerName === f.ownerPartnerName ? null : f.ownerName;
  return [f.ownerPartnerName, person].filter(Boolean).join(' – ') || 'À désigner';
}

function status(f: FollowUp): string {
  return f.status === 'close' && f.closedOn ? `Close le ${formatDate(f.closedOn)}` : followUpStatuses.labels[f.status];
}

export function followUpRow(f: FollowUp): FollowUpRow {
  return {
    action: f.text,
    owner: owner(f),
    due: f.dueOn ? formatDate(f.dueOn) : 'Sans échéance',
    status: status(f),
    origin: `${meetingKinds.labels[f.meetingKind]}\ndu ${formatDate(splitWallClock(f.meetingStartsAt).date)}`,
  };
}

/** Blank lines separate paragraphs; single line breaks stay inside a paragraph. */
export function paragraphs(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function quorumText(m: MeetingDetail): string {
  const q = m.quorum;
  if (q.members === 0) return 'Sans objet (aucun membre de la commission invité)';
  const count = `${plural(q.presentOrRepresented, 'membre présent ou représenté', 'membres présents ou représentés')} sur ${q.members}`;
  return `${q.reached ? 'Atteint' : 'Non atteint'} : ${count} (${q.required} requis)`;
}

function attendanceSummary(m: MeetingDetail): string {
  const count = (s: Attendee['status']) => m.attendees.filter((a) => a.status === s).length;
  const parts = [
    plural(count('present'), 'présent'),
    plural(count('represente'), 'représenté'),
    plural(count('excuse'), 'excusé'),
    plural(count('absent') + count('invite'), 'absent'),
  ];
  return `${plural(m.attendees.length, 'personne invitée', 'personnes invitées')} : ${parts.join(', ')}.`;
}

function nextSession(m: MeetingDetail): string {
  if (m.nextMeetingNote) return m.nextMeetingNote;
  if (m.next) return `${meetingKinds.labels[m.next.kind]} le ${formatLongWallClock(m.next.startsAt)}.`;
  return 'La date de la prochaine séance sera communiquée ultérieurement.';
}

function diffusion(m: MeetingDetail): string[] {
  const structures = new Set(m.attendees.map((a) => a.structure).filter((s): s is string => Boolean(s)));
  return [...structures].sort((a, b) => a.localeCompare(b, 'fr'));
}

export function mapMinutes(data: MeetingDocumentData, options: { short: boolean }): MinutesView {
  const m = data.meeting;
  const of = (status: Attendee['status'][]) => m.attendees.filter((a) => status.includes(a.status)).map(personRow);
  const decisionsOf = (itemId: string | null) => m.decisions.filter((d) => d.agendaItemId === itemId).map((d) => d.text);
  const documentTitle = options.short ? 'Relevé de décisions' : 'Compte rendu';
  return {
    short: options.short,
    header: header(data, documentTitle),
    facts: [...sessionFacts(data), ['Quorum', quorumText(m)]],
    attendanceSummary: attendanceSummary(m),
    present: of(['present']),
    represented: of(['represente']),
    excused: of(['excuse']),
    // A person never marked is, once the session is over, someone who did not come.
    absent: of(['absent', 'invite']),
    // Items are numbered by their order, whatever positions the database holds.
    agenda: m.agenda.map((i, index) => ({ number: index + 1, title: i.title, presenter: i.presenter ?? '' })),
    items: m.agenda.map((i, index) => ({
      number: index + 1,
      title: i.title,
      presenter: i.presenter ?? '',
      links: i.links.map((l) => `${l.kind === 'action' ? 'Fiche action' : 'Protocole'} : ${l.label}`),
      notes: options.short ? [] : paragraphs(i.notes),
      decisions: decisionsOf(i.id),
      review: i.kind === 'suivi' ? m.earlierFollowUps.map(followUpRow) : null,
    })),
    otherDecisions: decisionsOf(null),
    followUps: m.followUps.map(followUpRow),
    nextSession: nextSession(m),
    secretary: data.commission.secretaryName ?? '',
    diffusion: diffusion(m),
    footer: `${documentTitle} – ${shortSessionName(m.kind, m.startsAt).toLowerCase()}`,
  };
}

/** Times of the agenda items, from the start of the session and their durations. */
function schedule(m: MeetingDetail): string[] {
  let clock: string | null = m.startsAt;
  return m.agenda.map((item) => {
    if (clock === null) return '';
    const at = formatTime(splitWallClock(clock).time);
    clock = item.durationMin === null ? null : addMinutes(clock, item.durationMin);
    return at;
  });
}

export function mapConvocation(data: MeetingDocumentData): ConvocationView {
  const m = data.meeting;
  const kind = meetingKinds.labels[m.kind].toLowerCase();
  const where = m.place ? `, ${m.place}` : m.videoLink ? ', en visioconférence' : '';
  const times = schedule(m);
  const facts: [string, string][] = [['Date et heure', formatLongWallClock(m.startsAt)]];
  if (m.place) facts.push(['Lieu', m.place]);
  if (m.videoLink) facts.push([m.place ? 'Participation à distance' : 'Visioconférence', m.videoLink]);
  if (m.chair) facts.push(['Présidence', m.chair]);
  const secretary = data.commission.secretaryName;
  return {
    header: header(data, 'Convocation'),
    dateLine: `Le ${formatLongDate(data.today).replace(/^\S+ /, '')}`,
    recipients: 'Mesdames et Messieurs les membres de la commission',
    subject: `Convocation à la ${kind} du ${formatLongDate(m.startsAt)}`,
    opening: 'Madame, Monsieur,',
    body: [
      `J’ai l’honneur de vous convier à la ${kind} de la ${lowerFirst(data.commission.name)}, qui se tiendra le ${formatLongWallClock(m.startsAt)}${where}.`,
      m.agenda.length > 0 ? 'L’ordre du jour de la séance est le suivant :' : 'L’ordre du jour vous sera communiqué ultérieurement.',
    ],
    facts,
    agenda: m.agenda.map((i, index) => ({ number: index + 1, time: times[index] ?? '', title: i.title, presenter: i.presenter ?? '' })),
    closing: [
      `Je vous remercie de bien vouloir confirmer votre participation ou, en cas d’empêchement, indiquer le nom de la personne qui vous représentera${secretary ? `, auprès de ${secretary}, secrétariat de la commission` : ', auprès du secrétariat de la commission'}.`,
      'Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.',
    ],
    signature: [m.chair ?? 'La présidence de la commission'],
    diffusion: m.attendees.map((a) => [personName(a), a.structure].filter(Boolean).join(', ')),
    footer: `Convocation – ${shortSessionName(m.kind, m.startsAt).toLowerCase()}`,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function mapAttendanceSheet(data: MeetingDocumentData): AttendanceSheetView {
  const m = data.meeting;
  const rows = m.attendees
    .map(personRow)
    .sort((a, b) => a.structure.localeCompare(b.structure, 'fr') || a.name.localeCompare(b.name, 'fr'));
  const facts = sessionFacts(data).filter(([label]) => label !== 'Secrétariat');
  return {
    header: header(data, 'Feuille d’émargement'),
    facts,
    rows,
    blankRows: 6,
    footer: `Feuille d’émargement – ${shortSessionName(m.kind, m.startsAt).toLowerCase()}`,
  };
}
