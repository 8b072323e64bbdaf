/**
 * The register of protocols and conventions: signatories, status lifecycle with dated events,
 * deadlines (review or end of validity) and the signed file kept in the commission's files folder.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { parisDay, parisToday } from '../../../shared/wallclock';
import { protocolKinds, protocolStatuses, type ProtocolKind, type ProtocolStatus } from '../../../shared/labels';
import {
  protocolTransitions,
  RENEWAL_WINDOW_DAYS,
  type ActionOption,
  type ProtocolDeadline,
  type ProtocolDetail,
  type ProtocolListItem,
  type ProtocolRenewals,
} from '../../../shared/model/protocols';
import type { protocolCreate, protocolStatusChange, protocolUpdate } from '../../../shared/schemas/protocols';
import type { Db } from '../../db/connection';
import { toCsv, toXlsx, type TabularSheet } from '../../spreadsheets/writer';
import { recordChange } from '../../commission-file/changelog';
import { removeStoredFile, storedFilePath, storeFile } from '../../commission-file/stored-files';
import { sortFrench } from '../../../shared/search';

interface ProtocolRow {
  id: string;
  title: string;
  object: string | null;
  kind: ProtocolKind;
  status: ProtocolStatus;
  signed_on: string | null;
  starts_on: string | null;
  ends_on: string | null;
  review_on: string | null;
  file_name: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Only a signed protocol has a deadline to watch; its review date comes first, else its end. */
function deadlineOf(p: Pick<ProtocolRow, 'status' | 'review_on' | 'ends_on'>, today: string): ProtocolDeadline | null {
  if (p.status !== 'signe') return null;
  const date = p.review_on ?? p.ends_on;
  if (!date) return null;
  const daysLeft = daysBetween(today, date);
  return { date, kind: p.review_on ? 'review' : 'end', daysLeft, state: daysLeft < 0 ? 'overdue' : daysLeft <= RENEWAL_WINDOW_DAYS ? 'due' : 'later' };
}

export function listProtocols(db: Db, today: string): ProtocolListItem[] {
  const rows = db
    .prepare(
      `SELECT p.*,
              (SELECT group_concat(structure_name, ', ') FROM (SELECT structure_name FROM protocol_signatories s WHERE s.protocol_id = p.id ORDER BY sort_order)) AS signatory_names,
              (SELECT count(*) FROM protocol_signatories s WHERE s.protocol_id = p.id) AS signatories_count,
              (SELECT count(*) FROM protocol_actions a WHERE a.protocol_id = p.id) AS actions_count
       FROM protocols p`,
    )
    .all() as (ProtocolRow & { signatory_names: string | null; signatories_count: number; actions_count: number })[];
  return sortFrench(rows, (r) => [r.title]).map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    signedOn: r.signed_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reviewOn: r.review_on,
    deadline: deadlineOf(r, today),
    signatories: r.signatory_names ?? '',
    signatoriesCount: r.signatories_count,
    actionsCount: r.actions_count,
    hasFile: r.file_name !== null,
    updatedAt: r.updated_at,
  }));
}

function protocolRow(db: Db, id: string): ProtocolRow {
  const row = db.prepare('SELECT * FROM protocols WHERE id = ?').get(id) as ProtocolRow | undefined;
  if (!row) throw new ApiError('not_found', 'Ce protocole n’existe plus : il a peut-être été supprimé.');
  return row;
}

export function getProtocol(db: Db, id: string, today: string): ProtocolDetail {
  const r = protocolRow(db, id);
  return {
    id: r.id,
    title: r.title,
    object: r.object,
    kind: r.kind,
    status: r.status,
    signedOn: r.signed_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reviewOn: r.review_on,
    notes: r.notes,
    fileName: r.file_name,
    deadline: deadlineOf(r, today),
    signatories: db
      .prepare(
        'SELECT id, partner_id AS partnerId, structure_name AS structureName, signer_name AS signerName, signer_role AS signerRole FROM protocol_signatories WHERE protocol_id = ? ORDER BY sort_order',
      )
      .all(id) as ProtocolDetail['signatories'],
    events: db
      .prepare('SELECT id, status, on_date AS onDate, note FROM protocol_events WHERE protocol_id = ? ORDER BY on_date, created_at')
      .all(id) as ProtocolDetail['events'],
    actions: sortFrench(db.prepare('SELECT a.id, a.code, a.title FROM protocol_actions pa JOIN actions a ON a.id = pa.action_id WHERE pa.protocol_id = ?').all(id) as ActionOption[], (a) => [a.code, a.title]),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function actionOptions(db: Db): ActionOption[] {
  return sortFrench(db.prepare('SELECT id, code, title FROM actions').all() as ActionOption[], (a) => [a.code, a.title]);
}

type Links = Pick<z.output<typeof protocolCreate>, 'signatories' | 'actionIds'>;

function writeLinks(db: Db, id: string, links: Links): void {
  db.prepare('DELETE FROM protocol_signatories WHERE protocol_id = ?').run(id);
  const insertSignatory = db.prepare(
    'INSERT INTO protocol_signatories (id, protocol_id, partner_id, structure_name, signer_name, signer_role, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  links.signatories.forEach((s, i) => insertSignatory.run(randomUUID(), id, s.partnerId, s.structureName, s.signerName, s.signerRole, i));
  db.prepare('DELETE FROM protocol_actions WHERE protocol_id = ?').run(id);
  const insertAction = db.prepare('INSERT INTO protocol_actions (protocol_id, action_id) VALUES (?, ?)');
  for (const actionId of links.actionIds) insertAction.run(id, actionId);
}

export function createProtocol(db: Db, input: z.output<typeof protocolCreate>, now: Date): ProtocolDetail {
  const id = randomUUID();
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO protocols (id, title, object, kind, status, signed_on, starts_on, ends_on, review_on, notes, created_at, updated_at)
       VALUES (@id, @title, @object, @kind, @status, @signedOn, @startsOn, @endsOn, @reviewOn, @notes, @at, @at)`,
    ).run({ ...input, id, at });
    writeLinks(db, id, input);
    const statusOn = input.status === 'signe' && !input.statusOn ? input.signedOn! : (input.statusOn ?? today);
    db.prepare('INSERT INTO protocol_events (id, protocol_id, status, on_date, note, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run(randomUUID(), id, input.status, statusOn, at);
    const created = getProtocol(db, id, today);
    recordChange(db, at, 'protocol', id, 'create', null, created);
    return created;
  })();
}

export function updateProtocol(db: Db, input: z.output<typeof protocolUpdate>, now: Date): ProtocolDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = getProtocol(db, input.id, today);
    if (before.status !== 'projet' && before.status !== 'en_signature' && !input.signedOn) {
      throw new ApiError('validation', 'Indiquez la date de signature d’un protocole signé.', [{ path: 'signedOn', message: 'Indiquez la date de signature d’un protocole signé.' }]);
    }
    db.prepare(
      `UPDATE protocols SET title = @title, object = @object, kind = @kind, signed_on = @signedOn, starts_on = @startsOn, ends_on = @endsOn,
         review_on = @reviewOn, notes = @notes, updated_at = @at WHERE id = @id`,
    ).run({ ...input, at });
    writeLinks(db, input.id, input);
    const after = getProtocol(db, input.id, today);
    recordChange(db, at, 'protocol', input.id, 'update', before, after);
    return after;
  })();
}

/** Moves a protocol along its lifecycle and dates the step; signing sets the signature date if empty. */
export function changeStatus(db: Db, input: z.output<typeof protocolStatusChange>, now: Date): ProtocolDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = getProtocol(db, input.id, today);
    if (!protocolTransitions[before.status].includes(input.status)) {
      throw new ApiError(
        'conflict',
        before.status === 'denonce'
          ? 'Un protocole dénoncé ne change plus de statut : enregistrez un nouveau protocole.'
          : `Un protocole « ${protocolStatuses.labels[before.status]} » ne peut pas passer à « ${protocolStatuses.labels[input.status]} ».`,
      );
    }
    // A step dated on the day it was recorded carries the form's default date, not a date anyone chose: a later
    // step with an earlier real date (a signature entered after the fact) brings it back to that date.
    // A step whose date was chosen bounds the next ones.
    const later = db
      .prepare('SELECT id, on_date AS onDate, created_at AS createdAt FROM protocol_events WHERE protocol_id = ? AND on_date > ? ORDER BY on_date DESC')
      .all(input.id, input.onDate) as { id: string; onDate: string; createdAt: string }[];
    const chosen = later.find((e) => e.onDate !== parisDay(e.createdAt));
    if (chosen) {
      throw new ApiError('validation', `La date doit être postérieure au dernier changement de statut (${formatDate(chosen.onDate)}).`, [
        { path: 'onDate', message: `Date antérieure au ${formatDate(chosen.onDate)}.` },
      ]);
    }
    const redate = db.prepare('UPDATE protocol_events SET on_date = ? WHERE id = ?');
    for (const e of later) redate.run(input.onDate, e.id);
    const signedOn = input.status === 'signe' ? (before.status === 'expire' ? input.onDate : (before.signedOn ?? input.onDate)) : before.signedOn;
    db.prepare('UPDATE protocols SET status = ?, signed_on = ?, updated_at = ? WHERE id = ?').run(input.status, signedOn, at, input.id);
    db.prepare('INSERT INTO protocol_events (id, protocol_id, status, on_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      randomUUID(),
      input.id,
      input.status,
      input.onDate,
      input.note,
      at,
    );
    const after = getProtocol(db, input.id, today);
    recordChange(db, at, 'protocol', input.id, 'update', before, after);
    return after;
  })();
}

export function deleteProtocol(db: Db, dbPath: string, id: string, now: Date): { id: string } {
  const before = getProtocol(db, id, parisToday(now));
  db.transaction(() => {
    db.prepare('DELETE FROM protocols WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'protocol', id, 'delete', before, null);
  })();
  if (before.fileName) removeStoredFile(dbPath, before.fileName);
  return { id };
}

export function renewals(db: Db, today: string): ProtocolRenewals {
  const reminders = listProtocols(db, today)
    .filter((p) => p.deadline && p.deadline.state !== 'later')
    .map((p) => ({ id: p.id, title: p.title, kind: p.kind, deadline: p.deadline!, signatories: p.signatories }))
    .sort((a, b) => a.deadline.date.localeCompare(b.deadline.date));
  return { today, overdue: reminders.filter((r) => r.deadline.state === 'overdue'), dueSoon: reminders.filter((r) => r.deadline.state === 'due') };
}

export const SIGNED_FILE_EXTENSIONS = ['pdf', 'docx', 'doc', 'odt', 'jpg', 'jpeg', 'png'];

/** Copies the signed document into « <commission>-fichiers/protocoles/ »; the database keeps its relative path. */
export async function attachFile(db: Db, dbPath: string, id: string, source: string, now: Date): Promise<ProtocolDetail> {
  const today = parisToday(now);
  const before = getProtocol(db, id, today);
  const relative = await storeFile(dbPath, 'protocoles', id.slice(0, 8), source, SIGNED_FILE_EXTENSIONS, 'un document PDF, Word, OpenDocument ou une image (JPEG, PNG)');
  db.prepare('UPDATE protocols SET file_name = ?, updated_at = ? WHERE id = ?').run(relative, now.toISOString(), id);
  recordChange(db, now.toISOString(), 'protocol', id, 'update', { fileName: before.fileName }, { fileName: relative });
  if (before.fileName && before.fileName !== relative) removeStoredFile(dbPath, before.fileName);
  return getProtocol(db, id, today);
}

export function signedFilePath(db: Db, dbPath: string, id: string): string {
  const row = protocolRow(db, id);
  if (!row.file_name) throw new ApiError('not_found', 'Aucun document signé n’est joint à ce protocole.');
  return storedFilePath(dbPath, row.file_name);
}

export function removeFile(db: Db, dbPath: string, id: string, now: Date): ProtocolDetail {
  const row = protocolRow(db, id);
  db.prepare('UPDATE protocols SET file_name = NULL, updated_at = ? WHERE id = ?').run(now.toISOString(), id);
  recordChange(db, now.toISOString(), 'protocol', id, 'update', { fileName: row.file_name }, { fileName: null });
  if (row.file_name) removeStoredFile(dbPath, row.file_name);
  return getProtocol(db, id, parisToday(now));
}

function deadlineText(d: ProtocolDeadline | null): string {
  if (!d) return '';
  const what = d.kind === 'review' ? 'Révision' : 'Fin de validité';
  if (d.state === 'overdue') return `${what} dépassée depuis ${-d.daysLeft} j`;
  if (d.state === 'due') return `${what} dans ${d.daysLeft} j`;
  return '';
}

function protocolsSheet(items: ProtocolListItem[], actionsOf: (id: string) => string): TabularSheet<ProtocolListItem> {
  return {
    name: 'Protocoles',
    rows: items,
    columns: [
      { header: 'Titre', value: (p) => p.title, width: 40 },
      { header: 'Nature', value: (p) => protocolKinds.labels[p.kind], width: 30 },
      { header: 'Statut', value: (p) => protocolStatuses.labels[p.status], width: 14 },
      { header: 'Signataires', value: (p) => p.signatories, width: 40 },
      { header: 'Signé le', value: (p) => p.signedOn, type: 'date' },
      { header: 'Début', value: (p) => p.startsOn, type: 'date' },
      { header: 'Fin', value: (p) => p.endsOn, type: 'date' },
      { header: 'Révision', value: (p) => p.reviewOn, type: 'date' },
      { header: 'Échéance', value: (p) => deadlineText(p.deadline), width: 28 },
      { header: 'Fiches actions liées', value: (p) => actionsOf(p.id), width: 30 },
      { header: 'Document signé joint', value: (p) => (p.hasFile ? 'oui' : 'non') },
    ],
  };
}

export async function exportProtocols(db: Db, today: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const links = db
    .prepare(`SELECT pa.protocol_id AS id, group_concat(coalesce(a.code || ' ', '') || a.title, ' ; ') AS actions FROM protocol_actions pa JOIN actions a ON a.id = pa.action_id GROUP BY pa.protocol_id`)
    .all() as { id: string; actions: string }[];
  const byId = new Map(links.map((l) => [l.id, l.actions]));
  const sheet = protocolsSheet(listProtocols(db, today), (id) => byId.get(id) ?? '');
  return format === 'xlsx' ? toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }) : Buffer.from(toCsv(sheet.rows, sheet.columns), 'utf8');
}
