import { extname } from 'node:path';
import { COMMISSION_EXTENSION } from '../commission-file/commission';
import { PACKAGE_EXTENSION } from '../commission-file/packages';
import { writeUserFile } from '../platform/files';
import type { FileFilter, OsServices } from '../platform/os';

/** The kinds of file Maillage reads or writes for the user, each with its filter in the file dialogs. */
export const FILE_TYPES = {
  docx: { name: 'Document Word', extensions: ['docx'] },
  xlsx: { name: 'Classeur Excel', extensions: ['xlsx'] },
  csv: { name: 'CSV (point-virgule)', extensions: ['csv'] },
  ics: { name: 'Calendrier (iCalendar)', extensions: ['ics'] },
  json: { name: 'Catalogue Maillage (JSON)', extensions: ['json'] },
  commission: { name: 'Commission Maillage', extensions: [COMMISSION_EXTENSION] },
  package: { name: 'Paquet d’échange Maillage', extensions: [PACKAGE_EXTENSION] },
} satisfies Record<string, FileFilter>;

type FileType = keyof typeof FILE_TYPES;

interface SaveRequest {
  /** The dialog's title: what is being saved. */
  title: string;
  defaultName: string;
  type: FileType;
}

/**
 * Asks where to save a file (the only place api handlers open a save dialog for a document);
 * null when the user cancels. A name typed without its extension gets it, so that the file opens
 * in the program it was made for.
 */
export async function askWhereToSave(os: OsServices, request: SaveRequest): Promise<string | null> {
  const filter = FILE_TYPES[request.type];
  const chosen = await os.pickSaveFile({ title: request.title, defaultName: request.defaultName, filters: [filter] });
  if (!chosen) return null;
  return filter.extensions.includes(extname(chosen).slice(1).toLowerCase()) ? chosen : `${chosen}.${filter.extensions[0]}`;
}

/** Asks for a folder (the only place api handlers open a folder dialog); null when the user cancels. */
export function askFolder(os: OsServices, title: string): Promise<string | null> {
  return os.pickFolder({ title });
}

/**
 * Asks where to save, writes the file whole (or leaves the one it replaces untouched), then opens
 * it with the system's program, as a secretary expects after « Exporter » or « Générer ».
 */
export async function saveAndOpen(os: OsServices, request: SaveRequest, bytes: () => Promise<Uint8Array | string>): Promise<{ path: string } | null> {
  const path = await askWhereToSave(os, request);
  if (!path) return null;
  await writeUserFile(path, await bytes());
  await os.openPath(path);
  return { path };
}
