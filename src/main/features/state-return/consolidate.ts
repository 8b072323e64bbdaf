/**
 * Consolidation of the yearly returns of a region or of the whole country: every return found in a
 * folder and its sub-folders is checked as `state-return validate` checks it; invalid ones are set
 * aside with their reasons, the latest of two returns of one département is kept (and that is said),
 * the départements of the region (or the country) that sent nothing are named, and the figures are
 * summed by indicator.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { departement, departements } from '../../../shared/departements';
import { ApiError } from '../../../shared/errors';
import { ASSOCIATION_PREFIX, INDICATORS, zoneDepartement, type ConsolidatedReturn, type Consolidation, type SetAside, type StateReturnRow } from '../../../shared/state-return';
import { sheet, toXlsxWorkbook } from '../../spreadsheets/writer';
import { DATAPACKAGE } from './package';
import { validateStateReturn, type ValidatedReturn } from './validate';

/** A folder of returns is a few hundred files; a walk that finds far more is in the wrong folder. */
const MAX_FILES = 5000;
const MAX_DEPTH = 6;

/** Every return in `dir` and below: each datapackage.json, and each CSV no package beside it describes. */
export function findReturnFiles(dir: string): string[] {
  const found: string[] = [];
  let seen = 0;
  const walk = (folder: string, depth: number) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const hasPackage = entries.some((e) => e.isFile() && e.name === DATAPACKAGE);
    for (const e of entries) {
      if (++seen > MAX_FILES) throw new ApiError('validation', `Le dossier ${dir} contient plus de ${MAX_FILES} fichiers : choisissez le dossier des remontées.`);
      // Links are not followed: a folder from elsewhere could point anywhere on the computer.
      if (e.isSymbolicLink() || e.name.startsWith('.')) continue;
      const path = join(folder, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1);
      else if (e.isFile() && e.name === DATAPACKAGE) found.push(path);
      else if (e.isFile() && !hasPackage && /\.csv$/i.test(e.name)) found.push(path);
    }
  };
  if (!lstatSync(dir).isDirectory()) throw new ApiError('validation', `${dir} n’est pas un dossier.`);
  walk(dir, 0);
  return found;
}

const values = (rows: readonly StateReturnRow[], date: string) => new Map(rows.filter((r) => r.date === date && r.value_type === 'realise').map((r) => [r.indicator_id, r.value]));

/** When a return was produced: its package's date, else its file's. */
const producedAt = (r: { file: string; created: string | null }) => r.created ?? statSync(r.file).mtime.toISOString();

export async function consolidate(dir: string): Promise<Consolidation> {
  const files = findReturnFiles(dir);
  const checked: ValidatedReturn[] = [];
  for (const file of files) checked.push(await validateStateReturn(file));
  const rel = (file: string) => relative(dir, file) || basename(file);
  const setAside: SetAside[] = checked.filter((c) => c.errors.length).map((c) => ({ file: rel(c.file), reasons: c.errors.slice(0, 20) }));
  const valid = checked.filter((c) => c.errors.length === 0 && c.year !== null && c.zone !== null);
  if (valid.length === 0) {
    // Nothing to consolidate: the first file set aside says why, as the consolidation would have listed it.
    const first = setAside[0] ? ` Par exemple, ${setAside[0].file} : ${setAside[0].reasons[0]}` : '';
    throw new ApiError('validation', `Aucune remontée valide dans ${dir} (${files.length} fichier${files.length > 1 ? 's' : ''} examiné${files.length > 1 ? 's' : ''}).${first}`);
  }

  // One year: the latest found; returns of another year are set aside, not mixed in.
  const year = Math.max(...valid.map((c) => c.year!));
  for (const c of valid.filter((v) => v.year !== year)) setAside.push({ file: rel(c.file), reasons: [`Remontée de l’année ${c.year} : la consolidation porte sur ${year}.`] });

  const byZone = new Map<string, ValidatedReturn[]>();
  for (const c of valid.filter((v) => v.year === year)) byZone.set(c.zone!, [...(byZone.get(c.zone!) ?? []), c]);
  const duplicates: string[] = [];
  const returns: ConsolidatedReturn[] = [];
  for (const [zone, list] of byZone) {
    const sorted = [...list].sort((a, b) => producedAt(b).localeCompare(producedAt(a)) || a.file.localeCompare(b.file));
    const kept = sorted[0]!;
    const dep = departement(zoneDepartement(zone)!)!;
    if (sorted.length > 1) {
      const when = (r: ValidatedReturn) => `${rel(r.file)} (${producedAt(r).slice(0, 10).split('-').reverse().join('/')})`;
      duplicates.push(`${sorted.length} remontées pour ${dep.name} (${zone}) : la plus récente, ${when(kept)}, est retenue ; ${sorted.slice(1).map(when).join(', ')} ${sorted.length > 2 ? 'sont écartées' : 'est écartée'}.`);
    }
    returns.push({
      departement: dep,
      file: rel(kept.file),
      created: kept.created,
      now: values(kept.rows, `${year}-12-31`),
      before: values(kept.rows, `${year - 1}-12-31`),
      labels: new Map(kept.rows.map((r) => [r.indicator_id, r.indicator_label])),
    });
  }
  const order = new Map(departements.map((d, k) => [d.code, k]));
  returns.sort((a, b) => order.get(a.departement.code)! - order.get(b.departement.code)!);

  const regions = new Set(returns.map((r) => r.departement.region.code));
  const region = regions.size === 1 ? returns[0]!.departement.region : null;
  const sent = new Set(returns.map((r) => r.departement.code));
  const missing = departements.filter((d) => (region === null || d.region.code === region.code) && !sent.has(d.code));

  const associations = new Map<string, string>();
  for (const r of returns) for (const [id, label] of r.labels) if (id.startsWith(ASSOCIATION_PREFIX) && !associations.has(id)) associations.set(id, `${label} (${r.departement.code})`);
  const indicators = [...INDICATORS.map((d) => ({ id: d.id, label: d.label })), ...[...associations].map(([id, label]) => ({ id, label }))];
  const sum = (pick: (r: ConsolidatedReturn) => Map<string, number>) =>
    new Map(indicators.map(({ id }) => [id, returns.reduce((n, r) => n + (pick(r).get(id) ?? 0), 0)]));
  return { year, region, returns, setAside, duplicates, filesExamined: files.length, missing, totals: { now: sum((r) => r.now), before: sum((r) => r.before), withPrevious: returns.filter((r) => r.before.size > 0).length }, indicators };
}

/** The workbook: every département's figures side by side with the totals, for the year and the previous one; what was set aside or missing. */
export async function consolidationWorkbook(c: Consolidation): Promise<Buffer> {
  type Line = { id: string; label: string };
  const yearSheet = (year: number, pick: (r: ConsolidatedReturn) => Map<string, number>, totals: Map<string, number>) =>
    sheet<Line>({
      name: String(year),
      title: `Remontées annuelles – ${year} – ${c.region ? `région ${c.region.name}` : 'France entière'} (${c.returns.length} départements)`,
      rows: c.indicators,
      columns: [
        { header: 'Indicateur', width: 56, value: (l) => l.label },
        { header: 'Identifiant', width: 30, value: (l) => l.id },
        { header: 'Total', type: 'integer', width: 10, value: (l) => totals.get(l.id) ?? 0 },
        ...c.returns.map((r) => ({ header: `${r.departement.code} ${r.departement.name}`, type: 'integer' as const, width: 14, value: (l: Line) => pick(r).get(l.id) ?? null })),
      ],
    });
  return toXlsxWorkbook([
    yearSheet(c.year, (r) => r.now, c.totals.now),
    yearSheet(c.year - 1, (r) => r.before, c.totals.before),
    sheet({
      name: 'Remontées retenues',
      rows: c.returns,
      columns: [
        { header: 'Code', width: 8, value: (r) => r.departement.code },
        { header: 'Département', width: 28, value: (r) => r.departement.name },
        { header: 'Région', width: 28, value: (r) => r.departement.region.name },
        { header: 'Fichier', width: 60, value: (r) => r.file },
        { header: 'Établie le', type: 'date', width: 12, value: (r) => r.created?.slice(0, 10) ?? null },
      ],
    }),
    sheet({
      name: 'Écartées et manquantes',
      rows: [
        ...c.duplicates.map((text) => ({ what: 'Remontée en double', text })),
        ...c.setAside.map((s) => ({ what: s.file, text: s.reasons.join(' ') })),
        ...c.missing.map((d) => ({ what: `${d.code} ${d.name}`, text: 'Aucune remontée' })),
      ],
      columns: [
        { header: 'Fichier ou département', width: 50, value: (r) => r.what },
        { header: 'Motif', width: 120, value: (r) => r.text },
      ],
    }),
  ]);
}
