/**
 * Pixels for the face detector: decodes a JPEG/PNG (or anything sharp reads) into raw RGB with the
 * EXIF orientation applied and the longest side capped, and crops/pads raw images in plain JS so
 * the KTP portrait locator can give the detector grey context without re-encoding.
 */
import sharp from 'sharp';

/** Tightly packed RGB, 3 bytes per pixel, row-major. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An image the engine could not read; the message is for the verifier (Indonesian). */
export class FaceImageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaceImageError';
  }
}

/** Webcam frames and card scans above this are downscaled: SSD sees 512×512 anyway. */
export const MAX_IMAGE_SIDE = 1600;
export const PAD_GREY = 128;

export interface DecodedImage extends RawImage {
  /** decoded pixels per original pixel (≤ 1); boxes divide by it to map back. */
  scale: number;
}

export async function decodeImage(input: Buffer, label = 'Gambar', maxSide = MAX_IMAGE_SIDE): Promise<DecodedImage> {
  if (input.length === 0) throw new FaceImageError(`${label} kosong (0 byte).`);
  try {
    const pipeline = sharp(input, { failOn: 'error', limitInputPixels: 80_000_000 }).rotate();
    const meta = await pipeline.metadata();
    const { data, info } = await pipeline
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    const orientedWidth = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
    const scale = orientedWidth !== undefined && orientedWidth > 0 ? info.width / orientedWidth : 1;
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      scale,
    };
  } catch (err) {
    throw new FaceImageError(`${label} tidak dapat dibaca: bukan berkas gambar JPEG/PNG yang utuh.`, { cause: err });
  }
}

/** Integer box clamped to the image; null when nothing is left. */
export function clampBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function crop(img: RawImage, box: Box): RawImage {
  const b = clampBox(box, img.width, img.height);
  if (b === null) throw new RangeError('crop box outside the image');
  const out = new Uint8Array(b.width * b.height * 3);
  for (let row = 0; row < b.height; row++) {
    const src = ((b.y + row) * img.width + b.x) * 3;
    out.set(img.data.subarray(src, src + b.width * 3), row * b.width * 3);
  }
  return { data: out, width: b.width, height: b.height };
}

/**
 * Centres `img` on a grey canvas `areaFactor` times its area (each side × √areaFactor). The SSD
 * detector misses tight portrait crops; the grey margin restores the context it was trained on.
 */
export function padWithGrey(
  img: RawImage,
  areaFactor = 3,
  grey = PAD_GREY,
): { image: RawImage; offsetX: number; offsetY: number } {
  const side = Math.sqrt(Math.max(1, areaFactor));
  const width = Math.round(img.width * side);
  const height = Math.round(img.height * side);
  const offsetX = Math.floor((width - img.width) / 2);
  const offsetY = Math.floor((height - img.height) / 2);
  const out = new Uint8Array(width * height * 3).fill(grey);
  for (let row = 0; row < img.height; row++) {
    const src = row * img.width * 3;
    out.set(img.data.subarray(src, src + img.width * 3), ((offsetY + row) * width + offsetX) * 3);
  }
  return { image: { data: out, width, height }, offsetX, offsetY };
}
