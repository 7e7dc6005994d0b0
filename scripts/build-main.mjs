/**
 * Bundles the Electron side with esbuild: the main process (dist/main/electron.cjs, with the core
 * and the SOP JSON inside; only electron and the native better-sqlite3 stay external) and the
 * sandboxed preload (dist/main/preload.cjs, one self-contained file). Runs under plain Node.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

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

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/electron/main.ts'],
    outfile: path.join(outdir, 'electron.cjs'),
    external: ['electron', 'better-sqlite3'],
  }),
  build({
    ...common,
    entryPoints: ['src/preload/index.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
