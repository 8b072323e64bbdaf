/**
 * Maillage's command line: the services and the router of the app, without a window, for scripts,
 * support and tests. A command is a module whose default export is a Command; list it below with its
 * one-line summary. Modules load only when their command runs, so `--help` answers at once.
 */
import { ApiError } from '../../shared/errors';
import { lowerFirst, terminalSafe } from '../../shared/text';
import { NewerDatabaseError, NotMaillageError } from '../db/migrate';
import { asOpenProblem, fileProblemMessage, openProblemMessages, problemOfCode } from '../platform/system-errors';
import { removeStaleWorkFolders } from '../commission-file/work-folders';
import { CliError, UsageError, type Command } from './command';

interface CommandEntry {
  name: string;
  /** One line for `maillage --help`. */
  summary: string;
  load(): Promise<{ default: Command }>;
}

const commands: readonly CommandEntry[] = [
  { name: 'init', summary: 'crée une commission vide (paramètres et catalogue national)', load: () => import('./init') },
  { name: 'demo', summary: 'crée une commission de démonstration, fictive mais réaliste', load: () => import('./demo') },
  { name: 'check', summary: 'vérifie qu’un fichier de commission est intact (sans le modifier)', load: () => import('./check') },
  { name: 'backup', summary: 'sauvegarde une commission (dans son dossier de sauvegardes, ou dans un fichier)', load: () => import('./backup') },
  { name: 'restore', summary: 'remplace une commission par une sauvegarde (l’état actuel est sauvegardé d’abord)', load: () => import('./restore') },
  { name: 'package', summary: 'exporte une commission dans un paquet d’échange, ou importe un paquet', load: () => import('./package') },
  { name: 'import', summary: 'importe des partenaires depuis un fichier Excel (.xlsx) ou CSV', load: () => import('./import') },
  { name: 'export', summary: 'exporte les partenaires et leurs contacts vers Excel (.xlsx) ou CSV', load: () => import('./export') },
  { name: 'composition', summary: 'exporte la composition de la commission d’un jour (sièges, titulaires, suppléants, arrêtés)', load: () => import('./composition') },
  { name: 'actions', summary: 'exporte les fiches actions en tableau (.csv pour Excel ou .xlsx)', load: () => import('./actions') },
  { name: 'minutes', summary: 'écrit le compte rendu (ou le relevé de décisions) d’une séance au format Word', load: () => import('./minutes') },
  { name: 'convocation', summary: 'écrit la convocation d’une séance, avec son ordre du jour, au format Word', load: () => import('./convocation') },
  { name: 'attendance-sheet', summary: 'écrit la feuille d’émargement d’une séance au format Word', load: () => import('./attendance-sheet') },
  { name: 'ics', summary: 'exporte une séance vers les agendas (Outlook, Thunderbird) au format .ics', load: () => import('./ics') },
  { name: 'parcours', summary: 'exporte ou importe le registre des parcours de sortie, ou en donne les chiffres d’une année', load: () => import('./parcours') },
  { name: 'avis', summary: 'écrit le relevé d’avis d’une séance d’examen des demandes de parcours au format Word', load: () => import('./avis') },
  { name: 'report', summary: 'écrit le bilan d’avancement d’une période au format Word', load: () => import('./report') },
  { name: 'returns', summary: 'prépare les classeurs de remontées des partenaires, prend en compte leurs réponses, dit où en est la campagne', load: () => import('./returns') },
  { name: 'state-return', summary: 'écrit la remontée annuelle à l’État d’une année (données, classeur, courrier), ou contrôle une remontée reçue', load: () => import('./state-return') },
  { name: 'consolidate', summary: 'consolide les remontées annuelles d’un dossier (région ou pays) : synthèse Word avec carte, classeur', load: () => import('./consolidate') },
];

// Every line goes through terminalSafe: names and report lines read from files never drive the terminal.
const out = (line: string) => process.stdout.write(`${terminalSafe(line)}\n`);
const err = (line: string) => process.stderr.write(`${terminalSafe(line)}\n`);
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
  const { usage, run } = (await command.load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`Utilisation : ${usage}`);
    return 0;
  }
  // A package command killed earlier left a whole commission, personal data included, in the temporary folder.
  removeStaleWorkFolders();
  try {
    return await run(rest, out);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message} (aide : maillage ${command.name} --help)`);
    throw error;
  }
}

/** What went wrong, in one French line, for errors the user can act on; null for bugs. */
function userMessage(error: unknown): string | null {
  if (error instanceof CliError || error instanceof ApiError || error instanceof NewerDatabaseError || error instanceof NotMaillageError) return error.message;
  const { code, path } = error as { code?: unknown; path?: unknown };
  const problem = problemOfCode(code);
  if (problem === null) return null;
  // SQLite's codes concern the commission given with --db; the file system's name their file.
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return openProblemMessages[asOpenProblem(problem) ?? 'cannot-open'];
  return `${fileProblemMessage(problem, null)}${typeof path === 'string' ? ` (${path})` : ''}`;
}

/** The message as one sentence after « Erreur : » : lower-case initial, final full stop. */
function sentence(message: string): string {
  const text = lowerFirst(message);
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

// Stopped by Ctrl+C or by the system: this process's unpacked packages go before it does.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    removeStaleWorkFolders({ own: true });
    process.exit(130);
  });
}

void main(process.argv.slice(2))
  .catch(report)
  .then((code) => {
    process.exitCode = code;
  });
