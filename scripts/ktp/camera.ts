/**
 * Frames for Chromium's fake webcam (--use-file-for-fake-video-capture): a KTP card lying on a
 * desk, and raw RGB → one-frame Y4M (YUV 4:2:0, BT.601 limited range) written in pure Node, so
 * the capture flow can be tested end to end without ffmpeg. Chromium loops a one-frame file.
 */
import sharp from 'sharp';

import type { RawImage } from './pixels';
import { addNoise, toRaw } from './pixels';
import type { Rng } from './prng';
import { FRAME_SIZE } from './selfies';

function deskSvg(rng: Rng): string {
  const { width: w, height: h } = FRAME_SIZE;
  const grain: string[] = [];
  for (let i = 0; i < 60; i++) {
    const y = rng.range(0, h);
    const amp = rng.range(2, 9);
    grain.push(
      `<path d="M0 ${y.toFixed(1)} C ${w * 0.3} ${(y + amp).toFixed(1)}, ${w * 0.6} ${(y - amp).toFixed(1)}, ${w} ${(y + amp / 2).toFixed(1)}" stroke="#4a2f1a" stroke-opacity="${rng.range(0.08, 0.22).toFixed(2)}" stroke-width="${rng.range(1, 4).toFixed(1)}" fill="none"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="wood" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#a8784e"/><stop offset="1" stop-color="#7d5534"/></linearGradient>
<radialGradient id="lamp" cx="0.45" cy="0.35" r="0.8"><stop offset="0" stop-color="#fff4dc" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/></radialGradient></defs>
<rect width="${w}" height="${h}" fill="url(#wood)"/>${grain.join('')}<rect width="${w}" height="${h}" fill="url(#lamp)"/></svg>`;
}

/** The card (PNG, any size) centered on a wooden desk, `cardWidth` px wide, with a soft shadow. */
export async function cardOnDesk(cardPng: Buffer, rng: Rng, cardWidth = 780): Promise<RawImage> {
  const meta = await sharp(cardPng).metadata();
  const cw = cardWidth;
  const ch = Math.round((cw * (meta.height ?? 638)) / (meta.width ?? 1012));
  const radius = Math.round(cw * 0.022);
  const roundMask = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><rect width="${cw}" height="${ch}" rx="${radius}" fill="#fff"/></svg>`,
  );
  const card = await sharp(cardPng)
    .resize(cw, ch, { kernel: 'lanczos3' })
    .ensureAlpha()
    .composite([{ input: roundMask, blend: 'dest-in' }])
    .png()
    .toBuffer();
  const shadow = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${cw + 60}" height="${ch + 60}"><rect x="30" y="30" width="${cw}" height="${ch}" rx="${radius}" fill="#000" fill-opacity="0.55"/></svg>`,
    ),
  )
    .blur(10)
    .png()
    .toBuffer();
  const left = Math.round((FRAME_SIZE.width - cw) / 2);
  const top = Math.round((FRAME_SIZE.height - ch) / 2);
  const frame = await toRaw(
    sharp(Buffer.from(deskSvg(rng))).composite([
      { input: shadow, left: left - 30 + 8, top: top - 30 + 10 },
      { input: card, left, top },
    ]),
  );
  addNoise(frame, rng, 3);
  return frame;
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** One-frame Y4M: header `YUV4MPEG2 W… H… F30:1 Ip A1:1 C420jpeg`, then FRAME and the Y, U, V planes. */
export function rgbToY4m(img: RawImage): Buffer {
  const { width: w, height: h, data: d } = img;
  if (w % 2 !== 0 || h % 2 !== 0) throw new Error('Y4M 4:2:0 needs even dimensions');
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  const yPlane = Buffer.alloc(w * h);
  const uPlane = Buffer.alloc((w / 2) * (h / 2));
  const vPlane = Buffer.alloc((w / 2) * (h / 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const r = d[i] ?? 0;
      const g = d[i + 1] ?? 0;
      const b = d[i + 2] ?? 0;
      yPlane[y * w + x] = clampByte(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((y + dy) * w + (x + dx)) * 3;
        r += d[i] ?? 0;
        g += d[i + 1] ?? 0;
        b += d[i + 2] ?? 0;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const j = (y / 2) * (w / 2) + x / 2;
      uPlane[j] = clampByte(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255);
      vPlane[j] = clampByte(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  return Buffer.concat([header, yPlane, uPlane, vPlane]);
}
