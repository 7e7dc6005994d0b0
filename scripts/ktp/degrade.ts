/**
 * Turns a clean rendered card into what a desk webcam or phone actually delivers, with the
 * degradations the OCR was measured against (identity-desk.md): rotation 3–8° either way on a
 * white/grey background, Gaussian blur, uneven light, a glare spot, sensor noise, scaling to ~60%
 * and JPEG quality 40. Each variant is deterministic for a seed and records its parameters.
 */
import sharp from 'sharp';

import { addNoise, fromRaw, glare, toRaw, unevenLight } from './pixels';
import type { Rng } from './prng';

export const DEGRADATIONS = ['rotate', 'blur', 'light', 'combo'] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

export interface DegradeParams {
  rotateDeg?: number;
  background?: number;
  blurSigma?: number;
  light?: { dark: number; bright: number; vignette: number };
  glare?: { x: number; y: number; radius: number; strength: number };
  noiseSigma?: number;
  scale?: number;
  jpegQuality: number;
}

/** What each variant applies, with ranges; the actual values are drawn from the seed. */
function plan(variant: Degradation, rng: Rng): DegradeParams {
  const angle = () => Math.round(rng.range(3, 8) * (rng.chance(0.5) ? -1 : 1) * 10) / 10;
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const lightParams = () => ({
    dark: r2(rng.range(0.62, 0.75)),
    bright: r2(rng.range(1.0, 1.08)),
    vignette: r2(rng.range(0.1, 0.25)),
  });
  switch (variant) {
    case 'rotate':
      return { rotateDeg: angle(), background: rng.int(200, 250), blurSigma: 0.5, noiseSigma: 3, jpegQuality: 40 };
    case 'blur':
      return { blurSigma: r2(rng.range(1.1, 1.7)), scale: r2(rng.range(0.58, 0.64)), jpegQuality: 40 };
    case 'light':
      return {
        light: lightParams(),
        glare: { x: 0, y: 0, radius: 0, strength: 0 },
        noiseSigma: r2(rng.range(5, 8)),
        jpegQuality: 40,
      };
    case 'combo':
      return {
        rotateDeg: angle(),
        background: rng.int(190, 240),
        blurSigma: r2(rng.range(0.7, 1.1)),
        light: lightParams(),
        glare: { x: 0, y: 0, radius: 0, strength: 0 },
        noiseSigma: r2(rng.range(4, 6)),
        scale: r2(rng.range(0.58, 0.64)),
        jpegQuality: 40,
      };
  }
}

export async function degrade(
  cardPng: Buffer,
  variant: Degradation,
  rng: Rng,
): Promise<{ jpeg: Buffer; params: DegradeParams }> {
  const p = plan(variant, rng);
  const g = p.background ?? 255;
  let img = sharp(cardPng).flatten({ background: { r: g, g, b: g } });
  if (p.rotateDeg !== undefined) {
    // Rotate in its own pipeline: sharp would otherwise reorder it after the blur.
    img = sharp(
      await img
        .rotate(p.rotateDeg, { background: { r: g, g, b: g } })
        .png()
        .toBuffer(),
    );
  }
  if (p.blurSigma !== undefined) img = img.blur(p.blurSigma);
  const raw = await toRaw(img);
  if (p.light) unevenLight(raw, rng, p.light.dark, p.light.bright, p.light.vignette);
  if (p.glare) {
    // A lamination glare somewhere over the text or the photo.
    p.glare = {
      x: Math.round(raw.width * rng.range(0.25, 0.85)),
      y: Math.round(raw.height * rng.range(0.3, 0.75)),
      radius: rng.int(35, 60),
      strength: Math.round(rng.range(0.45, 0.7) * 100) / 100,
    };
    glare(raw, p.glare.x, p.glare.y, p.glare.radius, p.glare.strength);
  }
  if (p.noiseSigma !== undefined) addNoise(raw, rng, p.noiseSigma);
  let out = fromRaw(raw);
  if (p.scale !== undefined)
    out = out.resize(Math.round(raw.width * p.scale), Math.round(raw.height * p.scale), { kernel: 'lanczos3' });
  const jpeg = await out.jpeg({ quality: p.jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer();
  return { jpeg, params: p };
}
