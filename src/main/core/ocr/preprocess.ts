/**
 * Prepares a KTP photo for Tesseract. The steps and their order are the ones measured in
 * identity-desk.md (degraded set, 13 text fields: none 71 % → this pipeline 99 %):
 *  1. EXIF-rotate and bring to a working size (≤ 1400 px wide; never enlarged here, so the maths is cheap).
 *  1b. Photos: find the card's four corners by its blue stock and rectify the perspective, quarter
 *     turns and an upside-down card (card-locator.ts); then steps 2–3 are not needed. When no
 *     card-shaped blob is found (a scan filling the frame, a blue desk), steps 2–3 run as before.
 *  2. Deskew by projection profile on a flat-fielded copy: Tesseract's own line finder copes badly with
 *     3–8° tilts, and PSM 6 assumes horizontal lines.
 *  3. Find the card by its light-blue stock (blue ≫ red) and cut the background away, so the
 *     layout fractions below refer to the card, not the photo around it.
 *  4. Blank the photo column (right ~25 % below the header): the portrait, signature and issue
 *     place/date otherwise bleed into the value lines ("ISLAM TRENGGALEK"). The header band is kept
 *     full width because long province names run over the photo's column.
 *  5. Blue channel: the card's blue background and its guilloche are bright there, the black print
 *     stays dark — the best single-channel contrast.
 *  6. Flat-field (divide by a heavy blur): removes uneven light, vignetting and the card's gradient.
 *  6b. A smear from a hand that moved (motion-blur.ts) is measured on every card (~50 ms) and,
 *     when asked (`deblur`) and the card is smeared, undone by Richardson–Lucy deconvolution.
 *  7. Upscale to ~1800 px wide (Tesseract's LSTM wants x-heights of ~20–30 px; the KTP's small
 *     print is ~10 px at webcam resolution).
 * No binarization: Otsu/Sauvola made accuracy worse and recognition up to 40× slower.
 */
import sharp from 'sharp';

import { CARD_ASPECT, type CardPixels, locateCardQuad, orientation, rectify } from './card-locator';
import { type Box, estimateSkew, findBlueCard, flatField, type Plane } from './image-ops';
import { estimateMotionBlur, isSmeared, type MotionBlur, undoMotionBlur } from './motion-blur';

export interface PreprocessedKtp {
  /** 8-bit greyscale PNG, ready for Tesseract. */
  png: Buffer;
  width: number;
  height: number;
  /** Rotation applied, degrees (sharp's convention: positive = clockwise). */
  rotatedDeg: number;
  /** Whether the card was found by colour (else the whole frame was taken as the card). */
  cardFound: boolean;
  /** How: its four corners (perspective rectified, card-locator.ts), a bounding box after deskew, or not at all. */
  located: 'quad' | 'box' | 'none';
  /** Quarter turns undone (0/90/180/270, clockwise), and whether the upright/upside-down call was clear. */
  turnedDeg: number;
  orientationCertain: boolean;
  /** The smear measured on the card (motion-blur.ts; length in pixels of the card before upscaling), and whether it was undone. */
  motionBlur: MotionBlur | null;
  deblurred: boolean;
  /** When deblurred: the same card with the smear left alone (same size and layout as `png`). */
  asPhotographed: Buffer | null;
}

const WORK_MAX_WIDTH = 1400;
export const TARGET_WIDTH = 1800;
/** Layout of an e-KTP as fractions of the card: the photo column starts right of the value column. */
const PHOTO_COLUMN_X = 0.745;
const HEADER_BOTTOM_Y = 0.175;
/** The label column starts ~3 % in from the card's left edge (32 px of 1012). */
const EDGE_MARGIN = 0.015;

async function rawRgb(img: sharp.Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`KTP: expected RGB, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

function channel(rgb: { data: Buffer; width: number; height: number }, c: 0 | 1 | 2): Plane {
  const n = rgb.width * rgb.height;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rgb.data[i * 3 + c] ?? 0;
  return { data, width: rgb.width, height: rgb.height };
}

/** 1 where the pixel is card-blue (blue exceeds red clearly), else 0. */
function bluenessMask(rgb: { data: Buffer; width: number; height: number }): Uint8Array {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rgb.data[i * 3] ?? 0;
    const b = rgb.data[i * 3 + 2] ?? 0;
    out[i] = b - r > 12 && b > 60 ? 1 : 0;
  }
  return out;
}

/**
 * `locate`: how the card is found — 'blue' (default), 'blueOrWhite' (a card a flash washed out in
 * part), or 'box' (no corners: deskew and the blue bounding box, the path for scans and for a quad
 * that read badly).
 */
export type LocateMode = CardPixels | 'box';

/** How a card is prepared: the reader's first reading asks only for `deblur`; the others are its retries. */
export interface PreprocessWay {
  locate?: LocateMode;
  /**
   * The card the other way up from what the orientation check decided. Turning the finished image
   * instead would keep the photo column blanked on the wrong side, over the labels of a card that
   * was upside down.
   */
  halfTurn?: boolean;
  /** Undo the motion smear measured on the card, when there is one (motion-blur.ts). */
  deblur?: boolean;
}

export async function preprocessKtp(
  image: Buffer,
  targetWidth: number = TARGET_WIDTH,
  { locate = 'blue', halfTurn = false, deblur = false }: PreprocessWay = {},
): Promise<PreprocessedKtp> {
  const input = sharp(image, { failOn: 'none', limitInputPixels: 40_000_000 }).rotate();
  const first = await rawRgb(input.resize({ width: WORK_MAX_WIDTH, withoutEnlargement: true }));
  const fromRaw = () => sharp(first.data, { raw: { width: first.width, height: first.height, channels: 3 } });

  // 1b. A photographed card: corners → upright rectangle.
  const quad = locate === 'box' ? null : locateCardQuad(first, locate);
  if (quad !== null) {
    const w = Math.min(
      WORK_MAX_WIDTH,
      Math.max(600, Math.round(Math.hypot(quad.tr.x - quad.tl.x, quad.tr.y - quad.tl.y))),
    );
    let card = rectify(first, quad, w, Math.round(w / CARD_ASPECT));
    const o = orientation(card);
    const deg = halfTurn ? 180 - o.deg : o.deg;
    if (deg === 180) card = turnAround(card);
    // The top and bottom edges' mean angle: quarter turns plus the residual tilt that was undone.
    const edgeDeg =
      ((Math.atan2(quad.tr.y - quad.tl.y, quad.tr.x - quad.tl.x) +
        Math.atan2(quad.br.y - quad.bl.y, quad.br.x - quad.bl.x)) *
        90) /
      Math.PI;
    const quarter = Math.round(edgeDeg / 90) * 90;
    const turned = (quarter + deg + 360) % 360;
    return finish(
      { data: Buffer.from(card.data), width: card.width, height: card.height },
      { left: 0, top: 0, width: card.width, height: card.height },
      targetWidth,
      deblur,
      {
        rotatedDeg: Math.abs(quarter - edgeDeg) < 0.2 ? 0 : Math.round((quarter - edgeDeg) * 100) / 100,
        cardFound: true,
        located: 'quad',
        turnedDeg: turned,
        orientationCertain: o.certain,
      },
    );
  }

  // 2. Skew from the blue channel, flat-fielded so shadows are not mistaken for lines.
  const skew = estimateSkew(flatField(channel(first, 2), first.width / 40));
  const rotatedDeg = Math.abs(skew) < 0.2 ? 0 : -skew;
  const deskewed = rotatedDeg === 0 ? first : await rawRgb(fromRaw().rotate(rotatedDeg, { background: '#ffffff' }));
  const straight = halfTurn ? turnAround(deskewed) : deskewed;

  // 3. The card's box within the straightened frame.
  const card: Box | null = findBlueCard(bluenessMask(straight), straight.width, straight.height);
  const box: Box = card ?? { left: 0, top: 0, width: straight.width, height: straight.height };

  return finish(straight, box, targetWidth, deblur, {
    rotatedDeg,
    cardFound: card !== null,
    located: card === null ? 'none' : 'box',
    turnedDeg: halfTurn ? 180 : 0,
    orientationCertain: false,
  });
}

/** Steps 4–7 on the card's box within an upright RGB frame. */
async function finish(
  straight: { data: Buffer; width: number; height: number },
  box: Box,
  targetWidth: number,
  deblur: boolean,
  meta: Omit<PreprocessedKtp, 'png' | 'width' | 'height' | 'motionBlur' | 'deblurred' | 'asPhotographed'>,
): Promise<PreprocessedKtp> {
  // 5 + 6. Blue channel of the card, flat-fielded.
  const blue = channel(straight, 2);
  const cropped = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const srcRow = (box.top + y) * straight.width + box.left;
    cropped.set(blue.data.subarray(srcRow, srcRow + box.width), y * box.width);
  }
  const flatFielded = flatField({ data: cropped, width: box.width, height: box.height }, box.width / 40);
  // 6b. A smear from a moving hand, measured on every card; undone when asked and found.
  const motionBlur = estimateMotionBlur(flatFielded);
  const deblurred = deblur && isSmeared(motionBlur);
  const flat = deblurred ? undoMotionBlur(flatFielded, motionBlur) : flatFielded;

  const targetHeight = Math.round((box.height * targetWidth) / box.width);
  const png = await forTesseract(flat, targetWidth, targetHeight);
  // The reader also reads a deblurred card as photographed (engine.ts): it is made here, once.
  const asPhotographed = deblurred ? await forTesseract(flatFielded, targetWidth, targetHeight) : null;
  return { png, width: targetWidth, height: targetHeight, ...meta, motionBlur, deblurred, asPhotographed };
}

/** Steps 4 and 7: the prepared plane blanked where it would mislead and upscaled, as an 8-bit PNG. */
async function forTesseract(flat: Plane, targetWidth: number, targetHeight: number): Promise<Buffer> {
  const { width, height } = flat;
  // 4. Blank the photo column below the header, and a thin frame where the card's edge and
  // rounded corners would otherwise be read as "|" and "~" in front of the labels.
  const px = Math.round(width * PHOTO_COLUMN_X);
  const py = Math.round(height * HEADER_BOTTOM_Y);
  const mx = Math.round(width * EDGE_MARGIN);
  const my = Math.round(height * EDGE_MARGIN);
  const bytes = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const blank = (y >= py && x >= px) || x < mx || y < my || x >= width - mx || y >= height - my;
      bytes[i] = blank ? 255 : Math.round(flat.data[i] ?? 255);
    }
  }
  // 7. Upscale (Lanczos keeps stroke edges crisp without binarizing).
  return sharp(bytes, { raw: { width, height, channels: 1 } })
    .resize(targetWidth, targetHeight, { kernel: 'lanczos3' })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** 180°: the pixel order reversed. */
function turnAround(img: { data: Uint8Array | Buffer; width: number; height: number }) {
  const n = img.width * img.height;
  const out = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    const j = (n - 1 - i) * 3;
    out[i * 3] = img.data[j] ?? 0;
    out[i * 3 + 1] = img.data[j + 1] ?? 0;
    out[i * 3 + 2] = img.data[j + 2] ?? 0;
  }
  return { data: out, width: img.width, height: img.height };
}
