/**
 * The files of a yearly return: the table as CSV and its datapackage.json (Frictionless Table Schema,
 * versioned), the same figures as a readable workbook, and the préfet's cover letter. Written to a
 * folder, each file whole or not at all.
 */
import { join } from 'node:path';
import { departements } from '../../../shared/departements';
import type { StateReturnLine, StateReturnPreview } from '../../../shared/model/state-return';
import { STATE_RETURN_KEY, STATE_RETURN_PROFILE, STATE_RETURN_VERSION, themeOf, themes, VALUE_TYPES, zoneId, type StateReturnRow, type Theme } from '../../../shared/state-return';
import { stripForbiddenDeep } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { buildStateReturnLetter, mapStateReturnLetter } from '../../documents/state-return/letter';
import { writeUserFile } from '../../platform/files';
import { sheet, toCsv, toXlsxWorkbook, type TabularColumn } from '../../spreadsheets/writer';
import { readCommission } from '../../commission-file/commission';
import { readLogo } from '../settings/settings';
import { computeStateReturn, type StateReturn } from './compute';

export const DATAPACKAGE = 'datapackage.json';

/** The file names of a return: « remontee-annuelle-2025-D33.csv »… */
export function stateReturnFileNames(year: number, departementCode: string) {
  const stem = `remontee-annuelle-${year}-${zoneId(departementCode)}`;
  return { csv: `${stem}.csv`, datapackage: DATAPACKAGE, xlsx: `${stem}.xlsx`, letter: `${stem}-courrier.docx` };
}

const TABLE_COLUMNS: TabularColumn<StateReturnRow>[] = [
  { header: 'indicator_id', width: 36, value: (r) => r.indicator_id },
  { header: 'indicator_label', width: 60, value: (r) => r.indicator_label },
  { header: 'zone_id', width: 10, value: (r) => r.zone_id },
  // Text, not a date: the format's dates are ISO, as the schema says, whatever the reader's locale.
  { header: 'date', width: 12, value: (r) => r.date },
  { header: 'value_type', width: 12, value: (r) => r.value_type },
  { header: 'value', type: 'integer', width: 10, value: (r) => r.value },
];

/** The Frictionless Table Schema of the table: the same for every return of this version. */
export function tableSchema() {
  return {
    fields: [
      { name: 'indicator_id', type: 'string', title: 'Identifiant de l’indicateur', constraints: { required: true, pattern: '^[a-z0-9_]+$' } },
      { name: 'indicator_label', type: 'string', title: 'Libellé de l’indicateur', constraints: { required: true } },
      { name: 'zone_id', type: 'string', title: 'Zone (« D » et le code du département)', constraints: { required: true, enum: departements.map((d) => zoneId(d.code)) } },
      { name: 'date', type: 'date', format: 'default', title: 'Date de la valeur', constraints: { required: true } },
      { name: 'value_type', type: 'string', title: 'Type de valeur', constraints: { required: true, enum: [...VALUE_TYPES] } },
      { name: 'value', type: 'integer', title: 'Valeur', constraints: { required: true, minimum: 0 } },
    ],
    primaryKey: [...STATE_RETURN_KEY],
    missingValues: [''],
  };
}

export function datapackage(r: StateReturn, csvName: string, now: Date) {
  return {
    profile: 'tabular-data-package',
    name: `${STATE_RETURN_PROFILE}-${r.year}-${zoneId(r.departementCode).toLowerCase()}`,
    title: `Remontée annuelle ${r.year} à l’État – ${r.departementName}`,
    version: STATE_RETURN_VERSION,
    created: now.toISOString(),
    'maillage:remontee': { format: STATE_RETURN_PROFILE, year: r.year, zone_id: zoneId(r.departementCode), departement: r.departementName, region: r.regionName, commission: r.commissionName },
    resources: [
      {
        name: 'remontee',
        path: csvName,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ';', lineTerminator: '\r\n', header: true },
        schema: tableSchema(),
      },
    ],
  };
}

/** One line per indicator and value type, the year beside the previous one: the workbook's sheet and the screen's preview. */
function readableRows(r: StateReturn): (StateReturnLine & { theme: Theme })[] {
  const byKey = new Map<string, StateReturnLine & { theme: Theme }>();
  for (const row of r.rows) {
    const key = `${row.indicator_id}|${row.value_type}`;
    let line = byKey.get(key);
    if (!line) {
      line = { theme: themeOf(row.indicator_id), label: row.indicator_label, id: row.indicator_id, valueType: row.value_type, now: null, before: null };
      byKey.set(key, line);
    }
    if (row.date === `${r.year}-12-31`) line.now = row.value;
    else line.before = row.value;
  }
  return [...byKey.values()];
}

/** The figures the package of `year` will hold, by theme, for the screen to show before writing. */
export function previewStateReturn(db: Db, dbPath: string, year: number, now: Date): StateReturnPreview {
  const r = stripForbiddenDeep(computeStateReturn(db, dbPath, year, now));
  const lines = readableRows(r);
  const names = stateReturnFileNames(year, r.departementCode);
  return {
    year,
    departementCode: r.departementCode,
    departementName: r.departementName,
    regionName: r.regionName,
    themes: (Object.keys(themes) as Theme[]).map((theme) => ({ theme, title: themes[theme], lines: lines.filter((l) => l.theme === theme).map((l) => ({ id: l.id, label: l.label, valueType: l.valueType, now: l.now, before: l.before })) })),
    files: [names.csv, names.datapackage, names.xlsx, names.letter],
  };
}

export interface StateReturnFiles {
  names: ReturnType<typeof stateReturnFileNames>;
  csv: string;
  datapackage: string;
  xlsx: Buffer;
  letter: Buffer;
}

/** The four files of the return of `year`: the same bytes for the app, the CLI and the tests. */
export async function renderStateReturn(db: Db, dbPath: string, year: number, now: Date): Promise<{ stateReturn: StateReturn; files: StateReturnFiles }> {
  const r = stripForbiddenDeep(computeStateReturn(db, dbPath, year, now));
  const names = stateReturnFileNames(year, r.departementCode);
  const readable = readableRows(r);
  const xlsx = await toXlsxWorkbook([
    sheet({
      name: `Remontée ${year}`,
      title: `Remontée annuelle ${year} à l’État – ${r.departementName} (${r.regionName})`,
      rows: readable,
      columns: [
        { header: 'Thème', width: 34, value: (x) => themes[x.theme] },
        { header: 'Indicateur', width: 60, value: (x) => x.label },
        { header: 'Valeur', width: 10, value: (x) => (x.valueType === 'cible' ? 'cible' : 'réalisé') },
        { header: String(year), type: 'integer', width: 10, value: (x) => x.now },
        { header: String(year - 1), type: 'integer', width: 10, value: (x) => x.before },
        { header: 'Identifiant', width: 36, value: (x) => x.id },
      ],
    }),
    sheet({ name: 'Données', rows: r.rows, columns: TABLE_COLUMNS }),
  ]);
  const commission = readCommission(db, dbPath);
  const logo = readLogo(dbPath, commission.logoFile);
  const values = (date: string) => new Map(r.rows.filter((x) => x.date === date && x.value_type === 'realise').map((x) => [x.indicator_id, x.value]));
  const letter = await buildStateReturnLetter(
    mapStateReturnLetter({
      year,
      commissionName: r.commissionName,
      departementName: r.departementName,
      regionName: r.regionName,
      prefectureCity: r.prefectureCity,
      signatory: commission,
      logo: logo ? { bytes: logo.bytes, type: logo.fileName.toLowerCase().endsWith('.png') ? 'png' : 'jpg' } : null,
      producedOn: r.producedOn,
      now: values(`${year}-12-31`),
      before: values(`${year - 1}-12-31`),
      plenaryTarget: r.rows.find((x) => x.indicator_id === 'seances_pleniere' && x.value_type === 'cible')?.value ?? 2,
      attachments: [`classeur ${names.xlsx}`, `données ${names.csv} et ${names.datapackage}`],
    }),
    year,
  );
  return {
    stateReturn: r,
    files: { names, csv: toCsv(r.rows, TABLE_COLUMNS), datapackage: `${JSON.stringify(datapackage(r, names.csv, now), null, 2)}\n`, xlsx, letter },
  };
}

/** Writes the return's files into `dir`; the data package last, so that a folder with one holds the whole return. */
export async function writeStateReturn(dir: string, files: StateReturnFiles): Promise<string[]> {
  const written: [string, string | Buffer][] = [
    [files.names.csv, files.csv],
    [files.names.xlsx, files.xlsx],
    [files.names.letter, files.letter],
    [files.names.datapackage, files.datapackage],
  ];
  for (const [name, bytes] of written) await writeUserFile(join(dir, name), bytes);
  return written.map(([name]) => join(dir, name));
}
