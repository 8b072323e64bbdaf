/**
 * The network as a whole: the Cartographie (who covers which domain, where; what is missing) and
 * GDPR duties towards contacts (reconfirmation, erasure everywhere, export of what is held).
 */
import type { Db } from '../../db/connection';
import { ApiError } from '../../../shared/errors';
import { interventionDomains, meetingKinds, attendanceStatuses, memberRoles, partnerTypes, followUpStatuses, seatTitles, type InterventionDomain, type MeetingKind, type PartnerType } from '../../../shared/labels';
import { STALE_AFTER_MONTHS, type ErasureReport, type NetworkMap, type StaleContact } from '../../../shared/model/network';
import { formatDate, formatDateTime, plural } from '../../../shared/format';
import { parisToday } from '../../../shared/wallclock';
import { sheet, toCsv, toXlsxWorkbook, type TabularSheet } from '../../spreadsheets/writer';
import { recordChange } from '../../commission-file/changelog';
import { releaseContacts } from '../composition/composition';
import { normalise } from '../../spreadsheets/columns';
import { contactDisplayName, type ContactRow } from './partners';

// ---------- Cartographie ----------

function zeroByDomain(): Record<InterventionDomain, number> {
  return Object.fromEntries(interventionDomains.codes.map((d) => [d, 0])) as Record<InterventionDomain, number>;
}

export function networkMap(db: Db): NetworkMap {
  const partners = db.prepare('SELECT type, domains, commune, postcode FROM partners').all() as { type: PartnerType; domains: string; commune: string | null; postcode: string | null }[];
  const rows = new Map(partnerTypes.codes.map((type) => [type, { type, total: 0, byDomain: zeroByDomain(), withoutDomain: 0 }]));
  const domainTotals = zeroByDomain();
  const communes = new Map<string, NetworkMap['communes'][number]>();
  for (const p of partners) {
    const domains = JSON.parse(p.domains) as InterventionDomain[];
    const row = rows.get(p.type) ?? rows.get('autre')!;
    row.total++;
    if (domains.length === 0) row.withoutDomain++;
    for (const d of domains) {
      row.byDomain[d]++;
      domainTotals[d]++;
    }
    const name = p.commune?.trim() || 'Commune non renseignée';
    const key = normalise(name);
    const c = communes.get(key) ?? { commune: name, postcode: p.postcode, total: 0, types: [], domains: [] };
    c.total++;
    if (!c.types.includes(p.type)) c.types.push(p.type);
    for (const d of domains) if (!c.domains.includes(d)) c.domains.push(d);
    communes.set(key, c);
  }
  const list = [...rows.values()];
  return {
    partners: partners.length,
    rows: list,
    domainTotals,
    communes: [...communes.values()].sort((a, b) => b.total - a.total || a.commune.localeCompare(b.commune, 'fr')),
    gaps: {
      domains: interventionDomains.codes.filter((d) => domainTotals[d] === 0),
      types: list.filter((r) => r.total === 0 && r.type !== 'autre').map((r) => r.type),
    },
  };
}

type MatrixRow = NetworkMap['rows'][number] | { type: 'total'; total: number; byDomain: Record<InterventionDomain, number>; withoutDomain: number };

function networkMapSheets(map: NetworkMap): TabularSheet<unknown>[] {
  const matrix: TabularSheet<MatrixRow> = {
    name: 'Types × domaines',
    title: `Cartographie du réseau : ${plural(map.partners, 'structure')} par type et domaine d’intervention`,
    rows: [...map.rows, { type: 'total', total: map.partners, byDomain: map.domainTotals, withoutDomain: map.rows.reduce((n, r) => n + r.withoutDomain, 0) }],
    columns: [
      { header: 'Type de structure', value: (r) => (r.type === 'total' ? 'Toutes les structures' : partnerTypes.labels[r.type]), width: 44 },
      { header: 'Structures', value: (r) => r.total, type: 'integer' },
      ...interventionDomains.codes.map((d) => ({ header: interventionDomains.labels[d], value: (r: MatrixRow) => r.byDomain[d], type: 'integer' as const, width: 16 })),
      { header: 'Sans domaine renseigné', value: (r) => r.withoutDomain, type: 'integer' },
    ],
  };
  const communes: TabularSheet<NetworkMap['communes'][number]> = {
    name: 'Communes',
    rows: map.communes,
    columns: [
      { header: 'Commune', value: (c) => c.commune, width: 28 },
      { header: 'Code postal', value: (c) => c.postcode },
      { header: 'Structures', value: (c) => c.total, type: 'integer' },
      { header: 'Types présents', value: (c) => c.types.map((t) => partnerTypes.labels[t]).join(', '), width: 60 },
      { header: 'Domaines couverts', value: (c) => c.domains.map((d) => interventionDomains.labels[d]).join(', '), width: 60 },
    ],
  };
  const gaps: TabularSheet<{ what: string; label: string }> = {
    name: 'Lacunes',
    rows: [
      ...map.gaps.domains.map((d) => ({ what: 'Domaine d’intervention sans aucune structure', label: interventionDomains.labels[d] })),
      ...map.gaps.types.map((t) => ({ what: 'Type de structure absent du réseau', label: partnerTypes.labels[t] })),
    ],
    columns: [
      { header: 'Lacune', value: (g) => g.what, width: 44 },
      { header: 'Domaine ou type', value: (g) => g.label, width: 50 },
    ],
  };
  return [sheet(matrix), sheet(communes), sheet(gaps)];
}

export async function exportNetworkMap(db: Db, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const sheets = networkMapSheets(networkMap(db));
  // A CSV holds one table: the type × domain matrix, the heart of the map.
  return format === 'xlsx' ? toXlsxWorkbook(sheets) : Buffer.from(toCsv(sheets[0]!.rows, sheets[0]!.columns), 'utf8');
}

// ---------- GDPR ----------

interface ContactWithPartner extends ContactRow {
  partner_name: string;
}

const CONTACT_SQL = 'SELECT c.*, p.name AS partner_name FROM contacts c JOIN partners p ON p.id = c.partner_id';

function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - months, d));
  return date.toISOString().slice(0, 10);
}

export function staleContacts(db: Db, today: string): StaleContact[] {
  const limit = monthsBefore(today, STALE_AFTER_MONTHS);
  const rows = db.prepare(`${CONTACT_SQL} WHERE c.confirmed_on IS NULL OR c.confirmed_on < ? ORDER BY c.confirmed_on IS NOT NULL, c.confirmed_on, c.last_name COLLATE NOCASE`).all(limit) as ContactWithPartner[];
  return rows.map((c) => ({
    id: c.id,
    partnerId: c.partner_id,
    partnerName: c.partner_name,
    name: contactDisplayName(c),
    role: c.role,
    email: c.email,
    source: c.source,
    confirmedOn: c.confirmed_on,
  }));
}

function contact(db: Db, id: string): ContactWithPartner {
  const row = db.prepare(`${CONTACT_SQL} WHERE c.id = ?`).get(id) as ContactWithPartner | undefined;
  if (!row) throw new ApiError('not_found', 'Ce contact n’existe plus : il a peut-être déjà été supprimé.');
  return row;
}

export function confirmContact(db: Db, id: string, now: Date): { id: string; confirmedOn: string } {
  const at = now.toISOString();
  const today = parisToday(now);
  const before = contact(db, id);
  db.prepare('UPDATE contacts SET confirmed_on = ?, updated_at = ? WHERE id = ?').run(today, at, id);
  recordChange(db, at, 'contact', id, 'update', { confirmedOn: before.confirmed_on }, { confirmedOn: today });
  return { id, confirmedOn: today };
}

/** The ways a person's name is written in name snapshots (with or without civility, in either order). */
function nameVariants(c: ContactWithPartner): Set<string> {
  const first = c.first_name ?? '';
  const variants = [`${first} ${c.last_name}`, `${c.last_name} ${first}`, `${c.civility ?? ''} ${first} ${c.last_name}`, `${c.civility ?? ''} ${c.last_name}`];
  if (!first) variants.push(c.last_name);
  return new Set(variants.map(normalise).filter((v) => v.includes(normalise(c.last_name))));
}

const ERASED = 'Personne effacée';

/**
 * Whether a name field holds the person, alone or with a title or role around it (« Mme Hélène
 * Desfontaines, directrice »): whole words, accents and case ignored.
 */
function containsName(names: Set<string>, value: string | null): boolean {
  if (value === null) return false;
  const text = ` ${words(value)} `;
  for (const name of names) if (text.includes(` ${name} `)) return true;
  return false;
}

/** Like normalise, but a hyphen or an apostrophe joins words: « Bézier » is not in « Bézier-Durand ». */
function words(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9'’-]+/g, ' ')
    .trim();
}

function nameWords(c: ContactWithPartner): Set<string> {
  const first = c.first_name ?? '';
  const variants = [`${first} ${c.last_name}`, `${c.last_name} ${first}`, `${c.civility ?? ''} ${c.last_name}`];
  if (!first) variants.push(c.last_name);
  return new Set(variants.map(words).filter((v) => v.includes(words(c.last_name))));
}

/** Removes, from any JSON snapshot, the objects that are this contact and the strings that hold their name. */
function scrub(value: unknown, id: string, names: Set<string>, inText: Set<string>): unknown {
  if (Array.isArray(value))
    return value.filter((v) => !(v && typeof v === 'object' && ((v as { id?: unknown }).id === id || (v as { contactId?: unknown }).contactId === id))).map((v) => scrub(v, id, names, inText));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, id, names, inText)]));
  if (typeof value === 'string' && (names.has(normalise(value)) || containsName(inText, value))) return ERASED;
  return value;
}

/** Name fields typed by hand rather than picked from the directory: replaced whole when they hold the person. */
const FREE_NAME_FIELDS: readonly { table: string; column: string; key: string }[] = [
  { table: 'meetings', column: 'chair', key: 'id' },
  { table: 'agenda_items', column: 'presenter', key: 'id' },
  { table: 'commission', column: 'secretary_name', key: 'id' },
];

/**
 * Erases a person everywhere Maillage holds them: the contact, their name in attendance lists (also
 * as « représenté par »), follow-up owners, protocol signers, session chairs, agenda presenters,
 * the commission's secretary, and the history. SQLite's secure_delete overwrites the freed space,
 * and a checkpoint empties the WAL of the old pages. Free-text notes are not rewritten (the
 * confirmation says so), nor are backups, which rotate out.
 */
export function eraseContact(db: Db, id: string, now: Date): ErasureReport {
  const at = now.toISOString();
  const c = contact(db, id);
  const names = nameVariants(c);
  const inText = nameWords(c);
  const like = `%${c.last_name}%`;
  const isNamed = (name: string | null) => matches(names, name);
  db.pragma('secure_delete = ON');
  let erased: ErasureReport;
  try {
    erased = db.transaction(() => {
      const report: ErasureReport = { name: contactDisplayName(c), attendances: 0, followUps: 0, signatories: 0, other: 0, history: 0 };
      // Past meetings keep counting the seat the person held; the composition keeps the seat, not the name.
      releaseContacts(db, [id], parisToday(now), at);
      report.other += db.prepare('UPDATE seat_members SET name = ? WHERE contact_id = ?').run(ERASED, id).changes;
      const attendees = db.prepare('SELECT id, contact_id, partner_id, name, represented_by FROM meeting_attendees WHERE contact_id = ? OR name LIKE ? OR represented_by LIKE ?').all(id, like, like) as {
        id: string;
        contact_id: string | null;
        partner_id: string | null;
        name: string;
        represented_by: string | null;
      }[];
      for (const a of attendees) {
        const isPerson = a.contact_id === id || (isNamed(a.name) && (a.partner_id === null || a.partner_id === c.partner_id));
        if (isPerson) db.prepare('UPDATE meeting_attendees SET contact_id = NULL, name = ?, civility = NULL, role = NULL WHERE id = ?').run(ERASED, a.id);
        if (isNamed(a.represented_by)) db.prepare('UPDATE meeting_attendees SET represented_by = ? WHERE id = ?').run(ERASED, a.id);
        if (isPerson || isNamed(a.represented_by)) report.attendances++;
      }
      const followUps = db.prepare('SELECT id, owner_name, owner_partner_id FROM follow_ups WHERE owner_name LIKE ?').all(like) as { id: string; owner_name: string; owner_partner_id: string | null }[];
      for (const f of followUps) {
        if (!isNamed(f.owner_name) || (f.owner_partner_id !== null && f.owner_partner_id !== c.partner_id)) continue;
        db.prepare('UPDATE follow_ups SET owner_name = NULL WHERE id = ?').run(f.id);
        report.followUps++;
      }
      const signers = db.prepare('SELECT id, signer_name, partner_id FROM protocol_signatories WHERE signer_name LIKE ?').all(like) as { id: string; signer_name: string; partner_id: string | null }[];
      for (const s of signers) {
        if (!isNamed(s.signer_name) || (s.partner_id !== null && s.partner_id !== c.partner_id)) continue;
        db.prepare('UPDATE protocol_signatories SET signer_name = NULL, signer_role = NULL WHERE id = ?').run(s.id);
        report.signatories++;
      }
      for (const { table, column, key } of FREE_NAME_FIELDS) {
        const rows = db.prepare(`SELECT ${key} AS key, ${column} AS value FROM ${table} WHERE ${column} LIKE ?`).all(like) as { key: unknown; value: string }[];
        for (const row of rows.filter((r) => containsName(inText, r.value))) {
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`).run(ERASED, row.key);
          report.other++;
        }
      }
      report.history += db.prepare("DELETE FROM change_log WHERE entity = 'contact' AND entity_id = ?").run(id).changes;
      const snapshots = db.prepare('SELECT seq, before, after FROM change_log WHERE before LIKE ? OR after LIKE ? OR before LIKE ? OR after LIKE ?').all(`%${id}%`, `%${id}%`, like, like) as {
        seq: number;
        before: string | null;
        after: string | null;
      }[];
      for (const s of snapshots) {
        const before = s.before && JSON.stringify(scrub(JSON.parse(s.before), id, names, inText));
        const after = s.after && JSON.stringify(scrub(JSON.parse(s.after), id, names, inText));
        if (before === s.before && after === s.after) continue;
        db.prepare('UPDATE change_log SET before = ?, after = ? WHERE seq = ?').run(before, after, s.seq);
        report.history++;
      }
      db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
      // The erasure itself is recorded, without anything that identifies the person.
      recordChange(db, at, 'contact', id, 'delete', { erased: true, partnerId: c.partner_id }, null);
      return report;
    })();
  } finally {
    db.pragma('secure_delete = OFF');
  }
  // secure_delete clears the freed cells, but B-tree rebalancing can leave old copies in the unused
  // part of pages; VACUUM rewrites every page. The old pages, name included, then stay in the -wal
  // until a checkpoint: copy them back and empty it.
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Another reader holds the file: the next checkpoint (at the latest, on closing) rewrites the WAL.
  }
  return erased;
}

interface Line {
  section: string;
  field: string;
  value: string | null;
}

/** Everything held about one person, as a list a secretary can send them. */
export function personalDataSheet(db: Db, id: string, now: Date): TabularSheet<Line> {
  const at = now.toISOString();
  const c = contact(db, id);
  const names = nameVariants(c);
  const like = `%${c.last_name}%`;
  const lines: Line[] = [
    { section: 'Contact', field: 'Structure', value: c.partner_name },
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
    { section: 'Contact', field: 'Coordonnées confirmées le', value: c.confirmed_on?.split('-').reverse().join('/') ?? null },
    { section: 'Contact', field: 'Notes', value: c.notes },
    { section: 'Contact', field: 'Enregistré le', value: formatDateTime(c.created_at) },
    { section: 'Contact', field: 'Modifié le', value: formatDateTime(c.updated_at) },
  ];
  const attendances = db
    .prepare(
      `SELECT m.kind, m.title, m.starts_at, a.name, a.status, a.role, a.represented_by FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
       WHERE a.contact_id = ? OR a.name LIKE ? OR a.represented_by LIKE ? ORDER BY m.starts_at`,
    )
    .all(id, like, like) as { kind: MeetingKind; title: string | null; starts_at: string; name: string; status: keyof typeof attendanceStatuses.labels; role: string | null; represented_by: string | null }[];
  for (const a of attendances) {
    if (!(matches(names, a.name) || matches(names, a.represented_by))) continue;
    const day = a.starts_at.slice(0, 10).split('-').reverse().join('/');
    const what = matches(names, a.name) ? (attendanceStatuses.labels[a.status] ?? a.status) : `représente ${a.name}`;
    lines.push({ section: 'Séances', field: `${meetingKinds.labels[a.kind] ?? a.kind} du ${day}${a.title ? ` – ${a.title}` : ''}`, value: what });
  }
  const followUps = db.prepare('SELECT text, due_on, status, owner_name FROM follow_ups WHERE owner_name LIKE ? ORDER BY due_on').all(like) as { text: string; due_on: string | null; status: keyof typeof followUpStatuses.labels; owner_name: string }[];
  for (const f of followUps.filter((x) => matches(names, x.owner_name))) {
    lines.push({ section: 'Suites à donner', field: f.text, value: `${followUpStatuses.labels[f.status] ?? f.status}${f.due_on ? `, échéance ${f.due_on.split('-').reverse().join('/')}` : ''}` });
  }
  const signed = db
    .prepare('SELECT p.title, s.structure_name, s.signer_name, s.signer_role FROM protocol_signatories s JOIN protocols p ON p.id = s.protocol_id WHERE s.signer_name LIKE ?')
    .all(like) as { title: string; structure_name: string; signer_name: string; signer_role: string | null }[];
  for (const s of signed.filter((x) => matches(names, x.signer_name))) {
    lines.push({ section: 'Protocoles signés', field: s.title, value: [s.structure_name, s.signer_role].filter(Boolean).join(', ') });
  }
  const history = db.prepare("SELECT at, op FROM change_log WHERE entity = 'contact' AND entity_id = ? ORDER BY seq").all(id) as { at: string; op: string }[];
  const ops: Record<string, string> = { create: 'Création', update: 'Modification', delete: 'Suppression' };
  for (const h of history) lines.push({ section: 'Historique', field: formatDateTime(h.at), value: ops[h.op] ?? h.op });
  return {
    name: 'Données personnelles',
    title: `Données détenues par la commission sur ${contactDisplayName(c)} – extrait du ${formatDateTime(at).slice(0, 10)}`,
    rows: lines,
    columns: [
      { header: 'Rubrique', value: (l) => l.section, width: 22 },
      { header: 'Élément', value: (l) => l.field, width: 50 },
      { header: 'Valeur', value: (l) => l.value, width: 60 },
    ],
  };
}

function matches(names: Set<string>, name: string | null): boolean {
  return name !== null && names.has(normalise(name));
}

export function personFileName(db: Db, id: string): string {
  const c = contact(db, id);
  return `donnees-${normalise(`${c.first_name ?? ''} ${c.last_name}`).replace(/ /g, '-')}.xlsx`;
}
