// The seven-segment NIK reader on digits drawn here: every digit and its variants, the label and
// colon before the number, a sloping and dimming line (a photographed card), touching digits,
// and cells that spell no digit. Real rendered cards go through the engine in ktp-ocr.test.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { segmentNik } from '../../../src/main/core/ocr/engine';
import { type GreyImage, otsuThreshold, readSegmentDigits } from '../../../src/main/core/ocr/segment-digits';

type Seg = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
const DIGITS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abcf',
  '8': 'abcdefg',
  '9': 'abcdfg',
};

interface Sheet {
  img: GreyImage;
  /** Paints a w×h rectangle at (x, y), shifted down by `slope`·x, at grey `ink` (less ink to the right when `fade`). */
  rect(x: number, y: number, w: number, h: number): void;
}

function sheet(width: number, height: number, o: { slope?: number; fadeTo?: number } = {}): Sheet {
  const data = new Uint8Array(width * height).fill(250);
  const img = { data, width, height };
  return {
    img,
    rect(x, y, w, h) {
      for (let yy = 0; yy < h; yy++) {
        for (let xx = 0; xx < w; xx++) {
          const px = Math.round(x + xx);
          const py = Math.round(y + yy + (o.slope ?? 0) * px);
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
          const grey = o.fadeTo === undefined ? 20 : 20 + ((o.fadeTo - 20) * px) / width;
          data[py * width + px] = Math.round(grey);
        }
      }
    },
  };
}

/**
 * Draws `segments` as a seven-segment digit in a W×H cell at (x, y), as segment faces are drawn:
 * the bars reach over the sides' columns, with small gaps above and below each side.
 */
function drawDigit(s: Sheet, x: number, y: number, segments: string, W = 36, H = 64, stroke = 6): void {
  const gap = 2;
  const half = H / 2;
  const inset = stroke / 2;
  const parts: Record<Seg, [number, number, number, number]> = {
    a: [x + inset, y, W - 2 * inset, stroke],
    g: [x + inset, y + half - stroke / 2, W - 2 * inset, stroke],
    d: [x + inset, y + H - stroke, W - 2 * inset, stroke],
    f: [x, y + stroke + gap, stroke, half - stroke - 2 * gap],
    b: [x + W - stroke, y + stroke + gap, stroke, half - stroke - 2 * gap],
    e: [x, y + half + gap, stroke, half - stroke - 2 * gap],
    c: [x + W - stroke, y + half + gap, stroke, half - stroke - 2 * gap],
  };
  for (const seg of segments) s.rect(...parts[seg as Seg]);
}

function drawNumber(s: Sheet, digits: string, x0: number, y0: number, pitch = 46): void {
  [...digits].forEach((d, i) => drawDigit(s, x0 + i * pitch, y0, DIGITS[d] ?? d));
}

/** The label "NIK" as bars and a diagonal-free N (no digit pattern), then the colon's two dots. */
function drawLabel(s: Sheet, y0: number): void {
  s.rect(10, y0, 7, 64); // N's left stem
  s.rect(17, y0, 20, 7);
  s.rect(37, y0, 7, 64); // N's right stem, joined at the top: a wide, full-height glyph
  s.rect(60, y0, 7, 64); // I
  s.rect(80, y0, 7, 64); // K's stem
  s.rect(87, y0 + 28, 18, 7);
  s.rect(120, y0 + 18, 7, 7); // colon
  s.rect(120, y0 + 44, 7, 7);
}

const NIK = '3173014501900003';

describe('seven-segment digits', () => {
  it('reads every digit, clearly', () => {
    const s = sheet(520, 100);
    drawNumber(s, '0123456789', 20, 18);
    const read = readSegmentDigits(s.img);
    expect(read).toMatchObject({ text: '0123456789', cells: 10 });
    expect(read?.confidence).toBeGreaterThan(0.7);
  });

  it('reads the variants: 6 without its top bar, 7 without its hook, 9 without its bottom bar', () => {
    const s = sheet(240, 100);
    drawNumber(s, '', 0, 0);
    drawDigit(s, 20, 18, 'cdefg');
    drawDigit(s, 66, 18, 'abc');
    drawDigit(s, 112, 18, 'abcfg');
    drawDigit(s, 158, 18, 'abcdefg');
    expect(readSegmentDigits(s.img)?.text).toBe('6798');
  });

  it('skips the label and the colon: the number is the run of digits at one pitch', () => {
    const s = sheet(150 + 16 * 46 + 20, 100);
    drawLabel(s, 18);
    drawNumber(s, NIK, 150, 18);
    expect(readSegmentDigits(s.img)).toMatchObject({ text: NIK, cells: 16 });
  });

  it('follows a sloping line whose ink fades towards its end (a photographed card)', () => {
    const s = sheet(16 * 46 + 40, 150, { slope: 0.05, fadeTo: 185 });
    drawNumber(s, NIK, 20, 12);
    const read = readSegmentDigits(s.img);
    expect(read?.text).toBe(NIK);
    // Otsu alone loses the faint end: the local contrast rule is what reads it.
    expect(otsuThreshold(s.img)).toBeLessThan(185);
  });

  it('reads digits that blur into each other as two cells', () => {
    const s = sheet(340, 100);
    drawNumber(s, '304512', 20, 18, 46);
    s.rect(56, 40, 10, 8); // ink bridging the 3 and the 0
    expect(readSegmentDigits(s.img)?.text).toBe('304512');
  });

  it('a cell that spells no digit ends the run, so a damaged NIK never reads as 16 digits', () => {
    const s = sheet(16 * 46 + 40, 100);
    drawNumber(s, '31730145', 20, 18);
    drawDigit(s, 20 + 8 * 46, 18, 'ae'); // a smudged cell
    drawNumber(s, '0190000', 20 + 9 * 46, 18);
    const read = readSegmentDigits(s.img);
    expect(read?.cells).toBeLessThan(16);
    expect(read?.text).toBe('31730145');
  });

  it('reads the NIK line of a photographed segment-face card (rendered font, perspective, fading light)', async () => {
    const file = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../fixtures/ktp-segment/nik-line-photo.png',
    );
    const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
    const read = readSegmentDigits({ data: new Uint8Array(data), width: info.width, height: info.height });
    expect(read).toMatchObject({ text: '5103065509921086', cells: 16 });
  });

  it('a NIK rectangle outside the card image gives no segment read instead of failing the whole read', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(segmentNik(png, { left: 150, top: 80, width: 400, height: 60 })).resolves.toBeNull();
  });

  it('nothing to read: null', () => {
    expect(readSegmentDigits(sheet(400, 80).img)).toBeNull();
  });
});
