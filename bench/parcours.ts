import { join } from 'node:path';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { latestExaminingMeeting } from '../src/main/features/parcours/examination';
import { parcoursStats } from '../src/main/features/parcours/parcours';
import { renderReleve } from '../src/main/features/parcours/releve';
import { parisToday } from '../src/shared/wallclock';
import { measure, type Benchmark } from './lib';

/** The figures of a year and of six years, and the relevé d'avis of the last examining meeting, on the large demo. */
export const parcoursBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'parcours.maillage');
  const now = new Date();
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(db, { size: 'large', today: now });
  const requests = db.prepare('SELECT count(*) FROM parcours_requests').pluck().get() as number;
  const year = String(Number(parisToday(now).slice(0, 4)) - 1);
  const meetingId = latestExaminingMeeting(db);
  const today = parisToday(now);
  try {
    return [
      await measure(`Chiffres des parcours de sortie d’une année (${requests} demandes)`, 21, () => parcoursStats(db, `${year}-01-01`, `${year}-12-31`, today)),
      await measure('Chiffres des parcours de sortie sur six ans (72 mois)', 11, () => parcoursStats(db, `${Number(year) - 5}-01-01`, `${year}-12-31`, today)),
      await measure('Relevé d’avis de la dernière séance d’examen au format Word', 11, () => renderReleve(db, file, meetingId)),
    ];
  } finally {
    db.close();
  }
};
