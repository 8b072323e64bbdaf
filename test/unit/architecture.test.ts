/**
 * The rules of the house of docs/architecture.md, « What may import what », checked on every source
 * file: a layer that reaches where it should not fails here, with the file and the import named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve('.');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** Every module a file imports (type-only imports included): repository paths for relative ones, else the bare name. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(dirname(file), s)) : s));
}

interface Rule {
  /** Files the rule applies to (repository path prefix). */
  files: string;
  /** What they must not import: a repository path prefix, or a bare module name (`node:` for all of Node). */
  forbidden: string[];
  /** Files of `files` the rule leaves out. */
  except?: string[];
}

const RULES: Rule[] = [
  { files: 'src/shared/', forbidden: ['src/main', 'src/renderer', 'src/preload', 'electron', 'react', 'node:'] },
  { files: 'src/renderer/', forbidden: ['src/main', 'src/preload', 'electron', 'node:'] },
  { files: 'src/preload/', forbidden: ['src/main', 'src/renderer'] },
  { files: 'src/main/', forbidden: ['electron', 'src/renderer'], except: ['src/main/electron/', 'src/main/index.ts'] },
  { files: 'src/main/features/', forbidden: ['src/main/api', 'src/main/cli', 'src/main/electron'] },
  { files: 'src/main/documents/', forbidden: ['src/main/api', 'src/main/cli', 'src/main/electron', 'src/main/features', 'src/main/commission-file', 'src/main/db'] },
  { files: 'src/main/commission-file/', forbidden: ['src/main/api', 'src/main/cli', 'src/main/electron'] },
  { files: 'src/main/spreadsheets/', forbidden: ['src/main/api', 'src/main/cli', 'src/main/electron', 'src/main/features'] },
];

function breaks(spec: string, forbidden: string): boolean {
  if (forbidden === 'node:') return spec.startsWith('node:');
  if (forbidden.startsWith('src/')) return spec === forbidden || spec.startsWith(`${forbidden}/`) || spec.startsWith(`${forbidden}.`);
  return spec === forbidden || spec.startsWith(`${forbidden}/`);
}

it('keeps every layer to what it may import (docs/architecture.md)', () => {
  const files = sources(join(ROOT, 'src')).map((f) => relative(ROOT, f));
  const violations: string[] = [];
  for (const rule of RULES) {
    for (const file of files.filter((f) => f.startsWith(rule.files) && !rule.except?.some((e) => f.startsWith(e)))) {
      for (const spec of importsOf(join(ROOT, file))) {
        const broken = rule.forbidden.find((f) => breaks(spec, f));
        if (broken) violations.push(`${file} imports ${spec}`);
      }
    }
  }
  expect(violations).toEqual([]);
});
