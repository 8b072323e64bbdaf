import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/shared/errors';
import { writeUserFile } from '../../src/main/platform/files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeUserFile', () => {
  it('replaces a file whole and leaves nothing beside it', async () => {
    const target = join(dir, 'compte-rendu.docx');
    writeFileSync(target, 'ancien');
    await writeUserFile(target, Buffer.from('nouveau'));
    expect(readFileSync(target, 'utf8')).toBe('nouveau');
    expect(readdirSync(dir)).toEqual(['compte-rendu.docx']);
  });

  it('leaves the previous file untouched when the write fails, and says why in French', async () => {
    const target = join(dir, 'bilan.docx');
    writeFileSync(target, 'bilan précédent');
    // The temporary name is taken by a folder: the write fails before the rename.
    mkdirSync(join(dir, `.bilan.docx.${process.pid}.partiel`));
    const failure = await writeUserFile(target, 'nouveau').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toMatch(/^Impossible d’enregistrer « bilan\.docx »/);
    expect(readFileSync(target, 'utf8')).toBe('bilan précédent');
  });

  it('names a missing folder', async () => {
    await expect(writeUserFile(join(dir, 'absent', 'x.csv'), 'a')).rejects.toThrow(/ce dossier ou ce fichier n’existe pas ou plus/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
