/**
 * FaceWorker: the FaceMatcher API, run in a worker thread (worker.ts). The core's event loop only
 * posts images and receives results; the wasm inference runs on another thread. A worker that dies
 * or hangs fails its pending calls with FaceEngineError and is replaced on the next call.
 *
 * Where the worker code comes from: under tsx/vitest (this file is .ts) a small bootstrap registers
 * tsx in the thread and imports worker.ts; in the esbuild bundle it is the sibling
 * `face-worker.cjs` (scripts/build-main.mjs), read from app.asar when packaged.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { FaceMatchResult } from '../../../shared/domain/identity';
import type { CardFace } from './card-face';
import type { FaceMatcherOptions } from './engine';
import type { Box } from './image';
import { FaceImageError } from './image';
import { FaceEngineError } from './runtime';
import type { FaceOp, FaceRequest, FaceResponse } from './worker-protocol';

export interface FaceWorkerOptions extends FaceMatcherOptions {
  /** A call not answered within this is treated as a hung worker (terminated). Default 60 s. */
  callTimeoutMs?: number;
  /**
   * The bundled worker file to run (dist/main/face-worker.cjs). Default: the bundle's sibling when
   * this code is bundled, worker.ts through tsx otherwise. The bench sets it to measure what ships.
   */
  workerScript?: string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function selfUrl(): string {
  return typeof import.meta.url === 'string' && import.meta.url !== ''
    ? import.meta.url
    : pathToFileURL(path.join(process.cwd(), 'index.js')).href;
}

/**
 * The thread's young generation, MB. Node's default semi-spaces grow to tens of MB that stay
 * resident; the worker's JS allocates little (the tensors live in wasm memory), so 8 MB keeps its
 * RSS ≈ 27 MB lower for ≈ 7 ms more per decision (measured: 447 → 420 MB, 136 → 144 ms).
 */
const YOUNG_GENERATION_MB = 8;

function spawn(options: FaceMatcherOptions, workerScript?: string): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const here = selfUrl();
  const data = { ...options };
  if (workerScript !== undefined) return new Worker(path.resolve(workerScript), { workerData: data, resourceLimits });
  if (here.endsWith('.ts')) {
    const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href;
    const entry = new URL('./worker.ts', here).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { eval: true, workerData: data, resourceLimits });
  }
  // Packaged, it stays in app.asar: Electron ≥ 17.3 reads asar in worker_threads, and its
  // requires (face-api, tfjs) are packed there too; the model and wasm paths come from workerData.
  const file = path.join(path.dirname(fileURLToPath(here)), 'face-worker.cjs');
  return new Worker(file, { workerData: data, resourceLimits });
}

function rebuild(error: { name: string; message: string }): Error {
  if (error.name === 'FaceImageError') return new FaceImageError(error.message);
  if (error.name === 'FaceEngineError') return new FaceEngineError(error.message);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class FaceWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  private version: string | null = null;

  constructor(private readonly options: FaceWorkerOptions = {}) {}

  get modelVersion(): string | null {
    return this.version;
  }

  /** Starts the thread and loads the models there. */
  async init(): Promise<void> {
    await this.call('init', []);
  }

  describeAll(image: Buffer): Promise<{ box: Box; score: number; descriptor: Float32Array }[]> {
    return this.call('describeAll', [toBytes(image)]) as Promise<
      { box: Box; score: number; descriptor: Float32Array }[]
    >;
  }

  compare(ktpImage: Buffer, selfie: Buffer): Promise<FaceMatchResult> {
    return this.call('compare', [toBytes(ktpImage), toBytes(selfie)]) as Promise<FaceMatchResult>;
  }

  describeCard(ktpImage: Buffer): Promise<CardFace> {
    return this.call('describeCard', [toBytes(ktpImage)]) as Promise<CardFace>;
  }

  compareWithCard(card: CardFace, selfie: Buffer): Promise<FaceMatchResult> {
    return this.call('compareWithCard', [card, toBytes(selfie)]) as Promise<FaceMatchResult>;
  }

  /** Lets the matcher free its weights, then stops the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    const w = this.worker;
    if (w !== null) await this.call('close', []).catch(() => undefined);
    this.closed = true;
    this.worker = null;
    if (w !== null) await w.terminate();
  }

  private call(op: FaceOp, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('FaceMatcher sudah ditutup.'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const ms = this.options.callTimeoutMs ?? 60_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(worker, new FaceEngineError(`Pencocokan wajah tidak selesai dalam ${Math.round(ms / 1000)} detik.`));
      }, ms);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, op, args } satisfies FaceRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const { callTimeoutMs: _ignored, workerScript, ...matcherOptions } = this.options;
    const worker = spawn(matcherOptions, workerScript);
    worker.on('message', (res: FaceResponse) => {
      const p = this.pending.get(res.id);
      if (p === undefined) return;
      this.pending.delete(res.id);
      clearTimeout(p.timer);
      if (res.ok) {
        if (res.modelVersion !== null) this.version = res.modelVersion;
        p.resolve(res.value);
      } else p.reject(rebuild(res.error));
    });
    worker.on('error', (error) =>
      this.fail(worker, new FaceEngineError('Mesin pencocokan wajah berhenti.', { cause: error })),
    );
    worker.on('exit', () => this.fail(worker, new FaceEngineError('Mesin pencocokan wajah berhenti.')));
    this.worker = worker;
    return worker;
  }

  /** Rejects everything pending on this worker and forgets it (the next call starts a new one). */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }
}
