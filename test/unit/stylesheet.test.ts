import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// Merges have cut a rule's closing brace before, silently swallowing every rule after it. The build does not
// catch it: Vite passes an unclosed block through, and the rules after it become nested rules that match nothing.
const stylesheets = readdirSync('src/renderer', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.css'))
  .map((path) => join('src/renderer', path));

it('finds the stylesheets', () => {
  expect(stylesheets.length).toBeGreaterThan(1);
});

it.each(stylesheets)('keeps every block of %s closed', (path) => {
  const css = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const opened: number[] = [];
  css.split('\n').forEach((line, index) => {
    for (const char of line) {
      if (char === '{') opened.push(index + 1);
      if (char === '}' && opened.pop() === undefined) throw new Error(`Unexpected } at line ${index + 1}`);
    }
  });
  expect(opened, `unclosed block(s) opened at line(s) ${opened.join(', ')}`).toEqual([]);
});
