import { parisToday } from '../src/shared/wallclock';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatInteger } from '../src/shared/format';
import { readImportTable } from '../src/main/spreadsheets/read-in-worker';
import { toCsv, toXlsx, type TabularSheet } from '../src/main/spreadsheets/writer';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { analyseImport, commitImport, preparePartnerTable, suggestMapping } from '../src/main/features/partners/import';
import { measure, type Benchmark } from './lib';

const ROWS = 10_000;

interface Row {
  i: number;
}

/** A secretary's list: one line per contact, structure columns repeated, two contacts per structure. */
const sheet: TabularSheet<Row> = {
  name: 'Partenaires',
  rows: Array.from({ length: ROWS }, (_, i) => ({ i })),
  columns: [
    { header: 'Structure', value: (r) => `Structure n° ${Math.floor(r.i / 2)} – Élan solidaire` },
    { header: 'Type', value: (r) => ['Association agréée parcours de sortie', 'Police nationale', 'Commune, CCAS', 'Foyer'][r.i % 4]! },
    { header: 'Domaines d’intervention', value: (r) => (r.i % 3 ? 'Prévention / sensibilisation, Accompagnement social' : 'Hébergement') },
    { header: 'Adresse', value: (r) => `${r.i % 90} rue de l’Église` },
    { header: 'Code postal', value: () => '33000' },
    { header: 'Commune', value: (r) => ['Bordeaux', 'Mérignac', 'Pessac', 'Libourne'][Math.floor(r.i / 2) % 4]! },
    { header: 'Prénom', value: (r) => (r.i % 2 ? 'Hélène' : 'Jérôme') },
    { header: 'Nom du contact', value: (r) => `Dupré-${r.i}` },
    { header: 'Fonction', value: () => 'Cheffe de service' },
    { header: 'Courriel', value: (r) => `contact${r.i}@exemple.fr` },
    { header: 'Téléphone', value: (r) => `05 56 ${String(r.i % 100).padStart(2, '0')} 00 00` },
    { header: 'Confirmé le', value: () => '2025-06-30', type: 'date' },
  ],
};

/** Reading, checking and writing a list of 10,000 rows, from the file on disk to the committed transaction. */
export const partnerImportBenchmarks: Benchmark = async (dir) => {
  const files = { csv: join(dir, 'import.csv'), xlsx: join(dir, 'import.xlsx') };
  writeFileSync(files.csv, toCsv(sheet.rows, sheet.columns));
  writeFileSync(files.xlsx, await toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }));
  const results = [];
  for (const format of ['xlsx', 'csv'] as const) {
    results.push(
      await measure(`Importer ${formatInteger(ROWS)} lignes de partenaires (${format === 'xlsx' ? '.xlsx' : 'CSV'}), fichier → base`, 5, async (run) => {
        const db = createCommissionDatabase(join(dir, `import-${format}-${run}.maillage`), { departmentCode: '33', name: null }, new Date());
        try {
          const table = preparePartnerTable(await readImportTable(files[format], files[format]), files[format]);
          const plan = analyseImport(db, table, suggestMapping(table.headers, table.rows), parisToday(new Date()));
          const summary = commitImport(db, plan, { onDuplicate: 'skip' }, new Date());
          if (summary.contactsCreated !== ROWS) throw new Error(`imported ${summary.contactsCreated} contacts`);
        } finally {
          db.close();
        }
      }),
    );
  }
  return results;
};
