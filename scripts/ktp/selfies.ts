/**
 * Face images derived from the three licensed photos, because licensed "same person" pairs are
 * scarce (identity-desk.md): the ID-photo crop printed on the synthetic cards (small, washed out,
 * warm, print-dithered, heavy JPEG) and webcam-style selfie frames (mirrored, tilted, relit,
 * feathered into a synthetic room, 1280×720, sensor noise, webcam JPEG). A selfie of photo X
 * against a card printed with photo X is a "same person" pair; against any other card, "different".
 */
import sharp from 'sharp';

import { type FaceId, faceSource } from './faces';
import { addNoise, fromRaw, glare, toRaw } from './pixels';
import type { Rng } from './prng';

export const ID_PHOTO_SIZE = { width: 150, height: 200 } as const;
export const FRAME_SIZE = { width: 1280, height: 720 } as const;

/** The card portrait: a 150×200 ID-photo crop as printed on an e-KTP (JPEG, quality 22). */
export async function idPhoto(face: FaceId, rng: Rng): Promise<Buffer> {
  const src = faceSource(face);
  const cropped = await toRaw(
    sharp(src.file).extract(src.idCrop).resize(ID_PHOTO_SIZE.width, ID_PHOTO_SIZE.height, { kernel: 'lanczos3' }),
  );
  // Washed out (low contrast, lifted blacks) and warm (more red than blue), like a printed photo.
  const washed = await toRaw(fromRaw(cropped).modulate({ saturation: 0.75 }).linear([0.74, 0.71, 0.64], [70, 60, 46]));
  addNoise(washed, rng, 4); // print dither
  return fromRaw(washed).jpeg({ quality: 22, chromaSubsampling: '4:2:0' }).toBuffer();
}

function roomSvg(rng: Rng): string {
  const { width: w, height: h } = FRAME_SIZE;
  const hue = rng.int(20, 210);
  const wallTop = `hsl(${hue}, 18%, ${rng.int(62, 74)}%)`;
  const wallBottom = `hsl(${hue}, 14%, ${rng.int(48, 58)}%)`;
  const doorX = rng.pick([90, 980]);
  const winX = doorX < 500 ? rng.int(760, 900) : rng.int(120, 260);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="wall" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${wallTop}"/><stop offset="1" stop-color="${wallBottom}"/></linearGradient>
<radialGradient id="lamp" cx="0.5" cy="0" r="0.7"><stop offset="0" stop-color="#fff8e0" stop-opacity="0.55"/><stop offset="1" stop-color="#fff8e0" stop-opacity="0"/></radialGradient></defs>
<rect width="${w}" height="${h}" fill="url(#wall)"/>
<rect x="${doorX}" y="120" width="210" height="600" fill="#7a5a3c"/><rect x="${doorX + 14}" y="134" width="182" height="586" fill="#8d6a48"/>
<circle cx="${doorX + 180}" cy="430" r="9" fill="#d9c27a"/>
<rect x="${winX}" y="90" width="230" height="170" fill="#dfeaf2"/><rect x="${winX + 112}" y="90" width="6" height="170" fill="#f4f4f4"/>
<rect x="0" y="600" width="${w}" height="${h - 600}" fill="#5d5148"/>
<rect width="${w}" height="${h}" fill="url(#lamp)"/>
</svg>`;
}

/** A synthetic room 1280×720 behind the person. */
export async function roomBackground(rng: Rng): Promise<Buffer> {
  return sharp(Buffer.from(roomSvg(rng)))
    .png()
    .toBuffer();
}

function featherMaskSvg(w: number, h: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="g" cx="0.5" cy="0.5" r="0.5"><stop offset="0.72" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><rect width="${w}" height="${h}" fill="url(#g)"/></svg>`;
}

export interface SelfieParams {
  tiltDeg: number;
  brightness: number;
  personHeight: number;
  offsetX: number;
  quality: number;
}

/** A webcam frame (JPEG 1280×720) of the person in `face`'s photo, seen as by a front camera. */
export async function selfieFrame(face: FaceId, rng: Rng): Promise<{ jpeg: Buffer; params: SelfieParams }> {
  const src = faceSource(face);
  const params: SelfieParams = {
    tiltDeg: Math.round(rng.range(2, 6) * (rng.chance(0.5) ? -1 : 1) * 10) / 10,
    brightness: Math.round(rng.range(0.8, 1.2) * 100) / 100,
    personHeight: rng.int(600, 680),
    offsetX: rng.int(-140, 140),
    quality: 60,
  };
  const crop = src.selfieCrop;
  const personWidth = Math.round((params.personHeight * crop.width) / crop.height);
  const person = await sharp(
    await fromRaw(await toRaw(sharp(src.file).extract(crop)))
      .flop()
      .modulate({ brightness: params.brightness })
      .resize(personWidth, params.personHeight)
      .ensureAlpha()
      .rotate(params.tiltDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer(),
  ).toBuffer({ resolveWithObject: true });
  const { width: pw, height: ph } = person.info;
  const feathered = await sharp(person.data)
    .composite([{ input: Buffer.from(featherMaskSvg(pw, ph)), blend: 'dest-in' }])
    .png()
    .toBuffer();
  const left = Math.round(FRAME_SIZE.width / 2 - pw / 2 + params.offsetX);
  const top = FRAME_SIZE.height - ph + rng.int(20, 70);
  // sharp refuses overlays that stick out of the frame: keep only the part inside it.
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const visible = {
    left: x0 - left,
    top: y0 - top,
    width: Math.min(FRAME_SIZE.width, left + pw) - x0,
    height: Math.min(FRAME_SIZE.height, top + ph) - y0,
  };
  const inFrame = await sharp(feathered).extract(visible).png().toBuffer();
  const frame = await toRaw(sharp(await roomBackground(rng)).composite([{ input: inFrame, left: x0, top: y0 }]));
  if (rng.chance(0.5)) glare(frame, rng.int(200, 1080), rng.int(60, 200), 60, 0.25); // a lamp in view
  addNoise(frame, rng, 5);
  const jpeg = await fromRaw(frame).blur(0.6).jpeg({ quality: params.quality }).toBuffer();
  return { jpeg, params };
}
