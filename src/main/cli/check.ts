import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { departementName } from '../../shared/departements';
import { plural } from '../../shared/format';
import type { Db } from '../db/connection';
import { assertOpenable, LATEST_VERSION } from '../db/migrate';
import { stagingDir } from '../commission-file/backups';
import { withPrivateCopy } from '../commission-file/untrusted';
import { CliError, parseOptions, required, type Command } from './command';

const SQLITE_HEADER = 'SQLite format 3\0';
const INTERRUPTED_REPLACE =
  'le remplacement de cette commission (restauration ou import d’un paquet) a été interrompu avant sa fin : il sera terminé à sa prochaine ouverture, dans Maillage ou par une autre commande (par exemple « maillage backup »). « maillage check » ne modifie rien : vérifiez-la ensuite';
/** Enough to name the damage without flooding the terminal. */
const SHOWN_INTEGRITY_MESSAGES = 5;

const command: Command = {
  usage: `maillage check --db FICHIER

  --db FICHIER   fichier de la commission à vérifier

Contrôle l’intégrité SQLite, les références entre tables, la version du schéma et la présence
de la commission. Code de sortie 0 si tout va bien, 1 sinon.`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    // A check changes nothing, not even to finish a replacement a kill interrupted: it says so.
    if (!existsSync(file) && existsSync(stagingDir(file))) throw new CliError(INTERRUPTED_REPLACE);
    if (!existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
    if (!statSync(file).isFile()) throw new CliError(`${file} est un dossier, pas un fichier de commission`);
    if (!hasSqliteHeader(file)) throw new CliError(`${basename(file)} n’est pas une commission Maillage (ce n’est pas une base SQLite)`);

    // Read-only and without migrating: a check reports on the file as it is. Opening refuses files
    // of other programs and of newer Maillage versions; the dispatcher reports those in one line.
    // From a private copy (with its WAL: the committed transactions it holds count): nothing is
    // created beside the file, a check works on read-only media, and memory stays that of SQLite's
    // page cache however large the file (a copy in memory took the file's size, twice).
    const { problems, department } = withPrivateCopy(file, (copy) => {
      const db = new Database(copy, { readonly: true, fileMustExist: true });
      try {
        assertOpenable(db);
        return { problems: inspect(db), department: attempt(() => db.prepare('SELECT department_code FROM commission WHERE id = 1').pluck().get() as string | undefined).value };
      } finally {
        db.close();
      }
    });

    if (problems.length === 0) {
      out(`Aucun problème détecté dans ${basename(file)} (${departementName(department ?? '') ?? 'département inconnu'}, schéma version ${LATEST_VERSION}).`);
      return 0;
    }
    out(`${plural(problems.length, 'problème détecté', 'problèmes détectés')} dans ${basename(file)} :`);
    for (const problem of problems) out(`  – ${problem}`);
    return 1;
  },
};

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Runs one probe; a damaged file can make any query throw, and the other probes should still run. */
function attempt<T>(probe: () => T): { value?: T; error?: string } {
  try {
    return { value: probe() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function inspect(db: Db): string[] {
  const problems: string[] = [];

  const version = attempt(() => db.pragma('user_version', { simple: true }) as number);
  // An empty SQLite file opens (it would become a new commission) but holds nothing to check.
  if (version.value === 0) throw new CliError('ce fichier SQLite est vide : ce n’est pas une commission Maillage');

  const integrity = attempt(() => (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check));
  if (integrity.error) problems.push(`le fichier est endommagé : la vérification d’intégrité SQLite échoue (${integrity.error})`);
  else if (integrity.value && integrity.value.join() !== 'ok') {
    const messages = integrity.value;
    const more = messages.length > SHOWN_INTEGRITY_MESSAGES ? ` ; et ${plural(messages.length - SHOWN_INTEGRITY_MESSAGES, 'autre anomalie', 'autres anomalies')}` : '';
    problems.push(`le fichier est endommagé (vérification d’intégrité SQLite) : ${messages.slice(0, SHOWN_INTEGRITY_MESSAGES).join(' ; ')}${more}`);
  }

  const foreignKeys = attempt(() => db.pragma('foreign_key_check') as { table: string; parent: string }[]);
  if (foreignKeys.error) problems.push(`les références entre tables n’ont pas pu être vérifiées (${foreignKeys.error})`);
  const broken = new Map<string, number>();
  for (const row of foreignKeys.value ?? []) broken.set(`${row.table} → ${row.parent}`, (broken.get(`${row.table} → ${row.parent}`) ?? 0) + 1);
  for (const [link, count] of broken) {
    const [table, parent] = link.split(' → ');
    problems.push(`${plural(count, 'ligne', 'lignes')} de la table ${table} ${count > 1 ? 'renvoient' : 'renvoie'} à un élément absent de la table ${parent}`);
  }

  if (version.error) problems.push(`la version du schéma est illisible (${version.error})`);
  else if (version.value !== LATEST_VERSION) {
    problems.push(`schéma en version ${version.value}, attendue ${LATEST_VERSION} : ouvrez le fichier avec Maillage pour le mettre à jour`);
  }

  const commission = attempt(() => db.prepare('SELECT count(*) FROM commission WHERE id = 1').pluck().get() as number);
  if (commission.error) problems.push(`la table de la commission est illisible (${commission.error})`);
  else if (commission.value === 0) problems.push('aucune commission n’est enregistrée dans ce fichier (paramètres absents)');

  return problems;
}

export default command;
