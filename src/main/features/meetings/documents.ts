import { extname } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { joinFrench } from '../../../shared/format';
import type { MeetingDocumentKind } from '../../../shared/schemas/meetings';
import { stripForbiddenDeep } from '../../../shared/text';
import { CONVOCATION_NOTICE_DAYS, convocationIsLate, LEGAL_REFERENCES } from '../../../shared/meeting-rules';
import { parisToday, splitWallClock } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { buildIcs } from '../../documents/ics';
import { buildAttendanceSheet, buildConvocation, buildMinutes } from '../../documents/meetings/build';
import { mapAttendanceSheet, mapConvocation, mapMinutes, type MeetingDocumentData } from '../../documents/meetings/mapper';
import { readCommission } from '../../commission-file/commission';
import { readLogo } from '../settings/settings';
import { getMeeting } from './detail';

/** Each document of a session: its file name's stem, the save dialog's title, its format. */
export const MEETING_DOCUMENTS: Record<MeetingDocumentKind, { stem: string; title: string; extension: 'docx' | 'ics' }> = {
  compte_rendu: { stem: 'compte-rendu', title: 'Enregistrer le compte rendu', extension: 'docx' },
  releve: { stem: 'releve-de-decisions', title: 'Enregistrer le relevé de décisions', extension: 'docx' },
  convocation: { stem: 'convocation', title: 'Enregistrer la convocation', extension: 'docx' },
  lettres: { stem: 'lettres-de-convocation', title: 'Enregistrer les lettres de convocation', extension: 'docx' },
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

/** The warning to show when a convocation is produced too late for the notice of R. 133-8. */
function convocationWarning(kind: MeetingDocumentKind, startsAt: string, today: string): string | null {
  if (kind !== 'convocation' && kind !== 'lettres') return null;
  if (!convocationIsLate(startsAt, today)) return null;
  return `Attention : la séance a lieu dans moins de ${CONVOCATION_NOTICE_DAYS} jours. L’${LEGAL_REFERENCES.convocation} prévoit que les membres reçoivent la convocation au moins ${CONVOCATION_NOTICE_DAYS} jours avant la réunion, sauf urgence.`;
}

/**
 * The Paramètres a convocation prints and that are still empty: sent without them, it says only « Contact :
 * Secrétariat de la commission » and is dated without a city.
 */
function missingSettingsWarning(kind: MeetingDocumentKind, commission: MeetingDocumentData['commission']): string | null {
  if (kind !== 'convocation' && kind !== 'lettres') return null;
  const missing = [
    !commission.prefectureCity && 'la ville de la préfecture (pour la date)',
    !commission.secretaryName && 'le nom du secrétaire',
    !commission.secretariatContact && 'le contact du secrétariat (téléphone, courriel)',
  ].filter((m): m is string => Boolean(m));
  return missing.length > 0 ? `À compléter dans Paramètres avant l’envoi : ${joinFrench(missing)}.` : null;
}

/** Builds one document of a session: the same bytes for the app, the CLI and the tests. */
export async function renderMeetingDocument(
  db: Db,
  dbPath: string,
  meetingId: string,
  kind: MeetingDocumentKind,
  now: Date,
): Promise<{ bytes: Buffer; fileName: string; warning: string | null }> {
  const data = documentData(db, dbPath, meetingId, now);
  const warning = [convocationWarning(kind, data.meeting.startsAt, data.today), missingSettingsWarning(kind, data.commission)].filter(Boolean).join(' ') || null;
  return { ...(await render(data, kind, now)), warning };
}

async function render(data: MeetingDocumentData, kind: MeetingDocumentKind, now: Date): Promise<{ bytes: Buffer; fileName: string }> {
  const fileName = `${MEETING_DOCUMENTS[kind].stem}-${data.meeting.kind.replace(/_/g, '-')}-${splitWallClock(data.meeting.startsAt).date}.${MEETING_DOCUMENTS[kind].extension}`;
  switch (kind) {
    case 'compte_rendu':
      return { bytes: await buildMinutes(mapMinutes(data, { short: false })), fileName };
    case 'releve':
      return { bytes: await buildMinutes(mapMinutes(data, { short: true })), fileName };
    case 'convocation':
      return { bytes: await buildConvocation(mapConvocation(data)), fileName };
    case 'lettres': {
      const view = mapConvocation(data, { letters: true });
      // Without anyone invited, the letters would be a document with nothing in it.
      if (view.letters.length === 0) {
        throw new ApiError('validation', 'Personne n’est invité à cette séance : il n’y a pas de lettre à écrire. Ajoutez les participants (onglet « Participants »), ou enregistrez la convocation.');
      }
      return { bytes: await buildConvocation(view), fileName };
    }
    case 'emargement':
      return { bytes: await buildAttendanceSheet(mapAttendanceSheet(data)), fileName };
    case 'ics':
      return { bytes: Buffer.from(buildIcs(data.meeting, data.commission, now), 'utf8'), fileName };
  }
}
