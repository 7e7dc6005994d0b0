/**
 * FaceMatcher: the one object a service needs to compare a KTP portrait with a selfie. It holds a
 * reference to the shared warm runtime (runtime.ts), decodes images with sharp, runs a detector +
 * 68 landmarks + the 128-d recognition model, and turns the distance into the FaceMatchResult the
 * verifier sees (bands.ts). The card is described with SSD MobileNet v1 (small print faces), once,
 * at capture (describeCard → CardFace, stored with the reading); the decision then runs only
 * TinyFaceDetector 416 on the selfie (compareWithCard), then the screen check on the selfie face
 * (screen-pattern.ts, ≈ 10–45 ms). "No face" is a result with warnings, not an error; only
 * unreadable images (FaceImageError) and a failed model load (FaceEngineError) throw.
 */
import type { FaceMatchResult } from '../../../shared/domain/identity';
import { verdict } from './bands';
import { type CardFace, DESCRIPTOR_LENGTH } from './card-face';
import { type Box, decodeImage, type RawImage } from './image';
import { type DescribedFace, type FractionBox, type KtpPortrait, locateKtpPortrait } from './ktp-portrait';
import { acquireRuntime, exclusive, type FaceRuntime, type FaceRuntimeOptions, releaseRuntime } from './runtime';
import { screenPattern } from './screen-pattern';
import { locateSelfieFaces } from './selfie';

export type { CardFace } from './card-face';
export { FaceImageError } from './image';
export type { DescribedFace } from './ktp-portrait';
export { FaceEngineError } from './runtime';

export type Detector = 'ssd' | 'tiny';

export interface FaceMatcherOptions extends FaceRuntimeOptions {
  /** Detector confidence for selfie faces (counted for "several faces"). Default 0.5. */
  minConfidence?: number;
  /** Detector for the selfie. Default 'tiny' (≈ 3× faster than SSD on a 1280×720 frame, same descriptor). */
  selfieDetector?: Detector;
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

export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
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

  /** All faces in an image (selfie detector), largest first, boxes in the original image's pixels. */
  async describeAll(image: Buffer): Promise<{ box: Box; score: number; descriptor: Float32Array }[]> {
    return this.track(async () => {
      const img = await decodeImage(image);
      const faces = await this.describeRaw(img, undefined, this.selfieDetector);
      return faces.map((f) => ({ ...f, box: scaleBox(f.box, 1 / img.scale) }));
    });
  }

  /** Card and selfie in one call (describeCard + compareWithCard); durationMs covers both. */
  async compare(ktpImage: Buffer, selfie: Buffer): Promise<FaceMatchResult> {
    return (await this.compareDetailed(ktpImage, selfie)).result;
  }

  /**
   * compare() plus where the faces were found (for overlays and debugging). `durationMs` covers
   * decoding and detection, including any wait behind other decisions in the process-wide queue.
   */
  async compareDetailed(ktpImage: Buffer, selfie: Buffer): Promise<FaceComparison> {
    return this.track(async () => {
      await this.ready();
      const started = performance.now(); // the decision only, not a first call's model load
      const ktp = await this.locateCard(ktpImage);
      const card = this.cardFaceOf(ktp, performance.now() - started);
      const { result, selfieFaces } = await this.runSelfie(card, selfie, started);
      return { result, ktp, selfieFaces };
    });
  }

  /** The KTP portrait's descriptor, to store with the card's reading (SSD; ≈ 0.3–1 s). */
  async describeCard(ktpImage: Buffer): Promise<CardFace> {
    return this.track(async () => {
      await this.ready();
      const started = performance.now();
      return this.cardFaceOf(await this.locateCard(ktpImage), performance.now() - started);
    });
  }

  /** The decision with a stored card descriptor: only the selfie pass runs. */
  async compareWithCard(card: CardFace, selfie: Buffer): Promise<FaceMatchResult> {
    if (card.descriptor !== null && card.descriptor.length !== DESCRIPTOR_LENGTH)
      throw new RangeError(`card descriptor must have ${DESCRIPTOR_LENGTH} numbers`);
    return this.track(async () => {
      await this.ready();
      return (await this.runSelfie(card, selfie, performance.now())).result;
    });
  }

  private get selfieDetector(): Detector {
    return this.options.selfieDetector ?? 'tiny';
  }

  private async locateCard(ktpImage: Buffer): Promise<KtpPortrait> {
    const ktpRaw = await decodeImage(ktpImage, 'Gambar KTP');
    const describe = (img: RawImage, minConfidence?: number): Promise<DescribedFace[]> =>
      this.describeRaw(img, minConfidence, 'ssd');
    return locateKtpPortrait(ktpRaw, describe, this.options.ktpPortraitBox);
  }

  private cardFaceOf(ktp: KtpPortrait, durationMs: number): CardFace {
    return {
      descriptor: ktp.face === null ? null : Array.from(ktp.face.descriptor),
      insidePortraitArea: ktp.insidePortraitArea,
      score: ktp.face === null ? null : Math.round(ktp.face.score * 1000) / 1000,
      modelVersion: this.runtime?.modelVersion ?? '',
      durationMs: Math.round(durationMs),
    };
  }

  private async runSelfie(
    card: CardFace,
    selfie: Buffer,
    started: number,
  ): Promise<{ result: FaceMatchResult; selfieFaces: DescribedFace[] }> {
    const rt = await this.ready();
    const selfieRaw = await decodeImage(selfie, 'Swafoto');
    const describe = (img: RawImage, minConfidence?: number): Promise<DescribedFace[]> =>
      this.describeRaw(img, minConfidence, this.selfieDetector);
    const { faces: selfieFaces } = await locateSelfieFaces(selfieRaw, describe);
    const ktpDescriptor = card.descriptor;
    const distances = ktpDescriptor === null ? [] : selfieFaces.map((f) => euclidean(ktpDescriptor, f.descriptor));
    const primary = selfieFaces[0];
    const screen = primary === undefined ? null : screenPattern(selfieRaw, primary.box);
    const result = verdict(
      {
        ktpFaceFound: ktpDescriptor !== null,
        ktpOutsidePortraitArea: ktpDescriptor !== null && !card.insidePortraitArea,
        selfieFaceCount: selfieFaces.length,
        distance: distances[0] ?? null,
        otherDistances: distances.slice(1),
        screenPattern: screen?.suspected === true,
      },
      rt.modelVersion,
      performance.now() - started,
    );
    return { result, selfieFaces };
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

  /** Runs a detector on raw RGB; serialized process-wide. */
  private async describeRaw(
    img: RawImage,
    minConfidence = this.options.minConfidence ?? 0.5,
    detector: Detector = 'ssd',
  ): Promise<DescribedFace[]> {
    const { faceapi, tf } = await this.ready();
    return exclusive(async () => {
      const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      try {
        const options =
          detector === 'tiny'
            ? new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: minConfidence })
            : new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 20 });
        const found = await faceapi
          .detectAllFaces(input as never, options)
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
