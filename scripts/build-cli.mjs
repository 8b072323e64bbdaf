/**
 * Builds the command line to plain JavaScript (out/cli/), so that it starts without transpiling
 * TypeScript first: one CommonJS bundle (maillage.cjs), in which each command's modules are evaluated
 * only when it runs, and the launcher users run (index.cjs), which compiles that bundle with a V8
 * code cache (src/main/cli/launcher.ts). zod and docx are bundled in: a process that starts for one
 * document would otherwise spend a third of its time loading their hundred-odd modules (all of zod's
 * locales among them). The other dependencies stay in node_modules: better-sqlite3 and resvg are
 * native modules, exceljs is large and loaded only by the spreadsheet commands.
 * `npm run build` calls it; `npm run cli` (scripts/cli.mjs) calls it when a source is newer.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'out', 'cli');
export const CLI_BUNDLE = join(OUT, 'index.cjs');
const ENTRIES = {
  index: join(ROOT, 'src', 'main', 'cli', 'launcher.ts'),
  maillage: join(ROOT, 'src', 'main', 'cli', 'index.ts'),
  // The worker that reads files to import, found beside the bundle (src/main/spreadsheets/read-in-worker.ts).
  'spreadsheet-worker': join(ROOT, 'src', 'main', 'spreadsheets', 'worker.ts'),
};
const BUNDLED = ['zod', 'docx'];
const EXTERNAL = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies).filter((name) => !BUNDLED.includes(name));
/** What the CLI is made of: a change in any of these makes the bundle stale. */
const SOURCES = ['src/main', 'src/shared', 'resources', 'package.json', 'scripts/build-cli.mjs'].map((p) => join(ROOT, p));

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true })) newest = Math.max(newest, statSync(join(path, String(entry))).mtimeMs);
  return newest;
}

export function cliIsStale() {
  let built;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestChange(source) > built);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: ENTRIES,
    bundle: true,
    outdir: OUT,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    // The bundle runs in a vm.Script, where import() would need Node's experimental loader hook:
    // the lazy import('exceljs') becomes a require() when first needed.
    supported: { 'dynamic-import': false },
    // What ESM gives as import.meta.dirname, CommonJS gives as __dirname (the launcher passes out/cli).
    define: { 'import.meta.dirname': '__dirname' },
    target: 'node20',
    external: EXTERNAL,
    write: false,
    logLevel: 'warning',
  });
  // Built beside, then swapped in whole: a half-written folder is never run, and the old bundle's code caches go.
  const partial = `${OUT}.${process.pid}.partiel`;
  rmSync(partial, { recursive: true, force: true });
  for (const file of result.outputFiles) {
    const target = join(partial, relative(OUT, file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  rmSync(OUT, { recursive: true, force: true });
  renameSync(partial, OUT);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
