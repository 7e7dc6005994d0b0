/**
 * The OCR plumbing that needs no recognition: the model folder (unzipped, repaired when tampered
 * with) and the preprocessing (deskew angle, card found by colour, output size), on the committed
 * fixture cards and on images rotated here by known angles.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';

import { estimateSkew, findBlueCard, flatField } from '../../../src/main/core/ocr/image-ops';
import { preprocessKtp, TARGET_WIDTH } from '../../../src/main/core/ocr/preprocess';
import { ensureTessdata } from '../../../src/main/core/ocr/tessdata';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CARD = path.resolve(HERE, '../../fixtures/ktp/cards/ktp-02-clean.jpg');

describe('the model folder', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('holds the unzipped best_int models and is repaired when a file is damaged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ktp-tessdata-'));
    dirs.push(dir);
    expect(await ensureTessdata(['eng', 'ind'], dir)).toBe(dir);
    const eng = path.join(dir, 'eng.traineddata');
    const size = (await stat(eng)).size;
    expect(size).toBeGreaterThan(3_000_000);
    expect((await stat(path.join(dir, 'ind.traineddata'))).size).toBeGreaterThan(1_000_000);
    const original = await readFile(eng);
    await writeFile(eng, Buffer.alloc(size, 7)); // same size, wrong bytes
    await ensureTessdata(['eng'], dir);
    expect((await readFile(eng)).equals(original)).toBe(true);
  });
});

describe('preprocessKtp', () => {
  it.each([5, -3.5, 7])('straightens a card rotated by %s°', async (deg) => {
    const rotated = await sharp(CARD).rotate(deg, { background: '#d8d8d8' }).jpeg({ quality: 80 }).toBuffer();
    const out = await preprocessKtp(rotated);
    expect(Math.abs(out.rotatedDeg + deg)).toBeLessThanOrEqual(0.5);
    expect(out.cardFound).toBe(true);
    expect(out.width).toBe(TARGET_WIDTH);
    // ID-1 aspect after cropping to the card (1012×638 ≈ 1.59).
    expect(out.width / out.height).toBeGreaterThan(1.45);
    expect(out.width / out.height).toBeLessThan(1.75);
    const meta = await sharp(out.png).metadata();
    expect(meta.channels).toBe(1);
  });

  it('leaves a straight card alone', async () => {
    const out = await preprocessKtp(await readFile(CARD));
    expect(out.rotatedDeg).toBe(0);
  });

  it('uses the whole frame when no light-blue card is found', async () => {
    const grey = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const out = await preprocessKtp(grey);
    expect(out.cardFound).toBe(false);
    expect(out.rotatedDeg).toBe(0);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(preprocessKtp(Buffer.from('not an image'))).rejects.toThrow();
  });
});

describe('image-ops', () => {
  it('estimates the skew of synthetic text lines', () => {
    const w = 600;
    const h = 400;
    const data = new Float32Array(w * h).fill(230);
    const slope = Math.tan((4 * Math.PI) / 180);
    for (let line = 0; line < 8; line++) {
      for (let x = 40; x < 560; x++) {
        if (x % 9 < 2) continue; // gaps between "letters"
        const y0 = Math.round(40 + line * 40 + x * slope);
        for (let dy = 0; dy < 8; dy++) if (y0 + dy < h) data[(y0 + dy) * w + x] = 20;
      }
    }
    expect(Math.abs(estimateSkew(flatField({ data, width: w, height: h }, 15)) - 4)).toBeLessThanOrEqual(0.3);
    expect(estimateSkew({ data: new Float32Array(w * h).fill(250), width: w, height: h })).toBe(0);
  });

  it('finds a card-shaped blue block and rejects odd shapes', () => {
    const w = 400;
    const h = 300;
    const mask = new Uint8Array(w * h);
    for (let y = 50; y < 250; y++) for (let x = 40; x < 358; x++) mask[y * w + x] = 1;
    expect(findBlueCard(mask, w, h)).toEqual({ left: 40, top: 50, width: 318, height: 200 });
    const strip = new Uint8Array(w * h);
    for (let y = 0; y < 300; y++) for (let x = 0; x < 60; x++) strip[y * w + x] = 1;
    expect(findBlueCard(strip, w, h)).toBeNull();
  });
});
