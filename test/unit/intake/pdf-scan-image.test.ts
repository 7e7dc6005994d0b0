// The page picture of a scanner's PDF is found and taken out byte for byte; a PDF without one gives null.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { largestJpegInPdf } from '../../../src/main/core/letters/pdf-scan-image';

async function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 210, b: 220 } } })
    .jpeg()
    .toBuffer();

describe('largestJpegInPdf', () => {
  it('returns the largest embedded JPEG exactly as it was put in', async () => {
    const small = await jpeg(40, 30);
    const page = await jpeg(1240, 1754);
    const pdf = await pdfWith((doc) => {
      doc.image(small, 10, 10, { width: 40 });
      doc.image(page, 0, 60, { width: 500 });
    });
    expect(largestJpegInPdf(pdf)?.equals(page)).toBe(true);
  });

  it('gives null for a PDF with text only, and for bytes that are not a PDF', async () => {
    const pdf = await pdfWith((doc) => doc.text('Surat tanpa gambar'));
    expect(largestJpegInPdf(pdf)).toBeNull();
    expect(largestJpegInPdf(Buffer.from('stream\nnot a pdf endstream'))).toBeNull();
  });
});
