/**
 * Backups, restore, integrity on opening and exchange packages, through the router as the app
 * calls them, on real files in a temporary folder.
 */
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsDir, createBackup, listBackups, ROTATION, rotateBackups } from '../../src/main/commission-file/backups';
import { filesDir } from '../../src/main/commission-file/commission';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import { parisToday } from '../../src/shared/wallclock';
import { sampleLogoPng } from '../helpers/logo';
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

const partner = (name: string) => ({ name, type: 'autre' as const, domains: [] });

async function newCommission() {
  return t.call('app.createCommission', { departmentCode: '33', name: null });
}

async function partnerNames(router = t): Promise<string[]> {
  return (await router.call('partners.list')).map((p) => p.name);
}

function writeLogo(dir: string): string {
  const file = join(dir, 'logo-prefecture.png');
  writeFileSync(file, sampleLogoPng());
  return file;
}

/** Overwrites 3 pages in the middle of the file with garbage, as a failing disk or a bad copy would. */
function damage(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const size = statSync(file).size;
    writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    closeSync(fd);
  }
}

describe('automatic backups', () => {
  it('takes one backup when a commission is opened, at most one a day', async () => {
    const summary = await newCommission();
    expect(listBackups(summary.filePath).map((b) => b.kind)).toEqual(['auto']);
    t.session.close();
    await t.session.open(summary.filePath);
    expect(listBackups(summary.filePath)).toHaveLength(1);
    t.clock.advance(24 * 3600_000);
    await t.session.open(summary.filePath);
    const backups = await t.call('backups.list');
    expect(backups.map((b) => b.kind)).toEqual(['auto', 'auto']);
    expect(backups[0]!.createdAt).toBe(t.clock.iso());
    expect(backups[0]!.schemaVersion).toBe(LATEST_VERSION);
    expect(backups[0]!.bytes).toBeGreaterThan(100_000);
    // Inside the commission's folder, one folder per backup with the database and its metadata.
    expect(readdirSync(join(filesDir(summary.filePath), 'sauvegardes', backups[0]!.id)).sort()).toEqual(['commission.maillage', 'sauvegarde.json']);
  });

  it('keeps 7 daily, 4 weekly and 12 monthly automatic backups, every other kind for a year, nothing longer', async () => {
    const summary = await newCommission();
    const dir = backupsDir(summary.filePath);
    const fake = (at: Date, kind: string) => {
      const id = `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${kind}`;
      mkdirSync(join(dir, id), { recursive: true });
      writeFileSync(join(dir, id, 'commission.maillage'), 'x');
      writeFileSync(join(dir, id, 'sauvegarde.json'), JSON.stringify({ kind, createdAt: at.toISOString(), schemaVersion: 1 }));
    };
    const today = new Date('2026-03-05T09:00:00Z');
    for (let day = 1; day <= 500; day++) fake(new Date(today.getTime() - day * 86_400_000), 'auto');
    fake(new Date('2024-01-10T09:00:00Z'), 'manuel');
    fake(new Date('2025-03-04T09:00:00Z'), 'migration');
    fake(new Date('2025-03-05T09:00:00Z'), 'avant-import');
    fake(new Date('2025-09-10T09:00:00Z'), 'manuel');
    // Files set aside (a damaged commission with its WAL, a WAL from another database) go after a year too.
    writeFileSync(join(dir, 'endommage-20250304T090000Z.maillage'), 'x');
    writeFileSync(join(dir, 'endommage-20250304T090000Z.maillage-wal'), 'x');
    writeFileSync(join(dir, 'journal-etranger-20250601T090000Z.maillage-wal'), 'x');
    rotateBackups(summary.filePath, '2026-03-05');
    const kept = listBackups(summary.filePath);
    const auto = kept.filter((b) => b.kind === 'auto');
    const days = auto.map((b) => parisToday(new Date(b.createdAt)));
    // The 7 most recent days (today's was taken when the commission was created), the newest of the
    // 4 most recent weeks and of the 12 most recent months.
    expect(days.slice(0, 7)).toEqual(['2026-03-05', '2026-03-04', '2026-03-03', '2026-03-02', '2026-03-01', '2026-02-28', '2026-02-27']);
    const months = new Set(days.map((d) => d.slice(0, 7)));
    expect(months.size).toBe(ROTATION.monthly);
    expect(auto.length).toBeLessThanOrEqual(ROTATION.daily + ROTATION.weekly + ROTATION.monthly);
    expect(auto.length).toBeGreaterThanOrEqual(ROTATION.monthly + ROTATION.daily - 1);
    // The newest of each past month is its last day.
    expect(days).toContain('2025-12-31');
    expect(days).toContain('2025-04-30');
    expect(days).not.toContain('2025-03-31');
    // A year to the day is kept; a day more is not.
    expect(kept.filter((b) => b.kind !== 'auto').map((b) => `${b.kind} ${parisToday(new Date(b.createdAt))}`)).toEqual(['manuel 2025-09-10', 'avant-import 2025-03-05']);
    expect(days.at(-1)! >= '2025-03-05').toBe(true);
    expect(readdirSync(dir).filter((e) => !e.startsWith('20'))).toEqual(['journal-etranger-20250601T090000Z.maillage-wal']);
  });

  it('never lists a backup interrupted halfway', async () => {
    const summary = await newCommission();
    mkdirSync(join(backupsDir(summary.filePath), '20260305T000000Z-auto.partiel'));
    expect(await t.call('backups.list')).toHaveLength(1);
    await t.call('backups.create');
    expect(readdirSync(backupsDir(summary.filePath)).filter((e) => e.endsWith('.partiel'))).toEqual([]);
  });
});

describe('backup → change → restore', () => {
  it('brings back the data and the attached files, after backing up the current state', async () => {
    await newCommission();
    await t.call('partners.create', partner('Amicale du Nid'));
    t.os.queueOpenFile(writeLogo(t.dir));
    await t.call('settings.chooseLogo');
    t.clock.advance(60_000);
    const manual = await t.call('backups.create');
    expect(manual.kind).toBe('manuel');
    expect(manual.files).toBe(1);

    t.clock.advance(60_000);
    const amicale = (await t.call('partners.list'))[0]!;
    await t.call('partners.delete', { id: amicale.id });
    await t.call('partners.create', partner('CIDFF de la Gironde'));
    await t.call('settings.removeLogo');
    await t.call('settings.update', { name: 'CDLP modifiée', departmentCode: '33', secretaryName: null });

    t.clock.advance(60_000);
    const restored = await t.call('backups.restore', { id: manual.id });
    expect(restored.logoFile).toBe('logo.png');
    expect(restored.name).not.toBe('CDLP modifiée');
    expect(await partnerNames()).toEqual(['Amicale du Nid']);
    expect(await t.call('settings.logo')).not.toBeNull();
    const backups = await t.call('backups.list');
    expect(backups.map((b) => b.kind)).toEqual(['avant-restauration', 'manuel', 'auto']);

    // The state before the restore is itself restorable.
    await t.call('backups.restore', { id: backups[0]!.id });
    expect(await partnerNames()).toEqual(['CIDFF de la Gironde']);
    expect((await t.call('app.status')).commission?.name).toBe('CDLP modifiée');
    expect(t.logged).toEqual([]);
  });

  it('refuses an unknown or damaged backup and leaves the commission as it was', async () => {
    const summary = await newCommission();
    await t.call('partners.create', partner('Amicale du Nid'));
    expect((await t.callError('backups.restore', { id: '20990101T000000Z-manuel' })).code).toBe('not_found');
    expect((await t.callError('backups.restore', { id: '../../etc' })).code).toBe('validation');
    const manual = await t.call('backups.create');
    writeFileSync(join(backupsDir(summary.filePath), manual.id, 'commission.maillage'), 'pas une base');
    const error = await t.callError('backups.restore', { id: manual.id });
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/Impossible de restaurer cette sauvegarde/);
    expect(await partnerNames()).toEqual(['Amicale du Nid']);
  });

  it('deletes a backup on request', async () => {
    await newCommission();
    const manual = await t.call('backups.create');
    expect((await t.call('backups.delete', { id: manual.id })).map((b) => b.kind)).toEqual(['auto']);
  });
});

describe('integrity check on opening', () => {
  it('detects a corrupted file, explains it, and restores the latest good backup', async () => {
    const summary = await newCommission();
    for (let i = 0; i < 400; i++) await t.call('partners.create', { ...partner(`Structure ${i}`), notes: 'x'.repeat(400) });
    t.clock.advance(24 * 3600_000);
    t.session.close();
    await t.session.open(summary.filePath); // today's automatic backup, with the 400 structures
    t.session.close();
    damage(summary.filePath);

    t.os.queueOpenFile(summary.filePath);
    const status = await t.call('app.open');
    expect(status?.commission).toBeNull();
    expect(status?.damaged?.problem).toMatch(/endommagé/);
    expect(status?.damaged?.latestGoodBackup?.kind).toBe('auto');
    expect(await t.call('app.status')).toEqual(status);
    expect((await t.callError('partners.list')).code).toBe('no_commission');

    const after = await t.call('backups.restoreDamaged');
    expect(after.damaged).toBeNull();
    expect(after.commission?.filePath).toBe(summary.filePath);
    expect(await partnerNames()).toHaveLength(400);
    // The damaged file is kept aside for support, not deleted.
    expect(readdirSync(backupsDir(summary.filePath)).some((e) => /^endommage-.*\.maillage$/.test(e))).toBe(true);
    expect(t.logged).toEqual([]);
  });

  it('reports a damaged last commission at start instead of failing', async () => {
    const summary = await newCommission();
    for (let i = 0; i < 300; i++) await t.call('partners.create', { ...partner(`Structure ${i}`), notes: 'y'.repeat(400) });
    t.session.close();
    damage(summary.filePath);
    const next = createTestRouter({ dir: t.dir });
    others.push(next);
    const status = await next.session.reopenLast();
    expect(status?.damaged?.filePath).toBe(summary.filePath);
    // The only backup was taken when the commission was created: empty, but intact.
    expect(status?.damaged?.latestGoodBackup?.kind).toBe('auto');
    expect((await next.call('app.status')).damaged).not.toBeNull();
  });

  it('a file whose header is destroyed is reported as damaged when it has backups', async () => {
    const summary = await newCommission();
    t.session.close();
    const fd = openSync(summary.filePath, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
    closeSync(fd);
    t.os.queueOpenFile(summary.filePath);
    expect((await t.call('app.open'))?.damaged?.latestGoodBackup).not.toBeNull();
  });
});

describe('exchange package', () => {
  async function exportTo(name: string): Promise<string> {
    const file = join(t.dir, name);
    t.os.queueSaveFile(file);
    expect(await t.call('package.export')).toEqual({ path: file });
    return file;
  }

  async function fill() {
    await newCommission();
    const p = await t.call('partners.create', partner('Amicale du Nid'));
    await t.call('contacts.create', { partnerId: p.id, lastName: 'Martin', isMember: true });
    t.os.queueOpenFile(writeLogo(t.dir));
    await t.call('settings.chooseLogo');
  }

  it('carries the data and the files to another computer', async () => {
    await fill();
    const file = await exportTo('gironde.maillage-echange');
    expect(readFileSync(file).subarray(0, 16).toString()).toBe('MAILLAGE-ECHANGE');

    const other = createTestRouter();
    others.push(other);
    other.os.queueOpenFile(file);
    const preview = await other.call('package.chooseImport');
    expect(preview).toMatchObject({ departmentCode: '33', departmentName: 'Gironde', schemaVersion: LATEST_VERSION, targetFileName: 'commission-33.maillage', targetExists: false });
    expect(preview?.counts).toEqual({ partners: 1, contacts: 1, actions: 0, protocols: 0, meetings: 0, files: 1 });
    const opened = await other.call('package.import', { mode: 'new' });
    expect(opened.logoFile).toBe('logo.png');
    expect(await partnerNames(other)).toEqual(['Amicale du Nid']);
    expect(await other.call('settings.logo')).not.toBeNull();
    // The backups of the sender are not in the package.
    expect(listBackups(opened.filePath).map((b) => b.kind)).toEqual(['auto']);
  });

  it('replaces the commission of the same name only when asked, after backing it up', async () => {
    await fill();
    const file = await exportTo('gironde.maillage-echange');
    await t.call('partners.create', partner('Ajoutée après l’export'));

    t.os.queueOpenFile(file);
    const preview = await t.call('package.chooseImport');
    expect(preview?.targetExists).toBe(true);
    const opened = await t.call('package.import', { mode: 'replace' });
    expect(await partnerNames()).toEqual(['Amicale du Nid']);
    const backups = listBackups(opened.filePath);
    expect(backups[0]!.kind).toBe('avant-import');
    // The backup holds the replaced state.
    await t.call('backups.restore', { id: backups[0]!.id });
    expect(await partnerNames()).toEqual(['Ajoutée après l’export', 'Amicale du Nid']);

    t.os.queueOpenFile(file);
    await t.call('package.chooseImport');
    const copy = await t.call('package.import', { mode: 'new' });
    expect(copy.filePath).toMatch(/commission-33-2\.maillage$/);
    expect((await t.callError('package.import', { mode: 'new' })).code).toBe('conflict');
  });

  it('refuses a tampered, truncated, foreign or newer package with a clear message', async () => {
    await fill();
    const file = await exportTo('gironde.maillage-echange');
    const bytes = readFileSync(file);
    const manifestLength = bytes.readUInt32BE(16);
    const manifest = JSON.parse(bytes.subarray(20, 20 + manifestLength).toString()) as Record<string, unknown>;

    const variants: [string, Buffer, RegExp][] = [
      ['tampered', Buffer.concat([bytes.subarray(0, bytes.length - 10), Buffer.from('0123456789')]), /incomplet ou endommagé/],
      ['truncated', bytes.subarray(0, bytes.length - 100), /incomplet ou endommagé \(taille inattendue\)/],
      ['foreign', Buffer.from('PK\u0003\u0004 un zip quelconque'), /n’est pas un paquet d’échange Maillage/],
      ['empty', Buffer.alloc(0), /n’est pas un paquet d’échange Maillage/],
      ['newer schema', withManifest(bytes, { ...manifest, schemaVersion: LATEST_VERSION + 1 }), /version plus récente de Maillage \(schéma/],
      ['newer format', withManifest(bytes, { ...manifest, formatVersion: 2, entries: 'inconnu' }), /version plus récente de Maillage \(format 2\)/],
      ['path escape', withManifest(bytes, { ...manifest, entries: [...(manifest.entries as object[]), { path: 'fichiers/../../evil', size: 0, compressedSize: 0, sha256: '0'.repeat(64) }] }), /nom refusé/],
    ];
    const before = readdirSync(join(t.dir, 'commissions')).sort();
    for (const [name, content, message] of variants) {
      const path = join(t.dir, `${name}.maillage-echange`);
      writeFileSync(path, content);
      t.os.queueOpenFile(path);
      const error = await t.callError('package.chooseImport');
      expect(error.message, name).toMatch(message);
      expect(['validation', 'io']).toContain(error.code);
    }
    expect(readdirSync(join(t.dir, 'commissions')).sort()).toEqual(before);
    expect((await t.callError('package.import', { mode: 'new' })).code).toBe('conflict');
    expect(t.logged).toEqual([]);
  });

  it('refuses a package whose database is not intact', async () => {
    await fill();
    const file = await exportTo('gironde.maillage-echange');
    const other = createTestRouter();
    others.push(other);
    // Rebuild a package around a damaged database, with matching checksums: only the integrity check can tell.
    const { readPackage } = await import('../../src/main/commission-file/packages');
    const read = await readPackage(file);
    const dbFile = join(read.dir, 'commission.maillage');
    const big = await newBigDatabase(other);
    writeFileSync(dbFile, readFileSync(big));
    damage(dbFile);
    const rebuilt = await repack(file, dbFile);
    other.os.queueOpenFile(rebuilt);
    expect((await other.callError('package.chooseImport')).message).toMatch(/vérification d’intégrité|illisible/);
  });
});

/** The package with its manifest replaced (entries unchanged). */
function withManifest(bytes: Buffer, manifest: unknown): Buffer {
  const length = bytes.readUInt32BE(16);
  const json = Buffer.from(JSON.stringify(manifest));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(json.length);
  return Buffer.concat([bytes.subarray(0, 16), header, json, bytes.subarray(20 + length)]);
}

async function newBigDatabase(router: TestRouter): Promise<string> {
  const summary = await router.call('app.createCommission', { departmentCode: '59', name: null });
  for (let i = 0; i < 300; i++) await router.call('partners.create', { name: `S ${i}`, type: 'autre', domains: [], notes: 'z'.repeat(400) });
  router.session.close();
  return summary.filePath;
}

/** Rewrites a package with `dbFile` as its database entry and correct sizes and checksums. */
async function repack(file: string, dbFile: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { deflateRawSync } = await import('node:zlib');
  const bytes = readFileSync(file);
  const length = bytes.readUInt32BE(16);
  const manifest = JSON.parse(bytes.subarray(20, 20 + length).toString()) as { entries: { path: string; size: number; compressedSize: number; sha256: string }[] };
  const content = readFileSync(dbFile);
  const compressed = deflateRawSync(content);
  manifest.entries = [{ path: 'commission.maillage', size: content.length, compressedSize: compressed.length, sha256: createHash('sha256').update(content).digest('hex') }];
  const json = Buffer.from(JSON.stringify(manifest));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(json.length);
  const out = `${file}.rebuilt.maillage-echange`;
  writeFileSync(out, Buffer.concat([bytes.subarray(0, 16), header, json, compressed]));
  return out;
}

describe('backups outside the router', () => {
  it('names two backups of the same second apart', async () => {
    const summary = await newCommission();
    const { db } = t.session.require();
    const a = await createBackup(db, summary.filePath, 'manuel', t.clock.now());
    const b = await createBackup(db, summary.filePath, 'manuel', t.clock.now());
    expect(a.id).not.toBe(b.id);
    expect(existsSync(join(backupsDir(summary.filePath), b.id, 'commission.maillage'))).toBe(true);
  });
});
