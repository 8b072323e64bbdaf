import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { openDatabase } from '../src/main/db/connection';
import { buildSynthesis, mapSynthesis } from '../src/main/documents/state-return/synthesis';
import { generateDemo } from '../src/main/features/demo';
import { consolidate, consolidationWorkbook } from '../src/main/features/state-return/consolidate';
import { renderStateReturn, stateReturnFileNames } from '../src/main/features/state-return/package';
import { departements } from '../src/shared/departements';
import { parisToday } from '../src/shared/wallclock';
import { CLI_BUNDLE } from '../scripts/build-cli.mjs';
import { measure, type Benchmark } from './lib';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

/**
 * Consolidating the whole country: 101 returns, one per département, each in its own folder (the
 * return of a small demo written again under each département's zone code). Budget: under 2 s for
 * the consolidation with its synthesis and workbook (issue 32).
 */
export const stateReturnBenchmarks: Benchmark = async (dir) => {
  const now = new Date();
  const year = Number(parisToday(now).slice(0, 4)) - 1;
  const file = join(dir, 'remontee-source.maillage');
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(db, { size: 'small', today: now });
  db.close();
  const source = openDatabase(file);
  const { files } = await renderStateReturn(source, file, year, now);
  source.close();

  const folder = join(dir, 'remontees');
  for (const d of departements) {
    const names = stateReturnFileNames(year, d.code);
    const sub = join(folder, d.region.name, d.code);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, names.csv), files.csv.replaceAll(';D33;', `;D${d.code};`));
    writeFileSync(join(sub, names.datapackage), files.datapackage.replaceAll('D33', `D${d.code}`).replaceAll('d33', `d${d.code.toLowerCase()}`));
  }
  if (!readFileSync(join(folder, 'Corse', '2A', stateReturnFileNames(year, '2A').csv), 'utf8').includes(';D2A;')) throw new Error('returns not rewritten');

  const docx = join(dir, 'consolidation.docx');
  // The processor time too: on a machine shared by other work, the elapsed time says more about the neighbours.
  const cpu: number[] = [];
  const inProcess = await measure('Consolidation de 101 remontées (contrôle, totaux, synthèse Word avec carte, classeur)', 5, async () => {
    const started = process.cpuUsage();
    const c = await consolidate(folder);
    if (c.returns.length !== 101 || c.setAside.length) throw new Error(`consolidation: ${c.returns.length} returns, ${c.setAside.length} set aside`);
    await Promise.all([buildSynthesis(mapSynthesis(c, { mapIndicator: 'parcours_personnes_en_parcours', producedOn: parisToday(now) })), consolidationWorkbook(c)]);
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
  });
  const sorted = [...cpu].sort((a, b) => a - b);
  return [
    inProcess,
    { name: '  dont temps processeur', runs: sorted.length, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! },
    await measure('Consolidation de 101 remontées par la ligne de commande (de bout en bout)', 3, () =>
      run(process.execPath, [CLI_BUNDLE, 'consolidate', '--in', folder, '--out', docx, '--xlsx', join(dir, 'consolidation.xlsx')], { cwd: ROOT }),
    ),
  ];
};
