/**
 * Finds the portrait on a KTP image. The e-KTP prints it on the right (about x 0.70–0.95,
 * y 0.18–0.75 of the card); a card photographed or scanned at desk resolution gives a small,
 * washed-out face that SSD often misses when cropped tightly, so every crop handed to the detector
 * carries a grey margin (identity-desk.md). Passes: the card's right side padded to 3× its area →
 * the standard portrait box padded to 8× → the right side with a thin margin → the whole card; an
 * image that is not card-shaped (already a portrait crop) is described as is, then padded 3× and
 * 8×. A face centred in the portrait box is preferred over any other face on the card.
 */
import { type Box, crop, padWithGrey, type RawImage } from './image';

export interface DescribedFace {
  /** In the coordinates of the image that was described. */
  box: Box;
  score: number;
  descriptor: Float32Array;
}

/** Describes every face in a raw image, largest first. `minConfidence` defaults to the engine's. */
export type DescribeRaw = (img: RawImage, minConfidence?: number) => Promise<DescribedFace[]>;

/** Fractions of the card (ISO ID-1, 85.6 × 54 mm). */
export interface FractionBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const KTP_PORTRAIT_BOX: FractionBox = { x0: 0.7, y0: 0.18, x1: 0.95, y1: 0.75 };
/** Generous right-hand region scanned first: tolerates loose framing and a few degrees of tilt. */
export const KTP_SEARCH_REGION: FractionBox = { x0: 0.55, y0: 0.04, x1: 1, y1: 0.96 };
/** Crops from a degraded print are less confident than live faces: accepted from here … */
export const KTP_MIN_CONFIDENCE = 0.3;
/** … and the search stops at the first face this confident. */
export const KTP_CONFIDENT = 0.6;

export interface KtpPortrait {
  /** The face, box in the KTP image's (decoded) coordinates; null when none was found. */
  face: DescribedFace | null;
  /** Whether the image had a card's aspect ratio (else it was treated as a portrait crop). */
  cardShaped: boolean;
  /** The face lies on the card's right side, where the portrait is printed (always true for a portrait crop). */
  insidePortraitArea: boolean;
  /** Detector passes run (each ≈ 0.3 s). */
  passes: number;
}

/** ID-1 is 1.586:1; allow perspective and loose framing. */
export function looksLikeCard(width: number, height: number): boolean {
  const r = width / height;
  return r >= 1.3 && r <= 1.9;
}

export function fractionToBox(f: FractionBox, width: number, height: number): Box {
  return { x: f.x0 * width, y: f.y0 * height, width: (f.x1 - f.x0) * width, height: (f.y1 - f.y0) * height };
}

function shift(face: DescribedFace, dx: number, dy: number): DescribedFace {
  return { ...face, box: { ...face.box, x: face.box.x + dx, y: face.box.y + dy } };
}

/** Describes `region` of `img` on a grey margin; boxes come back in `img` coordinates. */
async function describeRegion(
  img: RawImage,
  region: Box,
  areaFactor: number,
  describe: DescribeRaw,
): Promise<DescribedFace[]> {
  const part = crop(img, region);
  const padded = padWithGrey(part, areaFactor);
  const faces = await describe(padded.image, KTP_MIN_CONFIDENCE);
  return faces.map((f) =>
    shift(f, Math.max(0, Math.floor(region.x)) - padded.offsetX, Math.max(0, Math.floor(region.y)) - padded.offsetY),
  );
}

function centreInside(face: DescribedFace, box: Box): boolean {
  const cx = face.box.x + face.box.width / 2;
  const cy = face.box.y + face.box.height / 2;
  return cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height;
}

/** The most confident face centred in the portrait box, else the most confident anywhere. */
function pick(faces: DescribedFace[], portrait: Box | null): DescribedFace | null {
  const byScore = [...faces].sort((a, b) => b.score - a.score);
  if (portrait !== null) {
    const inside = byScore.find((f) => centreInside(f, portrait));
    if (inside !== undefined) return inside;
  }
  return byScore[0] ?? null;
}

/**
 * Detector passes as [region, grey padding as area factor], most likely first. SSD's hit rate on a
 * small, dithered portrait swings with scale and margin (27 derived cards, CALIBRATION.md: right
 * side ×3 19/27, portrait box ×8 21/27, right side ×1.3 16/27, whole card 19/27, portrait box ×3
 * 7/27, tight crop 1/27), so several framings are tried; the first face at KTP_CONFIDENT inside the
 * portrait box ends the search, else the best face at or above KTP_MIN_CONFIDENCE wins.
 */
function cardPasses(img: RawImage, portrait: Box, search: Box): [Box, number][] {
  return [
    [search, 3],
    [portrait, 8],
    [search, 1.3],
    [{ x: 0, y: 0, width: img.width, height: img.height }, 1],
  ];
}

export async function locateKtpPortrait(
  img: RawImage,
  describe: DescribeRaw,
  portraitBox: FractionBox = KTP_PORTRAIT_BOX,
): Promise<KtpPortrait> {
  const cardShaped = looksLikeCard(img.width, img.height);
  const portrait = cardShaped ? fractionToBox(portraitBox, img.width, img.height) : null;
  const search = cardShaped ? fractionToBox(KTP_SEARCH_REGION, img.width, img.height) : null;
  const whole: Box = { x: 0, y: 0, width: img.width, height: img.height };
  // A portrait crop is small; padding a large photo 8× would only cost memory.
  const small = Math.max(img.width, img.height) <= 600;
  const passes =
    portrait !== null && search !== null
      ? cardPasses(img, portrait, search)
      : ([[whole, 1], [whole, 3], ...(small ? [[whole, 8]] : [])] as [Box, number][]);
  const rank = (f: DescribedFace): number => (portrait === null || centreInside(f, portrait) ? 1 : 0) + f.score / 2;

  let best: DescribedFace | null = null;
  let done = 0;
  for (const [region, areaFactor] of passes) {
    done++;
    const face = pick(await describeRegion(img, region, areaFactor, describe), portrait);
    if (face !== null && (best === null || rank(face) > rank(best))) best = face;
    if (best !== null && rank(best) >= 1 + KTP_CONFIDENT / 2) break;
  }
  const inside = best !== null && search !== null ? centreInside(best, search) : true;
  return { face: best, cardShaped, insidePortraitArea: best !== null && inside, passes: done };
}
