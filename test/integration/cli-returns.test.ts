import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisToday } from '../../src/shared/wallclock';
import { cli } from '../helpers/cli';
import { FICHE_COLUMNS, INDICATOR_COLUMNS, dataRows, fillWorkbook } from '../helpers/returns';

let dir: string;
let db: string;
let out: string;
const today = parisToday(new Date());
const deadline = addDays(today, 20);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-returns-'));
  db = join(dir, 'demo.maillage');
  out = join(dir, 'envoi');
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The parts of a MIME message (headers and body of each), split on its boundary. */
function mimeParts(eml: string): { headers: string; body: string }[] {
  const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
  return eml
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [headers, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      return { headers: headers!, body: body.join('\r\n\r\n').trim() };
    });
}

describe('returns from the command line', () => {
  it('prepares a campaign: one workbook and one .eml draft per structure, the workbook attached', async () => {
    const run = await cli('returns', 'prepare', '--db', db, '--name', 'Point d’étape de printemps', '--deadline', deadline, '--out', out, '--eml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ structures interrogées sur \d+ fiches actions/);
    const files = readdirSync(out);
    const workbooks = files.filter((f) => f.endsWith('.xlsx'));
    expect(workbooks.length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(workbooks.length);

    const eml = readFileSync(join(out, workbooks[0]!.replace(/\.xlsx$/, '.eml')), 'utf8');
    const [head] = eml.split('\r\n\r\n');
    expect(head).toMatch(/^X-Unsent: 1\r\n/);
    expect(head).toMatch(/\r\nTo: (?:.|\r\n )*<[^>]+@[^>]+>/);
    expect(head).toMatch(/\r\nSubject: =\?UTF-8\?B\?/);
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const [text, attachment] = mimeParts(eml);
    const body = Buffer.from(text!.body.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(body).toContain('Madame, Monsieur,');
    expect(body).toContain(`avant le ${deadline.slice(8)}/${deadline.slice(5, 7)}/${deadline.slice(0, 4)}`);
    expect(body).toContain('aucune donnée personnelle sur les victimes ni sur les mineurs');
    expect(attachment!.headers).toContain(`\r\n filename="${workbooks[0]}"`);
    expect(Buffer.from(attachment!.body.replace(/\r\n/g, ''), 'base64').equals(readFileSync(join(out, workbooks[0]!)))).toBe(true);
  });

  it('imports returned workbooks from a folder: dry run, answers noted, then --accept all; status --json gives the rate', async () => {
    const returned = join(dir, 'retours');
    mkdirSync(returned);
    const workbooks = readdirSync(out).filter((f) => f.endsWith('.xlsx'));
    const measuredOn = new Date(`${addDays(today, -1)}T00:00:00Z`);
    for (const name of workbooks.slice(0, 2)) {
      await fillWorkbook(
        join(out, name),
        (wb) => {
          const fiches = wb.getWorksheet('Fiches actions')!;
          const { row } = dataRows(fiches)[0]!;
          fiches.getCell(row, FICHE_COLUMNS.progress).value = 61;
          fiches.getCell(row, FICHE_COLUMNS.done).value = 'Comité de pilotage tenu.';
          const indicators = wb.getWorksheet('Indicateurs')!;
          const first = dataRows(indicators)[0];
          if (first) {
            indicators.getCell(first.row, INDICATOR_COLUMNS.value).value = 7;
            indicators.getCell(first.row, INDICATOR_COLUMNS.on).value = measuredOn;
          }
        },
        join(returned, name),
      );
    }

    const dry = await cli('returns', 'import', '--db', db, '--files', returned, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Avancement :');
    expect(dry.stdout).toContain('→ 61 %');
    expect(dry.stdout).toContain('Simulation (--dry-run) : rien n’a été écrit.');
    expect(JSON.parse((await cli('returns', 'status', '--db', db, '--json')).stdout)).toMatchObject({ answered: 0, takenIn: 0, rate: 0 });

    const noted = await cli('returns', 'import', '--db', db, '--files', join(returned, workbooks[0]!), join(returned, workbooks[1]!));
    expect(noted.code).toBe(0);
    const afterNoted = JSON.parse((await cli('returns', 'status', '--db', db, '--json')).stdout) as { asked: number; answered: number; takenIn: number; rate: number; toRemind: string[] };
    expect(afterNoted).toMatchObject({ answered: 2, takenIn: 0 });
    expect(afterNoted.rate).toBeCloseTo(2 / afterNoted.asked);
    expect(afterNoted.toRemind).toHaveLength(afterNoted.asked - 2);

    const taken = await cli('returns', 'import', '--db', db, '--files', returned, '--accept', 'all');
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout.match(/: pris en compte \(/g)).toHaveLength(2);
    const status = JSON.parse((await cli('returns', 'status', '--db', db, '--json')).stdout) as { takenIn: number; structures: { state: string }[] };
    expect(status.takenIn).toBe(2);
    expect(status.structures.filter((s) => s.state === 'pris_en_compte')).toHaveLength(2);

    const again = await cli('returns', 'import', '--db', db, '--files', returned, '--accept', 'all');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('déjà été pris en compte');
    expect(again.stdout).not.toContain(': pris en compte (');

    const text = await cli('returns', 'status', '--db', db);
    expect(text.stdout).toContain('2 structures ont répondu sur');
    expect(text.stdout).toContain('À relancer : ');

    // The bilan of the year quotes the rate status --json gives.
    const bilan = join(dir, 'bilan.docx');
    const year = deadline.slice(0, 4);
    const report = await cli('report', '--db', db, '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--out', bilan);
    expect(report.code, report.stderr).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(bilan))).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, '').replace(/[\u00a0\u202f]/g, ' ');
    const json = JSON.parse((await cli('returns', 'status', '--db', db, '--json')).stdout) as { asked: number; answered: number; rate: number };
    expect(words).toContain(`${json.answered} structures ont répondu à la campagne de remontées « Point d’étape de printemps » sur ${json.asked} interrogées (${Math.round(json.rate * 100)} %).`);
  }, 120_000);

  it('leaves a workbook with a conflict to the app under --accept all, saying so, takes nothing from it and takes the others', async () => {
    const [workbook, another] = readdirSync(out).filter((f) => f.endsWith('.xlsx')).slice(3, 5) as [string, string];
    const plain = await fillWorkbook(
      join(out, another),
      (wb) => {
        const fiches = wb.getWorksheet('Fiches actions')!;
        fiches.getCell(dataRows(fiches)[0]!.row, FICHE_COLUMNS.next).value = 'Réunir les partenaires en mai.';
      },
      join(dir, 'sans-conflit.xlsx'),
    );
    let code = '';
    const filled = await fillWorkbook(
      join(out, workbook),
      (wb) => {
        const fiches = wb.getWorksheet('Fiches actions')!;
        const first = dataRows(fiches)[0]!;
        code = first.code;
        fiches.getCell(first.row, FICHE_COLUMNS.progress).value = 90;
        fiches.getCell(first.row, FICHE_COLUMNS.done).value = 'Permanence ouverte.';
      },
      join(dir, 'conflit.xlsx'),
    );
    // The secretary changed the fiche's progress in Maillage after the workbook was sent.
    const file = new Database(db);
    const progress = () => file.prepare('SELECT progress FROM actions WHERE code = ?').pluck().get(code) as number;
    const sent = progress();
    file.prepare('UPDATE actions SET progress = ? WHERE code = ?').run(sent === 12 ? 13 : 12, code);
    const secretary = progress();
    file.close();

    const run = await cli('returns', 'import', '--db', db, '--files', filled, plain, '--accept', 'all');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`CONFLIT Avancement : « ${sent} % » à l’envoi, « ${secretary} % » dans Maillage, « 90 % » selon la structure`);
    expect(run.stdout).toMatch(/conflit\.xlsx : non pris en compte\. Un conflit reste à trancher \(Avancement\) : rien n’a été pris de ce classeur\./);
    expect(run.stdout).toContain('sans-conflit.xlsx : pris en compte (1 entrée de journal, 0 valeur d’indicateur).');
    expect(run.stderrLines).toEqual(['Erreur : 1 classeur n’a pas été pris en compte (refusé, ou conflits à trancher dans Maillage) ; les autres l’ont été.']);
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT progress FROM actions WHERE code = ?').pluck().get(code)).toBe(secretary);
    expect(after.prepare("SELECT count(*) FROM journal_entries WHERE text LIKE '%Permanence ouverte.%'").pluck().get()).toBe(0);
    after.close();
  }, 120_000);

  it('ends user errors with exit code 1 and one French line', async () => {
    const cases: [string[], RegExp][] = [
      [['returns', 'prepare', '--db', db, '--name', 'X', '--deadline', '31/06/2026', '--out', out], /--deadline : le 31\/06\/2026 n’existe pas dans le calendrier/],
      [['returns', 'import', '--db', db], /--files est obligatoire/],
      [['returns', 'import', '--db', db, '--files', join(dir, 'absent.xlsx')], /introuvable/],
      [['returns', 'status', '--db', db, '--campaign', 'Inconnue'], /aucune campagne ne s’appelle « Inconnue »/],
      [['returns', 'status', '--db', join(dir, 'absente.maillage')], /introuvable/],
      [['returns', 'import', '--db', db, '--files', join(dir, 'demo.maillage'), '--accept', 'all'], /1 classeur n’a pas été pris en compte \(refusé, ou conflits à trancher dans Maillage\)\.$/],
    ];
    // A file of more than 10 MB is refused before it is read.
    const big = join(dir, 'enorme.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 10 * 1024 * 1024 + 1);
    cases.push([['returns', 'import', '--db', db, '--files', big, '--dry-run'], /1 classeur est refusé \(raison ci-dessus\)/]);
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderrLines, args.join(' ')).toHaveLength(1);
      expect(run.stderrLines[0]).toMatch(/^Erreur : /);
      expect(run.stderrLines[0]).toMatch(message);
    }
    expect((await cli('returns', 'import', '--db', db, '--files', big, '--dry-run')).stdout).toMatch(/enorme\.xlsx : refusé\. .*bien plus volumineux qu’un classeur de remontée/);
  }, 120_000);
});
