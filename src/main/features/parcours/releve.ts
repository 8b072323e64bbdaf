import { extname } from 'node:path';
import type { Db } from '../../db/connection';
import { buildReleve, mapReleve, type ReleveData } from '../../documents/parcours/releve';
import { readCommission } from '../../commission-file/commission';
import { readLogo } from '../settings/settings';
import { getMeeting } from '../meetings/detail';
import { examinedRequests } from './examination';

function releveData(db: Db, dbPath: string, meetingId: string): ReleveData {
  const commission = readCommission(db, dbPath);
  const logo = readLogo(dbPath, commission.logoFile);
  const meeting = getMeeting(db, meetingId);
  return {
    meeting,
    examined: examinedRequests(db, meetingId).examined,
    commission,
    logo: logo ? { bytes: logo.bytes, type: extname(logo.fileName).toLowerCase() === '.png' ? 'png' : 'jpg' } : null,
  };
}

/** The relevé d'avis of a meeting: the same bytes for the app, the CLI and the tests. */
export async function renderReleve(db: Db, dbPath: string, meetingId: string): Promise<{ bytes: Buffer; fileName: string }> {
  const data = releveData(db, dbPath, meetingId);
  return { bytes: await buildReleve(mapReleve(data)), fileName: `releve-avis-${data.meeting.startsAt.slice(0, 10)}.docx` };
}
