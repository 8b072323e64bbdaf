import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Db } from '../src/main/db/connection';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { buildDetailedReport } from '../src/main/documents/report/build';
import { mapDetailed } from '../src/main/documents/report/mapper';
import { readReportData, renderReport } from '../src/main/features/reports/reports';
import { reportOptions, reportSections } from '../src/shared/schemas/reports';
import { CLI_BUNDLE } from '../scripts/build-cli.mjs';
import { parisToday } from '../src/shared/wallclock';
import { measure, measureInTurn, type Benchmark, type Measurement } from './lib';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

/** What the report reads: rows of every table it draws on. */
const TABLES = ['partners', 'contacts', 'actions', 'action_measures', 'action_partners', 'journal_entries', 'indicators', 'indicator_values', 'protocols', 'protocol_signatories', 'meetings', 'meeting_attendees', 'decisions', 'follow_ups'];

function rows(db: Db): number {
  return TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0);
}

/**
 * The secretary's yearly bilan: the one-year report of the small and large demos through the CLI,
 * end to end (process start, reading, charts, .docx written), and in process; then how time grows
 * against the size of the data.
 */
export const reportBenchmarks: Benchmark = async (dir) => {
  const now = new Date();
  const year = Number(parisToday(now).slice(0, 4)) - 1;
  const sizes = { small: 0, large: 0 };
  const files = { small: join(dir, 'rapport-small.maillage'), large: join(dir, 'rapport-large.maillage') };
  for (const size of ['small', 'large'] as const) {
    const db = createCommissionDatabase(files[size], { departmentCode: '33', name: null }, now);
    generateDemo(db, { size, today: now });
    sizes[size] = rows(db);
    db.close();
  }

  const cli =
    (size: 'small' | 'large', extra: string[] = []) =>
    () =>
      run(process.execPath, [CLI_BUNDLE, 'report', '--db', files[size], '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--out', join(dir, `rapport-${size}.docx`), ...extra], { cwd: ROOT });
  // What any run of the CLI costs on the large demo: start Node, load the modules, open, read and map the data, write a document of one short part.
  const floor = reportSections.filter((s) => s !== 'perspectives').flatMap((s) => ['--without', s]);
  const inProcess = (size: 'small' | 'large', detailedOnly = false) => {
    const options = reportOptions.parse({ from: `${year}-01-01`, to: `${year}-12-31` });
    return async () => {
      const db = openDatabase(files[size]);
      try {
        if (detailedOnly) await buildDetailedReport(mapDetailed(readReportData(db, files[size], now, true), options));
        else await renderReport(db, files[size], options, now);
      } finally {
        db.close();
      }
    };
  };

  // The CLI's code cache is made by the first run of the command: the runs measured find it, as a user's second run does.
  await cli('small')();
  const results: Measurement[] = [
    ...(await measureInTurn(
      [
        [`Bilan annuel ${year}, démo « small » (${sizes.small} lignes), CLI de bout en bout`, cli('small')],
        [`Bilan annuel ${year}, démo « large » (${sizes.large} lignes), CLI de bout en bout`, cli('large')],
        [`Bilan ${year} réduit aux perspectives, démo « large », CLI de bout en bout (plancher d’un processus)`, cli('large', floor)],
      ],
      7,
    )),
    ...(await measureInTurn(
      [
        [`Bilan annuel ${year}, démo « small », dans le processus`, inProcess('small')],
        [`Bilan annuel ${year}, démo « large », dans le processus`, inProcess('large')],
      ],
      7,
    )),
    await measure(`Annexe B (fiches détaillées) ${year}, démo « large », dans le processus`, 5, inProcess('large', true)),
  ];
  const [cliSmall, cliLarge, cliFloor, small, large, detailed] = results.map((m) => m.median) as [number, number, number, number, number, number];
  const dataRatio = sizes.large / sizes.small;
  const f = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  process.stdout.write(
    [
      '',
      `Bilan d’avancement : données ×${f(dataRatio)} (${sizes.small} → ${sizes.large} lignes) ;`,
      `  CLI de bout en bout ×${f(cliLarge / cliSmall)} (${f(cliSmall)} → ${f(cliLarge)} ms), dans le processus ×${f(large / small)} (${f(small)} → ${f(large)} ms) :`,
      `  ${large / small <= dataRatio ? 'croissance au plus linéaire' : 'croissance PLUS QUE LINÉAIRE'} ; budgets du document principal 0,5 s dans le processus : ${large < 500 ? 'tenu' : 'DÉPASSÉ'}, 1 s par la CLI : ${cliLarge < 1000 ? 'tenu' : 'DÉPASSÉ'} ; annexe B 2 s : ${detailed < 2000 ? 'tenu' : 'DÉPASSÉ'}.`,
      `  Par la CLI, ${f(cliFloor)} ms vont au processus lui-même (démarrage, modules, lecture, un document d’une partie) : le bilan complet y ajoute ${f(cliLarge - cliFloor)} ms.`,
      '',
    ].join('\n'),
  );
  return results;
};
