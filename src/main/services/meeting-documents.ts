import { extname } from 'node:path';
import type { MeetingDocumentKind } from '../../shared/schemas/meetings';
import { stripForbiddenDeep } from '../../shared/text';
import { parisToday, splitWallClock } from '../../shared/wallclock';
import type { Db } from '../db/connection';
import { buildIcs } from '../documents/ics';
import { buildAttendanceSheet, buildConvocation, buildMinutes } from '../documents/meetings/build';
import { mapAttendanceSheet, mapConvocation, mapMinutes, type MeetingDocumentData } from '../documents/meetings/mapper';
import { writeUserFile } from '../files';
import type { OsServices } from '../os';
import { readCommission, readLogo } from './commission';
import { getMeeting } from './meetings';

const DOCUMENTS: Record<MeetingDocumentKind, { stem: string; title: string; extension: 'docx' | 'ics' }> = {
  compte_rendu: { stem: 'compte-rendu', title: 'Enregistrer le compte rendu', extension: 'docx' },
  releve: { stem: 'releve-de-decisions', title: 'Enregistrer le relevé de décisions', extension: 'docx' },
  convocation: { stem: 'convocation', title: 'Enregistrer la convocation', extension: 'docx' },
  emargement: { stem: 'feuille-emargement', title: 'Enregistrer la feuille d’émargement', extension: 'docx' },
  ics: { stem: 'seance', title: 'Exporter la séance vers l’agenda', extension: 'ics' },
};

export function documentData(db: Db, dbPath: string, meetingId: string, now: Date): MeetingDocumentData {
  const commission = readCommission(db, dbPath);
  const logo = readLogo(dbPath, commission.logoFile);
  return {
    // Last defence for the Word writer: a character XML forbids would make the document unreadable.
    meeting: stripForbiddenDeep(getMeeting(db, meetingId)),
    commission: stripForbiddenDeep(commission),
    logo: logo ? { bytes: logo.bytes, type: extname(logo.fileName).toLowerCase() === '.png' ? 'png' : 'jpg' } : null,
    today: parisToday(now),
  };
}

/** Builds one document of a session: the same bytes for the app, the CLI and the tests. */
export async function renderMeetingDocument(db: Db, dbPath: string, meetingId: string, kind: MeetingDocumentKind, now: Date): Promise<{ bytes: Buffer; fileName: string }> {
  const data = documentData(db, dbPath, meetingId, now);
  const fileName = `${DOCUMENTS[kind].stem}-${data.meeting.kind.replace(/_/g, '-')}-${splitWallClock(data.meeting.startsAt).date}.${DOCUMENTS[kind].extension}`;
  switch (kind) {
    case 'compte_rendu':
      return { bytes: await buildMinutes(mapMinutes(data, { short: false })), fileName };
    case 'releve':
      return { bytes: await buildMinutes(mapMinutes(data, { short: true })), fileName };
    case 'convocation':
      return { bytes: await buildConvocation(mapConvocation(data)), fileName };
    case 'emargement':
      return { bytes: await buildAttendanceSheet(mapAttendanceSheet(data)), fileName };
    case 'ics':
      return { bytes: Buffer.from(buildIcs(data.meeting, data.commission, now), 'utf8'), fileName };
  }
}

export async function exportMeetingDocument(
  open: { db: Db; path: string },
  os: OsServices,
  input: { id: string; document: MeetingDocumentKind },
  now: Date,
): Promise<{ path: string } | null> {
  const { bytes, fileName } = await renderMeetingDocument(open.db, open.path, input.id, input.document, now);
  const spec = DOCUMENTS[input.document];
  const target = await os.pickSaveFile({
    title: spec.title,
    defaultName: fileName,
    filters: [spec.extension === 'docx' ? { name: 'Document Word', extensions: ['docx'] } : { name: 'Calendrier (iCalendar)', extensions: ['ics'] }],
  });
  if (!target) return null;
  await writeUserFile(target, bytes);
  await os.openPath(target);
  return { path: target };
}
