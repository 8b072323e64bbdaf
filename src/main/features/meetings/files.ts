/**
 * The pièces jointes of a session: documents sent with the convocation (CRPA R. 133-8: « les
 * documents nécessaires à l'examen des affaires »), kept like a protocol's signed file in the
 * commission's files folder, under « seances/ ». The convocation lists them by title, in their order.
 */
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { cleanForeignText } from '../../../shared/text';
import type { MeetingDetail } from '../../../shared/model/meetings';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { getMeeting } from './detail';
import { removeStoredFile, storedFilePath, storeFile } from '../../commission-file/stored-files';

export const MEETING_FILE_EXTENSIONS = ['pdf', 'docx', 'doc', 'odt', 'xlsx', 'ods', 'csv', 'jpg', 'jpeg', 'png'];
const TYPES_TEXT = 'un document PDF, Word, Excel, OpenDocument, CSV ou une image (JPEG, PNG)';

type FileRow = { id: string; meeting_id: string; title: string; file_name: string; position: number };

function fileRow(db: Db, id: string): FileRow {
  const row = db.prepare('SELECT id, meeting_id, title, file_name, position FROM meeting_files WHERE id = ?').get(id) as FileRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette pièce jointe n’existe plus : elle a peut-être été retirée.');
  return row;
}

const snapshot = (r: FileRow) => ({ meetingId: r.meeting_id, title: r.title, fileName: r.file_name, position: r.position });

/** Copies `source` into the commission's files and lists it last among the session's pièces jointes, titled by its name. */
export async function addMeetingFile(db: Db, dbPath: string, meetingId: string, source: string, now: Date): Promise<MeetingDetail> {
  getMeeting(db, meetingId);
  const id = randomUUID();
  const relative = await storeFile(dbPath, 'seances', id.slice(0, 8), source, MEETING_FILE_EXTENSIONS, TYPES_TEXT);
  try {
    const at = now.toISOString();
    return db.transaction(() => {
      const position = db.prepare('SELECT coalesce(max(position), 0) + 1 FROM meeting_files WHERE meeting_id = ?').pluck().get(meetingId) as number;
      const title = cleanForeignText(basename(source, extname(source))).normalize('NFC').trim().slice(0, 200) || 'Document';
      db.prepare('INSERT INTO meeting_files (id, meeting_id, title, file_name, position, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, meetingId, title, relative, position, at);
      recordChange(db, at, 'meeting_file', id, 'create', null, snapshot(fileRow(db, id)));
      return getMeeting(db, meetingId);
    })();
  } catch (error) {
    // The session may have been deleted meanwhile: the copy must not stay behind, unnamed.
    removeStoredFile(dbPath, relative);
    throw error;
  }
}

export function renameMeetingFile(db: Db, input: { id: string; title: string }, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = fileRow(db, input.id);
    db.prepare('UPDATE meeting_files SET title = ? WHERE id = ?').run(input.title, input.id);
    recordChange(db, at, 'meeting_file', input.id, 'update', snapshot(before), snapshot(fileRow(db, input.id)));
    return getMeeting(db, before.meeting_id);
  })();
}

export function moveMeetingFile(db: Db, input: { id: string; direction: 'up' | 'down' }, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const row = fileRow(db, input.id);
    const ids = db.prepare('SELECT id FROM meeting_files WHERE meeting_id = ? ORDER BY position, created_at').pluck().all(row.meeting_id) as string[];
    const from = ids.indexOf(input.id);
    const to = input.direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return getMeeting(db, row.meeting_id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const set = db.prepare('UPDATE meeting_files SET position = ? WHERE id = ?');
    ids.forEach((fileId, index) => set.run(index + 1, fileId));
    recordChange(db, at, 'meeting_file', input.id, 'update', { meetingId: row.meeting_id, position: from + 1 }, { meetingId: row.meeting_id, position: to + 1 });
    return getMeeting(db, row.meeting_id);
  })();
}

export function meetingFilePath(db: Db, dbPath: string, id: string): string {
  return storedFilePath(dbPath, fileRow(db, id).file_name);
}

/** Takes the document off the session and deletes its copy in the commission's files (the user's original is untouched). */
export function removeMeetingFile(db: Db, dbPath: string, id: string, now: Date): MeetingDetail {
  const at = now.toISOString();
  const row = fileRow(db, id);
  const detail = db.transaction(() => {
    db.prepare('DELETE FROM meeting_files WHERE id = ?').run(id);
    const rest = db.prepare('SELECT id FROM meeting_files WHERE meeting_id = ? ORDER BY position, created_at').pluck().all(row.meeting_id) as string[];
    const set = db.prepare('UPDATE meeting_files SET position = ? WHERE id = ?');
    rest.forEach((fileId, index) => set.run(index + 1, fileId));
    recordChange(db, at, 'meeting_file', id, 'delete', snapshot(row), null);
    return getMeeting(db, row.meeting_id);
  })();
  removeStoredFile(dbPath, row.file_name);
  return detail;
}

/** The stored copies of a session's pièces jointes, to delete once the session itself is deleted. */
export function meetingFileNames(db: Db, meetingId: string): string[] {
  return db.prepare('SELECT file_name FROM meeting_files WHERE meeting_id = ?').pluck().all(meetingId) as string[];
}
