import type { ImportFile, ImportPreview, ImportSummary } from '../model/partner-import';
import { importCommitInput, importPreviewInput, importToken } from '../schemas/partner-import';
import { channel, none } from './channel';

/** Importing partners from a spreadsheet, step by step: open the file, map its columns, preview, commit. */
export const partnerImportContract = {
  /** Asks for a file and reads it; null when the user cancels the dialog. */
  'partnerImport.open': channel<ImportFile | null>()(none),
  'partnerImport.preview': channel<ImportPreview>()(importPreviewInput),
  'partnerImport.commit': channel<ImportSummary>()(importCommitInput),
  'partnerImport.discard': channel<null>()(importToken),
} as const;
