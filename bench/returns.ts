import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/main/db/connection';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { createCampaign } from '../src/main/features/returns/campaigns';
import { writeCampaignFiles } from '../src/main/features/returns/prepare';
import { previewReturns } from '../src/main/features/returns/session';
import { campaignCreate } from '../src/shared/schemas/returns';
import { parisToday } from '../src/shared/wallclock';
import { measure, type Benchmark } from './lib';

const STRUCTURES = 100;

/**
 * Returns from partners on the large demo (pilots and contributors asked, so that 100 structures
 * are): preparing 100 workbooks with their .eml drafts, then previewing 100 returned workbooks, each
 * filled on its first fiche and first indicator. Budget: 5 s each.
 */
export const returnsBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'remontees.maillage');
  const now = new Date();
  const today = parisToday(now);
  const created = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(created, { size: 'large', today: now });
  created.close();
  const db = openDatabase(file);
  try {
    const campaignId = createCampaign(
      db,
      campaignCreate.parse({ name: 'Banc d’essai', periodFrom: `${today.slice(0, 4)}-01-01`, periodTo: today, deadlineOn: today, replyTo: 'ddfe@gironde.gouv.fr', includeContributors: true }),
      now,
    );
    const requestIds = db.prepare('SELECT id FROM return_requests WHERE campaign_id = ? ORDER BY partner_name LIMIT ?').pluck().all(campaignId, STRUCTURES) as string[];
    if (requestIds.length < STRUCTURES) throw new Error(`only ${requestIds.length} structures asked`);
    let folder = '';
    const prepare = await measure(`Remontées : ${STRUCTURES} classeurs et leurs messages .eml, démo « large »`, 5, async (run) => {
      folder = join(dir, `envoi-${run}`);
      const prepared = await writeCampaignFiles(db, file, campaignId, { folder, sending: 'envoi', eml: true, requestIds }, now);
      if (prepared.workbooks !== STRUCTURES) throw new Error(`${prepared.workbooks} workbooks`);
    });

    // What partners send back: each workbook filled on its first fiche and its first indicator.
    const files: { name: string; bytes: Buffer }[] = [];
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.xlsx'))) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(join(folder, name)) as unknown as ExcelJS.Buffer);
      const fiches = workbook.getWorksheet('Fiches actions')!;
      fiches.getCell(4, 10).value = 50;
      fiches.getCell(4, 11).value = 'Deux réunions de coordination et une session de formation.';
      const indicators = workbook.getWorksheet('Indicateurs')!;
      if (indicators.getCell(4, 1).value !== null) {
        indicators.getCell(4, 9).value = 12;
        indicators.getCell(4, 10).value = new Date(`${today}T00:00:00Z`);
      }
      files.push({ name, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) });
    }
    const preview = await measure(`Remontées : aperçu de ${STRUCTURES} classeurs renvoyés, démo « large »`, 5, async () => {
      const { preview: shown } = await previewReturns(db, campaignId, files, now, true);
      const ready = shown.files.filter((f) => f.outcome === 'ready' && f.fiches.length > 0).length;
      if (ready !== STRUCTURES) throw new Error(`${ready} files ready: ${shown.files.find((f) => f.outcome !== 'ready')?.reason ?? 'no change read'}`);
    });
    return [prepare, preview];
  } finally {
    db.close();
  }
};
