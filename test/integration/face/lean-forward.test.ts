// The memory-lean detector passes (lean-forward.ts) against face-api's own, on the real models: the
// same boxes and scores to the last bit on a card and a webcam frame, no tensor left behind, and a
// fraction of the peak tensor memory (the reason they exist: the wasm heap never shrinks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeImage } from '../../../src/main/core/face/image';
import { acquireRuntime, type FaceRuntime, releaseRuntime } from '../../../src/main/core/face/runtime';
import { idPhoto, ktpCard, webcamFrame } from './derive';

const SLOW = 120_000;
let rt: FaceRuntime;
let images: { name: string; data: Uint8Array; width: number; height: number }[];

type Tensor = ReturnType<FaceRuntime['tf']['scalar']>;
interface NetInput {
  toBatchTensor(size: number, center?: boolean): Tensor;
}
interface SsdNet {
  forwardInput(input: NetInput): { boxes: Tensor[]; scores: Tensor[] };
}
interface TinyNet {
  forwardInput(input: NetInput, inputSize: number): Tensor;
}

beforeAll(async () => {
  rt = await acquireRuntime();
  const card = await decodeImage(await ktpCard(await idPhoto('grace_hopper')));
  const frame = await decodeImage(await webcamFrame('astronaut'));
  images = [
    { name: 'kartu', ...card },
    { name: 'swafoto', ...frame },
  ];
}, SLOW);

afterAll(async () => {
  await releaseRuntime();
});

/** Runs `job` with face-api's own method: the lean one is an own property shadowing the prototype's. */
function withFaceApiMethod<T>(net: object, key: string, job: () => T): T {
  const lean = Object.getOwnPropertyDescriptor(net, key);
  expect(lean, `${key} is replaced on the instance`).toBeDefined();
  Reflect.deleteProperty(net, key);
  try {
    return job();
  } finally {
    Object.defineProperty(net, key, lean as PropertyDescriptor);
  }
}

async function netInput(img: (typeof images)[number]): Promise<{ input: NetInput; dispose: () => void }> {
  const t = rt.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
  const input = (await rt.faceapi.toNetInput(t as never)) as unknown as NetInput;
  return { input, dispose: () => t.dispose() };
}

/** Tensor bytes alive at the pass's peak beyond what was alive before it (tfjs' own accounting). */
async function peakBytes(pass: () => Tensor[]): Promise<number> {
  const before = rt.tf.memory().numBytes;
  const info = await rt.tf.profile(() => {
    rt.tf.dispose(pass());
    return [];
  });
  return info.peakBytes - before;
}

const values = (ts: Tensor[]): number[][] => ts.map((t) => Array.from(t.dataSync()));

describe('memory-lean detector passes', () => {
  it(
    'SSD: face-api’s boxes and scores bit for bit, no tensor left, under half the peak memory',
    async () => {
      const net = rt.faceapi.nets.ssdMobilenetv1 as unknown as SsdNet;
      const run = (input: NetInput): Tensor[] => {
        const { boxes, scores } = net.forwardInput(input);
        return [...boxes, ...scores];
      };
      for (const img of images) {
        const { input, dispose } = await netInput(img);
        const before = rt.tf.memory().numTensors;
        const lean = run(input);
        expect(rt.tf.memory().numTensors - before, img.name).toBe(2); // boxes and scores of one image
        const faceApi = withFaceApiMethod(net, 'forwardInput', () => run(input));
        expect(lean[1]?.size, img.name).toBe(5118); // SSD's anchor count
        expect(values(lean), img.name).toEqual(values(faceApi));
        rt.tf.dispose([...lean, ...faceApi]);
        const leanPeak = await peakBytes(() => run(input));
        const faceApiPeak = await peakBytes(() => withFaceApiMethod(net, 'forwardInput', () => run(input)));
        expect(leanPeak, img.name).toBeLessThan(faceApiPeak / 2);
        expect(rt.tf.memory().numTensors, img.name).toBe(before);
        dispose();
      }
    },
    SLOW,
  );

  it(
    'tiny detector: face-api’s output grid bit for bit, no tensor left, less peak memory',
    async () => {
      const net = rt.faceapi.nets.tinyFaceDetector as unknown as TinyNet;
      const run = (input: NetInput): Tensor[] => [net.forwardInput(input, 416)];
      const tensorsAtStart = rt.tf.memory().numTensors;
      for (const img of images) {
        const { input, dispose } = await netInput(img);
        const before = rt.tf.memory().numTensors;
        const lean = run(input);
        expect(rt.tf.memory().numTensors - before, img.name).toBe(1);
        const faceApi = withFaceApiMethod(net, 'runMobilenet', () => run(input));
        expect(lean[0]?.shape, img.name).toEqual([1, 13, 13, 25]); // 416 / 32 cells, 5 anchors × (box + score)
        expect(values(lean), img.name).toEqual(values(faceApi));
        rt.tf.dispose([...lean, ...faceApi]);
        expect(rt.tf.memory().numTensors, img.name).toBe(before);
        dispose();
      }
      // The peak on a 416×416 frame: face-api's own input preparation (padding a frame to a square,
      // left as it is) would otherwise hide the net's share. First layer, 414×414×16: face-api holds
      // six such maps at once (conv, bias, and leaky's four), the lean pass three.
      const frame = images[1] ?? images[0];
      if (frame === undefined) throw new Error('no frame');
      const square = rt.tf.tidy(() =>
        rt.tf.image.resizeBilinear(rt.tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32'), [416, 416]),
      );
      const input = (await rt.faceapi.toNetInput(square as never)) as unknown as NetInput;
      const leanPeak = await peakBytes(() => run(input));
      const faceApiPeak = await peakBytes(() => withFaceApiMethod(net, 'runMobilenet', () => run(input)));
      expect(leanPeak).toBeLessThan(faceApiPeak * 0.7);
      square.dispose();
      expect(rt.tf.memory().numTensors).toBe(tensorsAtStart);
    },
    SLOW,
  );
});
