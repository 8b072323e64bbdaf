/**
 * The check of a yearly return received from elsewhere: a return edited by hand (a broken total, a wrong zone
 * code, a missing column, a later version of the format) is refused with its reason, line and column; the same
 * return saved again by LibreOffice, from the CSV or from the workbook's « Données » sheet, is accepted with the
 * same rows. And the CLI, as a user runs it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCommissionFile } from '../../src/main/commission-file/open';
import { renderStateReturn, writeStateReturn, type StateReturnFiles } from '../../src/main/features/state-return/package';
import { validateStateReturn } from '../../src/main/features/state-return/validate';
import type { StateReturnRow } from '../../src/shared/state-return';
import { cli } from '../helpers/cli';
import { parisYear } from '../helpers/clock';
import { copyDemo } from '../helpers/demo-files';
import { resaveWithCalc } from '../helpers/libreoffice';

const now = new Date();
const year = parisYear(-1, now);
let dir: string;
let db: string;
let files: StateReturnFiles;
let rows: StateReturnRow[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-state-validate-'));
  db = copyDemo('small', now, dir, { departmentCode: '2A', name: 'corse.maillage' });
  const opened = await openCommissionFile(db, { access: 'read' });
  try {
    const rendered = await renderStateReturn(opened.db, db, year, now);
    files = rendered.files;
    rows = rendered.stateReturn.rows;
  } finally {
    opened.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the return in a folder of its own, its CSV and its package edited as a person would in a text editor. */
async function edited(name: string, edit: { csv?: (text: string) => string; datapackage?: (json: Record<string, unknown>) => Record<string, unknown> }): Promise<string> {
  const folder = join(dir, name);
  mkdirSync(folder);
  await writeStateReturn(folder, files);
  const csv = join(folder, files.names.csv);
  if (edit.csv) writeFileSync(csv, edit.csv(readFileSync(csv, 'utf8')));
  const pkg = join(folder, 'datapackage.json');
  if (edit.datapackage) writeFileSync(pkg, JSON.stringify(edit.datapackage(JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>)));
  return folder;
}

/** The CSV's lines without BOM, and its line number (as a spreadsheet counts) of the row whose first fields start so. */
const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');
const lineOf = (csv: string, start: string) => lines(csv).findIndex((l) => l.startsWith(start)) + 1;

describe('state-return validate', () => {
  it('accepts the return as written, from its package or from its CSV, for a Corsican département', async () => {
    const folder = await edited('intact', {});
    for (const file of [join(folder, 'datapackage.json'), join(folder, files.names.csv)]) {
      const checked = await validateStateReturn(file);
      expect(checked.errors).toEqual([]);
      expect(checked.zone).toBe('D2A');
      expect(checked.rows).toEqual(rows);
    }
  });

  it('refuses a total that is not the sum of its parts, saying which, on which line and column', async () => {
    const total = rows.find((r) => r.indicator_id === 'seances_tenues' && r.date === `${year}-12-31`)!;
    const start = `seances_tenues;Séances tenues;D2A;${year}-12-31;realise;`;
    const folder = await edited('total', { csv: (text) => text.replace(`${start}${total.value}\r\n`, `${start}${total.value + 1}\r\n`) });
    const line = lineOf(files.csv, start);
    const { errors, rows: accepted } = await validateStateReturn(join(folder, 'datapackage.json'));
    expect(errors).toEqual([
      `Ligne ${line}, colonne F (value) : le total « Séances tenues » vaut ${total.value + 1}, la somme de ses parties ${total.value} (seances_pleniere + seances_restreinte + seances_comite_technique + seances_groupe_travail + seances_examen_parcours).`,
    ]);
    expect(accepted).toEqual([]);
  });

  it('accepts the answer rate of a campaign as its two counts, and refuses more answers than structures asked, or one count without the other', async () => {
    const row = (id: string, label: string, value: number) => `${id};${label};D2A;${year}-12-31;realise;${value}\r\n`;
    const asked = (n: number) => row('reseau_campagne_interrogees', 'Campagne de remontées couvrant l’année : structures interrogées', n);
    const answered = (n: number) => row('reseau_campagne_repondu', 'Campagne de remontées couvrant l’année : structures qui ont répondu', n);
    const lineCount = lines(files.csv).length;

    const good = await edited('campagne', { csv: (text) => text + asked(12) + answered(9) });
    expect((await validateStateReturn(join(good, 'datapackage.json'))).errors).toEqual([]);
    const over = await edited('campagne-trop', { csv: (text) => text + asked(12) + answered(13) });
    expect((await validateStateReturn(join(over, 'datapackage.json'))).errors).toEqual([`Ligne ${lineCount + 1}, colonne F (value) : 13 structures auraient répondu à la campagne, pour 12 interrogées.`]);
    const alone = await edited('campagne-seule', { csv: (text) => text + answered(3) });
    expect((await validateStateReturn(join(alone, 'datapackage.json'))).errors).toEqual([
      `Ligne ${lineCount}, colonne A (indicator_id) : « reseau_campagne_repondu » va avec « reseau_campagne_interrogees », absent pour la même date.`,
    ]);
  });

  it('refuses a zone that is not an official département (Corsica is 2A or 2B, never 20)', async () => {
    const start = `parcours_avis;`;
    const line = lineOf(files.csv, start);
    const folder = await edited('zone', { csv: (text) => text.split('\r\n').map((l, k) => (k === line - 1 ? l.replace(';D2A;', ';D20;') : l)).join('\r\n') });
    const { errors } = await validateStateReturn(join(folder, files.names.csv));
    expect(errors).toEqual([`Ligne ${line}, colonne C (zone_id) : « D20 » n’est pas le code d’un département (D suivi du code officiel : D01, D2A, D974…).`]);
  });

  it('refuses a table without one of its columns, and names it', async () => {
    const withoutValueType = (text: string) =>
      lines(text)
        .map((l) => l.split(';').filter((_, k) => k !== 4).join(';'))
        .join('\r\n');
    const folder = await edited('column', { csv: withoutValueType });
    const { errors } = await validateStateReturn(join(folder, 'datapackage.json'));
    expect(errors).toEqual(['Ligne 1 : colonne manquante « value_type ».']);
  });

  it('refuses a return written by a later version of the format, and says to update Maillage', async () => {
    const folder = await edited('version', { datapackage: (json) => ({ ...json, version: '2.0.0' }) });
    const { errors } = await validateStateReturn(join(folder, 'datapackage.json'));
    expect(errors).toEqual(['datapackage.json : cette remontée suit la version 2.0.0 du format, plus récente que celle que cette version de Maillage connaît (1.0.0). Mettez Maillage à jour pour la lire.']);
    // A minor version of the same major is read.
    const minor = await edited('minor', { datapackage: (json) => ({ ...json, version: '1.4.0' }) });
    expect((await validateStateReturn(join(minor, 'datapackage.json'))).errors).toEqual([]);
  });

  it('refuses a package whose table lies outside its folder', async () => {
    const folder = await edited('path', {
      datapackage: (json) => ({ ...json, resources: (json.resources as Record<string, unknown>[]).map((r) => ({ ...r, path: '../intact/remontee.csv' })) }),
    });
    const { errors } = await validateStateReturn(join(folder, 'datapackage.json'));
    expect(errors).toEqual(['datapackage.json : le tableau « ../intact/remontee.csv » doit être un fichier .csv placé à côté de datapackage.json.']);
  });

  it('refuses a row given twice, and a value that is not a whole number', async () => {
    const start = 'parcours_refus;';
    const line = lineOf(files.csv, start);
    const folder = await edited('twice', {
      csv: (text) => {
        const all = text.split('\r\n');
        const row = all[line - 1]!;
        all.splice(line, 0, row);
        return all.map((l) => (l.startsWith('protocoles_signes;') && l.includes(`;${year}-12-31;`) ? l.replace(/;\d+$/, ';2,5') : l)).join('\r\n');
      },
    });
    const { errors } = await validateStateReturn(join(folder, files.names.csv));
    expect(errors).toEqual([`Ligne ${lineOf(files.csv, 'protocoles_signes;') + 1}, colonne F (value) : « 2,5 » n’est pas un nombre entier positif ou nul.`]);
    const onlyTwice = await edited('twice-only', {
      csv: (text) => {
        const all = text.split('\r\n');
        all.splice(line, 0, all[line - 1]!);
        return all.join('\r\n');
      },
    });
    expect((await validateStateReturn(join(onlyTwice, files.names.csv))).errors).toEqual([
      `Ligne ${line + 1} : même indicateur, zone, date et type de valeur que la ligne ${line} (parcours_refus, D2A, ${year}-12-31, realise).`,
    ]);
  });

  it('accepts the CSV and the workbook’s « Données » sheet saved again by LibreOffice Calc, with the same rows', async () => {
    const folder = await edited('libreoffice', {});
    const out = join(dir, 'libreoffice-out');
    mkdirSync(out);
    // The CSV opened in Calc with French settings and saved as « CSV (séparateur : point-virgule) », Windows-1252.
    const [fromCsv] = await resaveWithCalc(join(folder, files.names.csv), out, 'csv:Text - txt - csv (StarCalc):59,34,1,1,,1036', 'CSV:59,34,76,1,,1036,false,true');
    // The workbook's second sheet saved as a comma-separated UTF-8 CSV.
    const [fromXlsx] = await resaveWithCalc(join(folder, files.names.xlsx), join(out), 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2');
    expect(readFileSync(fromCsv!).includes(Buffer.from('Séances', 'utf8'))).toBe(false);
    expect(readFileSync(fromXlsx!, 'utf8').split('\n')[0]).toBe('indicator_id,indicator_label,zone_id,date,value_type,value');
    for (const file of [fromCsv!, fromXlsx!]) {
      const checked = await validateStateReturn(file);
      expect(checked.errors, file).toEqual([]);
      expect(checked.rows).toEqual(rows);
    }
    // Put back beside its package under the name the package gives, the re-saved CSV passes the package's checks too.
    copyFileSync(fromXlsx!, join(folder, files.names.csv));
    expect((await validateStateReturn(join(folder, 'datapackage.json'))).errors).toEqual([]);
  }, 120_000);
});

describe('the state-return command', () => {
  it('writes a return that its validator accepts, and explains a refusal in French with a failing exit code', async () => {
    const out = join(dir, 'cli');
    const written = await cli('state-return', '--db', db, '--year', String(year), '--out', out);
    expect(written.stderr).toBe('');
    expect(written.stdout).toContain(`Remontée annuelle ${year} (Corse-du-Sud) écrite dans ${out} :`);
    const valid = await cli('state-return', 'validate', '--file', join(out, 'datapackage.json'));
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe(`Remontée valide : année ${year}, D2A, ${rows.length} lignes.\n`);

    const broken = await edited('cli-broken', { datapackage: (json) => ({ ...json, version: '3.1.0' }) });
    const refused = await cli('state-return', 'validate', '--file', join(broken, 'datapackage.json'));
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain('Remontée refusée : 1 erreur.');
    expect(refused.stdout).toContain('plus récente que celle que cette version de Maillage connaît');
    expect(refused.stderrLines.join('\n')).toContain('n’est pas une remontée valide');

    const future = await cli('state-return', '--db', db, '--year', String(parisYear(0, now)), '--out', join(dir, 'cli-future'));
    expect(future.code).not.toBe(0);
    expect(future.stderr).toContain(`l’année ${parisYear(0, now)} n’est pas terminée`);
  }, 120_000);
});
