import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { interventionDomains, partnerTypes, type CatalogueNodeKind, type FollowUpStatus, type InterventionDomain, type MeetingKind, type PartnerType, type ProtocolKind, type ProtocolStatus } from '../../../shared/labels';
import type { ReportListItem, ReportPreview } from '../../../shared/model/reports';
import type { ReportOptions } from '../../../shared/schemas/reports';
import { compareFrench, sortFrench } from '../../../shared/search';
import { stripForbiddenDeep } from '../../../shared/text';
import { parisDay, parisToday, parisWallClock } from '../../../shared/wallclock';
import { IN_FORCE } from '../composition/sitting';
import type { Db } from '../../db/connection';
import { buildDetailedReport, buildReport } from '../../documents/report/build';
import { mapDetailed, mapPreview, mapReport, type ReportData } from '../../documents/report/mapper';
import { toXlsx, type TabularColumn } from '../../spreadsheets/writer';
import { writeUserFile } from '../../platform/files';
import { localFileExists } from '../../platform/paths';
import { euros, type ActionRow, type IndicatorRow, type JournalRow } from '../measures/actions';
import { recordChange } from '../../commission-file/changelog';
import { figureRows } from '../parcours/parcours';
import { listCampaigns } from '../returns/campaigns';
import { readCommission } from '../../commission-file/commission';
import { readLogo } from '../settings/settings';
import { contactDisplayName, type ContactName } from '../partners/partners';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * Everything the bilan and its annex B show, in one query per table (the directory spreadsheet reads its own rows: readDirectory); the mapper does the period’s work.
 * The journal's texts are read only when `journalTexts` (annex B, the one part that prints them): the main document and the preview
 * use the states alone, and the texts were a fifth of the reading on the large demo.
 */
export function readReportData(db: Db, dbPath: string, now: Date, journalTexts = false): ReportData {
  const commission = readCommission(db, dbPath);
  const logo = readLogo(dbPath, commission.logoFile);

  const measures = groupBy(
    db
      .prepare(
        `SELECT am.action_id, am.node_id FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id JOIN frameworks f ON f.id = n.framework_id
         ORDER BY f.sort_order, n.sort_order`,
      )
      .all() as { action_id: string; node_id: string }[],
    (r) => r.action_id,
  );
  const contributors = groupBy(
    sortFrench(db.prepare('SELECT ap.action_id, p.name FROM action_partners ap JOIN partners p ON p.id = ap.partner_id').all() as { action_id: string; name: string }[], (p) => [p.name]),
    (r) => r.action_id,
  );
  const actions = sortFrench(
    db
      .prepare(
        `SELECT a.id, a.code, a.title, a.status, a.meteo, a.meteo_reason, a.progress, a.starts_on, a.ends_on, a.budget_cents, a.funders, a.created_at, p.name AS pilot
         FROM actions a LEFT JOIN partners p ON p.id = a.pilot_partner_id`,
      )
      .all() as (Pick<ActionRow, 'id' | 'code' | 'title' | 'status' | 'meteo' | 'meteo_reason' | 'progress' | 'starts_on' | 'ends_on' | 'budget_cents' | 'funders' | 'created_at'> & {
      pilot: string | null;
    })[],
    (a) => [a.code, a.title],
  ).map((a) => ({
    id: a.id,
    code: a.code,
    title: a.title,
    pilot: a.pilot,
    partners: (contributors.get(a.id) ?? []).map((c) => c.name),
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    createdOn: parisDay(a.created_at),
    current: { status: a.status, meteo: a.meteo, meteoReason: a.meteo_reason, progress: a.progress },
    measureIds: (measures.get(a.id) ?? []).map((m) => m.node_id),
    budget: euros(a.budget_cents),
    funders: a.funders,
  }));

  const journal = (
    db.prepare(`SELECT action_id, entry_on, created_at, ${journalTexts ? 'text' : 'NULL AS text'}, status, meteo, meteo_reason, progress FROM journal_entries`).all() as (Omit<
      Pick<JournalRow, 'action_id' | 'entry_on' | 'created_at' | 'text' | 'status' | 'meteo' | 'meteo_reason' | 'progress'>,
      'text'
    > & { text: string | null })[]
  ).map((e) => ({ actionId: e.action_id, entryOn: e.entry_on, createdAt: e.created_at, text: e.text, status: e.status, meteo: e.meteo, meteoReason: e.meteo_reason, progress: e.progress }));

  const values = groupBy(
    db.prepare('SELECT indicator_id, measured_on AS measuredOn, value FROM indicator_values ORDER BY measured_on').all() as { indicator_id: string; measuredOn: string; value: number }[],
    (v) => v.indicator_id,
  );
  const indicators = (
    db.prepare('SELECT id, action_id, name, unit, baseline, baseline_on, target, target_on FROM indicators ORDER BY sort_order, name').all() as IndicatorRow[]
  ).map((i) => ({
    actionId: i.action_id,
    name: i.name,
    unit: i.unit,
    baseline: i.baseline,
    baselineOn: i.baseline_on,
    target: i.target,
    targetOn: i.target_on,
    values: (values.get(i.id) ?? []).map((v) => ({ measuredOn: v.measuredOn, value: v.value })),
  }));

  const signatories = groupBy(
    db.prepare('SELECT protocol_id, structure_name FROM protocol_signatories ORDER BY sort_order').all() as { protocol_id: string; structure_name: string }[],
    (s) => s.protocol_id,
  );
  const closings = new Map(
    (
      db.prepare("SELECT protocol_id, max(on_date) AS on_date FROM protocol_events WHERE status IN ('expire', 'denonce') GROUP BY protocol_id").all() as {
        protocol_id: string;
        on_date: string;
      }[]
    ).map((e) => [e.protocol_id, e.on_date]),
  );
  const protocols = sortFrench(
    db.prepare('SELECT id, title, kind, status, signed_on, ends_on, review_on FROM protocols').all() as {
      id: string;
      title: string;
      kind: ProtocolKind;
      status: ProtocolStatus;
      signed_on: string | null;
      ends_on: string | null;
      review_on: string | null;
    }[],
    (p) => [p.title],
  ).map((p) => ({
    title: p.title,
    kind: p.kind,
    status: p.status,
    signedOn: p.signed_on,
    endsOn: p.ends_on,
    reviewOn: p.review_on,
    closedOn: closings.get(p.id) ?? null,
    signatories: (signatories.get(p.id) ?? []).map((s) => s.structure_name),
  }));

  const decisions = groupBy(
    db.prepare('SELECT meeting_id, text FROM decisions ORDER BY position, created_at').all() as { meeting_id: string; text: string }[],
    (d) => d.meeting_id,
  );
  const present = new Map(
    (
      db.prepare("SELECT meeting_id, count(*) AS n FROM meeting_attendees WHERE status IN ('present', 'represente') GROUP BY meeting_id").all() as { meeting_id: string; n: number }[]
    ).map((r) => [r.meeting_id, r.n]),
  );
  const meetings = (
    db.prepare('SELECT id, kind, title, starts_at, place, chair FROM meetings ORDER BY starts_at').all() as {
      id: string;
      kind: MeetingKind;
      title: string | null;
      starts_at: string;
      place: string | null;
      chair: string | null;
    }[]
  ).map((m) => ({ id: m.id, kind: m.kind, title: m.title, startsAt: m.starts_at, place: m.place, chair: m.chair, present: present.get(m.id) ?? 0,
    decisions: (decisions.get(m.id) ?? []).map((d) => d.text),
  }));

  const followUps = (
    db
      .prepare(
        `SELECT f.text, f.owner_name, p.name AS owner_partner, f.due_on, f.status, f.closed_on, m.kind, m.starts_at
         FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id LEFT JOIN partners p ON p.id = f.owner_partner_id`,
      )
      .all() as {
      text: string;
      owner_name: string | null;
      owner_partner: string | null;
      due_on: string | null;
      status: FollowUpStatus;
      closed_on: string | null;
      kind: MeetingKind;
      starts_at: string;
    }[]
  ).map((f) => ({
    text: f.text,
    owner: [f.owner_partner, f.owner_name !== f.owner_partner ? f.owner_name : null].filter(Boolean).join(' – ') || null,
    dueOn: f.due_on,
    status: f.status,
    closedOn: f.closed_on,
    meetingKind: f.kind,
    meetingStartsAt: f.starts_at,
  }));

  // Every appointment with its dates: a bilan of a past period reads the composition of its last day.
  const members = groupBy(
    sortFrench(
      db
        .prepare('SELECT c.partner_id, c.civility, c.first_name, c.last_name, c.role, m.from_on, m.to_on FROM seat_members m JOIN contacts c ON c.id = m.contact_id')
        .all() as ({ partner_id: string; from_on: string | null; to_on: string | null } & ContactName & { role: string | null })[],
      (c) => [c.last_name, c.first_name],
    ),
    (c) => c.partner_id,
  );
  const contactCounts = new Map(
    (db.prepare('SELECT partner_id, count(*) AS n FROM contacts GROUP BY partner_id').all() as { partner_id: string; n: number }[]).map((r) => [r.partner_id, r.n]),
  );
  const partners = (
    db.prepare('SELECT id, name, type, domains, created_at FROM partners').all() as { id: string; name: string; type: PartnerType; domains: string; created_at: string }[]
  ).map((p) => ({
    name: p.name,
    type: p.type,
    domains: JSON.parse(p.domains) as InterventionDomain[],
    createdOn: parisDay(p.created_at),
    members: (members.get(p.id) ?? []).map((c) => ({ name: contactDisplayName(c), role: c.role, fromOn: c.from_on, toOn: c.to_on })),
    contactCount: contactCounts.get(p.id) ?? 0,
  }));

  return {
    commission: { name: commission.name, departmentName: commission.departmentName, secretaryName: commission.secretaryName, prefectCivility: commission.prefectCivility },
    logo: logo ? { bytes: logo.bytes, type: extname(logo.fileName).toLowerCase() === '.png' ? 'png' : 'jpg' } : null,
    today: parisToday(now),
    wallClock: parisWallClock(now),
    frameworks: db.prepare('SELECT code, title, short_title AS shortTitle FROM frameworks ORDER BY sort_order, code').all() as ReportData['frameworks'],
    nodes: (
      db.prepare('SELECT n.id, f.code AS frameworkCode, n.parent_id AS parentId, n.kind, n.label, n.title FROM catalogue_nodes n JOIN frameworks f ON f.id = n.framework_id ORDER BY f.sort_order, n.sort_order').all() as {
        id: string;
        frameworkCode: string;
        parentId: string | null;
        kind: CatalogueNodeKind;
        label: string;
        title: string;
      }[]
    ),
    actions,
    journal,
    indicators,
    protocols,
    meetings,
    followUps,
    partners,
    parcours: figureRows(db),
    returns: {
      campaigns: listCampaigns(db),
      // A fiche's return is its journal entry or an indicator's value, dated the day its workbook came back.
      entries: db
        .prepare(
          `SELECT j.action_id AS actionId, r.answered_on AS "on" FROM journal_entries j
             JOIN return_intakes i ON i.id = j.return_intake_id JOIN return_requests r ON r.id = i.request_id WHERE r.answered_on IS NOT NULL
           UNION
           SELECT d.action_id, r.answered_on FROM indicator_values v JOIN indicators d ON d.id = v.indicator_id
             JOIN return_intakes i ON i.id = v.return_intake_id JOIN return_requests r ON r.id = i.request_id WHERE r.answered_on IS NOT NULL`,
        )
        .all() as ReportData['returns']['entries'],
    },
  };
}

/** Reads the data, once the period has begun and the frameworks asked for exist in this commission. */
function dataFor(db: Db, dbPath: string, options: ReportOptions, now: Date): ReportData {
  // A period still to come would read as measured (« la commission ne s’est pas réunie »): nothing is known of it yet.
  const today = parisToday(now);
  if (options.from > today) throw new ApiError('validation', `La période commence le ${formatDate(options.from)}, après aujourd’hui (${formatDate(today)}) : choisissez une période déjà commencée.`);
  const data = readReportData(db, dbPath, now, options.detailed);
  const unknown = options.frameworks?.find((code) => !data.frameworks.some((f) => f.code === code));
  if (unknown) throw new ApiError('validation', `Référentiel inconnu : ${unknown} (référentiels de la commission : ${data.frameworks.map((f) => f.code).join(', ')}).`);
  return data;
}

export function previewReport(db: Db, dbPath: string, options: ReportOptions, now: Date): ReportPreview {
  return mapPreview(dataFor(db, dbPath, options, now), options);
}

/** A file of the report: the main document, its annex B, its directory spreadsheet. */
interface ReportFile {
  /** Appended to the main file's name for the other files: « – fiches détaillées ». */
  suffix: string;
  extension: 'docx' | 'xlsx';
  bytes: Buffer;
}

/** A row of the directory spreadsheet beside the report: one per contact, or one per structure without contacts (or without personal details). */
interface DirectoryRow {
  structure: string;
  type: string;
  domains: string;
  address: string;
  website: string;
  name: string;
  role: string;
  member: boolean;
  email: string;
  phone: string;
}

/** The structures known at the end of `until`, by name, with their contacts when `withContacts`; read only when the spreadsheet is asked for. */
export function readDirectory(db: Db, until: string, withContacts: boolean): DirectoryRow[] {
  const contacts = withContacts
    ? groupBy(
        sortFrench(
          db
            .prepare(
              `SELECT c.partner_id, c.civility, c.first_name, c.last_name, c.role, c.email, c.phone,
                 EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND ${IN_FORCE}) AS is_member
               FROM contacts c`,
            )
            .all({ day: until }) as ({ partner_id: string; role: string | null; email: string | null; phone: string | null; is_member: number } & ContactName)[],
          (c) => [c.last_name, c.first_name],
        ),
        (c) => c.partner_id,
      )
    : new Map<string, never[]>();
  const partners = db.prepare('SELECT id, name, type, domains, address, postcode, commune, website, created_at FROM partners').all() as {
    id: string;
    name: string;
    type: PartnerType;
    domains: string;
    address: string | null;
    postcode: string | null;
    commune: string | null;
    website: string | null;
    created_at: string;
  }[];
  return partners
    .filter((p) => parisDay(p.created_at) <= until)
    .sort((a, b) => compareFrench(a.name, b.name))
    .flatMap((p) => {
      const structure = {
        structure: p.name,
        type: partnerTypes.labels[p.type],
        domains: (JSON.parse(p.domains) as InterventionDomain[]).map((d) => interventionDomains.labels[d]).join(', '),
        address: [p.address, [p.postcode, p.commune].filter(Boolean).join(' ')].filter(Boolean).join(', '),
        website: p.website ?? '',
      };
      const people = contacts.get(p.id) ?? [];
      return people.length
        ? people.map((c) => ({ ...structure, name: contactDisplayName(c), role: c.role ?? '', member: c.is_member === 1, email: c.email ?? '', phone: c.phone ?? '' }))
        : [{ ...structure, name: '', role: '', member: false, email: '', phone: '' }];
    });
}

const DIRECTORY_COLUMNS: TabularColumn<DirectoryRow>[] = [
  { header: 'Structure', width: 40, value: (r) => r.structure },
  { header: 'Type', width: 28, value: (r) => r.type },
  { header: 'Domaines d’intervention', width: 40, value: (r) => r.domains },
  { header: 'Adresse', width: 40, value: (r) => r.address },
  { header: 'Site internet', width: 28, value: (r) => r.website },
];
const CONTACT_COLUMNS: TabularColumn<DirectoryRow>[] = [
  { header: 'Contact', width: 28, value: (r) => r.name },
  { header: 'Fonction', width: 28, value: (r) => r.role },
  { header: 'Membre de la commission', width: 12, value: (r) => (r.member ? 'oui' : '') },
  { header: 'Courriel', width: 32, value: (r) => r.email },
  { header: 'Téléphone', width: 16, value: (r) => r.phone },
];

/** The report's files: the same bytes for the app, the CLI and the tests. */
export async function renderReport(db: Db, dbPath: string, options: ReportOptions, now: Date): Promise<{ files: ReportFile[]; fileName: string; title: string }> {
  // Last defence for the Word writers and the charts: a character XML forbids would make them unreadable.
  const data = stripForbiddenDeep(dataFor(db, dbPath, options, now));
  const view = mapReport(data, options);
  const files: ReportFile[] = [{ suffix: '', extension: 'docx', bytes: await buildReport(view) }];
  if (options.detailed) files.push({ suffix: ' – fiches détaillées', extension: 'docx', bytes: await buildDetailedReport(mapDetailed(data, options)) });
  if (options.directory) {
    const rows = readDirectory(db, options.to, options.includeContacts);
    const columns = options.includeContacts ? [...DIRECTORY_COLUMNS, ...CONTACT_COLUMNS] : DIRECTORY_COLUMNS;
    files.push({ suffix: ' – annuaire', extension: 'xlsx', bytes: await toXlsx(rows, columns, { sheetName: 'Annuaire' }) });
  }
  return { files, fileName: `bilan-avancement-${options.from}-au-${options.to}.docx`, title: view.title };
}

/** Where each file goes: the main one where the user chose, the others beside it, named after it. */
function reportFilePaths(mainPath: string, files: readonly ReportFile[]): string[] {
  const stem = mainPath.replace(/\.docx$/i, '');
  return files.map((f) => (f.suffix === '' ? mainPath : `${stem}${f.suffix}.${f.extension}`));
}

/** Writes every file of the report; each one is whole or, on failure, the previous one is untouched. */
export async function writeReportFiles(mainPath: string, files: readonly ReportFile[]): Promise<string[]> {
  const paths = reportFilePaths(mainPath, files);
  for (const [k, file] of files.entries()) await writeUserFile(paths[k]!, file.bytes);
  return paths;
}

interface ReportRow {
  id: string;
  title: string;
  from_on: string;
  to_on: string;
  file_path: string;
  generated_at: string;
}

function toItem(r: ReportRow): ReportListItem {
  return { id: r.id, title: r.title, fromOn: r.from_on, toOn: r.to_on, filePath: r.file_path, generatedAt: r.generated_at, fileExists: localFileExists(r.file_path) };
}

/** Lists a report just written at `path` in the Rapports section, so that it can be opened again. */
export function recordReport(db: Db, input: { title: string; options: ReportOptions; path: string }, now: Date): ReportListItem {
  const row: ReportRow = { id: randomUUID(), title: input.title, from_on: input.options.from, to_on: input.options.to, file_path: input.path, generated_at: now.toISOString() };
  db.transaction(() => {
    db.prepare('INSERT INTO reports (id, title, from_on, to_on, file_path, options, generated_at) VALUES (@id, @title, @from_on, @to_on, @file_path, @options, @generated_at)').run({
      ...row,
      options: JSON.stringify(input.options),
    });
    recordChange(db, row.generated_at, 'report', row.id, 'create', null, { ...row, options: input.options });
  })();
  return toItem(row);
}

export function listReports(db: Db): ReportListItem[] {
  return (db.prepare('SELECT id, title, from_on, to_on, file_path, generated_at FROM reports ORDER BY generated_at DESC, rowid DESC').all() as ReportRow[]).map(toItem);
}

function reportRow(db: Db, id: string): ReportRow {
  const row = db.prepare('SELECT id, title, from_on, to_on, file_path, generated_at FROM reports WHERE id = ?').get(id) as ReportRow | undefined;
  if (!row) throw new ApiError('not_found', 'Ce rapport ne figure plus dans la liste.');
  return row;
}

/** The file of a listed report, refused when it was moved or deleted since. */
export function reportFile(db: Db, id: string): string {
  const row = reportRow(db, id);
  if (!localFileExists(row.file_path)) throw new ApiError('not_found', `Le fichier ${row.file_path} n’existe plus à cet endroit : il a peut-être été déplacé ou supprimé. Générez le rapport à nouveau.`);
  return row.file_path;
}

export function removeReport(db: Db, id: string, now: Date): { id: string } {
  return db.transaction(() => {
    const before = reportRow(db, id);
    db.prepare('DELETE FROM reports WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'report', id, 'delete', before, null);
    return { id };
  })();
}
