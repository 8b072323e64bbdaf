/**
 * Which files Maillage may hand to the system to open (Word, the PDF reader…). On Windows opening
 * an .exe, a .lnk or a .url runs it, so a path read from a commission file from elsewhere must
 * never reach the system unchecked: only document types, and only a file inside the commission's
 * folder, one the user has just chosen or written through a dialog, or a report this commission
 * recorded as written (its path was checked when the file was accepted: absolute, .docx).
 */
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../commission-file/untrusted';

export interface OpenContext {
  /** The open commission's folder of attached files, if a commission is open. */
  commissionFolder: string | null;
  /** Paths the user chose or that Maillage wrote through a dialog during this run. */
  chosen: ReadonlySet<string>;
  /** Reports the open commission recorded as written. */
  isRecordedReport: (path: string) => boolean;
}

/** null when `path` may be opened with the system, else why not (French). Pure: no file-system access. */
export function openPathProblem(path: string, context: OpenContext): string | null {
  if (!isAbsolute(path) || path.includes('\0')) return 'Ce fichier ne peut pas être ouvert : son emplacement n’est pas valable.';
  const extension = extname(path).slice(1).toLowerCase();
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(extension))
    return 'Maillage n’ouvre que des documents (PDF, Word, OpenDocument, Excel, CSV, images, calendrier) : ce fichier n’en est pas un, il n’a pas été ouvert.';
  const target = resolve(path);
  if (context.chosen.has(target)) return null;
  if (context.commissionFolder) {
    const inside = relative(resolve(context.commissionFolder), target);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return null;
  }
  if (extension === 'docx' && context.isRecordedReport(path)) return null;
  return 'Ce fichier ne se trouve pas dans le dossier de la commission : Maillage ne l’ouvre pas. Ouvrez-le depuis son dossier si vous le connaissez.';
}
