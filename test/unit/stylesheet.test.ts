import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// Merges have cut a rule's closing brace before, silently swallowing every rule after it.
it('keeps every block of the stylesheet closed', () => {
  const css = readFileSync('src/renderer/src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const opened: number[] = [];
  css.split('\n').forEach((line, index) => {
    for (const char of line) {
      if (char === '{') opened.push(index + 1);
      if (char === '}' && opened.pop() === undefined) throw new Error(`Unexpected } at line ${index + 1}`);
    }
  });
  expect(opened, `unclosed block(s) opened at line(s) ${opened.join(', ')}`).toEqual([]);
});
