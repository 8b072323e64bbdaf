import { describe, expect, it } from 'vitest';
import { createCommission } from '../../src/shared/schemas/commission';
import { CliError, dateOption, departmentCode, parseOptions, required, UsageError, validate } from '../../src/main/cli/command';

const options = { db: { type: 'string' }, force: { type: 'boolean' } } as const;

function usageMessage(args: string[]): string {
  try {
    parseOptions(args, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('parseOptions accepted the arguments');
}

describe('parseOptions', () => {
  it('returns the values of known options', () => {
    expect(parseOptions(['--db', 'a.maillage', '--force'], options)).toEqual({ db: 'a.maillage', force: true });
  });

  it('explains in French what is wrong with the command line', () => {
    expect(usageMessage(['--bogus'])).toBe('option inconnue --bogus');
    expect(usageMessage(['--db'])).toBe('l’option --db attend une valeur');
    expect(usageMessage(['--db', '--force'])).toBe('l’option --db attend une valeur');
    expect(usageMessage(['--force=oui'])).toBe('l’option --force ne prend pas de valeur');
    expect(usageMessage(['fichier.maillage'])).toBe('argument inattendu « fichier.maillage »');
  });
});

describe('option helpers', () => {
  it('requires non-blank values', () => {
    expect(required('x', '--db')).toBe('x');
    expect(() => required(undefined, '--db')).toThrow(new UsageError('l’option --db est obligatoire'));
    expect(() => required('  ', '--db')).toThrow(UsageError);
  });

  it('accepts département codes as people type them', () => {
    expect(departmentCode('33')).toBe('33');
    expect(departmentCode('2a')).toBe('2A');
    expect(departmentCode('1')).toBe('01');
    expect(departmentCode('974')).toBe('974');
    expect(() => departmentCode('99')).toThrow(CliError);
    expect(() => departmentCode('20')).toThrow(/département inconnu « 20 »/);
  });

  it('validates with the app schemas and names the faulty option', () => {
    expect(validate(createCommission, { departmentCode: '33', name: '  Ma commission ' }, { name: '--name' })).toEqual({ departmentCode: '33', name: 'Ma commission' });
    expect(() => validate(createCommission, { departmentCode: '33', name: 'a\u0001b' }, { name: '--name' })).toThrow(
      'l’option --name est invalide : ce texte contient des caractères non autorisés.',
    );
  });
});

describe('dateOption', () => {
  it('reads a date as people type it', () => {
    expect(dateOption('15/03/2026', '--on')).toBe('2026-03-15');
    expect(dateOption('2026-03-15', '--on')).toBe('2026-03-15');
    expect(dateOption('1er mars 2026', '--on')).toBe('2026-03-01');
    expect(dateOption('29/02/2028', '--on')).toBe('2028-02-29');
  });

  it('refuses a day the calendar does not have, and says so in French', () => {
    for (const [value, message] of [
      ['31/02/2026', 'l’option --on : le 31/02/2026 n’existe pas dans le calendrier'],
      ['2026-02-30', 'l’option --on : le 2026-02-30 n’existe pas dans le calendrier'],
      ['29/02/2027', 'l’option --on : le 29/02/2027 n’existe pas dans le calendrier'],
      ['15/13/2026', 'l’option --on : le 15/13/2026 n’existe pas dans le calendrier'],
      ['hier', 'l’option --on attend une date (JJ/MM/AAAA ou AAAA-MM-JJ), pas « hier »'],
    ]) {
      expect(() => dateOption(value!, '--on')).toThrow(new UsageError(message!));
    }
  });
});
