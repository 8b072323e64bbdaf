import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate, formatInteger } from '../src/shared/format';
import { addDays, parisToday } from '../src/shared/wallclock';
import { addMonths } from '../src/shared/parcours';
import { readImportTable } from '../src/main/spreadsheets/read-in-worker';
import { toXlsx, type TabularSheet } from '../src/main/spreadsheets/writer';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { freeTextGuesses, prepareParcoursTable, runParcoursImport, suggestParcoursMapping } from '../src/main/features/parcours/import';
import { measure, type Benchmark } from './lib';

const CHAINS = 250;
const PER_CHAIN = 4;
const ROWS = CHAINS * PER_CHAIN;

interface Row {
  chain: number;
  k: number;
}

/** 250 people, each a first request and three renewals up to the 24-month cap, with two identity columns left aside. */
export function register(): TabularSheet<Row> {
  const start = (r: Row) => addMonths(`20${String(18 + Math.floor(r.chain / 60)).padStart(2, '0')}-${String((r.chain % 12) + 1).padStart(2, '0')}-${String((r.chain % 20) + 1).padStart(2, '0')}`, 6 * r.k);
  const received = (r: Row) => addDays(start(r), -40);
  return {
    name: 'Registre',
    rows: Array.from({ length: ROWS }, (_, i) => ({ chain: Math.floor(i / PER_CHAIN), k: i % PER_CHAIN })),
    columns: [
      { header: 'Nom', value: (r) => `PERSONNE ${r.chain}` },
      { header: 'Date de naissance', value: () => '01/01/1990' },
      { header: 'Référence', value: (r) => `AN-${r.chain}-${r.k}` },
      { header: 'Association', value: (r) => (r.chain % 3 ? 'Amicale du Nid' : 'Mouvement du Nid') },
      { header: 'Nature', value: (r) => (r.k ? `Renouvellement n° ${r.k}` : 'Première demande') },
      { header: 'Demande renouvelée', value: (r) => (r.k ? `AN-${r.chain}-${r.k - 1}` : '') },
      { header: 'Reçue le', value: (r) => formatDate(received(r)) },
      { header: 'Date de la commission', value: (r) => formatDate(addDays(received(r), 10)) },
      { header: 'Avis', value: () => 'Favorable' },
      { header: 'Décision', value: () => 'Autorisé' },
      { header: 'Date de la décision', value: (r) => formatDate(r.k ? addDays(received(r), 20) : start(r)) },
      { header: 'AFIS', value: () => 'oui' },
      { header: 'Sexe', value: (r) => (r.chain % 7 ? 'F' : 'H') },
    ],
  };
}

/** Reading, checking (preview) and writing a register of 1,000 requests, from the .xlsx on disk to the committed transaction. */
export const parcoursImportBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'registre.xlsx');
  const sheet = register();
  writeFileSync(file, await toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }));
  return [
    await measure(`Importer un registre de ${formatInteger(ROWS)} demandes de parcours (.xlsx), fichier → vérification → base`, 5, async (run) => {
      const db = createCommissionDatabase(join(dir, `parcours-import-${run}.maillage`), { departmentCode: '33', name: null }, new Date());
      try {
        const table = prepareParcoursTable(await readImportTable(file, file), file);
        // The secretary chooses the free-text columns (references, observations) herself.
        const guesses = freeTextGuesses(table);
        const mapping = suggestParcoursMapping(table).map((f, i) => f ?? guesses[i] ?? null);
        const now = new Date();
        const today = parisToday(now);
        const { preview } = runParcoursImport(db, table, mapping, { commit: false, now, today });
        if (preview.errors) throw new Error(JSON.stringify(preview.rows.find((r) => r.level === 'error')));
        const { summary } = runParcoursImport(db, table, mapping, { commit: true, now, today });
        if (summary?.created !== ROWS) throw new Error(`imported ${summary?.created} requests`);
      } finally {
        db.close();
      }
    }),
  ];
};
