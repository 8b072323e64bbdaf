/**
 * The commission file through the router: created, opened, refused, saved as a copy, reopened in a new session.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openProblemMessages } from '../../src/main/platform/system-errors';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import type { TestRouter } from '../helpers/router';
import { PNG, routerSuite } from '../helpers/router-suite';

const suite = routerSuite();
const { count, peek, reopen, newCommission, newPartner, writeIncoming, db } = suite;
let t: TestRouter;
beforeEach(() => {
  t = suite.router();
});

describe('app', () => {
  it('creates a commission with its default name and opens it', async () => {
    const summary = await newCommission('33');
    expect(summary).toEqual({
      name: expect.stringMatching(/^Commission départementale de lutte contre la prostitution.*– Gironde$/),
      departmentCode: '33',
      departmentName: 'Gironde',
      secretaryName: null,
      prefectureCity: null,
      secretariatContact: null,
      prefectCivility: null,
      prefectName: null,
      signatoryName: null,
      signatoryTitle: null,
      signsByDelegation: false,
      logoFile: null,
      filePath: join(t.dir, 'commissions', 'commission-33.maillage'),
      readOnly: false,
    });
    expect(existsSync(summary.filePath)).toBe(true);
    expect(await t.call('app.status')).toEqual({ commission: summary, damaged: null, unavailable: null });
    expect(count('frameworks')).toBe(2);
  });

  it('takes a given name, trimmed', async () => {
    const summary = await t.call('app.createCommission', { departmentCode: '2A', name: '  CDLP Corse-du-Sud ' });
    expect(summary).toMatchObject({ name: 'CDLP Corse-du-Sud', departmentName: 'Corse-du-Sud', filePath: join(t.dir, 'commissions', 'commission-2a.maillage') });
  });

  it('creates two distinct files for the same département', async () => {
    const first = await newCommission('33');
    await newPartner('Dans la première');
    const second = await newCommission('33');
    expect(second.filePath).not.toBe(first.filePath);
    expect(existsSync(first.filePath) && existsSync(second.filePath)).toBe(true);
    expect((await t.call('app.status')).commission?.filePath).toBe(second.filePath);
    expect(await t.call('partners.list')).toEqual([]);
    expect(peek(first.filePath).prepare('SELECT name FROM partners').pluck().all()).toEqual(['Dans la première']);
  });

  it('refuses an unknown département without creating a file', async () => {
    const error = await t.callError('app.createCommission', { departmentCode: '975' });
    expect(error.details).toEqual([{ path: 'departmentCode', message: 'Département inconnu : choisissez-le dans la liste.' }]);
    expect(existsSync(join(t.dir, 'commissions'))).toBe(false);
    expect(await t.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
  });

  it('opens a commission file chosen by the user', async () => {
    const first = await newCommission('33');
    await newPartner('Amicale du Nid');
    await newCommission('40');
    t.os.queueOpenFile(first.filePath);
    expect(await t.call('app.open')).toEqual({ commission: first, damaged: null, unavailable: null });
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(t.os.dialogs.at(-1)).toMatchObject({ kind: 'open', filters: [{ name: 'Commission Maillage', extensions: ['maillage', 'sqlite'] }] });
  });

  it('returns null when the open dialog is cancelled, keeping the current commission', async () => {
    const current = await newCommission();
    t.os.queueOpenFile(null);
    expect(await t.call('app.open')).toBeNull();
    expect((await t.call('app.status')).commission).toEqual(current);
  });

  it('refuses a file that is not a database with an io error, keeping the current commission open', async () => {
    const current = await newCommission();
    await newPartner('Amicale du Nid');
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    const path = writeIncoming('pas-une-commission.maillage', garbage);
    t.os.queueOpenFile(path);
    const error = await t.callError('app.open');
    expect(error).toEqual({ code: 'io', message: 'Ce fichier n’est pas une commission Maillage, ou il est endommagé.' });
    expect((await t.call('app.status')).commission).toEqual(current);
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(JSON.parse(readFileSync(join(t.dir, 'preferences.json'), 'utf8'))).toEqual({ lastCommission: current.filePath });
  });

  it('answers io for a file that has disappeared', async () => {
    await newCommission();
    t.os.queueOpenFile(join(t.dir, 'disparu.maillage'));
    expect(await t.callError('app.open')).toEqual({ code: 'io', message: openProblemMessages.missing });
  });

  it('refuses a database from a newer Maillage with its explanation', async () => {
    const current = await newCommission('33');
    const other = await newCommission('40');
    t.session.close();
    const raw = new Database(other.filePath);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    t.os.queueOpenFile(current.filePath);
    await t.call('app.open');
    t.os.queueOpenFile(other.filePath);
    const error = await t.callError('app.open');
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/version plus récente de Maillage/);
    expect((await t.call('app.status')).commission?.filePath).toBe(current.filePath);
  });

  it('refuses a SQLite file from another program and leaves it untouched', async () => {
    const current = await newCommission();
    const path = join(t.dir, 'incoming', 'autre-logiciel.sqlite');
    mkdirSync(join(t.dir, 'incoming'), { recursive: true });
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE contacts_crm (id INTEGER PRIMARY KEY, nom TEXT); INSERT INTO contacts_crm (nom) VALUES ('Dupont');");
    foreign.close();
    const bytes = readFileSync(path);

    t.os.queueOpenFile(path);
    const error = await t.callError('app.open');
    expect(error.code).toBe('io');
    expect((await t.call('app.status')).commission).toEqual(current);

    const check = peek(path);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['contacts_crm']);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('saves a copy that opens and holds the same partners, contacts and logo', async () => {
    const original = await newCommission('33');
    const nid = await newPartner('Amicale du Nid');
    await t.call('contacts.create', { partnerId: nid.id, firstName: 'Jeanne', lastName: 'Dupont', isMember: true });
    await newPartner('CIDFF');
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const listBefore = await t.call('partners.list');

    const target = join(t.dir, 'sauvegardes', 'copie.maillage');
    mkdirSync(join(t.dir, 'sauvegardes'));
    t.os.queueSaveFile(target);
    expect(await t.call('app.saveCopy')).toEqual({ path: target });
    expect(t.os.dialogs.at(-1)).toMatchObject({ kind: 'save', defaultName: 'commission-33-copie.maillage' });
    expect(readFileSync(join(t.dir, 'sauvegardes', 'copie-fichiers', 'logo.png')).equals(PNG)).toBe(true);

    t.os.queueOpenFile(target);
    const copy = await t.call('app.open');
    expect(copy).toEqual({ commission: { ...original, logoFile: 'logo.png', filePath: target }, damaged: null, unavailable: null });
    expect(await t.call('partners.list')).toEqual(listBefore);
    expect((await t.call('partners.get', { id: nid.id })).contacts.map((c) => c.lastName)).toEqual(['Dupont']);
    expect((await t.call('settings.logo'))?.dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');

    // The copy lives on its own: a change there does not reach the original.
    await newPartner('Seulement dans la copie');
    expect(peek(original.filePath).prepare('SELECT count(*) FROM partners').pluck().get()).toBe(2);
  });

  it('returns null when the save dialog is cancelled, without writing anything', async () => {
    await newCommission();
    const before = readdirSync(join(t.dir, 'commissions')).sort();
    t.os.queueSaveFile(null);
    expect(await t.call('app.saveCopy')).toBeNull();
    expect(readdirSync(join(t.dir, 'commissions')).sort()).toEqual(before);
  });

  it('does not overwrite the open commission with a copy of itself', async () => {
    const current = await newCommission();
    await newPartner('Amicale du Nid');
    t.os.queueSaveFile(current.filePath);
    expect((await t.callError('app.saveCopy', undefined)).code).toBe('validation');
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reopens the last commission in a new session on the same data folder', async () => {
    const summary = await newCommission('33');
    await newPartner('Amicale du Nid');
    await t.call('settings.update', { name: 'CDLP Gironde', departmentCode: '33', secretaryName: 'Marie Leroy' });
    t.session.close();

    const next = reopen();
    expect(await next.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
    const reopened = await next.session.reopenLast();
    expect(reopened).toEqual({ commission: { ...summary, name: 'CDLP Gironde', secretaryName: 'Marie Leroy' }, damaged: null, unavailable: null });
    expect(await next.call('app.status')).toEqual(reopened);
    expect((await next.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
  });

  it('reopens nothing when the last commission file has gone', async () => {
    const summary = await newCommission('33');
    t.session.close();
    rmSync(summary.filePath);
    const next = reopen();
    expect(await next.session.reopenLast()).toBeNull();
    expect(await next.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
  });
});
