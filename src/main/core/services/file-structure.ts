/**
 * Reads an upload's own structure — PNG chunks, CRCs and pixel data; JPEG markers and end of image;
 * the PDF header, an object and the trailer — so truncated, corrupt and pixel-bomb files are refused
 * before anything is stored or handed to an image decoder. Synchronous and bounded in memory.
 */
import { crc32, inflateSync } from 'node:zlib';

import type { AllowedMimeType } from '../../../shared/contract/files';

/** Largest image accepted, in pixels (≈ an A4 page scanned at 600 dpi); the OCR decoder uses the same. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Largest decoded PNG pixel data inflated to check it (bounds memory for 16-bit and alpha images). */
const MAX_PNG_RAW_BYTES = 128 * 1024 * 1024;

export type StructureProblem = { code: 'FILE_CORRUPT' | 'IMAGE_UNREADABLE' | 'IMAGE_TOO_LARGE'; reason: string };

const corruptImage = (reason: string): StructureProblem => ({ code: 'IMAGE_UNREADABLE', reason });
const tooLarge = (w: number, h: number): StructureProblem => ({
  code: 'IMAGE_TOO_LARGE',
  reason: `resolusi ${w}×${h} piksel melebihi batas ${MAX_IMAGE_PIXELS / 1_000_000} megapiksel`,
});

function dimensionsProblem(width: number, height: number): StructureProblem | null {
  if (width <= 0 || height <= 0) return corruptImage('ukuran gambar pada kepala berkas tidak sah');
  return width * height > MAX_IMAGE_PIXELS ? tooLarge(width, height) : null;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of filtered scanlines a PNG of this header must inflate to. */
function pngRawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

function pngProblem(bytes: Buffer): StructureProblem | null {
  let offset = 8;
  let header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean } | null = null;
  const idat: Buffer[] = [];
  for (;;) {
    if (offset + 12 > bytes.length) return corruptImage('berkas PNG terpotong (penanda akhir IEND tidak ada)');
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (length > 0x7fffffff || offset + 12 + length > bytes.length)
      return corruptImage(`berkas PNG terpotong di bagian ${type}`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return corruptImage(`CRC bagian ${type} salah (berkas rusak)`);
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return corruptImage('bagian IHDR tidak ada di awal berkas PNG');
      const [width, height, depth, color, interlace] = [
        data.readUInt32BE(0),
        data.readUInt32BE(4),
        data[8] ?? 0,
        data[9] ?? 0,
        data[12] ?? 0,
      ];
      const channels = PNG_CHANNELS[color];
      if (!channels || ![1, 2, 4, 8, 16].includes(depth) || interlace > 1)
        return corruptImage('kepala berkas PNG tidak sah');
      const problem = dimensionsProblem(width, height);
      if (problem) return problem;
      header = { width, height, bitsPerPixel: channels * depth, interlaced: interlace === 1 };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (idat.length === 0) return corruptImage('berkas PNG tanpa data gambar');
  const expected = pngRawSize(header.width, header.height, header.bitsPerPixel, header.interlaced);
  if (expected > MAX_PNG_RAW_BYTES) return tooLarge(header.width, header.height);
  try {
    // Never more than the header promises: a stream that inflates further fails here, unallocated.
    const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
    if (raw.length !== expected) return corruptImage('data gambar PNG tidak lengkap');
  } catch {
    return corruptImage('data gambar PNG rusak');
  }
  return null;
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames. */
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegProblem(bytes: Buffer): StructureProblem | null {
  let offset = 2;
  let frame = false;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return corruptImage('penanda JPEG tidak sah (berkas rusak)');
    while (bytes[offset] === 0xff) offset += 1;
    const marker = bytes[offset] ?? 0;
    offset += 1;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || marker === 0x00) return corruptImage('berkas JPEG berakhir sebelum data gambar');
    if (offset + 2 > bytes.length) break;
    const length = bytes.readUInt16BE(offset);
    if (length < 2 || offset + length > bytes.length) break;
    if (isFrameMarker(marker)) {
      if (length < 8) return corruptImage('kepala bingkai JPEG tidak sah');
      const problem = dimensionsProblem(bytes.readUInt16BE(offset + 5), bytes.readUInt16BE(offset + 3));
      if (problem) return problem;
      frame = true;
    }
    if (marker === 0xda) {
      if (!frame) return corruptImage('data gambar JPEG tanpa kepala bingkai');
      // Entropy-coded data never holds FF D9 (FF is stuffed), so its presence marks a complete image.
      return bytes.indexOf(Buffer.from([0xff, 0xd9]), offset + length) === -1
        ? corruptImage('berkas JPEG terpotong (penanda akhir tidak ada)')
        : null;
    }
    offset += length;
  }
  return corruptImage('berkas JPEG terpotong');
}

function pdfProblem(bytes: Buffer): StructureProblem | null {
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 1024));
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024));
  if (!/^%PDF-[12]\.\d/.test(head)) return { code: 'FILE_CORRUPT', reason: 'versi PDF pada kepala berkas tidak ada' };
  if (!/\d+\s+\d+\s+obj\b/.test(bytes.toString('latin1', 0, Math.min(bytes.length, 1024 * 1024))))
    return { code: 'FILE_CORRUPT', reason: 'PDF tidak berisi objek' };
  if (!tail.includes('%%EOF')) return { code: 'FILE_CORRUPT', reason: 'PDF terpotong (penanda akhir %%EOF tidak ada)' };
  return null;
}

/** What is wrong with a file whose type was already sniffed from its first bytes, or null. */
export function structureProblem(mimeType: AllowedMimeType, bytes: Buffer): StructureProblem | null {
  if (mimeType === 'image/png') return pngProblem(bytes);
  if (mimeType === 'image/jpeg') return jpegProblem(bytes);
  return pdfProblem(bytes);
}
