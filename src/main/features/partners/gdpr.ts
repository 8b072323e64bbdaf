/**
 * GDPR duties towards contacts: reconfirming their details, exporting everything held about one
 * person, and erasing them everywhere (erasure.ts, on the list of db/personal-columns.ts).
 */
import type { Db } from '../../db/connection';
import { attendanceStatuses, followUpStatuses, meetingKinds, memberRoles, seatTitles, type MeetingKind } from '../../../shared/labels';
import { STALE_AFTER_MONTHS, type ErasurePreview, type ErasureReport, type StaleContact } from '../../../shared/model/network';
import { formatDate, formatDateTime } from '../../../shared/format';
import { parisToday } from '../../../shared/wallclock';
import type { TabularSheet } from '../../spreadsheets/writer';
import { recordChange } from '../../commission-file/changelog';
import { normalise } from '../../spreadsheets/columns';
import { applyErasure, excerpt, excerptsOf, findContact, placesOf, planErasure, type ErasurePlan } from './erasure';
import { contactDisplayName, type ContactRow } from './partners';
import { sortFrench } from '../../../shared/search';

const CONTACT_SQL = 'SELECT c.*, p.name AS partner_name FROM contacts c JOIN partners p ON p.id = c.partner_id';

function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - months, d));
  return date.toISOString().slice(0, 10);
}

export function staleContacts(db: Db, today: string, limit = Infinity): { total: number; contacts: StaleContact[] } {
  const before = monthsBefore(today, STALE_AFTER_MONTHS);
  const rows = db.prepare(`${CONTACT_SQL} WHERE c.confirmed_on IS NULL OR c.confirmed_on < ?`).all(before) as (ContactRow & {
    partner_name: string;
  })[];
  // Never confirmed first, then the oldest confirmations; by name within a date.
  const contacts = sortFrench(rows, (c) => [c.confirmed_on === null ? 0 : 1, c.confirmed_on, c.last_name, c.first_name])
    .slice(0, limit)
    .map((c) => ({
      id: c.id,
      partnerId: c.partner_id,
      partnerName: c.partner_name,
      name: contactDisplayName(c),
      role: c.role,
      email: c.email,
      source: c.source,
      confirmedOn: c.confirmed_on,
    }));
  return { total: rows.length, contacts };
}

export function confirmContact(db: Db, id: string, now: Date): { id: string; confirmedOn: string } {
  const at = now.toISOString();
  const today = parisToday(now);
  const before = findContact(db, id);
  db.prepare('UPDATE contacts SET confirmed_on = ?, updated_at = ? WHERE id = ?').run(today, at, id);
  recordChange(db, at, 'contact', id, 'update', { confirmedOn: before.confirmed_on }, { confirmedOn: today });
  return { id, confirmedOn: today };
}

/** What erasing the person would change (the caller adds the copies that keep them). */
export function erasurePreview(db: Db, id: string): Omit<ErasurePreview, 'copies'> {
  const plan = planErasure(db, id);
  return { name: plan.name, places: placesOf(plan), excerpts: excerptsOf(plan), history: plan.history.deleted + plan.history.rewritten.size };
}

export function eraseContact(db: Db, id: string, now: Date): Omit<ErasureReport, 'copies'> {
  const plan = applyErasure(db, id, now);
  return { name: plan.name, places: placesOf(plan), history: plan.history.deleted + plan.history.rewritten.size };
}

interface Line {
  section: string;
  field: string;
  value: string | null;
}

/** The sessions, follow-ups and protocols where the plan found the person, with what they were there. */
function recordLines(db: Db, plan: ErasurePlan): Line[] {
  const lines: Line[] = [];
  const rowids = (table: string) => plan.changes.filter((c) => c.table === table).map((c) => c.key.key_rowid as number);
  const day = (startsAt: string) => formatDate(startsAt.slice(0, 10));
  const session = (kind: MeetingKind, startsAt: string, title: string | null) => `${meetingKinds.labels[kind] ?? kind} du ${day(startsAt)}${title ? ` – ${title}` : ''}`;
  const attendance = db.prepare('SELECT m.kind, m.title, m.starts_at, a.name, a.status, a.represented_by FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE a.rowid = ?');
  const attendances = rowids('meeting_attendees').map((rowid) => ({ rowid, ...(attendance.get(rowid) as { kind: MeetingKind; title: string | null; starts_at: string; name: string; status: string; represented_by: string | null }) }));
  for (const a of attendances.sort((x, y) => x.starts_at.localeCompare(y.starts_at))) {
    const change = plan.changes.find((c) => c.table === 'meeting_attendees' && c.key.key_rowid === a.rowid)!;
    const what = change.set.name !== undefined ? (attendanceStatuses.labels[a.status as keyof typeof attendanceStatuses.labels] ?? a.status) : `représente ${a.name}`;
    lines.push({ section: 'Séances', field: session(a.kind, a.starts_at, a.title), value: what });
  }
  const followUp = db.prepare('SELECT text, due_on, status FROM follow_ups WHERE rowid = ?');
  for (const change of plan.changes.filter((c) => c.table === 'follow_ups' && c.column === 'owner_name')) {
    const f = followUp.get(change.key.key_rowid) as { text: string; due_on: string | null; status: keyof typeof followUpStatuses.labels };
    lines.push({ section: 'Suites à donner', field: f.text, value: `${followUpStatuses.labels[f.status] ?? f.status}${f.due_on ? `, échéance ${formatDate(f.due_on)}` : ''}` });
  }
  const signature = db.prepare('SELECT p.title, s.structure_name, s.signer_role FROM protocol_signatories s JOIN protocols p ON p.id = s.protocol_id WHERE s.rowid = ?');
  for (const rowid of rowids('protocol_signatories')) {
    const s = signature.get(rowid) as { title: string; structure_name: string; signer_role: string | null };
    lines.push({ section: 'Protocoles signés', field: s.title, value: [s.structure_name, s.signer_role].filter(Boolean).join(', ') });
  }
  // Everywhere else (chairs, presenters, Paramètres, free texts): where, and the text around the mention.
  const listed = new Set(['meeting_attendees', 'protocol_signatories']);
  for (const c of plan.changes.filter((c) => !listed.has(c.table) && !(c.table === 'follow_ups' && c.column === 'owner_name'))) {
    lines.push({ section: 'Autres mentions', field: c.place, value: c.free ? excerpt(c.before!, c.set[c.column] ?? '') : c.before });
  }
  return lines;
}

/** Everything held about one person, as a list a secretary can send them. */
export function personalDataSheet(db: Db, id: string, now: Date): TabularSheet<Line> {
  const at = now.toISOString();
  const plan = planErasure(db, id);
  const c = plan.contact;
  const partnerName = db.prepare('SELECT name FROM partners WHERE id = ?').pluck().get(c.partner_id) as string;
  const lines: Line[] = [
    { section: 'Contact', field: 'Structure', value: partnerName },
    { section: 'Contact', field: 'Civilité', value: c.civility },
    { section: 'Contact', field: 'Prénom', value: c.first_name },
    { section: 'Contact', field: 'Nom', value: c.last_name },
    { section: 'Contact', field: 'Fonction', value: c.role },
    { section: 'Contact', field: 'Courriel', value: c.email },
    { section: 'Contact', field: 'Téléphone', value: c.phone },
    ...(
      db
        .prepare('SELECT s.label, s.title, m.role, m.from_on, m.to_on, m.arrete_ref FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.contact_id = ? ORDER BY m.from_on')
        .all(id) as { label: string; title: keyof typeof seatTitles.labels; role: keyof typeof memberRoles.labels; from_on: string | null; to_on: string | null; arrete_ref: string | null }[]
    ).map((m) => ({
      section: 'Composition de la commission',
      field: m.label,
      value: [memberRoles.labels[m.role], seatTitles.labels[m.title].toLowerCase(), m.from_on && `depuis le ${formatDate(m.from_on)}`, m.to_on && `ne siège plus depuis le ${formatDate(m.to_on)}`, m.arrete_ref]
        .filter(Boolean)
        .join(', '),
    })),
    { section: 'Contact', field: 'Source des coordonnées', value: c.source },
    { section: 'Contact', field: 'Coordonnées confirmées le', value: c.confirmed_on ? formatDate(c.confirmed_on) : null },
    { section: 'Contact', field: 'Notes', value: c.notes },
    { section: 'Contact', field: 'Enregistré le', value: formatDateTime(c.created_at) },
    { section: 'Contact', field: 'Modifié le', value: formatDateTime(c.updated_at) },
    ...recordLines(db, plan),
  ];
  const history = db.prepare("SELECT at, op FROM change_log WHERE entity = 'contact' AND entity_id = ? ORDER BY seq").all(id) as { at: string; op: string }[];
  const ops: Record<string, string> = { create: 'Création', update: 'Modification', delete: 'Suppression' };
  for (const h of history) lines.push({ section: 'Historique', field: formatDateTime(h.at), value: ops[h.op] ?? h.op });
  return {
    name: 'Données personnelles',
    title: `Données détenues par la commission sur ${plan.name} – extrait du ${formatDateTime(at).slice(0, 10)}`,
    rows: lines,
    columns: [
      { header: 'Rubrique', value: (l) => l.section, width: 22 },
      { header: 'Élément', value: (l) => l.field, width: 50 },
      { header: 'Valeur', value: (l) => l.value, width: 60 },
    ],
  };
}

export function personFileName(db: Db, id: string): string {
  const c = findContact(db, id);
  return `donnees-${normalise(`${c.first_name ?? ''} ${c.last_name}`).replace(/ /g, '-')}.xlsx`;
}
