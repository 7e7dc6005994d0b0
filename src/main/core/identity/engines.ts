/**
 * The identity desk's two engines (KTP OCR, face match) behind one seam: created on first use and
 * kept warm, so a host pays the start-up once and tests that never touch the desk pay nothing.
 * The KTP portrait is described once when the card is captured (describeKtpFace); the decision
 * reuses that descriptor when it comes from the running model, else describes the card again.
 */
import type { FaceMatchResult, KtpOcrResult } from '../../../shared/domain/identity';
import { type CardFace, usableCardFace } from '../face/card-face';

export interface DetectedFaces {
  frameHeight: number;
  faceHeights: number[];
}

export interface IdentityEngines {
  /** `hints.names`: the applicant's name as the desk knows it (restores word gaps OCR lost). */
  readKtp(image: Buffer, hints?: { names?: readonly string[] }): Promise<KtpOcrResult>;
  /** Faces in a small live preview frame (for the selfie hints); nothing is kept. */
  detectFaces(frame: Buffer): Promise<DetectedFaces>;
  /** The KTP portrait's descriptor, to store (sealed) with the reading. */
  describeKtpFace(ktpImage: Buffer): Promise<CardFace>;
  /** With `card` from the running model only the selfie is analysed (the ≤ 300 ms path). */
  compareFaces(ktpImage: Buffer, selfie: Buffer, card?: CardFace | null): Promise<FaceMatchResult>;
  close(): Promise<void>;
}

interface Loaders {
  ocr: () => Promise<{
    read(image: Buffer, hints?: { names?: readonly string[] }): Promise<KtpOcrResult>;
    close(): Promise<void> | void;
  }>;
  face: () => Promise<{
    compare(ktp: Buffer, selfie: Buffer): Promise<FaceMatchResult>;
    describeCard(ktp: Buffer): Promise<CardFace>;
    compareWithCard(card: CardFace, selfie: Buffer): Promise<FaceMatchResult>;
    readonly modelVersion: string | null;
    /** compare() plus where the KTP face was found, in decoded-image pixels (`scale`: decoded per original). */
    compareDetailed?(
      ktp: Buffer,
      selfie: Buffer,
    ): Promise<{ result: FaceMatchResult; ktp: { face: { box: FaceBox } | null } }>;
    describeAll(image: Buffer): Promise<{ box: { height: number } }[]>;
    close(): Promise<void> | void;
  }>;
  /** Height in pixels of an encoded image. */
  imageHeight: (image: Buffer) => Promise<number>;
  /** Width and height of the image as the face engine decoded it (oriented, capped); for the portrait box. */
  decodedSize?: (image: Buffer) => Promise<{ width: number; height: number }>;
}

interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The KTP face as fractions of the image, so the decision screen can show the portrait next to the selfie. */
function asFractions(box: FaceBox, size: { width: number; height: number }): FaceMatchResult['ktpFaceBox'] {
  if (size.width <= 0 || size.height <= 0) return undefined;
  return {
    x: box.x / size.width,
    y: box.y / size.height,
    width: box.width / size.width,
    height: box.height / size.height,
  };
}

export function lazyEngines(loaders: Loaders): IdentityEngines {
  let ocr: ReturnType<Loaders['ocr']> | null = null;
  let face: ReturnType<Loaders['face']> | null = null;
  return {
    async readKtp(image, hints) {
      ocr ??= loaders.ocr();
      return (await ocr).read(image, hints);
    },
    async detectFaces(frame) {
      face ??= loaders.face();
      const faces = await (await face).describeAll(frame);
      return { frameHeight: await loaders.imageHeight(frame), faceHeights: faces.map((f) => f.box.height) };
    },
    async describeKtpFace(ktpImage) {
      face ??= loaders.face();
      return (await face).describeCard(ktpImage);
    },
    async compareFaces(ktpImage, selfie, card) {
      face ??= loaders.face();
      const engine = await face;
      if (card !== undefined && card !== null && usableCardFace(card, engine.modelVersion))
        return engine.compareWithCard(card, selfie);
      // Without a stored card descriptor the card is described again; the engine can say where its face is.
      if (!engine.compareDetailed || !loaders.decodedSize) return engine.compare(ktpImage, selfie);
      const detailed = await engine.compareDetailed(ktpImage, selfie);
      const box = detailed.ktp.face?.box;
      return box
        ? { ...detailed.result, ktpFaceBox: asFractions(box, await loaders.decodedSize(ktpImage)) }
        : detailed.result;
    },
    async close() {
      const started = [ocr, face].filter((p): p is NonNullable<typeof p> => p !== null);
      await Promise.allSettled(started.map(async (p) => (await p).close()));
    },
  };
}
