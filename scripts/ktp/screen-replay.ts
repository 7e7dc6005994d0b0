/**
 * Webcam frames of a phone, tablet or monitor held up to the camera showing the applicant's photo
 * (the replay the desk's screen check must flag). The screen is rendered physically rather than
 * drawn as a picture: every screen pixel is three vertical RGB stripes with a dark matrix between
 * rows, seen through the webcam at a pitch of `pitch` camera pixels per screen pixel, turned by a
 * small angle, each camera pixel averaging 4×4 points of its footprint. The moiré comes out of
 * that sampling, as it does in a real camera, and is then blurred, noised and JPEG-compressed like
 * the live selfies (selfies.ts). A black bezel and a soft reflection finish the device.
 */
import sharp from 'sharp';

import { type FaceId, faceSource } from './faces';
import { addNoise, fromRaw, glare, type RawImage, toRaw } from './pixels';
import type { Rng } from './prng';
import { FRAME_SIZE, roomBackground } from './selfies';

export interface ScreenReplayParams {
  /** Camera pixels per screen pixel (a 400 ppi phone at 30 cm ≈ 0.3; a 100 ppi monitor ≈ 1–3). */
  pitch: number;
  /** Rotation of the device against the camera, degrees. */
  tiltDeg: number;
  /** The lit screen area in the frame, camera pixels. */
  screenWidth: number;
  screenHeight: number;
  /** Backlight gain on the displayed photo. */
  backlight: number;
  /** The webcam's own softness (Gaussian σ, camera pixels): more blur, fainter moiré. */
  blur: number;
  quality: number;
}

const SUPERSAMPLE = 4;
const ROW_GAP = 0.18; // the black matrix between pixel rows, as a fraction of a pixel

/** The displayed photo, `cols × rows` screen pixels (the person's head and shoulders, cover-fit). */
async function screenContent(face: FaceId, cols: number, rows: number): Promise<RawImage> {
  const src = faceSource(face);
  return toRaw(sharp(src.file).extract(src.selfieCrop).resize(cols, rows, { fit: 'cover', kernel: 'lanczos3' }));
}

/**
 * Camera's view of the lit screen: `w × h` camera pixels showing `content` at `pitch` camera px per
 * screen pixel, turned by `tiltDeg`. Each camera pixel integrates SUPERSAMPLE² points.
 */
function viewScreen(content: RawImage, w: number, h: number, pitch: number, tiltDeg: number, gain: number): RawImage {
  const out = Buffer.alloc(w * h * 3);
  const cos = Math.cos((tiltDeg * Math.PI) / 180);
  const sin = Math.sin((tiltDeg * Math.PI) / 180);
  const cx = w / 2;
  const cy = h / 2;
  const step = 1 / SUPERSAMPLE;
  const norm = (3 * gain) / (SUPERSAMPLE * SUPERSAMPLE); // one stripe in three lights per channel
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = x + (sx + 0.5) * step - cx;
          const py = y + (sy + 0.5) * step - cy;
          const u = (cos * px + sin * py) / pitch + content.width / 2;
          const v = (-sin * px + cos * py) / pitch + content.height / 2;
          const col = Math.floor(u);
          const row = Math.floor(v);
          if (col < 0 || row < 0 || col >= content.width || row >= content.height) continue;
          if (v - row > 1 - ROW_GAP) continue;
          const i = (row * content.width + col) * 3;
          const stripe = Math.floor((u - col) * 3);
          if (stripe === 0) r += content.data[i] ?? 0;
          else if (stripe === 1) g += content.data[i + 1] ?? 0;
          else b += content.data[i + 2] ?? 0;
        }
      }
      const o = (y * w + x) * 3;
      out[o] = Math.min(255, Math.round(r * norm));
      out[o + 1] = Math.min(255, Math.round(g * norm));
      out[o + 2] = Math.min(255, Math.round(b * norm * 1.04)); // screens run a little blue
    }
  }
  return { data: out, width: w, height: h, channels: 3 };
}

/** A 1280×720 webcam JPEG of a screen showing `face`'s photo, held up in front of the camera. */
export async function screenReplayFrame(
  face: FaceId,
  rng: Rng,
  pitch = rng.range(0.7, 3.5),
): Promise<{ jpeg: Buffer; params: ScreenReplayParams }> {
  const screenHeight = rng.int(560, 680);
  const params: ScreenReplayParams = {
    pitch: Math.round(pitch * 100) / 100,
    tiltDeg: Math.round(rng.range(-6, 6) * 10) / 10,
    screenWidth: Math.round(screenHeight * rng.range(0.56, 0.75)),
    screenHeight,
    backlight: Math.round(rng.range(0.95, 1.25) * 100) / 100,
    blur: Math.round(rng.range(0.5, 1.1) * 100) / 100,
    quality: rng.int(55, 80),
  };
  // The lit area is drawn upright (its own rotation is inside viewScreen); the bezel frames it.
  const cols = Math.max(8, Math.round(params.screenWidth / params.pitch));
  const rows = Math.max(8, Math.round(params.screenHeight / params.pitch));
  const content = await screenContent(face, cols, rows);
  const lit = viewScreen(
    content,
    params.screenWidth,
    params.screenHeight,
    params.pitch,
    params.tiltDeg,
    params.backlight,
  );
  const bezel = Math.round(params.screenWidth * 0.06);
  const bw = params.screenWidth + 2 * bezel;
  const bh = params.screenHeight + 2 * bezel;
  const device = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${bw}" height="${bh}"><rect width="${bw}" height="${bh}" rx="${bezel * 1.5}" fill="#111214"/></svg>`,
    ),
  )
    .composite([{ input: await fromRaw(lit).png().toBuffer(), left: bezel, top: bezel }])
    .png()
    .toBuffer();
  const left = Math.max(
    0,
    Math.min(FRAME_SIZE.width - bw, Math.round((FRAME_SIZE.width - bw) / 2 + rng.int(-200, 200))),
  );
  const top = Math.max(0, Math.round((FRAME_SIZE.height - bh) / 2));
  const visibleHeight = Math.min(bh, FRAME_SIZE.height - top);
  const inFrame = await sharp(device).extract({ left: 0, top: 0, width: bw, height: visibleHeight }).png().toBuffer();
  const frame = await toRaw(sharp(await roomBackground(rng)).composite([{ input: inFrame, left, top }]));
  // A reflection of the room's lamp on the glass.
  glare(frame, left + rng.int(0, bw), top + rng.int(0, Math.round(bh / 2)), rng.int(60, 140), rng.range(0.08, 0.25));
  addNoise(frame, rng, 5);
  const jpeg = await fromRaw(frame).blur(params.blur).jpeg({ quality: params.quality }).toBuffer();
  return { jpeg, params };
}
