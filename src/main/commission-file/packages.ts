/**
 * Exchange packages: a whole commission — database and attached files — in one file that
 * a secretary sends to a coordinator. Format (« paquet d’échange Maillage », version 1):
 *
 *   16 bytes  « MAILLAGE-ECHANGE » (ASCII)
 *    4 bytes  length M of the manifest, unsigned big-endian
 *    M bytes  manifest, UTF-8 JSON (see manifestSchema): format version, schema version of the
 *             database, export date, the commission, counts, and the list of entries with their
 *             size, compressed size and SHA-256
 *   then      each entry in manifest order, compressed with raw DEFLATE (node:zlib)
 *
 * Entry « commission.maillage » is the database, taken with SQLite's online backup API; entries
 * « fichiers/… » are the attached files. The manifest is stored uncompressed so that a newer format
 * or schema is recognised, and refused with a clear message, before anything is decompressed.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw, createInflateRaw } from 'node:zlib';
import * as z from 'zod';
import { departementName } from '../../shared/departements';
import { ApiError } from '../../shared/errors';
import { formatInteger } from '../../shared/format';
import type { PackageCounts, PackagePreview } from '../../shared/model/backups';
import { openDatabase, type Db } from '../db/connection';
import { replaceFile } from '../platform/files';
import { LATEST_VERSION } from '../db/migrate';
import { BACKUPS_FOLDER, copyDatabase, replaceCommission, userVersion, type ReplaceOptions } from './backups';
import { filesDir } from './commission';
import { makeWorkFolder } from './work-folders';
import { isDocumentName, nameCollision, relativePathProblem, UntrustedFileError, verifyCommissionFile } from './untrusted';

export const PACKAGE_EXTENSION = 'maillage-echange';
const MAGIC = Buffer.from('MAILLAGE-ECHANGE', 'ascii');
export const PACKAGE_FORMAT_VERSION = 1;
const DATABASE_ENTRY = 'commission.maillage';
const FILES_PREFIX = 'fichiers/';
const MAX_MANIFEST_BYTES = 10_000_000;


// The names of attached files are checked by checkEntryNames, with a reason the user can read.
const entryPath = z
  .string()
  .max(1000)
  .refine((p) => p === DATABASE_ENTRY || p.startsWith(FILES_PREFIX));

const countsSchema = z.strictObject({
  partners: z.number().int().min(0),
  contacts: z.number().int().min(0),
  actions: z.number().int().min(0),
  protocols: z.number().int().min(0),
  meetings: z.number().int().min(0),
  files: z.number().int().min(0),
});

const formatSchema = z.object({ format: z.literal('maillage-echange'), formatVersion: z.number().int().min(1) });

const manifestSchema = z.strictObject({
  format: z.literal('maillage-echange'),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.iso.datetime(),
  /** The commission's file name without extension, for the file the import creates. */
  sourceName: z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u),
  commission: z.strictObject({ name: z.string().min(1).max(1000), departmentCode: z.string().min(2).max(3) }),
  counts: countsSchema,
  entries: z
    .array(z.strictObject({ path: entryPath, size: z.number().int().min(0), compressedSize: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .min(1)
    .max(100_000),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

function countRows(db: Db, files: number): PackageCounts {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { partners: count('partners'), contacts: count('contacts'), actions: count('actions'), protocols: count('protocols'), meetings: count('meetings'), files };
}

function listFiles(dir: string, prefix = ''): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (prefix === '' && entry === BACKUPS_FOLDER) return [];
    const path = join(dir, entry);
    // A symbolic link is never followed: it could lead anywhere in the user's files.
    const stat = lstatSync(path);
    if (stat.isDirectory()) return listFiles(path, `${prefix}${entry}/`);
    return stat.isFile() ? [`${prefix}${entry}`] : [];
  });
}

function sourceNameOf(dbPath: string): string {
  const stem = basename(dbPath, extname(dbPath));
  return /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u.test(stem) ? stem : 'commission';
}

/**
 * Writes the exchange package of the open commission to `target` (through a temporary name, renamed
 * when complete). Each entry is deflated as a stream into the work folder, then the package is
 * assembled as a stream: memory stays flat whatever the attached files weigh. A commission the
 * import would refuse (PACKAGE_LIMITS) is refused here, with the reason, before anything is written.
 */
export async function exportPackage(db: Db, dbPath: string, target: string, now: Date, nativeBinding?: string): Promise<PackageManifest> {
  const work = makeWorkFolder('export');
  try {
    const copy = join(work, DATABASE_ENTRY);
    await copyDatabase(db, copy, nativeBinding);
    const attached = listFiles(filesDir(dbPath)).filter((p) => relativePathProblem(p) === null && isDocumentName(p));
    const sources: [string, string][] = [[DATABASE_ENTRY, copy], ...attached.map((p): [string, string] => [FILES_PREFIX + p, join(filesDir(dbPath), p)])];
    const unpacked = sources.reduce((n, [, source]) => n + statSync(source).size, 0);
    if (sources.length > PACKAGE_LIMITS.entries || unpacked > PACKAGE_LIMITS.unpackedBytes) throw new ApiError('validation', tooLarge('Cette commission ne tient pas dans un paquet d’échange'));
    const entries: PackageManifest['entries'] = [];
    const deflated: string[] = [];
    for (const [path, source] of sources) {
      const into = join(work, `entree-${deflated.length}`);
      entries.push({ path, ...(await deflateEntry(source, into)) });
      deflated.push(into);
    }
    const copyDb = openDatabase(copy, { readonly: true, nativeBinding });
    let manifest: PackageManifest;
    try {
      const commission = copyDb.prepare('SELECT name, department_code AS departmentCode FROM commission WHERE id = 1').get() as PackageManifest['commission'];
      manifest = {
        format: 'maillage-echange',
        formatVersion: PACKAGE_FORMAT_VERSION,
        schemaVersion: userVersion(copyDb),
        exportedAt: now.toISOString(),
        sourceName: sourceNameOf(dbPath),
        commission,
        counts: countRows(copyDb, attached.length),
        entries,
      };
    } finally {
      copyDb.close();
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(manifestBytes.length);
    const total = MAGIC.length + 4 + manifestBytes.length + entries.reduce((n, e) => n + e.compressedSize, 0);
    if (total > PACKAGE_LIMITS.packageBytes) throw new ApiError('validation', tooLarge('Cette commission ne tient pas dans un paquet d’échange'));
    await replaceFile(target, async (partial) => {
      async function* parts() {
        yield Buffer.concat([MAGIC, length, manifestBytes]);
        for (const file of deflated) yield* createReadStream(file);
      }
      await pipeline(Readable.from(parts()), createWriteStream(partial));
    });
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Deflates `source` into `target` as a stream, measuring and hashing it on the way. */
async function deflateEntry(source: string, target: string): Promise<{ size: number; compressedSize: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(source), meter, createDeflateRaw(), createWriteStream(target));
  return { size, compressedSize: statSync(target).size, sha256: hash.digest('hex') };
}

function tooLarge(what: string): string {
  return `${what} : ses fichiers joints dépassent ${PACKAGE_LIMITS.unpackedBytes / 1_000_000_000} Go ou ${formatInteger(PACKAGE_LIMITS.entries)} fichiers. Retirez les documents les plus lourds (ils restent dans le dossier de la commission) ou transmettez une copie (Fichier › Enregistrer une copie). Rien n’a été écrit.`;
}

export interface ReadPackage {
  /** Temporary folder holding the validated database and files; removed by the caller. */
  dir: string;
  manifest: PackageManifest;
  preview: Omit<PackagePreview, 'targetFileName' | 'targetExists'>;
}

const damaged = (why: string) => new ApiError('io', `Ce paquet d’échange est incomplet ou endommagé (${why}) : demandez un nouvel export.`);

/**
 * Bounds of a package, checked by the export and, on the manifest before anything is inflated, by
 * the import (a few kilobytes can declare gigabytes). Both read and write as streams: these bound
 * the disk a package takes, not the memory.
 */
export const PACKAGE_LIMITS = { entries: 10_000, unpackedBytes: 4_000_000_000, packageBytes: 4_100_000_000 };

/** Reads, checks and unpacks a package into a temporary folder: every check passes, or nothing is kept. */
export async function readPackage(file: string, nativeBinding?: string): Promise<ReadPackage> {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier ${basename(file)}.`);
  }
  if (size > PACKAGE_LIMITS.packageBytes) throw new ApiError('validation', `Ce fichier dépasse ${PACKAGE_LIMITS.unpackedBytes / 1_000_000_000} Go : ce n’est pas un paquet d’échange Maillage.`);
  const header = readRange(file, 0, Math.min(size, MAGIC.length + 4));
  if (header.length < MAGIC.length + 4 || !header.subarray(0, MAGIC.length).equals(MAGIC))
    throw new ApiError('validation', `Le fichier ${basename(file)} n’est pas un paquet d’échange Maillage.`);
  const manifestLength = header.readUInt32BE(MAGIC.length);
  const manifestStart = MAGIC.length + 4;
  if (manifestLength > MAX_MANIFEST_BYTES || manifestStart + manifestLength > size) throw damaged('sommaire tronqué');
  let raw: unknown;
  try {
    raw = JSON.parse(readRange(file, manifestStart, manifestLength).toString('utf8'));
  } catch {
    throw damaged('sommaire illisible');
  }
  const format = formatSchema.safeParse(raw);
  if (!format.success) throw damaged('sommaire illisible');
  if (format.data.formatVersion > PACKAGE_FORMAT_VERSION) throw newer(`format ${format.data.formatVersion}`);
  const schemaVersion = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof schemaVersion === 'number' && schemaVersion > LATEST_VERSION) throw newer(`schéma ${schemaVersion}`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged('sommaire non conforme');
  const manifest = parsed.data;
  const paths = manifest.entries.map((e) => e.path);
  if (new Set(paths).size !== paths.length || paths.filter((p) => p === DATABASE_ENTRY).length !== 1) throw damaged('liste de fichiers incohérente');
  checkEntryNames(paths.filter((p) => p !== DATABASE_ENTRY).map((p) => p.slice(FILES_PREFIX.length)));
  const total = manifest.entries.reduce((n, e) => n + e.compressedSize, 0);
  if (manifestStart + manifestLength + total !== size) throw damaged('taille inattendue');
  const unpacked = manifest.entries.reduce((n, e) => n + e.size, 0);
  if (manifest.entries.length > PACKAGE_LIMITS.entries || unpacked > PACKAGE_LIMITS.unpackedBytes)
    throw new ApiError('validation', `Ce paquet est refusé : une fois décompressé il dépasserait ${PACKAGE_LIMITS.unpackedBytes / 1_000_000_000} Go ou ${formatInteger(PACKAGE_LIMITS.entries)} fichiers. Rien n’a été écrit.`);
  assertFreeSpace(tmpdir(), unpacked);

  const dir = makeWorkFolder('import');
  try {
    let offset = manifestStart + manifestLength;
    for (const entry of manifest.entries) {
      const target = join(dir, ...entry.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      await inflateEntry(file, offset, entry, target);
      offset += entry.compressedSize;
    }
    const verified = verifyCommissionFile(join(dir, DATABASE_ENTRY), join(dir, 'fichiers'), nativeBinding);
    if (verified.schemaVersion !== manifest.schemaVersion) throw damaged('version de schéma incohérente');
    const files = paths.length - 1;
    // The preview shows what the database holds, whatever the manifest claims.
    const { commission } = verified;
    return {
      dir,
      manifest,
      preview: {
        commissionName: commission.name,
        departmentCode: commission.departmentCode,
        departmentName: departementName(commission.departmentCode) ?? commission.departmentCode,
        exportedAt: manifest.exportedAt,
        schemaVersion: verified.schemaVersion,
        counts: { ...verified.counts, files },
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readRange(file: string, start: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, start);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Attached files: names valid on Windows, no two alike by case or Unicode form, documents only. */
function checkEntryNames(files: string[]): void {
  for (const path of files) {
    const problem = relativePathProblem(path);
    if (problem) throw new UntrustedFileError(`un fichier du paquet porte un nom refusé (${problem})`);
    if (!isDocumentName(path)) throw new UntrustedFileError(`un fichier du paquet n’est pas un document (« ${path.slice(0, 80)} »)`);
  }
  const collision = nameCollision(files);
  if (collision) throw new UntrustedFileError(`deux fichiers du paquet portent le même nom à la casse près (« ${collision.slice(0, 80)} »)`);
}

/** Room for `bytes` in `folder`'s file system, with a margin, or a French refusal before anything is written. */
export function assertFreeSpace(folder: string, bytes: number): void {
  let free: number;
  try {
    const stat = statfsSync(folder);
    free = stat.bavail * stat.bsize;
  } catch {
    return; // Unknown: the writes themselves report a full disk.
  }
  if (free < bytes + 50_000_000) throw new ApiError('io', 'Il n’y a pas assez de place sur le disque pour importer ce paquet : libérez de la place puis réessayez. Rien n’a été écrit.');
}

/**
 * Inflates one entry to `target` as a stream: never more than its declared size is produced (a
 * deflate bomb stops there), and its SHA-256 must match the manifest's.
 */
async function inflateEntry(file: string, offset: number, entry: PackageManifest['entries'][number], target: string): Promise<void> {
  const hash = createHash('sha256');
  let produced = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      produced += chunk.length;
      if (produced > entry.size) return done(damaged(`« ${entry.path} » plus grand qu’annoncé`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = entry.compressedSize === 0 ? Readable.from([]) : createReadStream(file, { start: offset, end: offset + entry.compressedSize - 1 });
  try {
    await pipeline(source, createInflateRaw(), meter, createWriteStream(target));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw damaged(`« ${entry.path} » illisible`);
  }
  if (produced !== entry.size || hash.digest('hex') !== entry.sha256) throw damaged(`le contenu de « ${entry.path} » ne correspond pas à son empreinte`);
}

function newer(what: string): ApiError {
  return new ApiError('validation', `Ce paquet a été créé par une version plus récente de Maillage (${what}) : mettez Maillage à jour pour l’importer.`);
}

/** Installs a read package at `target` (closed, locked and backed up by the caller if it existed), all or nothing. */
export async function installPackage(read: ReadPackage, target: string, options: ReplaceOptions = {}): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  await replaceCommission(target, join(read.dir, DATABASE_ENTRY), join(read.dir, 'fichiers'), options);
}
