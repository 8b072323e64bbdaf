/**
 * The commission's settings through the router, and its logo: chosen, checked, copied, replaced, removed.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommissionSummary } from '../../src/shared/types';
import type { TestRouter } from '../helpers/router';
import { PNG, JPEG, filesDirOf, routerSuite } from '../helpers/router-suite';

const suite = routerSuite();
const { changes, snapshot, newCommission, writeIncoming, db } = suite;
let t: TestRouter;
beforeEach(() => {
  t = suite.router();
});

describe('settings', () => {
  let summary: CommissionSummary;

  beforeEach(async () => {
    summary = await newCommission();
  });

  it('updates the commission settings and records the change', async () => {
    t.clock.advance(60_000);
    const updated = await t.call('settings.update', { name: '  CDLP de Corse-du-Sud ', departmentCode: '2A', secretaryName: ' Marie Leroy ' });
    expect(updated).toEqual({ ...summary, name: 'CDLP de Corse-du-Sud', departmentCode: '2A', departmentName: 'Corse-du-Sud', secretaryName: 'Marie Leroy' });
    expect(await t.call('app.status')).toEqual({ commission: updated, damaged: null, unavailable: null });
    expect(db().prepare('SELECT updated_at FROM commission').pluck().get()).toBe(t.clock.iso());
    const rows = changes('commission');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ op: 'update', entity_id: '1', at: t.clock.iso() });
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ name: summary.name });
  });

  it('records the settings change with the same field names before and after', async () => {
    await t.call('settings.update', { name: 'CDLP', departmentCode: '33', secretaryName: 'Marie Leroy' });
    const row = changes('commission')[0]!;
    const before = JSON.parse(row.before!) as Record<string, unknown>;
    const after = JSON.parse(row.after!) as Record<string, unknown>;
    expect(Object.keys(before).sort()).toEqual(Object.keys(after).sort());
  });

  it('refuses settings without a name and keeps the old ones', async () => {
    const before = snapshot();
    const error = await t.callError('settings.update', { name: '', departmentCode: '975' });
    expect(error.details).toEqual([
      { path: 'name', message: 'Le nom de la commission est obligatoire.' },
      { path: 'departmentCode', message: 'Département inconnu : choisissez-le dans la liste.' },
    ]);
    expect(snapshot()).toEqual(before);
  });

  it('copies a chosen PNG logo into the commission files and serves it as a data URL', async () => {
    const source = writeIncoming('Logo Préfecture.PNG', PNG);
    t.os.queueOpenFile(source);
    const updated = await t.call('settings.chooseLogo');
    expect(updated).toEqual({ ...summary, logoFile: 'logo.png' });
    const copied = join(filesDirOf(summary.filePath), 'logo.png');
    expect(readFileSync(copied).equals(PNG)).toBe(true);
    expect(t.os.dialogs).toEqual([{ kind: 'open', title: 'Choisir le logo de la préfecture', filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg'] }] }]);
    expect(await t.call('settings.logo')).toEqual({ fileName: 'logo.png', dataUrl: `data:image/png;base64,${PNG.toString('base64')}` });
    // The source can go away: the commission keeps its own copy.
    rmSync(source);
    expect((await t.call('settings.logo'))?.fileName).toBe('logo.png');
  });

  it('takes a JPEG logo too', async () => {
    t.os.queueOpenFile(writeIncoming('logo.jpeg', JPEG));
    // Stored under one name per format, so that replacing a logo never leaves the old one behind.
    expect((await t.call('settings.chooseLogo'))?.logoFile).toBe('logo.jpg');
    expect((await t.call('settings.logo'))?.dataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
  });

  it('replaces a PNG logo by a JPEG one without leaving the old file, and records both changes', async () => {
    const summary = (await t.call('app.status')).commission!;
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    t.os.queueOpenFile(writeIncoming('logo.jpeg', JPEG));
    await t.call('settings.chooseLogo');
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['logo.jpg', 'sauvegardes']);
    const changes = db().prepare("SELECT before, after FROM change_log WHERE entity = 'commission' ORDER BY seq").all();
    expect(changes).toEqual([
      { before: '{"logoFile":null}', after: '{"logoFile":"logo.png"}' },
      { before: '{"logoFile":"logo.png"}', after: '{"logoFile":"logo.jpg"}' },
    ]);
  });

  it('does nothing when the dialog is cancelled', async () => {
    t.os.queueOpenFile(null);
    expect(await t.call('settings.chooseLogo')).toBeNull();
    expect((await t.call('app.status')).commission?.logoFile).toBeNull();
    expect(await t.call('settings.logo')).toBeNull();
  });

  it('refuses a file that is not an image, and changes nothing', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const before = snapshot();

    t.os.queueOpenFile(writeIncoming('faux-logo.png', 'Ceci est un texte, pas une image.'));
    const notPng = await t.callError('settings.chooseLogo');
    expect(notPng).toEqual({ code: 'validation', message: 'Le fichier faux-logo.png n’est pas une image PNG valide.' });

    t.os.queueOpenFile(writeIncoming('compte-rendu.pdf', '%PDF-1.7'));
    expect(await t.callError('settings.chooseLogo')).toEqual({ code: 'validation', message: 'Le logo doit être une image PNG ou JPEG.' });

    t.os.queueOpenFile(writeIncoming('photo.jpg', PNG));
    expect((await t.callError('settings.chooseLogo')).message).toBe('Le fichier photo.jpg n’est pas une image JPEG valide.');

    expect(snapshot()).toEqual(before);
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['logo.png', 'sauvegardes']);
    expect(readFileSync(join(filesDirOf(summary.filePath), 'logo.png')).equals(PNG)).toBe(true);
  });

  it('refuses a non-image without writing to the files folder', async () => {
    t.os.queueOpenFile(writeIncoming('texte.png', 'pas une image'));
    expect((await t.callError('settings.chooseLogo')).code).toBe('validation');
    // Only the backup taken when the commission was opened is there.
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['sauvegardes']);
  });

  it('answers io when the chosen file cannot be read', async () => {
    t.os.queueOpenFile(join(t.dir, 'absent.png'));
    expect(await t.callError('settings.chooseLogo')).toEqual({ code: 'io', message: 'Impossible de lire le fichier absent.png.' });
  });

  it('removes the logo and its file', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const removed = await t.call('settings.removeLogo');
    expect(removed).toEqual({ ...summary, logoFile: null });
    expect(existsSync(join(filesDirOf(summary.filePath), 'logo.png'))).toBe(false);
    expect(await t.call('settings.logo')).toBeNull();
    // Removing again is harmless.
    expect((await t.call('settings.removeLogo')).logoFile).toBeNull();
  });

  it('shows no logo when its file has gone missing', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    rmSync(join(filesDirOf(summary.filePath), 'logo.png'));
    expect(await t.call('settings.logo')).toBeNull();
  });
});
