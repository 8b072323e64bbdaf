import list from '../../resources/departements.json';

interface Departement {
  code: string;
  name: string;
}

/** The 101 départements with their official codes (COG), shipped as data. */
export const departements: readonly Departement[] = list;

export function departementName(code: string): string | undefined {
  return departements.find((d) => d.code === code)?.name;
}
