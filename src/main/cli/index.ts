/**
 * Maillage's command line: the services and the router of the app, without a window, for scripts,
 * support and tests. A command is a module exporting a Command; list it below to make it available.
 */
import { ApiError } from '../../shared/errors';
import { NewerDatabaseError, NotMaillageError } from '../db/migrate';
import { actions } from './actions';
import { attendanceSheet } from './attendance-sheet';
import { backup } from './backup';
import { check } from './check';
import { CliError, lowerInitial, UsageError, type Command } from './command';
import { convocation } from './convocation';
import { demo } from './demo';
import { exportCommand } from './export';
import { ics } from './ics';
import { importCommand } from './import';
import { init } from './init';
import { minutes } from './minutes';
import { exchangePackage } from './package';
import { reportCommand } from './report';
import { restore } from './restore';

const commands: readonly Command[] = [init, demo, check, backup, restore, exchangePackage, importCommand, exportCommand, actions, minutes, convocation, attendanceSheet, ics, reportCommand];

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const debug = process.env.MAILLAGE_DEBUG === '1';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Maillage – outil des commissions départementales de lutte contre la prostitution',
    'et l’exploitation sexuelle des mineurs, en ligne de commande.',
    '',
    'Utilisation : maillage <commande> [options]   (depuis les sources : npm run cli -- <commande> [options])',
    '',
    'Commandes :',
    ...commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`),
    '',
    'Aide d’une commande : maillage <commande> --help',
    'Détail des erreurs inattendues : variable d’environnement MAILLAGE_DEBUG=1',
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return 0;
  }
  if (name === undefined) throw new UsageError('indiquez une commande (aide : maillage --help)');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`commande inconnue « ${name} » ; commandes : ${commands.map((c) => c.name).join(', ')} (aide : maillage --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`Utilisation : ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, out);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message} (aide : maillage ${command.name} --help)`);
    throw error;
  }
}

/** What went wrong, in one French line, for errors the user can act on; null for bugs. */
function userMessage(error: unknown): string | null {
  if (error instanceof CliError || error instanceof ApiError || error instanceof NewerDatabaseError || error instanceof NotMaillageError) return error.message;
  const { code, path } = error as { code?: unknown; path?: unknown };
  const where = typeof path === 'string' ? ` : ${path}` : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `accès refusé${where}`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `chemin introuvable${where}`;
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'le disque est plein';
    case 'EROFS':
    case 'SQLITE_READONLY':
      return 'le fichier ou le disque est en lecture seule';
    case 'SQLITE_CANTOPEN':
      return 'impossible d’ouvrir le fichier de la commission : vérifiez le chemin et les droits';
    case 'SQLITE_BUSY':
      return 'la commission est occupée par un autre programme : réessayez dans un instant';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'le fichier est endommagé ou n’est pas une commission Maillage';
    default:
      return null;
  }
}

/** The message as one sentence after « Erreur : » : lower-case initial, final full stop. */
function sentence(message: string): string {
  const text = lowerInitial(message);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function report(error: unknown): number {
  const message = userMessage(error);
  if (message !== null) {
    err(`Erreur : ${sentence(message)}`);
  } else {
    err(`Erreur inattendue : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${debug ? '' : ' (MAILLAGE_DEBUG=1 pour le détail)'}`);
  }
  if (debug && error instanceof Error && error.stack) err(error.stack);
  return 1;
}

process.exitCode = await main(process.argv.slice(2)).catch(report);
