/**
 * Opens generated documents the way a partner would: LibreOffice converts them to PDF, poppler
 * reads the text back or draws the pages as PNG. LibreOffice runs on profiles of the test process's own
 * (see `soffice` below), so parallel test files never fight over the user installation.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

function findTool(name: string, envVar: string, install: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} is missing: install it (${install}) or set ${envVar}.`);
}

/**
 * The fonts a reader may have: « liberation » is this machine's (Arial's metric twin, what partners'
 * LibreOffice and Word lay out with), « dejavu » a machine without Arial, where LibreOffice falls back
 * to DejaVu Sans, the widest common font (the fontconfig file is in the repository, test/fixtures).
 */
export type FontSet = 'liberation' | 'dejavu';
export const DEJAVU_ONLY = fileURLToPath(new URL('../fixtures/fonts-dejavu-only.conf', import.meta.url));

/**
 * LibreOffice profiles of this process, by font set, each lent to one run at a time. LibreOffice fills a new
 * profile on its first start, about half of a conversion's time: made once per process and font set, they are
 * reused. Two runs never share one (a second LibreOffice on a busy profile hands its work to the first), and a
 * profile whose run failed or was killed is thrown away, lest its lock or half-written state trouble the next.
 */
const idleProfiles = new Map<FontSet, string[]>();
const madeProfiles: string[] = [];
// In the run's folder, which test/global-setup.ts removes at the end: vitest stops its workers without running
// their exit handlers. The handler is for a process run otherwise (Stryker's runs have no global setup).
const PROFILES = process.env.MAILLAGE_LO_PROFILES ?? tmpdir();
process.once('exit', () => madeProfiles.forEach((profile) => rmSync(profile, { recursive: true, force: true })));

/** Runs soffice headless with `args` on a profile of its own, under the font set `fonts`. */
async function soffice(args: string[], timeoutMs: number, fonts: FontSet, install: string): Promise<void> {
  const program = findTool('soffice', 'SOFFICE_PATH', install);
  const idle = idleProfiles.get(fonts) ?? [];
  idleProfiles.set(fonts, idle);
  let profile = idle.pop();
  if (!profile) madeProfiles.push((profile = mkdtempSync(join(PROFILES, 'lo-profile-'))));
  try {
    await run(program, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', ...args], {
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      env: fonts === 'dejavu' ? { ...process.env, FONTCONFIG_FILE: DEJAVU_ONLY } : process.env,
    });
    idle.push(profile);
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Converts a document (.docx, .xlsx…) to PDF in `outDir` and returns the PDF's path. */
export async function convertToPdf(file: string, outDir: string, timeoutMs = 90_000, fonts: FontSet = 'liberation'): Promise<string> {
  await soffice(['--convert-to', 'pdf', '--outdir', outDir, file], timeoutMs, fonts, 'apt-get install libreoffice-writer-nogui').catch(
    (error: NodeJS.ErrnoException & { killed?: boolean; stderr?: string }) => {
      throw new Error(error.killed ? `LibreOffice did not convert ${basename(file)} within ${timeoutMs / 1000} s` : `LibreOffice failed on ${basename(file)}: ${error.stderr ?? error.message}`);
    },
  );
  const pdf = join(outDir, `${basename(file, extname(file))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice produced no PDF for ${basename(file)} (the file may be damaged).`);
  return pdf;
}

/** Converts several documents in one LibreOffice run (it starts once): the PDFs' paths, in order. */
export async function convertAllToPdf(files: string[], outDir: string, fonts: FontSet = 'liberation', timeoutMs = 300_000): Promise<string[]> {
  await soffice(['--convert-to', 'pdf', '--outdir', outDir, ...files], timeoutMs, fonts, 'apt-get install libreoffice-writer-nogui');
  return files.map((file) => {
    const pdf = join(outDir, `${basename(file, extname(file))}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice produced no PDF for ${basename(file)}.`);
    return pdf;
  });
}

/** The text of a PDF in reading order (table cells one after the other, not side by side). */
export async function pdfText(pdf: string): Promise<string> {
  const pdftotext = findTool('pdftotext', 'PDFTOTEXT_PATH', 'apt-get install poppler-utils');
  const { stdout } = await run(pdftotext, ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

/** The words of each page with their boxes, in points from the top left: where things are, not only what they say. */
export async function pdfWords(pdf: string): Promise<PdfWord[][]> {
  const pdftotext = findTool('pdftotext', 'PDFTOTEXT_PATH', 'apt-get install poppler-utils');
  const { stdout } = await run(pdftotext, ['-enc', 'UTF-8', '-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return stdout
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ text: unescape(m[4]!), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) })),
    );
}

export async function pdfPageCount(pdf: string): Promise<number> {
  return Number((await pdfInfo(pdf)).Pages ?? 0);
}

/** pdfinfo's fields (Title, Subject, Author, Pages…). */
export async function pdfInfo(pdf: string): Promise<Record<string, string>> {
  const { stdout } = await run(findTool('pdfinfo', 'PDFINFO_PATH', 'apt-get install poppler-utils'), [pdf]);
  return Object.fromEntries(stdout.split('\n').map((line) => /^([^:]+):\s*(.*)$/.exec(line)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!.trim()]));
}

/** The fonts a PDF is set in, without the subset prefix (« DejaVuSans-Bold »…), as pdffonts lists them. */
export async function pdfFonts(pdf: string): Promise<string[]> {
  const { stdout } = await run(findTool('pdffonts', 'PDFFONTS_PATH', 'apt-get install poppler-utils'), [pdf]);
  const names = stdout.split('\n').slice(2).map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).filter(Boolean);
  return [...new Set(names)].sort();
}

/** Whether the PDF has an outline (bookmarks), which LibreOffice writes from the Word headings. */
export function pdfHasOutline(pdf: string): boolean {
  return /\/Outlines\s+\d+ 0 R/.test(readFileSync(pdf, 'latin1'));
}

/**
 * Draws the pages as PNG files (`<prefix>-1.png`…) for a person to look at, when MAILLAGE_SCREENSHOTS=1 (like the
 * e2e screenshots); returns their paths, none when not asked for.
 */
export async function pdfToPngs(pdf: string, prefix: string, dpi = 60): Promise<string[]> {
  if (process.env.MAILLAGE_SCREENSHOTS !== '1') return [];
  await run(findTool('pdftoppm', 'PDFTOPPM_PATH', 'apt-get install poppler-utils'), ['-png', '-r', String(dpi), pdf, prefix]);
  const dir = join(prefix, '..');
  const stem = basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Saves `file` again as LibreOffice Calc would when a user opens it and saves it as CSV: `convertTo` names the
 * filter and its options (separator, encoding, sheet), `infilter` how a CSV is read. Returns the files written.
 */
export async function resaveWithCalc(file: string, outDir: string, convertTo: string, infilter?: string, timeoutMs = 90_000): Promise<string[]> {
  const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
  await soffice([...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', convertTo, '--outdir', outDir, file], timeoutMs, 'liberation', 'apt-get install libreoffice-calc-nogui');
  const written = readdirSync(outDir).filter((f) => !before.has(f));
  if (written.length === 0) throw new Error(`LibreOffice wrote nothing from ${basename(file)}.`);
  return written.map((f) => join(outDir, f));
}
