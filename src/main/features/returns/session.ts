/**
 * Previewing returned files and taking them in, as the app and the CLI do it: every file read and
 * checked, its preview, then, once the secretary has decided, each file taken in on its own.
 */
import type { ReturnApplyReport, ReturnPreview } from '../../../shared/model/returns';
import { parisToday } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { applyReturn, recordAnswers, type Decisions } from './apply';
import { filePreview, linesSignature, returnChanges } from './changes';
import { readReturn, type ReadReturn } from './intake';

export interface PreviewedFile {
  key: string;
  read: ReadReturn;
  /** The lines as previewed, to find out at apply time whether Maillage changed meanwhile. */
  signature: string | null;
}

export interface PreviewedReturns {
  preview: Omit<ReturnPreview, 'token'>;
  files: PreviewedFile[];
}

/**
 * Reads and previews the files; unless `dryRun`, the structures whose file checks are marked as
 * having answered (a workbook that came back is an answer, taken in or not yet).
 */
export async function previewReturns(db: Db, campaignId: string, files: readonly { name: string; bytes: Buffer }[], now: Date, dryRun: boolean): Promise<PreviewedReturns> {
  const today = parisToday(now);
  const previewed: PreviewedFile[] = [];
  for (const [index, file] of files.entries()) {
    const read = await readReturn(db, file.bytes, file.name, campaignId, today);
    previewed.push({ key: `f${index + 1}`, read, signature: read.ok ? linesSignature(returnChanges(db, read).changes) : null });
  }
  if (!dryRun) recordAnswers(db, previewed.map((p) => p.read), now);
  return { preview: { files: previewed.map((p) => filePreview(db, p.key, p.read)) }, files: previewed };
}

/** Takes each file in with its decisions, each in its own transaction; a file without decisions is left as it is. */
export function applyReturns(db: Db, files: readonly PreviewedFile[], decisions: ReadonlyMap<string, Decisions>, now: Date): ReturnApplyReport {
  return {
    files: files.flatMap((file) => {
      const chosen = decisions.get(file.key);
      return chosen ? [applyReturn(db, file.key, file.read, file.signature, chosen, now)] : [];
    }),
  };
}
