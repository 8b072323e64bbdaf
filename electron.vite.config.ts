import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // As in the CLI (scripts/build-cli.mjs): zod and docx load several times faster bundled than as their
      // hundred-odd modules; native modules and exceljs stay in node_modules.
      externalizeDeps: { exclude: ['zod', 'docx'] },
      // The worker that reads files to import is a file of its own (src/main/spreadsheets/read-in-worker.ts).
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'spreadsheet-worker': resolve('src/main/spreadsheets/worker.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but 'electron': bundle zod and src/shared in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads are loaded as CommonJS; with "type": "module" electron-vite would emit ESM.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // A desktop app loads its bundle from disk: ag-grid's size is not a download cost worth splitting for.
      chunkSizeWarningLimit: 4000,
    },
    plugins: [react()],
  },
});
