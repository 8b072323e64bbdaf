/**
 * Makes src/shared/chefs-lieux.json: the name of each département's chef-lieu (the city of its
 * préfecture), by département code, from the same reference as the départements
 * (@etalab/decoupage-administratif: each département names its chef-lieu by its commune code, and
 * the communes' file, 8 MB, gives the name). Committed rather than bundled: the app needs 101 names,
 * not 35,000 communes. test/unit/departements.test.ts fails when the reference changes; then run
 *   node scripts/make-chefs-lieux.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** { "33": "Bordeaux", … } for the départements (not the collectivités d'outre-mer), in code order. */
export function chefsLieux() {
  const departements = require('@etalab/decoupage-administratif/data/departements.json').filter((d) => d.zone === 'metro' || d.zone === 'drom');
  const communes = new Map(require('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom]));
  return Object.fromEntries(departements.map((d) => [d.code, communes.get(d.chefLieu).replace(/'/g, '’')]).sort(([a], [b]) => a.localeCompare(b)));
}

export const CHEFS_LIEUX_FILE = join(ROOT, 'src', 'shared', 'chefs-lieux.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CHEFS_LIEUX_FILE, `${JSON.stringify(chefsLieux(), null, 2)}\n`);
  console.log(`${CHEFS_LIEUX_FILE} : ${Object.keys(JSON.parse(readFileSync(CHEFS_LIEUX_FILE, 'utf8'))).length} chefs-lieux.`);
}
