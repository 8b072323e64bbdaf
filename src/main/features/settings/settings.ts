/**
 * The commission's settings (Paramètres): its name, secretariat, the préfet (civility and name), the signatory, and the préfecture's logo kept
 * among its attached files.
 */
import { mkdirSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { commissionSettings } from '../../../shared/schemas/commission';
import type { Db } from '../../db/connection';
import { writeUserFile } from '../../platform/files';
import { recordChange } from '../../commission-file/changelog';
import { filesDir, readCommission } from '../../commission-file/commission';
import { resolveInside } from '../../commission-file/untrusted';

export function updateCommission(db: Db, input: z.output<typeof commissionSettings>, now: Date): void {
  const at = now.toISOString();
  db.transaction(() => {
    const before = db
      .prepare(
        `SELECT name, department_code AS departmentCode, secretary_name AS secretaryName, prefecture_city AS prefectureCity, secretariat_contact AS secretariatContact,
           prefect_civility AS prefectCivility, prefect_name AS prefectName, signatory_name AS signatoryName, signatory_title AS signatoryTitle, signs_by_delegation = 1 AS signsByDelegation FROM commission WHERE id = 1`,
      )
      .get();
    db.prepare(
      `UPDATE commission SET name = @name, department_code = @departmentCode, secretary_name = @secretaryName, prefecture_city = @prefectureCity,
         secretariat_contact = @secretariatContact, prefect_civility = @prefectCivility, prefect_name = @prefectName, signatory_name = @signatoryName, signatory_title = @signatoryTitle,
         signs_by_delegation = @signsByDelegation, updated_at = @at WHERE id = 1`,
    ).run({ ...input, signsByDelegation: input.signsByDelegation ? 1 : 0, at });
    recordChange(db, at, 'commission', '1', 'update', before, input);
  })();
}

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };
export const LOGO_EXTENSIONS = Object.keys(LOGO_TYPES).map((e) => e.slice(1));

/** Copies the préfecture's logo into the commission's files; the database keeps only its name. */
export async function setLogo(db: Db, dbPath: string, source: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const ext = extname(source).toLowerCase();
  if (!LOGO_TYPES[ext]) throw new ApiError('validation', 'Le logo doit être une image PNG ou JPEG.');
  const stat = statOrNull(source);
  if (!stat?.isFile()) throw new ApiError('io', `Impossible de lire le fichier ${basename(source)}.`);
  // The size is checked before reading: a file of gigabytes is never loaded.
  if (stat.size > MAX_LOGO_BYTES) throw new ApiError('validation', 'Le logo dépasse 5 Mo : choisissez une image plus légère.');
  let bytes: Buffer;
  try {
    bytes = readFileSync(source);
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier ${basename(source)}.`);
  }
  if (bytes.length > MAX_LOGO_BYTES) throw new ApiError('validation', 'Le logo dépasse 5 Mo : choisissez une image plus légère.');
  if (!looksLikeImage(bytes, ext)) throw new ApiError('validation', `Le fichier ${basename(source)} n’est pas une image ${ext === '.png' ? 'PNG' : 'JPEG'} valide.`);
  const dir = filesDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const previous = readCommission(db, dbPath).logoFile;
  const name = `logo${ext === '.jpeg' ? '.jpg' : ext}`;
  await writeUserFile(join(dir, name), bytes);
  db.prepare('UPDATE commission SET logo_file = ?, updated_at = ? WHERE id = 1').run(name, at);
  recordChange(db, at, 'commission', '1', 'update', { logoFile: previous }, { logoFile: name });
  if (previous && previous !== name) removeLogoFile(dbPath, previous);
}

const MAX_LOGO_BYTES = 5_000_000;

function looksLikeImage(bytes: Buffer, ext: string): boolean {
  if (ext === '.png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

export function removeLogo(db: Db, dbPath: string, now: Date): void {
  const at = now.toISOString();
  const current = readCommission(db, dbPath).logoFile;
  db.prepare('UPDATE commission SET logo_file = NULL, updated_at = ? WHERE id = 1').run(at);
  recordChange(db, at, 'commission', '1', 'update', { logoFile: current }, { logoFile: null });
  if (current) removeLogoFile(dbPath, current);
}

export function readLogo(dbPath: string, logoFile: string | null): { fileName: string; mime: string; bytes: Buffer } | null {
  if (!logoFile) return null;
  let path: string;
  try {
    path = resolveInside(filesDir(dbPath), logoFile);
  } catch {
    return null;
  }
  // Checked before it is read: a huge file named logo must not be loaded whole.
  const stat = statOrNull(path);
  if (!stat?.isFile() || stat.size > MAX_LOGO_BYTES) return null;
  return { fileName: logoFile, mime: LOGO_TYPES[extname(logoFile).toLowerCase()] ?? 'application/octet-stream', bytes: readFileSync(path) };
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function removeLogoFile(dbPath: string, name: string): void {
  try {
    rmSync(resolveInside(filesDir(dbPath), name), { force: true });
  } catch {
    // A name pointing outside the folder is never acted upon.
  }
}
