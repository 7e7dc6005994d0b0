/**
 * Bundles the Electron side with esbuild: the core (dist/main/core.cjs from src/main/core/host-api.ts,
 * with the SOP JSON inside; native add-ons and packages that load their own files stay external), the
 * face engine's worker thread (dist/main/face-worker.cjs, beside the core, same externals), the task
 * worker threads (dist/main/task-worker.cjs: files, import parsing, backup sealing; same), the reader
 * thread (dist/main/reader-worker.cjs: KTP and letter OCR; same), the shell
 * (dist/main/electron.cjs, which requires ./core.cjs and electron and nothing else of ours), and the
 * sandboxed preload (dist/main/preload.cjs, one self-contained file). Runs under plain Node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'main');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
};

// Native add-ons and packages that load their own files (workers, wasm, models) stay in node_modules.
const external = [
  'better-sqlite3',
  'sharp',
  'tesseract.js',
  '@tesseract.js-data/eng',
  '@tesseract.js-data/ind',
  '@vladmandic/face-api',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  'pdfkit',
  'exceljs',
  'pdfjs-dist',
];
// The core finds bundled models with createRequire(import.meta.url); in a CJS bundle that URL
// must come from the bundle's own file name.
const selfUrl = {
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleUrl' },
};

/** The shell reaches the core only through src/main/core/host-api.ts, which is its own bundle. */
const coreAsSibling = {
  name: 'core-as-sibling',
  setup(b) {
    b.onResolve({ filter: /\/core\/host-api$/ }, () => ({ path: './core.cjs', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/core/host-api.ts'],
    outfile: path.join(outdir, 'core.cjs'),
    external,
    ...selfUrl,
  }),
  build({
    ...common,
    entryPoints: ['src/main/core/workers/worker.ts'],
    outfile: path.join(outdir, 'task-worker.cjs'),
    external,
    ...selfUrl,
  }),
  build({
    ...common,
    entryPoints: ['src/main/core/workers/reader-worker.ts'],
    outfile: path.join(outdir, 'reader-worker.cjs'),
    external,
    ...selfUrl,
  }),
  build({
    ...common,
    entryPoints: ['src/main/core/face/worker.ts'],
    outfile: path.join(outdir, 'face-worker.cjs'),
    external,
    ...selfUrl,
  }),
  build({
    ...common,
    entryPoints: ['src/main/electron/main.ts'],
    outfile: path.join(outdir, 'electron.cjs'),
    external: ['electron'],
    plugins: [coreAsSibling],
  }),
  build({
    ...common,
    entryPoints: ['src/preload/index.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
