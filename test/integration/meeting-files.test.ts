/**
 * The pièces jointes of a session through the router as the app calls them: copied into the
 * commission's folder, renamed, reordered, opened, removed, carried by backups and exchange
 * packages, and listed by the convocation.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesDir } from '../../src/main/commission-file/commission';
import { documentData } from '../../src/main/features/meetings/documents';
import { mapConvocation } from '../../src/main/documents/meetings/mapper';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
const others: TestRouter[] = [];

beforeEach(() => {
  t = createTestRouter();
});
afterEach(() => {
  t.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

async function sessionWithFiles() {
  await t.call('app.createCommission', { departmentCode: '33', name: null });
  const meeting = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-02', startTime: '14:30', place: 'Préfecture' });
  const bilan = join(t.dir, 'Bilan 2025 : parcours.pdf');
  const projet = join(t.dir, 'Projet de protocole.docx');
  writeFileSync(bilan, '%PDF-1.4 bilan');
  writeFileSync(projet, 'PK projet');
  t.os.queueOpenFile(bilan);
  await t.call('meetingFiles.add', { id: meeting.id });
  t.os.queueOpenFile(projet);
  const detail = (await t.call('meetingFiles.add', { id: meeting.id }))!;
  return { meeting: detail, bilan, projet };
}

const stored = (fileName: string) => join(filesDir(t.session.require().path), fileName);

describe('pièces jointes of a session', () => {
  it('copies documents into the commission’s folder, titled by their name, in the order they were added', async () => {
    const { meeting, bilan } = await sessionWithFiles();
    // The title keeps the name as the user wrote it; the copy's name is one Windows accepts.
    expect(meeting.files.map((f) => f.title)).toEqual(['Bilan 2025 : parcours', 'Projet de protocole']);
    expect(meeting.files[0]!.fileName).toMatch(/^seances\/[0-9a-f]{8}-Bilan 2025 _ parcours\.pdf$/);
    rmSync(bilan);
    expect(readFileSync(stored(meeting.files[0]!.fileName), 'utf8')).toBe('%PDF-1.4 bilan');
    // Cancelled: nothing added.
    t.os.queueOpenFile(null);
    expect(await t.call('meetingFiles.add', { id: meeting.id })).toBeNull();
    expect((await t.call('meetings.get', { id: meeting.id })).files).toHaveLength(2);
  });

  it('stores a name passed off as another (bidi override, zero-width space) as what it really is', async () => {
    const { meeting } = await sessionWithFiles();
    const disguised = join(t.dir, 'fdp.\u202Eexe.\u200Bpdf');
    writeFileSync(disguised, '%PDF-1.4 piège');
    t.os.queueOpenFile(disguised);
    const detail = (await t.call('meetingFiles.add', { id: meeting.id }))!;
    const added = detail.files.at(-1)!;
    expect(added.title).toBe('fdp.exe');
    expect(added.fileName).toMatch(/^seances\/[0-9a-f]{8}-fdp\.exe\.pdf$/);
    expect(readFileSync(stored(added.fileName), 'utf8')).toBe('%PDF-1.4 piège');
    // And a title typed in the form loses them too.
    const renamed = await t.call('meetingFiles.rename', { id: added.id, title: 'Bilan\u202E\u2066 final' });
    expect(renamed.files.at(-1)!.title).toBe('Bilan final');
  });

  it('refuses what is not a document, and a session that no longer exists, leaving nothing behind', async () => {
    const { meeting } = await sessionWithFiles();
    const exe = join(t.dir, 'ordre du jour.exe');
    writeFileSync(exe, 'MZ');
    t.os.queueOpenFile(exe);
    expect((await t.callError('meetingFiles.add', { id: meeting.id })).message).toBe('Joignez un document PDF, Word, Excel, OpenDocument, CSV ou une image (JPEG, PNG).');
    const missing = join(t.dir, 'disparu.pdf');
    t.os.queueOpenFile(missing);
    expect((await t.callError('meetingFiles.add', { id: meeting.id })).message).toBe('Impossible de lire le fichier « disparu.pdf ».');
    t.os.queueOpenFile(join(t.dir, 'Projet de protocole.docx'));
    expect((await t.callError('meetingFiles.add', { id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' })).code).toBe('not_found');
    expect((await t.call('meetings.get', { id: meeting.id })).files).toHaveLength(2);
    expect(readdirSync(join(filesDir(t.session.require().path), 'seances')).sort()).toEqual(meeting.files.map((f) => f.fileName.slice('seances/'.length)).sort());
  });

  it('renames, reorders, opens and removes, each in the session’s history', async () => {
    const { meeting } = await sessionWithFiles();
    const [bilan, projet] = meeting.files as [(typeof meeting.files)[number], (typeof meeting.files)[number]];
    expect((await t.callError('meetingFiles.rename', { id: bilan.id, title: '   ' })).details?.[0]).toMatchObject({ path: 'title', message: 'Donnez un titre à la pièce jointe.' });
    let detail = await t.call('meetingFiles.rename', { id: bilan.id, title: 'Bilan des parcours de sortie 2025' });
    expect(detail.files.map((f) => f.title)).toEqual(['Bilan des parcours de sortie 2025', 'Projet de protocole']);
    detail = await t.call('meetingFiles.move', { id: projet.id, direction: 'up' });
    expect(detail.files.map((f) => f.id)).toEqual([projet.id, bilan.id]);
    // Already first: nothing moves.
    detail = await t.call('meetingFiles.move', { id: projet.id, direction: 'up' });
    expect(detail.files.map((f) => f.id)).toEqual([projet.id, bilan.id]);

    await t.call('meetingFiles.open', { id: bilan.id });
    expect(t.os.openedPaths).toEqual([stored(bilan.fileName)]);

    detail = await t.call('meetingFiles.remove', { id: projet.id });
    expect(detail.files.map((f) => f.title)).toEqual(['Bilan des parcours de sortie 2025']);
    expect(existsSync(stored(projet.fileName))).toBe(false);
    expect(existsSync(stored(bilan.fileName))).toBe(true);
    expect((await t.callError('meetingFiles.open', { id: projet.id })).message).toBe('Cette pièce jointe n’existe plus : elle a peut-être été retirée.');

    // A copy gone from the folder is reported, not opened.
    rmSync(stored(bilan.fileName));
    expect((await t.callError('meetingFiles.open', { id: bilan.id })).message).toMatch(/^Le document joint « .*Bilan 2025 _ parcours\.pdf » est introuvable/);

    const history = await t.call('history.forRecord', { entity: 'meeting', id: meeting.id });
    expect(history.filter((e) => e.entityLabel === 'Pièce jointe').map((e) => e.op)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
  });

  it('deletes the copies with the session', async () => {
    const { meeting } = await sessionWithFiles();
    await t.call('meetings.delete', { id: meeting.id });
    for (const f of meeting.files) expect(existsSync(stored(f.fileName))).toBe(false);
  });

  it('lists the pièces jointes in the convocation, by title and in order', async () => {
    const { meeting } = await sessionWithFiles();
    await t.call('meetingFiles.move', { id: meeting.files[1]!.id, direction: 'up' });
    const { db, path } = t.session.require();
    const data = documentData(db, path, meeting.id, t.clock.now());
    expect(mapConvocation(data).attachments).toEqual(['Projet de protocole', 'Bilan 2025 : parcours']);
  });

  it('are brought back by a backup and carried by an exchange package', async () => {
    const { meeting } = await sessionWithFiles();
    t.clock.advance(60_000);
    const backup = await t.call('backups.create');
    expect(backup.files).toBe(2);
    t.clock.advance(60_000);
    await t.call('meetingFiles.remove', { id: meeting.files[0]!.id });
    expect(existsSync(stored(meeting.files[0]!.fileName))).toBe(false);
    t.clock.advance(60_000);
    await t.call('backups.restore', { id: backup.id });
    expect((await t.call('meetings.get', { id: meeting.id })).files.map((f) => f.title)).toEqual(['Bilan 2025 : parcours', 'Projet de protocole']);
    expect(readFileSync(stored(meeting.files[0]!.fileName), 'utf8')).toBe('%PDF-1.4 bilan');

    const file = join(t.dir, 'gironde.maillage-echange');
    t.os.queueSaveFile(file);
    await t.call('package.export');
    const other = createTestRouter();
    others.push(other);
    other.os.queueOpenFile(file);
    expect((await other.call('package.chooseImport'))?.counts).toMatchObject({ meetings: 1, files: 2 });
    const opened = await other.call('package.import', { mode: 'new' });
    const carried = await other.call('meetings.get', { id: meeting.id });
    expect(carried.files.map((f) => f.title)).toEqual(['Bilan 2025 : parcours', 'Projet de protocole']);
    await other.call('meetingFiles.open', { id: carried.files[1]!.id });
    expect(other.os.openedPaths).toEqual([join(filesDir(opened.filePath), carried.files[1]!.fileName)]);
    expect(readFileSync(other.os.openedPaths[0]!, 'utf8')).toBe('PK projet');
  });
});
