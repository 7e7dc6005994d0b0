/**
 * Finds the local font files the synthetic KTP cards are drawn with and turns them into
 * @font-face rules with base64 data URLs, so Chromium renders the card with no network and no
 * dependence on its own font fallback. NIK digit faces: the tuning fonts `ocra` (OCR-A from the
 * Debian package fonts-ocr-a, the font OCR finds hardest) and `plain` (Liberation Sans Bold), and
 * fonts the reader was never tuned on, used only by the held-out set: `ocrb` (fonts-ocr-b),
 * `mono` (DejaVu Sans Mono Bold, fonts-dejavu-core), `serif` (Liberation Serif Bold) and
 * `segment` (DSEG7 Classic, fonts-dseg: a seven-segment face).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export type NikFont = 'ocra' | 'plain' | 'ocrb' | 'mono' | 'serif' | 'segment';
export const NIK_FONTS: readonly NikFont[] = ['ocra', 'plain'];
/** Never used while tuning the reader. */
export const HELD_OUT_NIK_FONTS: readonly NikFont[] = ['ocrb', 'mono', 'serif', 'segment'];

interface FontWanted {
  family: string;
  weight: number;
  /** Matched against the file name in `fc-list` output. */
  fileName: string;
  fallback: string;
}

const WANTED: FontWanted[] = [
  {
    family: 'KtpSans',
    weight: 400,
    fileName: 'LiberationSans-Regular.ttf',
    fallback: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  },
  {
    family: 'KtpSans',
    weight: 700,
    fileName: 'LiberationSans-Bold.ttf',
    fallback: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
  { family: 'KtpOcrA', weight: 400, fileName: 'OCRA.ttf', fallback: '/usr/share/fonts/truetype/ocr-a/OCRA.ttf' },
];

/** Held-out NIK faces: loaded only when present (fonts-ocr-b, fonts-dejavu-core, fonts-dseg). */
const OPTIONAL: FontWanted[] = [
  { family: 'KtpOcrB', weight: 400, fileName: 'OCRB.otf', fallback: '/usr/share/fonts/opentype/ocr-b/OCRB.otf' },
  {
    family: 'KtpMono',
    weight: 700,
    fileName: 'DejaVuSansMono-Bold.ttf',
    fallback: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
  },
  {
    family: 'KtpSerif',
    weight: 700,
    fileName: 'LiberationSerif-Bold.ttf',
    fallback: '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
  },
  {
    family: 'KtpSegment',
    weight: 400,
    fileName: 'DSEG7Classic-Regular.ttf',
    fallback: '/usr/share/fonts/truetype/dseg/DSEG7Classic-Regular.ttf',
  },
];

/** The CSS for the NIK line in each face (size tuned so the 16 digits fill the value column alike). */
export const NIK_FONT_CSS: Record<NikFont, string> = {
  ocra: `font-family: 'KtpOcrA'; font-size: 36px; font-weight: 400; letter-spacing: 1px;`,
  plain: `font-family: 'KtpSans'; font-size: 34px; font-weight: 700; letter-spacing: 2px;`,
  ocrb: `font-family: 'KtpOcrB'; font-size: 35px; font-weight: 400; letter-spacing: 1px;`,
  mono: `font-family: 'KtpMono'; font-size: 34px; font-weight: 700; letter-spacing: 1px;`,
  serif: `font-family: 'KtpSerif'; font-size: 36px; font-weight: 700; letter-spacing: 2px;`,
  segment: `font-family: 'KtpSegment'; font-size: 30px; font-weight: 400; letter-spacing: 3px;`,
};

function fcListFiles(): string[] {
  try {
    return execFileSync('fc-list', [':', 'file'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Absolute path of each font, found through fontconfig first and the Debian path second. */
export function findFontFiles(): Record<string, string> {
  const listed = fcListFiles();
  const found: Record<string, string> = {};
  for (const w of WANTED) {
    const file = listed.find((f) => f.endsWith(`/${w.fileName}`)) ?? (existsSync(w.fallback) ? w.fallback : undefined);
    if (!file) {
      throw new Error(`font ${w.fileName} not found: apt-get install fonts-liberation fonts-ocr-a`);
    }
    found[w.fileName] = file;
  }
  return found;
}

function optionalFontFiles(): { w: FontWanted; file: string }[] {
  const listed = fcListFiles();
  return OPTIONAL.flatMap((w) => {
    const file = listed.find((f) => f.endsWith(`/${w.fileName}`)) ?? (existsSync(w.fallback) ? w.fallback : undefined);
    return file === undefined ? [] : [{ w, file }];
  });
}

/** Whether every held-out NIK face is installed (apt-get install fonts-ocr-b fonts-dejavu-core fonts-dseg). */
export function heldOutFontsAvailable(): boolean {
  return optionalFontFiles().length === OPTIONAL.length;
}

/** The CSS @font-face rules, fonts embedded as data URLs. */
export function fontFaceCss(): string {
  const files = findFontFiles();
  const rule = (w: FontWanted, file: string) => {
    const data = readFileSync(file).toString('base64');
    const format = file.endsWith('.otf') ? 'opentype' : 'truetype';
    return `@font-face { font-family: '${w.family}'; font-weight: ${w.weight}; font-style: normal; src: url(data:font/${format === 'opentype' ? 'otf' : 'ttf'};base64,${data}) format('${format}'); }`;
  };
  return [
    ...WANTED.map((w) => rule(w, files[w.fileName] as string)),
    ...optionalFontFiles().map(({ w, file }) => rule(w, file)),
  ].join('\n');
}
