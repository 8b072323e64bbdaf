import list from '../../resources/departements.json';

interface Departement {
  code: string;
  name: string;
}

/** The 101 départements with their official codes (COG), shipped as data. */
export const departements: readonly Departement[] = list;

/** The codes in the order of the list (01, 02, 2A, 2B, 03…), for a drop-down list. */
export const departementCodes: readonly string[] = departements.map((d) => d.code);

/** « 33 – Gironde », as the drop-down lists show a département. */
export function departementLabel(code: string): string {
  return `${code} – ${departementName(code) ?? ''}`;
}

export function departementName(code: string): string | undefined {
  return departements.find((d) => d.code === code)?.name;
}
