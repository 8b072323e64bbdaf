import { parseArgs, type ParseArgsConfig } from 'node:util';
import type * as z from 'zod';
import { departementName } from '../../shared/departements';
import { parseFrenchDate } from '../../shared/format';
import { lowerFirst } from '../../shared/text';

/**
 * What a command module exports by default: its help and its work. Its name and one-line summary are
 * listed in index.ts, so that `maillage --help` answers without loading any command.
 */
export interface Command {
  /** Usage and options, for `maillage <name> --help`. */
  usage: string;
  /** Returns the exit code; user errors are thrown as CliError. */
  run(args: string[], out: (line: string) => void): Promise<number>;
}

/** A mistake of the user (a missing file, a bad option…): printed as one French line, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** A mistake in the command line itself: the dispatcher adds where to find the command's help. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, with its English errors turned into French ones. */
export function parseOptions<const O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(parseErrorMessage(error));
  }
}

function parseErrorMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  // Node names the culprit between quotes: « Unknown option '--foo' », « Option '-d, --db <value>' argument missing ».
  const quoted = /'([^']*)'/.exec(message ?? '')?.[1] ?? '';
  const option = quoted.match(/--?[\w-]+/g)?.pop() ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu « ${quoted} »`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message?.includes('does not take an argument') ? `l’option ${option} ne prend pas de valeur` : `l’option ${option} attend une valeur`;
    default:
      return 'arguments invalides';
  }
}

export function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`l’option ${option} est obligatoire`);
  return value;
}

/**
 * Every date option of the command line: a date as people type it (31/12/2025, 2025-12-31, 31 décembre 2025) →
 * ISO date. Strict: a day the calendar does not have (31/02/2026, 2026-02-30) is refused, and said so.
 */
export function dateOption(value: string, option: string): string {
  const iso = parseFrenchDate(value);
  if (iso) return iso;
  if (/^\s*(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2})\s*$/.test(value)) throw new UsageError(`l’option ${option} : le ${value.trim()} n’existe pas dans le calendrier`);
  throw new UsageError(`l’option ${option} attend une date (JJ/MM/AAAA ou AAAA-MM-JJ), pas « ${value} »`);
}

/** Accepts « 2a » for 2A and « 1 » for 01, as people type them. */
export function departmentCode(value: string): string {
  const code = /^\d$/.test(value) ? `0${value}` : value.toUpperCase();
  if (!departementName(code)) throw new CliError(`département inconnu « ${value} » : indiquez son code officiel (01 à 95, 2A, 2B, 971 à 976)`);
  return code;
}

/**
 * Validates with the same schema as the app, so that the CLI accepts exactly what the app accepts;
 * `options` names the command-line option of each field for the message.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, options: Record<string, string>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const option = options[String(issue.path[0])];
  throw new CliError(option ? `l’option ${option} est invalide : ${lowerFirst(issue.message)}` : issue.message);
}
