/**
 * The largest and most hostile files an import may be given, made in a second or two (nothing big
 * is committed), and a run of the built CLI on one of them whose peak memory is measured. Used by
 * test/integration/import-files.test.ts (which checks the limits) and bench/import-files.ts (which
 * times them).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IMPORT_LIMITS } from '../../src/main/spreadsheets/table';
import { craftZip, deflateBomb, deflateChunks, workbookParts } from './crafted-zip';

const SHEET_START = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

/** About 2 MB whose zip declares 1 KB for a sheet that inflates to 2 GB. */
export function lyingBomb(): Buffer {
  const bomb = deflateBomb(Buffer.from('<row/>'.repeat(174_763)), 2048);
  return craftZip(workbookParts([{ name: 'Feuil1', part: { deflated: bomb, declaredSize: 1024 } }]));
}

/** An honest .xlsx of 2.4 million rows (18 MB, its sizes true and under the unpacked limit). */
export function millionsOfRows(): Buffer {
  const sheet = deflateChunks(
    (function* () {
      yield SHEET_START;
      for (let start = 1; start <= 2_400_000; start += 20_000) {
        let chunk = '';
        for (let r = start; r < start + 20_000; r++) chunk += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
        yield chunk;
      }
      yield SHEET_END;
    })(),
  );
  if (sheet.size > IMPORT_LIMITS.unpackedBytes) throw new Error('the sheet should fit the unpacked limit');
  return craftZip(workbookParts([{ name: 'Feuil1', part: { deflated: sheet } }]));
}

/** The largest table the limits accept: 50,000 rows of 19 distinct texts of 20 characters (950,000 cells, 19 million characters). */
export function largestAccepted(): Buffer {
  const sheet = deflateChunks(
    (function* () {
      yield SHEET_START;
      for (let start = 1; start <= 50_001; start += 5_000) {
        let chunk = '';
        for (let r = start; r < Math.min(start + 5_000, 50_002); r++) {
          chunk += `<row r="${r}">`;
          for (let c = 0; c < 19; c++) chunk += `<c t="inlineStr"><is><t>${`L${r}C${c}`.padEnd(20, '·')}</t></is></c>`;
          chunk += '</row>';
        }
        yield chunk;
      }
      yield SHEET_END;
    })(),
  );
  return craftZip(workbookParts([{ name: 'Feuil1', part: { deflated: sheet } }]));
}

/** A CSV of French Excel (Windows-1252) as large as a file may be: 50 MB of accented text. */
export function largestCsv(): Buffer {
  const line = `Zéro Déchet;Bègles;${'é'.repeat(480)}\r\n`;
  return Buffer.from(line.repeat(Math.floor((IMPORT_LIMITS.fileBytes - 1000) / line.length)), 'latin1');
}

const PEAK_RSS = pathToFileURL(resolve(import.meta.dirname, 'peak-rss.mjs')).href;

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the whole process, worker thread included. */
  peakMb: number;
  seconds: number;
}

/** `import partners --dry-run` of the built CLI `cli` on `file`, its peak memory read from the kernel at exit. */
export async function importMeasured(cli: string, db: string, file: string): Promise<MeasuredRun> {
  const started = performance.now();
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, ['--import', PEAK_RSS, cli, 'import', 'partners', '--db', db, '--file', file, '--dry-run']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
  const seconds = (performance.now() - started) / 1000;
  // Written by the worker thread at its end, then by the process at its own: the highest is the peak.
  const peaks = [...run.stderr.matchAll(/peak-rss-kib=(\d+)/g)].map((m) => Number(m[1]));
  if (peaks.length === 0) throw new Error(`no peak reported: ${run.stderr}`);
  return { ...run, peakMb: Math.max(...peaks) / 1024, seconds };
}
