/**
 * The process-wide face runtime: tfjs with the wasm backend and the three face-api models, loaded
 * once from local files (never a CDN) and shared by every FaceMatcher. tfjs keeps its engine in a
 * global, so one runtime per process is all there can be; this module makes that explicit, puts a
 * timeout on the load, reference-counts users so the weights are freed when the last one closes,
 * and serializes inference (one detection at a time keeps memory flat and timings honest).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as TfCore from '@tensorflow/tfjs';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';

import { FACE_MODEL_NAMES, modelVersionString } from './bands';
import { installLeanForwards } from './lean-forward';

export type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');
/** face-api's node-wasm build re-exports all of tfjs and the wasm backend as `tf`; its typings list only a subset. */
export type Tf = typeof TfCore & typeof TfWasm;

export interface FaceRuntimeOptions {
  /** Folder with the face-api `*-weights_manifest.json` + `.bin` files. Default: the package's `model/`. */
  modelDir?: string;
  /** Folder with `tfjs-backend-wasm*.wasm`. Default: the package's `dist/`. */
  wasmDir?: string;
  /** Give up on loading after this long (ms). Default 30 s. */
  initTimeoutMs?: number;
}

export interface FaceRuntime {
  faceapi: FaceApi;
  tf: Tf;
  modelVersion: string;
  /** Milliseconds the cold load took. */
  loadMs: number;
}

export class FaceEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaceEngineError';
  }
}

const MODEL_FILES: Record<(typeof FACE_MODEL_NAMES)[number], string> = {
  ssd_mobilenetv1: 'ssd_mobilenetv1_model-weights_manifest.json',
  tiny_face_detector: 'tiny_face_detector_model-weights_manifest.json',
  face_landmark_68: 'face_landmark_68_model-weights_manifest.json',
  face_recognition: 'face_recognition_model-weights_manifest.json',
};

/**
 * Resolves a package folder next to this code. Under tsx/Node `import.meta.url` is set; in the
 * esbuild CJS bundle it is empty, so fall back to the working directory (the app root) — pass
 * explicit dirs from the Electron host when the app is packaged.
 */
function packageDir(pkg: string, sub: string): string {
  const base =
    typeof import.meta.url === 'string' && import.meta.url !== ''
      ? import.meta.url
      : pathToFileURL(path.join(process.cwd(), 'index.js')).href;
  return path.join(path.dirname(createRequire(base).resolve(`${pkg}/package.json`)), sub);
}

export function defaultModelDir(): string {
  return packageDir('@vladmandic/face-api', 'model');
}

export function defaultWasmDir(): string {
  return packageDir('@tensorflow/tfjs-backend-wasm', 'dist');
}

let loading: Promise<FaceRuntime> | null = null;
let users = 0;
let queue: Promise<unknown> = Promise.resolve();

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FaceEngineError(`Model pencocokan wajah tidak selesai dimuat dalam ${Math.round(ms / 1000)} detik.`),
        ),
      ms,
    );
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function load(opts: FaceRuntimeOptions): Promise<FaceRuntime> {
  const started = performance.now();
  const modelDir = path.resolve(opts.modelDir ?? defaultModelDir());
  const wasmDir = path.resolve(opts.wasmDir ?? defaultWasmDir());
  for (const file of Object.values(MODEL_FILES)) {
    if (!existsSync(path.join(modelDir, file)))
      throw new FaceEngineError(`Berkas model wajah tidak ditemukan: ${path.join(modelDir, file)}`);
  }
  if (!existsSync(path.join(wasmDir, 'tfjs-backend-wasm.wasm')))
    throw new FaceEngineError(`Berkas tfjs wasm tidak ditemukan di ${wasmDir}`);

  const before = {
    uncaught: process.listeners('uncaughtException'),
    rejection: process.listeners('unhandledRejection'),
  };
  const faceapi: FaceApi = await import('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const tf = faceapi.tf as unknown as Tf;
  // A local folder with a trailing separator: without it the backend fetches the wasm from a CDN.
  tf.setWasmPaths(wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep);
  try {
    if (!(await tf.setBackend('wasm'))) throw new FaceEngineError('Backend tfjs wasm gagal dijalankan.');
    await tf.ready();
  } finally {
    dropListenersAddedSince(before);
  }
  tf.enableProdMode();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  installLeanForwards(faceapi.nets, tf);
  await warmUp(faceapi, tf);
  return {
    faceapi,
    tf,
    modelVersion: modelVersionString(faceapi.version, tf.version_core),
    loadMs: performance.now() - started,
  };
}

/**
 * One pass of every net on a blank frame: the first inference sets up every kernel, packs its
 * weights and grows the wasm heap (≈ 0.5–1 s), so pay it in init() rather than in the verifier's
 * first decision. Smallest first: the three small nets pack their weights while little else is
 * alive (the tiny detector at 32 px), then SSD's large activations come above them. Packing in
 * between SSD's activations left holes the next passes could not reuse (a bare Node process with
 * the bundled worker settled at ≈ 415–427 MB RSS with SSD first, ≈ 400 MB this way; wasm memory
 * never shrinks).
 */
async function warmUp(faceapi: FaceApi, tf: Tf): Promise<void> {
  const blank = tf.fill([160, 160, 3], 128, 'int32');
  try {
    await faceapi.detectAllFaces(blank as never, new faceapi.TinyFaceDetectorOptions({ inputSize: 32 }));
    // A blank frame has no face, so run the landmark and recognition nets on it directly.
    await faceapi.nets.faceLandmark68Net.detectLandmarks(blank as never);
    await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(blank as never);
    await faceapi.detectAllFaces(blank as never, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 }));
  } finally {
    blank.dispose();
  }
}

/**
 * The emscripten glue of tfjs-backend-wasm installs process-wide `uncaughtException` and
 * `unhandledRejection` handlers that rethrow (printing the whole minified wasm glue). They would
 * override the host's own handlers, so they are removed once the backend is up.
 */
function dropListenersAddedSince(before: { uncaught: unknown[]; rejection: unknown[] }): void {
  for (const l of process.listeners('uncaughtException'))
    if (!before.uncaught.includes(l)) process.removeListener('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection'))
    if (!before.rejection.includes(l)) process.removeListener('unhandledRejection', l);
}

/** Loads (once) and registers one user. Rejects with FaceEngineError on missing files or timeout. */
export async function acquireRuntime(opts: FaceRuntimeOptions = {}): Promise<FaceRuntime> {
  if (loading === null) {
    const attempt = load(opts);
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null; // let a later init retry
    });
  }
  const runtime = await withTimeout(loading, opts.initTimeoutMs ?? 30_000).catch((err: unknown) => {
    if (err instanceof FaceEngineError) throw err;
    throw new FaceEngineError('Model pencocokan wajah gagal dimuat.', { cause: err });
  });
  users++;
  return runtime;
}

/** Unregisters one user; the last one out frees the model weights (a later acquire reloads them). */
export async function releaseRuntime(): Promise<void> {
  if (users === 0) return;
  users--;
  if (users > 0 || loading === null) return;
  const current = loading;
  await exclusive(async () => {
    if (users > 0 || loading !== current) return;
    loading = null;
    const rt = await current;
    rt.faceapi.nets.ssdMobilenetv1.dispose();
    rt.faceapi.nets.tinyFaceDetector.dispose();
    rt.faceapi.nets.faceLandmark68Net.dispose();
    rt.faceapi.nets.faceRecognitionNet.dispose();
  });
}

/** Runs inference work one job at a time across all matchers in the process. */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}
