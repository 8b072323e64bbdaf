/**
 * No module may import, at run time, a module that imports it back: such cycles make load order
 * matter and bind features that should stand apart. Type-only imports vanish at build and are allowed.
 */
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const ENTRIES = ['src/renderer/src/main.tsx', 'src/main/index.ts', 'src/main/cli/index.ts', 'src/preload/index.ts'];

it('has no runtime import cycle', async () => {
  const { metafile } = await build({
    entryPoints: ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'out/cycles',
    packages: 'external',
    loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
  });
  const imports = new Map(Object.entries(metafile.inputs).map(([file, input]) => [file, input.imports.filter((i) => !i.external && i.kind !== 'dynamic-import').map((i) => i.path)]));
  const cycles: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
    if (done.has(file)) return;
    path.push(file);
    for (const next of imports.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of imports.keys()) visit(file);
  expect(cycles).toEqual([]);
});
