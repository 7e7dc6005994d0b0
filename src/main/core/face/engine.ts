/**
 * FaceMatcher: the one object a service needs to compare a KTP portrait with a selfie. It holds a
 * reference to the shared warm runtime (runtime.ts), decodes images with sharp, runs SSD
 * MobileNet v1 + 68 landmarks + the 128-d recognition model, and turns the distance into the
 * FaceMatchResult the verifier sees (bands.ts). "No face" is a result with warnings, not an error;
 * only unreadable images (FaceImageError) and a failed model load (FaceEngineError) throw.
 */
import type { FaceMatchResult } from '../../../shared/domain/identity';
import { verdict } from './bands';
import { type Box, decodeImage, type RawImage } from './image';
import { type DescribedFace, type FractionBox, type KtpPortrait, locateKtpPortrait } from './ktp-portrait';
import { acquireRuntime, exclusive, type FaceRuntime, type FaceRuntimeOptions, releaseRuntime } from './runtime';
import { locateSelfieFaces } from './selfie';

export { FaceImageError } from './image';
export type { DescribedFace } from './ktp-portrait';
export { FaceEngineError } from './runtime';

export interface FaceMatcherOptions extends FaceRuntimeOptions {
  /** SSD confidence for selfie faces (counted for "several faces"). Default 0.5. */
  minConfidence?: number;
  /** Where the portrait sits on the card, as fractions; default the e-KTP layout. */
  ktpPortraitBox?: FractionBox;
}

export interface FaceComparison {
  result: FaceMatchResult;
  /** Where the KTP face was found (decoded-image coordinates) and how. */
  ktp: KtpPortrait;
  /** Every selfie face, largest first; the first is the one compared. */
  selfieFaces: DescribedFace[];
}

export function euclidean(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export class FaceMatcher {
  private runtime: FaceRuntime | null = null;
  private initializing: Promise<FaceRuntime> | null = null;
  private closed = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: FaceMatcherOptions = {}) {}

  /** Loads tfjs-wasm and the models (first matcher in the process: ≈ 0.6–1.2 s; later: instant). */
  async init(): Promise<void> {
    await this.ready();
  }

  get modelVersion(): string | null {
    return this.runtime?.modelVersion ?? null;
  }

  /** All faces in an image, largest first, boxes in the original image's pixels. */
  async describeAll(image: Buffer): Promise<{ box: Box; score: number; descriptor: Float32Array }[]> {
    return this.track(async () => {
      const img = await decodeImage(image);
      const faces = await this.describeRaw(img);
      return faces.map((f) => ({ ...f, box: scaleBox(f.box, 1 / img.scale) }));
    });
  }

  async compare(ktpImage: Buffer, selfie: Buffer): Promise<FaceMatchResult> {
    return (await this.compareDetailed(ktpImage, selfie)).result;
  }

  /**
   * compare() plus where the faces were found (for overlays and debugging). `durationMs` covers
   * decoding and detection, including any wait behind other decisions in the process-wide queue.
   */
  async compareDetailed(ktpImage: Buffer, selfie: Buffer): Promise<FaceComparison> {
    return this.track(() => this.runCompare(ktpImage, selfie));
  }

  private async runCompare(ktpImage: Buffer, selfie: Buffer): Promise<FaceComparison> {
    const rt = await this.ready();
    const started = performance.now(); // the decision only, not a first call's model load
    const [ktpRaw, selfieRaw] = await Promise.all([
      decodeImage(ktpImage, 'Gambar KTP'),
      decodeImage(selfie, 'Swafoto'),
    ]);
    const describe = (img: RawImage, minConfidence?: number): Promise<DescribedFace[]> =>
      this.describeRaw(img, minConfidence);
    const ktp = await locateKtpPortrait(ktpRaw, describe, this.options.ktpPortraitBox);
    const { faces: selfieFaces } = await locateSelfieFaces(selfieRaw, describe);
    const ktpFace = ktp.face;
    const distances = ktpFace === null ? [] : selfieFaces.map((f) => euclidean(ktpFace.descriptor, f.descriptor));
    const result = verdict(
      {
        ktpFaceFound: ktp.face !== null,
        ktpOutsidePortraitArea: ktp.face !== null && !ktp.insidePortraitArea,
        selfieFaceCount: selfieFaces.length,
        distance: distances[0] ?? null,
        otherDistances: distances.slice(1),
      },
      rt.modelVersion,
      performance.now() - started,
    );
    return { result, ktp, selfieFaces };
  }

  /** Releases this matcher's hold on the shared runtime; the last matcher closed frees the weights. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inflight]); // let running decisions finish on live weights
    const pending = this.initializing;
    this.runtime = null;
    this.initializing = null;
    if (
      pending !== null &&
      (await pending.then(
        () => true,
        () => false,
      ))
    )
      await releaseRuntime();
  }

  private track<T>(job: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('FaceMatcher sudah ditutup.'));
    const p = job();
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  private async ready(): Promise<FaceRuntime> {
    if (this.runtime !== null) return this.runtime; // also for decisions finishing during close()
    if (this.closed) throw new Error('FaceMatcher sudah ditutup.');
    if (this.initializing === null) {
      const attempt = acquireRuntime(this.options);
      this.initializing = attempt;
      attempt.catch(() => {
        if (this.initializing === attempt) this.initializing = null;
      });
    }
    this.runtime = await this.initializing;
    return this.runtime;
  }

  /** Runs the detector on raw RGB; serialized process-wide. */
  private async describeRaw(
    img: RawImage,
    minConfidence = this.options.minConfidence ?? 0.5,
  ): Promise<DescribedFace[]> {
    const { faceapi, tf } = await this.ready();
    return exclusive(async () => {
      const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      try {
        const found = await faceapi
          .detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 20 }))
          .withFaceLandmarks()
          .withFaceDescriptors();
        return found
          .map((f) => ({
            box: {
              x: f.detection.box.x,
              y: f.detection.box.y,
              width: f.detection.box.width,
              height: f.detection.box.height,
            },
            score: f.detection.score,
            descriptor: f.descriptor,
          }))
          .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      } finally {
        input.dispose();
      }
    });
  }
}

function scaleBox(b: Box, k: number): Box {
  return { x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k };
}
