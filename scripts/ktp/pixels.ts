/**
 * Pixel operations on raw RGB buffers that sharp has no deterministic equivalent for: sensor noise
 * from the seeded PRNG (libvips' gaussnoise has its own unseeded generator), uneven light as a
 * multiplied gradient, and a specular glare spot. Used by degrade.ts (card photos) and selfies.ts
 * (webcam frames).
 */
import sharp from 'sharp';

import type { Rng } from './prng';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  /** Always 3 (RGB). */
  channels: 3;
}

export async function toRaw(input: sharp.Sharp): Promise<RawImage> {
  const { data, info } = await input.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected RGB, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height, channels: 3 };
}

export function fromRaw(img: RawImage): sharp.Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } });
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Gaussian noise, mostly luminance with a little chroma, like a small camera sensor. */
export function addNoise(img: RawImage, rng: Rng, sigma: number): void {
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) {
    const lum = rng.gauss() * sigma;
    for (let c = 0; c < 3; c++) d[i + c] = clamp((d[i + c] ?? 0) + lum + rng.gauss() * sigma * 0.35);
  }
}

/**
 * Uneven light: multiplies by a linear ramp from `dark` to `bright` along a random direction, and
 * darkens the corners (vignette) by up to `vignette`.
 */
export function unevenLight(img: RawImage, rng: Rng, dark: number, bright: number, vignette: number): void {
  const angle = rng.range(0, 2 * Math.PI);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const { width: w, height: h, data: d } = img;
  const half = (Math.abs(ux) * w + Math.abs(uy) * h) / 2;
  const maxR2 = (w / 2) ** 2 + (h / 2) ** 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = ((x - w / 2) * ux + (y - h / 2) * uy) / half / 2 + 0.5;
      const r2 = ((x - w / 2) ** 2 + (y - h / 2) ** 2) / maxR2;
      const k = (dark + (bright - dark) * t) * (1 - vignette * r2);
      const i = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) d[i + c] = clamp((d[i + c] ?? 0) * k);
    }
  }
}

/** A soft white glare spot (lamination reflection) of radius `radius` px and peak strength 0..1. */
export function glare(img: RawImage, cx: number, cy: number, radius: number, strength: number): void {
  const { width: w, height: h, data: d } = img;
  const x0 = Math.max(0, Math.floor(cx - 3 * radius));
  const x1 = Math.min(w - 1, Math.ceil(cx + 3 * radius));
  const y0 = Math.max(0, Math.floor(cy - 3 * radius));
  const y1 = Math.min(h - 1, Math.ceil(cy + 3 * radius));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      // Elongated a little, as reflections of a strip light are.
      const dist2 = ((x - cx) / 1.6) ** 2 + (y - cy) ** 2;
      const g = strength * Math.exp(-dist2 / (2 * radius * radius));
      if (g < 0.004) continue;
      const i = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = d[i + c] ?? 0;
        d[i + c] = clamp(v + (255 - v) * g);
      }
    }
  }
}
