/**
 * A clean rendered card as a phone or webcam photographs it at a desk: on a desk, fabric or hand
 * background, in perspective (up to 30° of tilt) and slightly turned, sometimes a quarter or half
 * turn with no EXIF orientation, with lamination glare, a shadow, flash or dim light, motion blur,
 * and phone/messenger recompression (longest side 1280, JPEG q 40–70). Deterministic per seed;
 * every parameter is recorded in the ground truth. Never a blue background: the locator finds the
 * card by its blue stock (a blue desk is a known limit).
 */
import sharp from 'sharp';

import { homography, type Point } from '../../src/main/core/ocr/card-locator';
import { addNoise, fromRaw, glare, type RawImage, toRaw } from './pixels';
import type { Rng } from './prng';

export interface PhotoParams {
  background: 'desk' | 'fabric' | 'hand';
  frame: { width: number; height: number };
  cardWidthFrac: number;
  tiltDeg: number;
  inPlaneDeg: number;
  quarterTurns: 0 | 1 | 2 | 3;
  light: 'normal' | 'flash' | 'dim';
  glare: boolean;
  shadow: boolean;
  motionBlurPx: number;
  jpegQuality: number;
}

function plan(rng: Rng): PhotoParams {
  return {
    background: rng.pick(['desk', 'fabric', 'hand'] as const),
    frame: rng.chance(0.5) ? { width: 1600, height: 1200 } : { width: 1920, height: 1080 },
    cardWidthFrac: Math.round(rng.range(0.5, 0.78) * 100) / 100,
    tiltDeg: Math.round(rng.range(0, 30)),
    inPlaneDeg: Math.round(rng.range(-12, 12)),
    quarterTurns: rng.pick([0, 0, 1, 2, 3] as const),
    light: rng.pick(['normal', 'normal', 'flash', 'dim'] as const),
    glare: rng.chance(0.5),
    shadow: rng.chance(0.4),
    motionBlurPx: rng.chance(0.3) ? rng.int(3, 6) : 0,
    jpegQuality: rng.int(40, 70),
  };
}

function backgroundSvg(kind: PhotoParams['background'], w: number, h: number, rng: Rng): string {
  if (kind === 'desk') {
    const base = [rng.int(120, 170), rng.int(80, 110), rng.int(45, 70)];
    const stripes = Array.from({ length: 40 }, (_, i) => {
      const y = (i / 40) * h + rng.range(-8, 8);
      const shade = rng.int(-25, 25);
      return `<rect x="0" y="${y.toFixed(0)}" width="${w}" height="${rng.int(6, 30)}" fill="rgb(${base[0]! + shade},${base[1]! + shade},${base[2]! + shade})" opacity="0.5"/>`;
    }).join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="rgb(${base.join(',')})"/>${stripes}</svg>`;
  }
  if (kind === 'fabric') {
    const c = [rng.int(90, 200), rng.int(60, 160), rng.int(50, 110)];
    const pattern = `<pattern id="p" width="12" height="12" patternUnits="userSpaceOnUse"><rect width="12" height="12" fill="rgb(${c.join(',')})"/><path d="M0 6h12M6 0v12" stroke="rgb(${c.map((v) => Math.max(0, v - 35)).join(',')})" stroke-width="3"/></pattern>`;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>${pattern}</defs><rect width="${w}" height="${h}" fill="url(#p)"/></svg>`;
  }
  // A hand holding the card: skin below and beside it, a room behind.
  const skin = [rng.int(170, 215), rng.int(120, 160), rng.int(90, 120)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="rgb(${rng.int(150, 200)},${rng.int(140, 190)},${rng.int(120, 160)})"/><ellipse cx="${w * 0.5}" cy="${h * 0.85}" rx="${w * 0.38}" ry="${h * 0.32}" fill="rgb(${skin.join(',')})"/><ellipse cx="${w * 0.18}" cy="${h * 0.55}" rx="${w * 0.08}" ry="${h * 0.22}" fill="rgb(${skin.join(',')})"/></svg>`;
}

/** The card's corners in the frame: centred, scaled, tilted (one side foreshortened) and turned. */
function cardQuad(p: PhotoParams, cw: number, ch: number, rng: Rng): Point[] {
  const { width: W, height: H } = p.frame;
  const w = W * p.cardWidthFrac;
  const h = (w * ch) / cw;
  const t = (p.tiltDeg * Math.PI) / 180;
  const squeeze = Math.cos(t); // foreshortening of the far side
  const far = 1 - (1 - squeeze) * 0.9;
  const vertical = rng.chance(0.5); // tilted about the horizontal or the vertical axis
  const corners: Point[] = vertical
    ? [
        { x: (-w / 2) * far, y: (-h / 2) * squeeze },
        { x: (w / 2) * far, y: (-h / 2) * squeeze },
        { x: w / 2, y: h / 2 },
        { x: -w / 2, y: h / 2 },
      ]
    : [
        { x: (-w / 2) * squeeze, y: (-h / 2) * far },
        { x: w / 2, y: -h / 2 },
        { x: w / 2, y: h / 2 },
        { x: (-w / 2) * squeeze, y: (h / 2) * far },
      ];
  const a = (p.inPlaneDeg * Math.PI) / 180;
  const cx = W / 2 + rng.range(-0.05, 0.05) * W;
  const cy = H / 2 + rng.range(-0.05, 0.05) * H;
  return corners.map(({ x, y }) => ({
    x: cx + x * Math.cos(a) - y * Math.sin(a),
    y: cy + x * Math.sin(a) + y * Math.cos(a),
  }));
}

/** Draws the card (RGBA, rounded corners) into the frame through the homography, bilinear. */
function drawCard(frame: RawImage, card: { data: Buffer; width: number; height: number }, quad: Point[]): void {
  const cw = card.width;
  const chh = card.height;
  const h = homography(quad, [
    { x: 0, y: 0 },
    { x: cw - 1, y: 0 },
    { x: cw - 1, y: chh - 1 },
    { x: 0, y: chh - 1 },
  ]);
  const [a, b, c, d, e, f, g, k] = h as [number, number, number, number, number, number, number, number];
  const xs = quad.map((q) => q.x);
  const ys = quad.map((q) => q.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(frame.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(frame.height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const den = g * x + k * y + 1;
      const sx = (a * x + b * y + c) / den;
      const sy = (d * x + e * y + f) / den;
      if (sx < 0 || sy < 0 || sx > cw - 1.001 || sy > chh - 1.001) continue;
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      const fx = sx - ix;
      const fy = sy - iy;
      const i00 = (iy * cw + ix) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + cw * 4;
      const i11 = i01 + 4;
      const o = (y * frame.width + x) * 3;
      const alpha =
        ((card.data[i00 + 3] ?? 0) * (1 - fx) * (1 - fy) +
          (card.data[i10 + 3] ?? 0) * fx * (1 - fy) +
          (card.data[i01 + 3] ?? 0) * (1 - fx) * fy +
          (card.data[i11 + 3] ?? 0) * fx * fy) /
        255;
      for (let ch = 0; ch < 3; ch++) {
        const v =
          (card.data[i00 + ch] ?? 0) * (1 - fx) * (1 - fy) +
          (card.data[i10 + ch] ?? 0) * fx * (1 - fy) +
          (card.data[i01 + ch] ?? 0) * (1 - fx) * fy +
          (card.data[i11 + ch] ?? 0) * fx * fy;
        frame.data[o + ch] = Math.round(v * alpha + (frame.data[o + ch] ?? 0) * (1 - alpha));
      }
    }
  }
}

function shade(frame: RawImage, rng: Rng, light: PhotoParams['light'], shadow: boolean): void {
  const { width: w, height: h, data } = frame;
  const gain = light === 'flash' ? 1.25 : light === 'dim' ? 0.55 : 1;
  const sx = rng.range(0.2, 0.8) * w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let k = gain;
      if (light === 'flash')
        k *= 1 + 0.35 * Math.exp(-(((x - w / 2) / (w * 0.25)) ** 2 + ((y - h / 2) / (h * 0.25)) ** 2));
      if (shadow && x < sx) k *= 0.6;
      const i = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round((data[i + c] ?? 0) * k)));
    }
  }
}

export async function photographCard(cardPng: Buffer, rng: Rng): Promise<{ jpeg: Buffer; params: PhotoParams }> {
  const p = plan(rng);
  const meta = await sharp(cardPng).metadata();
  const cw = meta.width ?? 1012;
  const ch = meta.height ?? 638;
  const radius = Math.round(cw * 0.035);
  const mask = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><rect width="${cw}" height="${ch}" rx="${radius}" fill="#fff"/></svg>`,
  );
  const { data: cardData, info } = await sharp(cardPng)
    .ensureAlpha()
    .composite([{ input: mask, blend: 'dest-in' }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = await toRaw(sharp(Buffer.from(backgroundSvg(p.background, p.frame.width, p.frame.height, rng))));
  drawCard(frame, { data: cardData, width: info.width, height: info.height }, cardQuad(p, cw, ch, rng));
  if (p.glare)
    glare(
      frame,
      rng.range(0.35, 0.65) * frame.width,
      rng.range(0.35, 0.65) * frame.height,
      rng.int(50, 110),
      rng.range(0.4, 0.7),
    );
  shade(frame, rng, p.light, p.shadow);
  addNoise(frame, rng, p.light === 'dim' ? 7 : 4);
  let img = fromRaw(frame);
  if (p.motionBlurPx > 0) {
    const n = p.motionBlurPx | 1; // sharp's kernels are odd-sized, at least 3×3: a horizontal line in the middle row
    const kernel = Array.from({ length: n * 3 }, (_, i) => (i >= n && i < 2 * n ? 1 / n : 0));
    img = sharp(await img.png().toBuffer()).convolve({ width: n, height: 3, kernel });
  }
  if (p.quarterTurns !== 0) img = sharp(await img.png().toBuffer()).rotate(p.quarterTurns * 90);
  const jpeg = await img
    .resize({ width: 1280, height: 1280, fit: 'inside' })
    .jpeg({ quality: p.jpegQuality, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { jpeg, params: p };
}
