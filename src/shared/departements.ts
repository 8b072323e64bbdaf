/**
 * The 101 départements and the 18 regions, from the State's own reference (INSEE's code officiel
 * géographique as published by Etalab in @etalab/decoupage-administratif), not from a list kept by
 * hand. Only the JSON of départements and regions is read: the package's communes are 8 MB, so the
 * names of the chefs-lieux are taken from them once, into chefs-lieux.json (scripts/make-chefs-lieux.mjs).
 */
import departementsData from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import regionsData from '@etalab/decoupage-administratif/data/regions.json' with { type: 'json' };
import chefsLieux from './chefs-lieux.json' with { type: 'json' };

export interface Region {
  /** INSEE code of the region: « 84 », « 94 » (Corse), « 06 » (Mayotte). */
  code: string;
  name: string;
}

export interface Departement {
  /** INSEE code: « 01 »…« 95 », « 2A », « 2B », « 971 »…« 976 ». */
  code: string;
  name: string;
  region: Region;
  /** Overseas (« drom »): drawn as an inset on a map of the country. */
  overseas: boolean;
  /** The city of the préfecture: « Bordeaux », « Basse-Terre ». */
  chefLieu: string;
}

interface Entry {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

/** The reference writes « Côte-d'Or »; French typography and the rest of the app write « Côte-d’Or ». */
const typographic = (name: string) => name.normalize('NFC').replace(/'/g, '’');

// Collectivités d'outre-mer (975, 977…) have no commission départementale: only départements count.
const isDepartement = (e: Entry) => e.zone === 'metro' || e.zone === 'drom';

export const regions: readonly Region[] = (regionsData as Entry[]).filter(isDepartement).map((r) => ({ code: r.code, name: typographic(r.nom) }));

const regionByCode = new Map(regions.map((r) => [r.code, r]));

/** Corsica's two départements stand where 20 stood: the reference lists them after 29. */
const cogOrder = (code: string) => code.replace(/^2([AB])$/, '20$1');

/** The 101 départements in the order of the code officiel géographique. */
export const departements: readonly Departement[] = (departementsData as Entry[])
  .filter(isDepartement)
  .sort((a, b) => cogOrder(a.code).localeCompare(cogOrder(b.code)))
  .map((d) => {
    const region = regionByCode.get(d.region ?? '');
    if (!region) throw new Error(`Région inconnue pour le département ${d.code}`);
    const chefLieu = (chefsLieux as Record<string, string>)[d.code];
    if (!chefLieu) throw new Error(`Chef-lieu inconnu pour le département ${d.code}`);
    return { code: d.code, name: typographic(d.nom), region, overseas: d.zone === 'drom', chefLieu };
  });

const byCode = new Map(departements.map((d) => [d.code, d]));

export function departement(code: string): Departement | undefined {
  return byCode.get(code);
}

/** The codes in the order of the list (01, 02, 2A, 2B, 03…), for a drop-down list. */
export const departementCodes: readonly string[] = departements.map((d) => d.code);

/** « 33 – Gironde », as the drop-down lists show a département. */
export function departementLabel(code: string): string {
  return `${code} – ${departementName(code) ?? ''}`;
}

export function departementName(code: string): string | undefined {
  return byCode.get(code)?.name;
}
