/**
 * The face worker thread: one FaceMatcher (tfjs wasm + face-api) off the core's event loop, so a
 * face decision (≈ 0.2–1 s of wasm inference) never stalls IPC, HTTP or the database. Started by
 * FaceWorker (worker-client.ts); bundled on its own as dist/main/face-worker.cjs for the app.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { lowerThreadPriority, WAITED_ON_NICE } from '../workers/background-priority';
import type { CardFace } from './card-face';
import { FaceMatcher, type FaceMatcherOptions } from './engine';
import type { FaceRequest, FaceResponse } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('face worker must run in a worker thread');
lowerThreadPriority(WAITED_ON_NICE);
const matcher = new FaceMatcher((workerData ?? {}) as FaceMatcherOptions);

function bytes(value: unknown): Buffer {
  if (!(value instanceof Uint8Array)) throw new TypeError('expected image bytes');
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

async function run(req: FaceRequest): Promise<unknown> {
  const [a, b] = req.args;
  switch (req.op) {
    case 'init':
      return matcher.init();
    case 'describeAll':
      return matcher.describeAll(bytes(a));
    case 'compare':
      return matcher.compare(bytes(a), bytes(b));
    case 'describeCard':
      return matcher.describeCard(bytes(a));
    case 'compareWithCard':
      return matcher.compareWithCard(a as CardFace, bytes(b));
    case 'close':
      return matcher.close();
  }
}

port.on('message', (req: FaceRequest) => {
  run(req).then(
    (value) =>
      port.postMessage({ id: req.id, ok: true, value, modelVersion: matcher.modelVersion } satisfies FaceResponse),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: req.id, ok: false, error: { name: e.name, message: e.message } } satisfies FaceResponse);
    },
  );
});
