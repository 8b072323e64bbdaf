import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesDir } from '../../src/main/commission-file/commission';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
let police: string;
let cd: string;

beforeEach(async () => {
  // DEFAULT_NOW is 5 March 2026.
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
  police = (await t.call('partners.create', { name: 'DDSP de la Gironde', type: 'police' })).id;
  cd = (await t.call('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental' })).id;
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;

function signed(overrides: Record<string, unknown> = {}) {
  return t.call('protocols.create', {
    title: 'Protocole départemental de repérage des mineurs en situation prostitutionnelle',
    kind: 'reperage_signalement',
    status: 'signe',
    signedOn: '2024-04-10',
    startsOn: '2024-04-10',
    endsOn: '2027-04-09',
    reviewOn: '2026-04-15',
    signatories: [
      { partnerId: police, structureName: 'DDSP de la Gironde', signerName: 'Marc Lefèvre', signerRole: 'Directeur départemental' },
      { partnerId: cd, structureName: 'Conseil départemental de la Gironde', signerName: 'Jeanne Martin' },
    ],
    ...overrides,
  });
}

describe('protocols', () => {
  it('creates a protocol with signatories, a dated status and a deadline', async () => {
    const p = await signed();
    expect(p.signatories.map((s) => [s.structureName, s.signerName])).toEqual([
      ['DDSP de la Gironde', 'Marc Lefèvre'],
      ['Conseil départemental de la Gironde', 'Jeanne Martin'],
    ]);
    expect(p.events).toMatchObject([{ status: 'signe', onDate: '2024-04-10' }]);
    expect(p.deadline).toEqual({ date: '2026-04-15', kind: 'review', daysLeft: 41, state: 'due' });
    const list = await t.call('protocols.list');
    expect(list[0]).toMatchObject({ signatories: 'DDSP de la Gironde, Conseil départemental de la Gironde', signatoriesCount: 2 });
    expect(db().prepare("SELECT count(*) FROM change_log WHERE entity = 'protocol'").pluck().get()).toBe(1);
  });

  it('validates dates, kind and signatories in French', async () => {
    const error = await t.callError('protocols.create', {
      title: '',
      kind: 'inconnu',
      status: 'signe',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      signatories: [{ structureName: '' }],
    });
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'Le titre est obligatoire.' },
        { path: 'kind', message: 'Choisissez la nature du document.' },
        { path: 'signatories.0.structureName', message: 'Indiquez la structure signataire.' },
      ]),
    );
    const period = await t.callError('protocols.create', { title: 'Charte', kind: 'charte', startsOn: '2026-05-01', endsOn: '2026-04-01' });
    expect(period.details).toEqual([{ path: 'endsOn', message: 'La fin de validité précède le début.' }]);
    const unsigned = await t.callError('protocols.create', { title: 'Charte', kind: 'charte', status: 'signe' });
    expect(unsigned.details).toEqual([{ path: 'signedOn', message: 'Indiquez la date de signature d’un protocole signé.' }]);
    expect(db().prepare('SELECT count(*) FROM protocols').pluck().get()).toBe(0);
  });

  it('follows the lifecycle projet → en signature → signé → dénoncé, with dates, and refuses other moves', async () => {
    const p = await t.call('protocols.create', { title: 'Convention de financement 2026', kind: 'financement' });
    expect(p.events).toMatchObject([{ status: 'projet', onDate: '2026-03-05' }]);
    await t.call('protocols.setStatus', { id: p.id, status: 'en_signature', onDate: '2026-03-06' });
    const s = await t.call('protocols.setStatus', { id: p.id, status: 'signe', onDate: '2026-03-20', note: 'Signée en séance plénière' });
    expect(s).toMatchObject({ status: 'signe', signedOn: '2026-03-20' });
    const early = await t.callError('protocols.setStatus', { id: p.id, status: 'denonce', onDate: '2026-03-01' });
    expect(early.message).toBe('La date doit être postérieure au dernier changement de statut (20/03/2026).');
    await t.call('protocols.setStatus', { id: p.id, status: 'denonce', onDate: '2026-09-01' });
    const stuck = await t.callError('protocols.setStatus', { id: p.id, status: 'signe', onDate: '2026-09-02' });
    expect(stuck).toMatchObject({ code: 'conflict', message: 'Un protocole dénoncé ne change plus de statut : enregistrez un nouveau protocole.' });
    const final = await t.call('protocols.get', { id: p.id });
    expect(final.events.map((e) => e.status)).toEqual(['projet', 'en_signature', 'signe', 'denonce']);
    const back = await t.callError('protocols.setStatus', { id: (await t.call('protocols.create', { title: 'Autre', kind: 'autre' })).id, status: 'expire', onDate: '2026-03-05' });
    expect(back.message).toBe('Un protocole « Projet » ne peut pas passer à « Expiré ».');
  });

  it('accepts a real signature date earlier than the day the protocol was put to signature in Maillage', async () => {
    // Put to signature today with the form's default date; signed by everyone last month, entered now.
    const p = await t.call('protocols.create', { title: 'Protocole prostitution des mineurs', kind: 'partenariat', status: 'en_signature' });
    expect(p.events).toMatchObject([{ status: 'en_signature', onDate: '2026-03-05' }]);
    const s = await t.call('protocols.setStatus', { id: p.id, status: 'signe', onDate: '2026-02-12' });
    expect(s).toMatchObject({ status: 'signe', signedOn: '2026-02-12' });
    expect(s.events.map((e) => [e.status, e.onDate])).toEqual([
      ['en_signature', '2026-02-12'],
      ['signe', '2026-02-12'],
    ]);
    // A date someone chose still bounds the next step.
    const q = await t.call('protocols.create', { title: 'Charte hôtels', kind: 'charte', status: 'en_signature', statusOn: '2026-01-20' });
    const refused = await t.callError('protocols.setStatus', { id: q.id, status: 'signe', onDate: '2026-01-10' });
    expect(refused.details).toEqual([{ path: 'onDate', message: 'Date antérieure au 20/01/2026.' }]);
  });

  it('lists renewals due within 60 days and overdue, for signed protocols only', async () => {
    await signed({ title: 'Dans 41 jours' });
    await signed({ title: 'Dépassé', reviewOn: '2026-02-01' });
    await signed({ title: 'Fin dans 10 jours', reviewOn: null, endsOn: '2026-03-15' });
    await signed({ title: 'Plus tard', reviewOn: '2026-06-01' });
    await t.call('protocols.create', { title: 'Projet sans échéance', kind: 'charte', reviewOn: '2026-03-10' });
    const r = await t.call('protocols.renewals');
    expect(r.today).toBe('2026-03-05');
    expect(r.overdue.map((p) => [p.title, p.deadline.daysLeft])).toEqual([['Dépassé', -32]]);
    expect(r.dueSoon.map((p) => [p.title, p.deadline.kind, p.deadline.daysLeft])).toEqual([
      ['Fin dans 10 jours', 'end', 10],
      ['Dans 41 jours', 'review', 41],
    ]);
    t.clock.set('2026-05-20T10:00:00Z');
    expect((await t.call('protocols.renewals')).overdue.map((p) => p.title)).toEqual(['Dépassé', 'Fin dans 10 jours', 'Dans 41 jours']);
  });

  it('keeps the signed file in the commission’s files folder and opens it', async () => {
    const p = await signed();
    const source = join(t.dir, 'Protocole signé « repérage ».pdf');
    writeFileSync(source, '%PDF-1.4 signé');
    t.os.queueOpenFile(source);
    const withFile = (await t.call('protocols.attachFile', { id: p.id }))!;
    const stored = join(filesDir(t.session.require().path), withFile.fileName!);
    expect(withFile.fileName).toMatch(/^protocoles\/[0-9a-f]{8}-Protocole signé « repérage »\.pdf$/);
    rmSync(source);
    expect(readFileSync(stored, 'utf8')).toBe('%PDF-1.4 signé');
    await t.call('protocols.openFile', { id: p.id });
    expect(t.os.openedPaths).toEqual([stored]);

    const exe = join(t.dir, 'virus.exe');
    writeFileSync(exe, 'MZ');
    t.os.queueOpenFile(exe);
    expect((await t.callError('protocols.attachFile', { id: p.id })).message).toBe('Joignez un document PDF, Word, OpenDocument ou une image (JPEG, PNG).');

    await t.call('protocols.removeFile', { id: p.id });
    expect(existsSync(stored)).toBe(false);
    expect((await t.callError('protocols.openFile', { id: p.id })).message).toBe('Aucun document signé n’est joint à ce protocole.');
  });

  it('links fiches actions and keeps signatory names when a partner is deleted', async () => {
    const actionId = randomUUID();
    db().prepare("INSERT INTO actions (id, code, title, status, created_at, updated_at) VALUES (?, 'FA-01', 'Former les policiers au repérage', 'en_cours', 'x', 'x')").run(actionId);
    const p = await signed({ actionIds: [actionId, actionId] });
    expect(p.actions).toEqual([{ id: actionId, code: 'FA-01', title: 'Former les policiers au repérage' }]);
    expect(await t.call('protocols.actionOptions')).toEqual([{ id: actionId, code: 'FA-01', title: 'Former les policiers au repérage' }]);
    await t.call('partners.delete', { id: police });
    const after = await t.call('protocols.get', { id: p.id });
    expect(after.signatories[0]).toMatchObject({ partnerId: null, structureName: 'DDSP de la Gironde', signerName: 'Marc Lefèvre' });
  });

  it('exports the register to .xlsx and CSV', async () => {
    await signed();
    const xlsx = join(t.dir, 'protocoles.xlsx');
    t.os.queueSaveFile(xlsx);
    await t.call('protocols.export', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('Échéance');
    expect(ws.getCell('E2').value).toEqual(new Date('2024-04-10T00:00:00Z'));
    expect(ws.getCell('I2').value).toBe('Révision dans 41 j');
    const csv = join(t.dir, 'protocoles.csv');
    t.os.queueSaveFile(csv);
    await t.call('protocols.export', { format: 'csv' });
    expect(readFileSync(csv, 'utf8')).toContain(';Signé;DDSP de la Gironde, Conseil départemental de la Gironde;10/04/2024;');
    expect(t.os.openedPaths).toEqual([xlsx, csv]);
  });
});
