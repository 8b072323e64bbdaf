/** The session commands of the CLI, run as a user would, on a demo commission. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { cli } from '../helpers/cli';



let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-sessions-'));
  db = join(dir, 'demo.maillage');
  expect((await cli('demo', '--db', db)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('session commands', () => {
  it('writes the minutes and the relevé of the latest session, opened by LibreOffice', async () => {
    const full = join(dir, 'cr.docx');
    const short = join(dir, 'releve.docx');
    const [a, b] = await Promise.all([cli('minutes', '--db', db, '--session', 'latest', '--out', full), cli('minutes', '--db', db, '--session', 'latest', '--out', short, '--short')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Document écrit');
    expect(b.code).toBe(0);
    const text = await pdfText(await convertToPdf(full, dir));
    expect(text).toContain('Compte rendu');
    expect(text).toContain('Suites à donner');
    expect(readFileSync(short).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes the convocation, the attendance sheet and the .ics', async () => {
    const [c, s, i] = await Promise.all([
      cli('convocation', '--db', db, '--session', 'latest', '--out', join(dir, 'convocation.docx')),
      cli('attendance-sheet', '--db', db, '--session', 'latest', '--out', join(dir, 'emargement.docx')),
      cli('ics', '--db', db, '--session', 'latest', '--out', join(dir, 'seance.ics')),
    ]);
    expect([c.code, s.code, i.code]).toEqual([0, 0, 0]);
    // The documents themselves are read back by LibreOffice in test/documents; here, they are Word files.
    for (const name of ['convocation.docx', 'emargement.docx']) expect(readFileSync(join(dir, name)).subarray(0, 2).toString()).toBe('PK');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'seance.ics'), 'utf8'))).getFirstSubcomponent('vevent')!);
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
  });

  it('explains mistakes in one French line', async () => {
    const unknown = await cli('minutes', '--db', db, '--session', '00000000-0000-4000-8000-000000000000', '--out', join(dir, 'x.docx'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderrLines).toEqual(['Erreur : cette séance n’existe plus : elle a peut-être été supprimée.']);
    const extension = await cli('ics', '--db', db, '--session', 'latest', '--out', join(dir, 'x.docx'));
    expect(extension.stderrLines[0]).toMatch(/^Erreur : le fichier --out doit se terminer par \.ics/);
    const missing = await cli('convocation', '--db', db, '--out', join(dir, 'x.docx'));
    expect(missing.stderrLines[0]).toMatch(/^Erreur : l’option --session est obligatoire/);
  });
});
