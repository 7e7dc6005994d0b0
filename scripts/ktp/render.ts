/**
 * Draws a synthetic e-KTP (1012×638 px, light blue, the printed layout of a real card) as HTML in
 * headless Chromium and screenshots it. Everything is positioned absolutely so that the photo box
 * and the label/value columns are at known coordinates (CARD_LAYOUT), and the rendered boxes of
 * every field are measured from the DOM for the ground truth. Fonts are embedded (fonts.ts), the
 * portrait is a data URL: the page loads nothing from disk or network.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

import { KTP_FIELDS, type KtpField } from '../../src/shared/domain/identity';
import { fontFaceCss, NIK_FONT_CSS, type NikFont } from './fonts';
import type { Person } from './people';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Pixel layout of the clean card. The label strings are exactly what is printed. */
export const CARD_LAYOUT = {
  width: 1012,
  height: 638,
  photo: { x: 770, y: 118, w: 210, h: 280 } satisfies Rect,
  labelX: 32,
  colonX: 262,
  valueX: 282,
  valueWidth: 462,
  nikTop: 104,
  fieldsTop: 160,
  lineHeight: 32,
  labels: [
    'NIK',
    'Nama',
    'Tempat/Tgl Lahir',
    'Jenis Kelamin',
    'Gol. Darah',
    'Alamat',
    'RT/RW',
    'Kel/Desa',
    'Kecamatan',
    'Agama',
    'Status Perkawinan',
    'Pekerjaan',
    'Kewarganegaraan',
    'Berlaku Hingga',
  ],
} as const;

/** A rectangle as fractions of the card, rounded to 4 decimals. */
export function toFractions(r: Rect, width: number = CARD_LAYOUT.width, height: number = CARD_LAYOUT.height): Rect {
  const f = (v: number) => Math.round(v * 10000) / 10000;
  return { x: f(r.x / width), y: f(r.y / height), w: f(r.w / width), h: f(r.h / height) };
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Fine wavy lines like the security print on the card (fixed, not random). */
function guillocheSvg(): string {
  const paths: string[] = [];
  for (let k = 0; k < 26; k++) {
    let d = '';
    for (let x = 0; x <= 1012; x += 8) {
      const y = 25 + k * 24 + 9 * Math.sin(x / 37 + k * 0.7) + 5 * Math.sin(x / 13 + k);
      d += `${x === 0 ? 'M' : 'L'}${x} ${y.toFixed(1)} `;
    }
    paths.push(`<path d="${d}" fill="none" stroke="#7fb3da" stroke-width="0.8" stroke-opacity="0.35"/>`);
  }
  const rings: string[] = [];
  for (let r = 20; r <= 150; r += 10) {
    rings.push(
      `<circle cx="520" cy="330" r="${r}" fill="none" stroke="#6fa7d3" stroke-width="1" stroke-opacity="0.18"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1012" height="638">${paths.join('')}${rings.join('')}</svg>`;
}

/** A scribbled signature under the photo. */
function signatureSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="170" height="60" viewBox="0 0 170 60"><path d="M8 42 C 20 8, 34 8, 38 40 S 58 54, 66 22 S 86 6, 92 38 C 96 52, 112 20, 124 30 S 146 44, 162 18" fill="none" stroke="#1d2a3a" stroke-width="2.2" stroke-linecap="round"/></svg>`;
}

interface Row {
  label: string;
  value: string;
  field: KtpField;
  indent?: boolean;
  /** Extra inline label/value on the same line (Gol. Darah next to Jenis Kelamin, as on real cards). */
  extra?: { label: string; value: string; field: KtpField };
  /** The Tempat/Tgl Lahir line holds two fields. */
  split?: { first: string; second: string; secondField: KtpField };
}

export function cardHtml(person: Person, nikFont: NikFont, photoDataUrl: string, fontCss: string): string {
  const f = person.fields;
  const L = CARD_LAYOUT;
  const rows: Row[] = [
    { label: 'Nama', value: f.nama, field: 'nama' },
    {
      label: 'Tempat/Tgl Lahir',
      value: '',
      field: 'tempatLahir',
      split: { first: f.tempatLahir, second: person.printed.tanggalLahir, secondField: 'tanggalLahir' },
    },
    {
      label: 'Jenis Kelamin',
      value: f.jenisKelamin,
      field: 'jenisKelamin',
      extra: { label: 'Gol. Darah', value: f.golonganDarah, field: 'golonganDarah' },
    },
    { label: 'Alamat', value: f.alamat, field: 'alamat' },
    { label: 'RT/RW', value: f.rtRw, field: 'rtRw', indent: true },
    { label: 'Kel/Desa', value: f.kelDesa, field: 'kelDesa', indent: true },
    { label: 'Kecamatan', value: f.kecamatan, field: 'kecamatan', indent: true },
    { label: 'Agama', value: f.agama, field: 'agama' },
    { label: 'Status Perkawinan', value: f.statusPerkawinan, field: 'statusPerkawinan' },
    { label: 'Pekerjaan', value: f.pekerjaan, field: 'pekerjaan' },
    { label: 'Kewarganegaraan', value: f.kewarganegaraan, field: 'kewarganegaraan' },
    { label: 'Berlaku Hingga', value: f.berlakuHingga, field: 'berlakuHingga' },
  ];
  const rowHtml = rows
    .map((r) => {
      let value: string;
      if (r.split) {
        value = `<span data-field="${r.field}">${esc(r.split.first)}</span>, <span data-field="${r.split.secondField}">${esc(r.split.second)}</span>`;
      } else if (r.extra) {
        value = `<span class="jk" data-field="${r.field}">${esc(r.value)}</span><span class="gd-label">${esc(r.extra.label)}</span><span class="gd-colon">:</span><span data-field="${r.extra.field}">${esc(r.extra.value)}</span>`;
      } else {
        value = `<span data-field="${r.field}">${esc(r.value)}</span>`;
      }
      return `<div class="row"><div class="label${r.indent ? ' indent' : ''}">${esc(r.label)}</div><div class="colon">:</div><div class="value">${value}</div></div>`;
    })
    .join('\n');
  const nikCss = NIK_FONT_CSS[nikFont];
  const bg = `data:image/svg+xml;base64,${Buffer.from(guillocheSvg()).toString('base64')}`;
  const sig = `data:image/svg+xml;base64,${Buffer.from(signatureSvg()).toString('base64')}`;
  const p = L.photo;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
${fontCss}
html, body { margin: 0; padding: 0; background: transparent; }
.card { position: relative; width: ${L.width}px; height: ${L.height}px; overflow: hidden; border-radius: 22px;
  background: url(${bg}) no-repeat, linear-gradient(160deg, #dcEEf9 0%, #c2e0f3 45%, #a9d1ee 100%);
  font-family: 'KtpSans'; color: #151515; }
.hdr { position: absolute; left: 0; width: 100%; text-align: center; font-weight: 700; font-size: 30px; letter-spacing: 0.5px; line-height: 34px; }
.nik { position: absolute; top: ${L.nikTop}px; left: ${L.labelX}px; height: 44px; width: 720px; display: flex; align-items: baseline; line-height: 44px; }
.nik .l { width: ${L.colonX - L.labelX}px; font-weight: 700; font-size: 30px; }
.nik .c { width: ${L.valueX - L.colonX}px; font-weight: 700; font-size: 30px; }
.nik .v { ${nikCss} }
.fields { position: absolute; top: ${L.fieldsTop}px; left: 0; width: ${L.valueX + L.valueWidth}px; }
.row { position: relative; font-size: 22px; line-height: ${L.lineHeight}px; }
.label { position: absolute; left: ${L.labelX}px; top: 0; }
.label.indent { left: ${L.labelX + 22}px; }
.colon { position: absolute; left: ${L.colonX}px; top: 0; }
.value { margin-left: ${L.valueX}px; width: ${L.valueWidth}px; min-height: ${L.lineHeight}px; }
.jk { display: inline-block; width: 190px; }
.gd-label { display: inline-block; width: 124px; }
.gd-colon { display: inline-block; width: 18px; }
.photo { position: absolute; left: ${p.x}px; top: ${p.y}px; width: ${p.w}px; height: ${p.h}px; background: #b8282f; overflow: hidden; }
.photo img { width: 100%; height: 100%; object-fit: cover; display: block; }
.issue { position: absolute; left: ${p.x - 30}px; width: ${p.w + 60}px; text-align: center; font-size: 19px; white-space: nowrap; }
.issue.small { font-size: 15px; }
.sig { position: absolute; left: ${p.x + 20}px; top: ${p.y + p.h + 72}px; width: 170px; height: 60px; }
</style></head><body><div class="card">
<div class="hdr" data-field="provinsi" style="top: 20px">${esc(person.printed.provinceLine)}</div>
<div class="hdr" data-field="kabupatenKota" style="top: 56px">${esc(person.printed.regencyLine)}</div>
<div class="nik"><span class="l">NIK</span><span class="c">:</span><span class="v" data-field="nik">${esc(f.nik)}</span></div>
<div class="fields">
${rowHtml}
</div>
<div class="photo" data-box="photo"><img src="${photoDataUrl}" alt=""></div>
<div class="issue${person.printed.issuePlace.length > 16 ? ' small' : ''}" data-box="issuePlace" style="top: ${p.y + p.h + 12}px">${esc(person.printed.issuePlace)}</div>
<div class="issue" data-box="issueDate" style="top: ${p.y + p.h + 38}px">${esc(person.printed.issueDate)}</div>
<img class="sig" src="${sig}" alt="">
</div></body></html>`;
}

interface Measured {
  field: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: number;
}

export interface RenderedCard {
  /** RGBA; transparent outside the rounded corners. */
  png: Buffer;
  /** Pixel boxes of each field's printed value (the provinsi box covers "PROVINSI …"). */
  boxes: Partial<Record<KtpField, Rect>>;
  /** Fields whose value wrapped onto a second line. */
  wrapped: KtpField[];
}

export class CardRenderer {
  private readonly fontCss = fontFaceCss();

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async launch(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<CardRenderer> {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const page = await browser.newPage({
      viewport: { width: CARD_LAYOUT.width, height: CARD_LAYOUT.height },
      deviceScaleFactor: 1,
    });
    // Nothing on the card may come from the network.
    await page.route(/^(https?|wss?):/, (route) => route.abort());
    return new CardRenderer(browser, page);
  }

  async render(person: Person, nikFont: NikFont, photoJpeg: Buffer): Promise<RenderedCard> {
    const photo = `data:image/jpeg;base64,${photoJpeg.toString('base64')}`;
    await this.page.setContent(cardHtml(person, nikFont, photo, this.fontCss), { waitUntil: 'load' });
    // String expressions: this project's tsconfig has no DOM lib for scripts.
    await this.page.evaluate('document.fonts.ready.then(() => true)');
    const measured = await this.page.evaluate<
      Measured[]
    >(`Array.from(document.querySelectorAll('[data-field]')).map((el) => {
      const r = el.getBoundingClientRect();
      return { field: el.dataset.field || '', x: r.x, y: r.y, w: r.width, h: r.height, lines: el.getClientRects().length };
    })`);
    const boxes: Partial<Record<KtpField, Rect>> = {};
    const wrapped: KtpField[] = [];
    for (const m of measured) {
      const field = KTP_FIELDS.find((k) => k === m.field);
      if (!field) continue;
      boxes[field] = { x: Math.round(m.x), y: Math.round(m.y), w: Math.round(m.w), h: Math.round(m.h) };
      if (m.lines > 1) wrapped.push(field);
    }
    // Transparent outside the rounded corners, so callers choose what the card lies on.
    const png = await this.page.screenshot({
      type: 'png',
      omitBackground: true,
      clip: { x: 0, y: 0, width: CARD_LAYOUT.width, height: CARD_LAYOUT.height },
    });
    return { png, boxes, wrapped };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
