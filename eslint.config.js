import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // `*.config.ts.*.mjs`: the bundle electron-vite writes of its config while building, which npm test runs beside the lint.
  { ignores: ['out/', 'dist/', 'node_modules/', 'native/', 'test-artifacts/', 'reports/', '.stryker-tmp/', '*.config.ts.*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The renderer must reach main only through window.maillage.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', '**/main/**'] }] },
  },
  {
    // Shared code runs on both sides: no Node, no Electron, no React.
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', 'react', '**/main/**', '**/renderer/**'] }] },
  },
);
