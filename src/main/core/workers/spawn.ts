/**
 * Where a worker thread's code comes from. Under tsx/vitest (this file is .ts) a small bootstrap
 * registers tsx in the thread and imports the TypeScript entry; in the esbuild bundle it is the
 * sibling `.cjs` beside core.cjs (scripts/build-main.mjs), read from app.asar when packaged
 * (Electron reads asar in worker_threads). Same approach as the face worker.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { WorkerSettings } from './serve';

/** The two kinds of task thread: files and imports (the pool), and reading cards and letters (OCR). */
export const WORKER_ENTRIES = {
  tasks: { source: './worker.ts', bundle: 'task-worker.cjs' },
  reader: { source: './reader-worker.ts', bundle: 'reader-worker.cjs' },
} as const;
export type WorkerKind = keyof typeof WORKER_ENTRIES;

function selfUrl(): string {
  return typeof import.meta.url === 'string' && import.meta.url !== ''
    ? import.meta.url
    : pathToFileURL(path.join(process.cwd(), 'index.js')).href;
}

/** `entry`: a TypeScript module URL (tests); by default the entry of `kind`. */
export function spawnTaskWorker(settings: WorkerSettings, entry?: string, kind: WorkerKind = 'tasks'): Worker {
  const here = selfUrl();
  const { source, bundle } = WORKER_ENTRIES[kind];
  if (entry !== undefined || here.endsWith('.ts')) {
    const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href;
    const target = entry ?? new URL(source, here).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
    return new Worker(boot, { eval: true, workerData: settings });
  }
  return new Worker(path.join(path.dirname(fileURLToPath(here)), bundle), { workerData: settings });
}
