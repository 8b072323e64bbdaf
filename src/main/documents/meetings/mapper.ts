/** Pure mapping from a session to the view models of its documents (unit-tested without docx). */
import { formatDate, plural } from '../../../shared/format';
import { colleges, followUpStatuses, meetingKinds } from '../../../shared/labels';
import { salutation, signatureBlock } from '../../../shared/letters';
import { LEGAL_REFERENCES, meetingRules } from '../../../shared/meeting-rules';
import type { Attendee, FollowUp, MeetingDetail } from '../../../shared/model/meetings';
import type { CommissionSummary } from '../../../shared/types';
import { addMinutes, formatDayMonthYear, formatLongDate, formatLongWallClock, formatTime, splitWallClock } from '../../../shared/wallclock';
import { lowerFirst } from '../../../shared/text';
import type { DocumentHeader, Logo } from '../common/view';
import type { AttendanceSheetView, ConvocationView, FollowUpRow, Letter, MinutesView, PersonRow } from './view';
import { compareFrench, sortFrench } from '../../../shared/search';

export interface MeetingDocumentData {
  meeting: MeetingDetail;
  commission: Pick<
    CommissionSummary,
    'name' | 'departmentName' | 'secretaryName' | 'prefectureCity' | 'secretariatContact' | 'prefectCivility' | 'prefectName' | 'signatoryName' | 'signatoryTitle' | 'signsByDelegation'
  >;
  logo: Logo | null;
  /** The day the document is produced (ISO date), for the convocation's date line. */
  today: string;
}

function personName(a: Pick<Attendee, 'civility' | 'name'>): string {
  return [a.civility, a.name].filter(Boolean).join(' ');
}

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** The session's own title when it already names its kind (« Séance plénière du 2d semestre »), else null. */
export function titleNamingKind(m: Pick<MeetingDetail, 'kind' | 'title'>): string | null {
  return m.title && normalise(m.title).includes(normalise(meetingKinds.labels[m.kind])) ? m.title : null;
}

/**
 * « Séance plénière du jeudi 12 mars 2026 – Bilan annuel », or, when the session's own title already
 * says what kind of session it is, « Séance plénière du 2d semestre 2025 – jeudi 12 mars 2026 ».
 */
export function sessionTitle(m: Pick<MeetingDetail, 'kind' | 'title' | 'startsAt'>): string {
  const kind = meetingKinds.labels[m.kind];
  const day = formatLongDate(m.startsAt);
  if (!m.title) return `${kind} du ${day}`;
  return titleNamingKind(m) ? `${m.title} – ${day}` : `${kind} du ${day} – ${m.title}`;
}

function shortSessionName(kind: MeetingDetail['kind'], startsAt: string): string {
  return `${lowerFirst(meetingKinds.labels[kind])} du ${formatDate(splitWallClock(startsAt).date)}`;
}

/** The session has not taken place yet on the day the document is produced. */
function isUpcoming(data: MeetingDocumentData): boolean {
  return splitWallClock(data.meeting.startsAt).date > data.today;
}

function header(data: MeetingDocumentData, documentTitle: string, mentions: string[] = []): DocumentHeader {
  const restricted = meetingRules(data.meeting.kind).restricted;
  return {
    logo: data.logo,
    commissionName: data.commission.name,
    departmentName: data.commission.departmentName,
    documentTitle,
    sessionTitle: sessionTitle(data.meeting),
    mentions: [...(restricted ? ['Diffusion restreinte'] : []), ...mentions],
  };
}

function hours(m: MeetingDetail): string {
  const start = formatTime(splitWallClock(m.startsAt).time);
  return m.endsAt ? `de ${start} à ${formatTime(splitWallClock(m.endsAt).time)}` : `à partir de ${start}`;
}

function sessionFacts(data: MeetingDocumentData, options: { secretary: boolean }): [string, string][] {
  const m = data.meeting;
  const facts: [string, string][] = [
    ['Nature', meetingKinds.labels[m.kind]],
    ['Date', formatLongDate(m.startsAt)],
    ['Horaires', hours(m)],
  ];
  if (m.place) facts.push(['Lieu', m.place]);
  if (m.videoLink) facts.push(['Visioconférence', m.videoLink]);
  if (m.chair) facts.push(['Présidence', m.chair]);
  if (options.secretary && data.commission.secretaryName) facts.push(['Secrétariat', data.commission.secretaryName]);
  if (m.firstConvocation) facts.push(['Convocation', `nouvelle convocation, sans condition de quorum, après la séance du ${formatDate(splitWallClock(m.firstConvocation.startsAt).date)}`]);
  if (meetingRules(m.kind).coordinatesMinors && !isUpcoming(data)) facts.push(['Situations de mineurs', `${m.minorsSituations || 'aucune'} situation${m.minorsSituations > 1 ? 's' : ''} individuelle${m.minorsSituations > 1 ? 's' : ''} coordonnée${m.minorsSituations > 1 ? 's' : ''}`]);
  return facts;
}

function owner(f: FollowUp): string {
  const person = f.ownerName === f.ownerPartnerName ? null : f.ownerName;
  return [f.ownerPartnerName, person].filter(Boolean).join(' – ') || 'À désigner';
}

/**
 * The state of a follow-up on `asOf`, the session's day (or today, before it): minutes written or printed
 * later still show it as the session saw it. One closed after that day was still open then; one whose
 * deadline had passed says so.
 */
function status(f: FollowUp, asOf: string): string {
  if (f.status === 'close' && f.closedOn && f.closedOn <= asOf) return `Close le ${formatDate(f.closedOn)}`;
  const open = f.status === 'close' ? followUpStatuses.labels.ouverte : followUpStatuses.labels[f.status];
  return f.dueOn && f.dueOn < asOf ? `${open}, échéance dépassée` : open;
}

function followUpRow(f: FollowUp, asOf: string): FollowUpRow {
  return {
    action: f.text,
    owner: owner(f),
    due: f.dueOn ? formatDate(f.dueOn) : 'Sans échéance',
    status: status(f, asOf),
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

/** Attendance as the minutes state it, agreed with the person (« Présente »); before the session, nobody is absent yet. */
function attendanceOf(a: Attendee, upcoming: boolean): string {
  const e = a.civility === 'Mme' ? 'e' : '';
  switch (a.status) {
    case 'present':
      return `Présent${e}`;
    case 'distance':
      return `Présent${e} à distance`;
    case 'supplee':
      return a.representedBy ? `Représenté${e} par son suppléant, ${a.representedBy}` : `Représenté${e} par son suppléant`;
    case 'mandat':
      return a.mandateToName ? `Mandat donné à ${a.mandateToName}` : 'A donné mandat';
    case 'excuse':
      return `Excusé${e}`;
    case 'absent':
      return `Absent${e}`;
    case 'invite':
      return upcoming ? `Invité${e}` : `Absent${e}`;
  }
}

function personRow(a: Attendee, upcoming: boolean): PersonRow {
  return { name: personName(a), role: a.role ?? '', structure: a.structure ?? '', attendance: attendanceOf(a, upcoming) };
}

/** « siégeant à l’examen des demandes de parcours de sortie »: the members a restricted meeting convenes; null for the whole commission. */
function sittingWhere(m: MeetingDetail): string | null {
  if (meetingRules(m.kind).examinesRequests) return 'siégeant à l’examen des demandes de parcours de sortie';
  if (meetingRules(m.kind).coordinatesMinors) return 'siégeant à la coordination des situations de mineurs';
  return null;
}

/** Who composes the body whose half makes the quorum: « de la commission », « siégeant à l’examen… ». */
function sittingBody(m: MeetingDetail): string {
  return sittingWhere(m) ?? 'de la commission';
}

/** The quorum of R. 133-10, as the minutes state it. */
function quorumText(data: MeetingDocumentData): string | null {
  const m = data.meeting;
  const q = m.quorum;
  if (!q.applies) return null;
  if (q.waived) {
    const first = m.firstConvocation ? ` du ${formatDate(splitWallClock(m.firstConvocation.startsAt).date)}` : '';
    return `Quorum : sans condition. Le quorum n’ayant pas été atteint à la séance${first}, la commission, convoquée de nouveau sur le même ordre du jour, délibère valablement quel que soit le nombre des membres présents (${LEGAL_REFERENCES.quorum}).`;
  }
  const body = sittingBody(m);
  if (q.composition === 0) return `Quorum : à établir (aucun membre titulaire ${body} n’est enregistré dans la composition).`;
  const rule = `${plural(q.required, 'membre')} sur ${q.composition} ${body}`;
  if (isUpcoming(data) || q.pending === q.composition) return `Quorum : ${rule}, présents, suppléés ou ayant donné mandat ; il sera constaté en séance.`;
  const counted = plural(q.counted, 'membre présent, suppléé ou ayant donné mandat', 'membres présents, suppléés ou ayant donné mandat', 'aucun membre présent');
  if (q.reached) return `Quorum atteint : ${counted} sur ${q.composition} (${q.required} requis).`;
  return `Quorum non atteint : ${counted} sur ${q.composition} (${q.required} requis). La commission ne peut rendre d’avis valable ; elle est convoquée de nouveau sur le même ordre du jour et délibérera alors sans condition de quorum (${LEGAL_REFERENCES.quorum}).`;
}

function attendanceSummary(data: MeetingDocumentData): string {
  const m = data.meeting;
  const upcoming = isUpcoming(data);
  const count = (...s: Attendee['status'][]) => m.attendees.filter((a) => s.includes(a.status)).length;
  const invited = plural(m.attendees.length, 'personne invitée', 'personnes invitées', 'Aucune personne invitée');
  if (m.attendees.length === 0) return `${invited}.`;
  if (upcoming) return `${invited}.`;
  const parts = [
    plural(count('present'), 'présent', 'présents', ''),
    plural(count('supplee'), 'représenté par son suppléant', 'représentés par leur suppléant', ''),
    plural(count('mandat'), 'mandat donné', 'mandats donnés', ''),
    plural(count('excuse'), 'excusé', 'excusés', ''),
    plural(count('absent', 'invite'), 'absent', 'absents', ''),
  ].filter(Boolean);
  return `${invited} : ${parts.join(', ')}.`;
}

function nextSession(m: MeetingDetail): string {
  if (m.nextMeetingNote) return m.nextMeetingNote;
  if (m.next) return `${meetingKinds.labels[m.next.kind]} le ${formatLongWallClock(m.next.startsAt)}.`;
  return 'La date de la prochaine séance sera communiquée ultérieurement.';
}

/**
 * Who a session's documents name: its invitees, without the members whose seat does not sit at this
 * kind of meeting (meeting-rules.ts, sitsAt), who are never convened to it.
 */
export function listed(m: MeetingDetail): Attendee[] {
  return m.attendees.filter((a) => !a.isMember || a.sits);
}

/** Who a session's documents go to: for a restricted meeting, the members who sit at it; otherwise every invitee. */
export function recipients(m: MeetingDetail): Attendee[] {
  return meetingRules(m.kind).restricted ? m.attendees.filter((a) => a.sits) : listed(m);
}

function diffusion(m: MeetingDetail): MinutesView['diffusion'] {
  if (meetingRules(m.kind).restricted) {
    return { intro: `Diffusion restreinte aux membres ${sittingWhere(m) ?? 'de la commission'}`, names: recipients(m).map((a) => [personName(a), a.structure].filter(Boolean).join(', ')) };
  }
  const structures = new Set(m.attendees.map((a) => a.structure).filter((s): s is string => Boolean(s)));
  return { intro: 'Membres de la commission et structures invitées', names: [...structures].sort(compareFrench) };
}

function presenterLine(presenter: string | null): string {
  return presenter ? `Présenté par ${presenter.replace(/\s*\(([^()]*)\)\s*$/, ', $1')}` : '';
}

export function mapMinutes(data: MeetingDocumentData, options: { short: boolean }): MinutesView {
  const m = data.meeting;
  const upcoming = isUpcoming(data);
  const day = splitWallClock(m.startsAt).date;
  const asOf = upcoming ? data.today : day;
  const decisionsOf = (itemId: string | null) => m.decisions.filter((d) => d.agendaItemId === itemId).map((d) => d.text);
  const approved = m.approval;
  const documentTitle = options.short ? 'Relevé de décisions' : approved ? 'Compte rendu' : 'Projet de compte rendu';
  // Members by the college of their seat, then the people invited without a seat of the commission.
  const people = listed(m);
  const groups = [
    ...colleges.codes.map((code) => ({ title: colleges.labels[code], rows: people.filter((a) => a.college === code).map((a) => personRow(a, upcoming)) })),
    { title: 'Autres participants', rows: people.filter((a) => !a.isMember).map((a) => personRow(a, upcoming)) },
  ].filter((g) => g.rows.length > 0);
  const items = m.agenda.map((i, index) => {
    const notes = options.short ? [] : paragraphs(i.notes);
    const decisions = decisionsOf(i.id);
    const review = i.kind === 'suivi' && !options.short ? m.earlierFollowUps.map((f) => followUpRow(f, asOf)) : null;
    return {
      number: index + 1,
      title: i.title,
      presenter: options.short ? '' : presenterLine(i.presenter),
      links: options.short ? [] : i.links.map((l) => `${l.kind === 'action' ? 'Fiche action' : 'Protocole'} : ${l.label}`),
      notes,
      decisions,
      review,
      // A held session's item with nothing written says so, rather than a title over nothing (« bilan chiffré » without a figure).
      emptyNote: !options.short && !upcoming && notes.length === 0 && decisions.length === 0 && review === null ? 'Aucun échange n’a été consigné sur ce point.' : '',
    };
  });
  const sessionName = shortSessionName(m.kind, m.startsAt);
  const approvedBy = approved && (approved.meetingId ? `approuvé le ${formatDate(approved.on)}` : `signé par la présidence le ${formatDate(approved.on)}`);
  const footer = options.short
    ? `Relevé de décisions – ${sessionName}`
    : approvedBy
      ? `Compte rendu de la ${sessionName}, ${approvedBy}`
      : `Projet de compte rendu – ${sessionName} – non encore approuvé`;
  return {
    short: options.short,
    header: header(data, documentTitle),
    subject: `${documentTitle} de la ${sessionName}`,
    facts: sessionFacts(data, { secretary: !options.short }),
    attendanceSummary: attendanceSummary(data),
    quorum: quorumText(data),
    colleges: options.short ? [] : groups,
    // Items are numbered by their order, whatever positions the database holds.
    agenda: m.agenda.map((i, index) => ({ number: index + 1, title: i.title })),
    // The relevé keeps only the items where something was decided, numbered as it lists them: it has no agenda
    // that « 2, 3, 5, 6 » would refer to.
    items: options.short ? items.filter((i) => i.decisions.length > 0).map((i, index) => ({ ...i, number: index + 1 })) : items,
    otherDecisions: decisionsOf(null),
    followUps: m.followUps.map((f) => followUpRow(f, asOf)),
    nextSession: nextSession(m),
    secretary: options.short ? '' : (data.commission.secretaryName ?? ''),
    diffusion: diffusion(m),
    footer,
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

/** « Je vous prie d’agréer, Madame la directrice, l’expression… »: the closing repeats the greeting. */
function closing(greeting: string): string {
  return `Je vous prie d’agréer, ${greeting.replace(/,$/, '')}, l’expression de ma considération distinguée.`;
}

function letterOf(a: Attendee): Letter {
  const addressee = [personName(a), a.role ?? '', a.structure ?? '', ...(a.address ? a.address.split('\n') : [])].filter(Boolean);
  const greeting = salutation(a);
  return { addressee, salutation: greeting, closing: closing(greeting) };
}

export function mapConvocation(data: MeetingDocumentData, options: { letters: boolean } = { letters: false }): ConvocationView {
  const m = data.meeting;
  const kind = lowerFirst(meetingKinds.labels[m.kind]);
  const times = schedule(m);
  const secretary = data.commission.secretaryName;
  const contactLine = [secretary ? `${secretary}, secrétariat de la commission` : 'Secrétariat de la commission', data.commission.secretariatContact].filter(Boolean).join(' – ');
  const city = data.commission.prefectureCity;
  const invited = recipients(m);
  const members = invited.filter((a) => a.isMember);
  const addressees = members.length > 0 ? members : invited;
  const first = m.firstConvocation && formatLongDate(m.firstConvocation.startsAt);
  return {
    header: header(data, 'Convocation'),
    subject: `Convocation à la ${shortSessionName(m.kind, m.startsAt)}`,
    dateLine: city ? `${city}, le ${formatDayMonthYear(data.today)}` : `Le ${formatDayMonthYear(data.today)}`,
    object: `Convocation à la ${kind} de la commission du ${formatLongDate(m.startsAt)}`,
    letters: options.letters ? addressees.map(letterOf) : [{ addressee: [], salutation: 'Madame, Monsieur,', closing: closing('Madame, Monsieur,') }],
    recipients: `Mesdames et Messieurs les membres ${sittingWhere(m) ?? 'de la commission'}`,
    intro: `J’ai l’honneur de vous convier à la ${kind} de la ${lowerFirst(data.commission.name)}, qui se tiendra le ${formatLongWallClock(m.startsAt)}${m.place ? `, ${m.place}` : m.videoLink ? ', en visioconférence' : ''}.`,
    remote: m.videoLink ? `${m.place ? 'Vous pourrez aussi participer' : 'La séance se tiendra'} en visioconférence : ${m.videoLink}` : '',
    secondConvocation: first
      ? `Le quorum n’ayant pas été atteint lors de la séance du ${first}, la commission est de nouveau convoquée sur le même ordre du jour. Conformément à l’${LEGAL_REFERENCES.quorum}, elle délibérera valablement sans condition de quorum : aucun quorum ne sera exigé.`
      : '',
    agendaIntro: m.agenda.length > 0 ? 'L’ordre du jour de la séance est le suivant :' : 'L’ordre du jour vous sera communiqué ultérieurement.',
    agenda: m.agenda.map((i, index) => ({ number: index + 1, time: times[index] ?? '', title: i.title, presenter: i.presenter ?? '' })),
    mandateRule: `Un membre empêché peut se faire représenter par son suppléant ou, s’il n’est pas suppléé, donner mandat à un autre membre de la commission ; nul ne peut détenir plus d’un mandat (${LEGAL_REFERENCES.mandate}). Je vous remercie de bien vouloir confirmer votre présence ou, en cas d’empêchement, indiquer le nom de votre suppléant ou du membre à qui vous donnez mandat.`,
    attachments: m.files.map((f) => f.title),
    contact: `Contact : ${contactLine}.`,
    signature: signatureBlock({ meeting: m, commission: data.commission }),
    footer: `Convocation – ${shortSessionName(m.kind, m.startsAt)}`,
  };
}

export function mapAttendanceSheet(data: MeetingDocumentData): AttendanceSheetView {
  const m = data.meeting;
  const rows = sortFrench(listed(m), (a) => [a.structure, a.name]).map((a) => ({
    name: personName(a),
    structure: [a.structure, a.role].filter(Boolean).join('\n'),
    note: a.status === 'supplee' ? `Suppléant : ${a.representedBy ?? ''}` : a.status === 'mandat' ? `Mandat à ${a.mandateToName ?? ''}` : '',
  }));
  return {
    header: header(data, 'Feuille d’émargement'),
    subject: `Feuille d’émargement de la ${shortSessionName(m.kind, m.startsAt)}`,
    facts: sessionFacts(data, { secretary: false }),
    rows,
    blankRows: 6,
    footer: `Feuille d’émargement – ${shortSessionName(m.kind, m.startsAt)}`,
  };
}
