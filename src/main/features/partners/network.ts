/**
 * The network as a whole: the Cartographie (who covers which domain, where; what is missing).
 * GDPR duties towards contacts are in gdpr.ts and erasure.ts.
 */
import type { Db } from '../../db/connection';
import { interventionDomains, partnerTypes, type InterventionDomain, type PartnerType } from '../../../shared/labels';
import type { NetworkMap } from '../../../shared/model/network';
import { plural } from '../../../shared/format';
import { sheet, toCsv, toXlsxWorkbook, type TabularSheet } from '../../spreadsheets/writer';
import { normalise } from '../../spreadsheets/columns';
import { sortFrench } from '../../../shared/search';

function zeroByDomain(): Record<InterventionDomain, number> {
  return Object.fromEntries(interventionDomains.codes.map((d) => [d, 0])) as Record<InterventionDomain, number>;
}

export function networkMap(db: Db): NetworkMap {
  const partners = db.prepare('SELECT type, domains, commune, postcode FROM partners').all() as { type: PartnerType; domains: string; commune: string | null; postcode: string | null }[];
  const rows = new Map(partnerTypes.codes.map((type) => [type, { type, total: 0, byDomain: zeroByDomain(), withoutDomain: 0 }]));
  const domainTotals = zeroByDomain();
  const communes = new Map<string, NetworkMap['communes'][number]>();
  for (const p of partners) {
    const domains = JSON.parse(p.domains) as InterventionDomain[];
    const row = rows.get(p.type) ?? rows.get('autre')!;
    row.total++;
    if (domains.length === 0) row.withoutDomain++;
    for (const d of domains) {
      row.byDomain[d]++;
      domainTotals[d]++;
    }
    const name = p.commune?.trim() || 'Commune non renseignée';
    const key = normalise(name);
    const c = communes.get(key) ?? { commune: name, postcode: p.postcode, total: 0, types: [], domains: [] };
    c.total++;
    if (!c.types.includes(p.type)) c.types.push(p.type);
    for (const d of domains) if (!c.domains.includes(d)) c.domains.push(d);
    communes.set(key, c);
  }
  const list = [...rows.values()];
  return {
    partners: partners.length,
    rows: list,
    domainTotals,
    communes: sortFrench([...communes.values()], (c) => [-c.total, c.commune]),
    gaps: {
      domains: interventionDomains.codes.filter((d) => domainTotals[d] === 0),
      types: list.filter((r) => r.total === 0 && r.type !== 'autre').map((r) => r.type),
    },
  };
}

type MatrixRow = NetworkMap['rows'][number] | { type: 'total'; total: number; byDomain: Record<InterventionDomain, number>; withoutDomain: number };

function networkMapSheets(map: NetworkMap): TabularSheet<unknown>[] {
  const matrix: TabularSheet<MatrixRow> = {
    name: 'Types × domaines',
    title: `Cartographie du réseau : ${plural(map.partners, 'structure')} par type et domaine d’intervention`,
    rows: [...map.rows, { type: 'total', total: map.partners, byDomain: map.domainTotals, withoutDomain: map.rows.reduce((n, r) => n + r.withoutDomain, 0) }],
    columns: [
      { header: 'Type de structure', value: (r) => (r.type === 'total' ? 'Toutes les structures' : partnerTypes.labels[r.type]), width: 44 },
      { header: 'Structures', value: (r) => r.total, type: 'integer' },
      ...interventionDomains.codes.map((d) => ({ header: interventionDomains.labels[d], value: (r: MatrixRow) => r.byDomain[d], type: 'integer' as const, width: 16 })),
      { header: 'Sans domaine renseigné', value: (r) => r.withoutDomain, type: 'integer' },
    ],
  };
  const communes: TabularSheet<NetworkMap['communes'][number]> = {
    name: 'Communes',
    rows: map.communes,
    columns: [
      { header: 'Commune', value: (c) => c.commune, width: 28 },
      { header: 'Code postal', value: (c) => c.postcode },
      { header: 'Structures', value: (c) => c.total, type: 'integer' },
      { header: 'Types présents', value: (c) => c.types.map((t) => partnerTypes.labels[t]).join(', '), width: 60 },
      { header: 'Domaines couverts', value: (c) => c.domains.map((d) => interventionDomains.labels[d]).join(', '), width: 60 },
    ],
  };
  const gaps: TabularSheet<{ what: string; label: string }> = {
    name: 'Lacunes',
    rows: [
      ...map.gaps.domains.map((d) => ({ what: 'Domaine d’intervention sans aucune structure', label: interventionDomains.labels[d] })),
      ...map.gaps.types.map((t) => ({ what: 'Type de structure absent du réseau', label: partnerTypes.labels[t] })),
    ],
    columns: [
      { header: 'Lacune', value: (g) => g.what, width: 44 },
      { header: 'Domaine ou type', value: (g) => g.label, width: 50 },
    ],
  };
  return [sheet(matrix), sheet(communes), sheet(gaps)];
}

export async function exportNetworkMap(db: Db, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const sheets = networkMapSheets(networkMap(db));
  // A CSV holds one table: the type × domain matrix, the heart of the map.
  return format === 'xlsx' ? toXlsxWorkbook(sheets) : Buffer.from(toCsv(sheets[0]!.rows, sheets[0]!.columns), 'utf8');
}
