/**
 * Checks a yearly return received from elsewhere, as PILOTE checks a file before taking it in: its
 * datapackage.json (format and version), then its table (columns, types, zone codes against the
 * official list of départements, one row per key, every indicator of the year, totals equal to the
 * sum of their parts). Excel and LibreOffice write the CSV their own way (separator, encoding, French
 * dates): the table is read by the app's reader of spreadsheets from elsewhere, which knows them.
 * Every error says, in French, its line and column.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { parseFrenchDate } from '../../../shared/format';
import {
  CAMPAIGN_ANSWERED,
  CAMPAIGN_ASKED,
  INDICATORS,
  isKnownIndicator,
  majorOf,
  STATE_RETURN_FIELDS,
  STATE_RETURN_PROFILE,
  STATE_RETURN_VERSION,
  VALUE_TYPES,
  zoneDepartement,
  type StateReturnField,
  type StateReturnRow,
  type ValueType,
} from '../../../shared/state-return';
import { readFileUpTo } from '../../platform/files';
import { readTableFile } from '../../spreadsheets/reader';
import { DATAPACKAGE } from './package';

/** A datapackage.json is a few kilobytes; anything much larger is not one. */
const MAX_DESCRIPTOR_BYTES = 1024 * 1024;

const FIELD_TYPES: Record<StateReturnField, string> = { indicator_id: 'string', indicator_label: 'string', zone_id: 'string', date: 'date', value_type: 'string', value: 'integer' };

const descriptorSchema = z.object({
  profile: z.literal('tabular-data-package', { error: 'le profil doit être « tabular-data-package »' }),
  version: z.string({ error: 'la version du format manque' }),
  'maillage:remontee': z.object({ format: z.literal(STATE_RETURN_PROFILE, { error: `le format doit être « ${STATE_RETURN_PROFILE} »` }), year: z.number().int().min(1900).max(2999), zone_id: z.string() }, { error: 'la description de la remontée (« maillage:remontee ») manque' }),
  resources: z
    .array(
      z.object({
        path: z.string({ error: 'le chemin du tableau manque' }),
        schema: z.object({ fields: z.array(z.object({ name: z.string(), type: z.string().optional() })) }, { error: 'le schéma du tableau manque' }),
      }),
    )
    .length(1, 'la remontée contient un seul tableau'),
});

export interface ValidatedReturn {
  /** The file checked (the datapackage.json or the CSV). */
  file: string;
  errors: string[];
  /** « 2025, Gironde (D33), 412 lignes » when valid. */
  summary: string;
  year: number | null;
  zone: string | null;
  /** When the return was produced (the package's `created`), to keep the latest of two; null without a package. */
  created: string | null;
  rows: StateReturnRow[];
}

const COLUMN_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const where = (line: number, column?: { index: number; name: string }) => `Ligne ${line}${column ? `, colonne ${COLUMN_LETTERS[column.index] ?? column.index + 1} (${column.name})` : ''}`;

function readDescriptor(file: string, errors: string[]): { csv: string; year: number; zone: string; created: string | null } | null {
  const bytes = readFileUpTo(file, MAX_DESCRIPTOR_BYTES);
  if (!bytes) {
    errors.push(`${basename(file)} dépasse ${MAX_DESCRIPTOR_BYTES / 1024} Ko : ce n’est pas la description d’une remontée.`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    errors.push(`${basename(file)} n’est pas un fichier JSON lisible.`);
    return null;
  }
  const parsed = descriptorSchema.safeParse(json);
  if (!parsed.success) {
    errors.push(...parsed.error.issues.map((i) => `${basename(file)} : ${i.message}${i.path.length ? ` (${i.path.join('.')})` : ''}.`));
    return null;
  }
  const d = parsed.data;
  const major = majorOf(d.version);
  if (major === null) {
    errors.push(`${basename(file)} : la version du format « ${d.version} » n’est pas de la forme 1.0.0.`);
    return null;
  }
  if (major > majorOf(STATE_RETURN_VERSION)!) {
    errors.push(`${basename(file)} : cette remontée suit la version ${d.version} du format, plus récente que celle que cette version de Maillage connaît (${STATE_RETURN_VERSION}). Mettez Maillage à jour pour la lire.`);
    return null;
  }
  const resource = d.resources[0]!;
  // A path from elsewhere names a file beside the package, never a file elsewhere on the computer.
  if (basename(resource.path) !== resource.path || resource.path.startsWith('.') || !/\.csv$/i.test(resource.path)) {
    errors.push(`${basename(file)} : le tableau « ${resource.path} » doit être un fichier .csv placé à côté de ${DATAPACKAGE}.`);
    return null;
  }
  const fields = resource.schema.fields;
  const names = fields.map((f) => f.name);
  if (names.join('|') !== STATE_RETURN_FIELDS.join('|')) {
    errors.push(`${basename(file)} : les colonnes du schéma (${names.join(', ')}) ne sont pas celles du format (${STATE_RETURN_FIELDS.join(', ')}).`);
    return null;
  }
  for (const f of fields) if (f.type !== FIELD_TYPES[f.name as StateReturnField]) errors.push(`${basename(file)} : la colonne ${f.name} doit être de type ${FIELD_TYPES[f.name as StateReturnField]}, pas ${f.type ?? 'non précisé'}.`);
  if (errors.length) return null;
  const created = typeof (json as { created?: unknown }).created === 'string' ? (json as { created: string }).created : null;
  return { csv: join(dirname(file), resource.path), year: d['maillage:remontee'].year, zone: d['maillage:remontee'].zone_id, created };
}

/** An ISO date, or a French one as Excel writes it back (31/12/2025). */
function readDate(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) return text;
  return parseFrenchDate(text);
}

/** A row and its line in the file, for the messages. */
type Lined = StateReturnRow & { line: number };

/** The rows of the table, each cell checked against its column's type. */
async function readRows(csv: string, errors: string[]): Promise<Lined[]> {
  let table;
  try {
    table = await readTableFile(csv, basename(csv));
  } catch (error) {
    if (error instanceof ApiError) {
      errors.push(error.message.replace('ne peut pas être importé', 'ne peut pas être lu'));
      return [];
    }
    throw error;
  }
  const [header, ...body] = table.rows;
  const headers = header!.cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const index = new Map<StateReturnField, number>();
  for (const field of STATE_RETURN_FIELDS) {
    const k = headers.indexOf(field);
    if (k < 0) errors.push(`${where(header!.line)} : colonne manquante « ${field} ».`);
    else index.set(field, k);
  }
  headers.forEach((h, k) => {
    if (!(STATE_RETURN_FIELDS as readonly string[]).includes(h)) errors.push(`${where(header!.line, { index: k, name: h || 'sans titre' })} : colonne inconnue du format.`);
  });
  if (errors.length) return [];

  const rows: Lined[] = [];
  // A return has two dates (the year's 31 December and the previous one's): each is read once, not once a row.
  const dates = new Map<string, string | null>();
  for (const raw of body) {
    const cell = (field: StateReturnField) => (raw.cells[index.get(field)!] ?? '').trim();
    const problem = (field: StateReturnField, text: string) => {
      errors.push(`${where(raw.line, { index: index.get(field)!, name: field })} : ${text}`);
      return false;
    };
    const id = cell('indicator_id');
    const zone = cell('zone_id');
    const dateText = cell('date');
    const valueType = cell('value_type');
    const valueText = cell('value').replace(/[\s\u00a0\u202f]/g, '');
    let ok = true;
    if (!id) ok = problem('indicator_id', 'identifiant manquant.');
    else if (!isKnownIndicator(id)) ok = problem('indicator_id', `indicateur inconnu « ${id} ».`);
    if (!cell('indicator_label')) ok = problem('indicator_label', 'libellé manquant.');
    if (!zoneDepartement(zone)) ok = problem('zone_id', zone ? `« ${zone} » n’est pas le code d’un département (D suivi du code officiel : D01, D2A, D974…).` : 'zone manquante.');
    let date = dates.get(dateText);
    if (date === undefined) dates.set(dateText, (date = readDate(dateText)));
    if (!date) ok = problem('date', dateText ? `« ${dateText} » n’est pas une date (AAAA-MM-JJ).` : 'date manquante.');
    if (!(VALUE_TYPES as readonly string[]).includes(valueType)) ok = problem('value_type', `type de valeur « ${valueType} » inconnu (${VALUE_TYPES.join(' ou ')}).`);
    if (!/^\d+$/.test(valueText)) ok = problem('value', valueText ? `« ${cell('value')} » n’est pas un nombre entier positif ou nul.` : 'valeur manquante.');
    if (ok) rows.push({ indicator_id: id, indicator_label: cell('indicator_label'), zone_id: zone, date: date!, value_type: valueType as ValueType, value: Number(valueText), line: raw.line });
  }
  return rows;
}

/** One row per key, one zone, every indicator of the year, totals equal to the sum of their parts. */
function checkContent(rows: readonly Lined[], expected: { year: number | null; zone: string | null }, errors: string[]): { year: number | null; zone: string | null } {
  const keys = new Map<string, Lined>();
  for (const r of rows) {
    const key = `${r.indicator_id}|${r.zone_id}|${r.date}|${r.value_type}`;
    const first = keys.get(key);
    if (first) errors.push(`${where(r.line)} : même indicateur, zone, date et type de valeur que la ligne ${first.line} (${r.indicator_id}, ${r.zone_id}, ${r.date}, ${r.value_type}).`);
    else keys.set(key, r);
  }
  const zones = [...new Set(rows.map((r) => r.zone_id))];
  if (zones.length > 1) errors.push(`Le tableau mêle plusieurs zones (${zones.join(', ')}) : une remontée est celle d’un seul département.`);
  const zone = zones[0] ?? null;
  if (expected.zone && zone && zone !== expected.zone) errors.push(`Le tableau porte sur la zone ${zone}, la description de la remontée sur ${expected.zone}.`);
  const year = expected.year ?? (rows.length ? Math.max(...rows.map((r) => Number(r.date.slice(0, 4)))) : null);
  if (year !== null) {
    const endOfYear = `${year}-12-31`;
    const present = new Set(rows.filter((r) => r.date === endOfYear && r.value_type === 'realise').map((r) => r.indicator_id));
    const missing = INDICATORS.filter((d) => !d.optional && !present.has(d.id));
    if (missing.length) errors.push(`Indicateurs manquants pour le 31/12/${year} : ${missing.slice(0, 10).map((d) => d.id).join(', ')}${missing.length > 10 ? ` et ${missing.length - 10} autres` : ''}.`);
  }
  for (const d of INDICATORS) {
    if (!d.parts) continue;
    for (const total of rows.filter((r) => r.indicator_id === d.id)) {
      const group = (id: string) => keys.get(`${id}|${total.zone_id}|${total.date}|${total.value_type}`);
      const parts = d.parts.map(group);
      if (parts.some((p) => p === undefined)) continue;
      const sum = parts.reduce((n, p) => n + p!.value, 0);
      if (sum !== total.value) errors.push(`${where(total.line, { index: 5, name: 'value' })} : le total « ${total.indicator_label} » vaut ${total.value}, la somme de ses parties ${sum} (${d.parts.join(' + ')}).`);
    }
  }
  // The answer rate of a campaign: its two counts together, never more answers than structures asked.
  for (const r of rows.filter((x) => x.indicator_id === CAMPAIGN_ASKED || x.indicator_id === CAMPAIGN_ANSWERED)) {
    const other = keys.get(`${r.indicator_id === CAMPAIGN_ASKED ? CAMPAIGN_ANSWERED : CAMPAIGN_ASKED}|${r.zone_id}|${r.date}|${r.value_type}`);
    if (!other) errors.push(`${where(r.line, { index: 0, name: 'indicator_id' })} : « ${r.indicator_id} » va avec « ${r.indicator_id === CAMPAIGN_ASKED ? CAMPAIGN_ANSWERED : CAMPAIGN_ASKED} », absent pour la même date.`);
    else if (r.indicator_id === CAMPAIGN_ANSWERED && r.value > other.value)
      errors.push(`${where(r.line, { index: 5, name: 'value' })} : ${r.value} structures auraient répondu à la campagne, pour ${other.value} interrogées.`);
  }
  return { year, zone };
}

/** Checks the return at `file`: its datapackage.json, or its CSV (with the package beside it when there is one). */
export async function validateStateReturn(file: string): Promise<ValidatedReturn> {
  const errors: string[] = [];
  const result = (rows: Lined[], year: number | null, zone: string | null, created: string | null): ValidatedReturn => ({
    file,
    errors,
    summary: errors.length ? '' : `année ${year}, ${zone}, ${rows.length} lignes`,
    year,
    zone,
    created,
    rows: errors.length ? [] : rows.map(({ indicator_id, indicator_label, zone_id, date, value_type, value }) => ({ indicator_id, indicator_label, zone_id, date, value_type, value })),
  });
  if (!existsSync(file)) {
    errors.push(`Le fichier ${file} n’existe pas.`);
    return result([], null, null, null);
  }
  let csv = file;
  let expected: { year: number | null; zone: string | null; created: string | null } = { year: null, zone: null, created: null };
  const beside = join(dirname(file), DATAPACKAGE);
  const descriptorFile = /\.json$/i.test(file) ? file : existsSync(beside) ? beside : null;
  if (descriptorFile) {
    const descriptor = readDescriptor(descriptorFile, errors);
    if (!descriptor) return result([], null, null, null);
    if (descriptorFile === beside && descriptorFile !== file && basename(descriptor.csv) !== basename(file)) {
      // The package beside describes another table: this CSV is checked on its own.
      expected = { year: null, zone: null, created: null };
    } else {
      csv = descriptor.csv;
      expected = descriptor;
      if (!existsSync(csv)) {
        errors.push(`Le tableau ${basename(csv)} que décrit ${DATAPACKAGE} est absent du dossier.`);
        return result([], null, null, null);
      }
    }
  } else if (!/\.csv$/i.test(file)) {
    errors.push(`${basename(file)} n’est ni un ${DATAPACKAGE} ni un fichier .csv de remontée.`);
    return result([], null, null, null);
  }
  const rows = await readRows(csv, errors);
  if (errors.length) return result([], null, null, null);
  const { year, zone } = checkContent(rows, expected, errors);
  return result(rows, year, zone, expected.created);
}
