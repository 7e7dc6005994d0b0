/**
 * Finds the local font files the synthetic KTP cards are drawn with and turns them into
 * @font-face rules with base64 data URLs, so Chromium renders the card with no network and no
 * dependence on its own font fallback. The NIK has two variants: `ocra` (OCR-A from the Debian
 * package fonts-ocr-a, the font OCR finds hardest) and `plain` (Liberation Sans Bold).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export type NikFont = 'ocra' | 'plain';
export const NIK_FONTS: readonly NikFont[] = ['ocra', 'plain'];

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

/** The CSS @font-face rules, fonts embedded as data URLs. */
export function fontFaceCss(): string {
  const files = findFontFiles();
  return WANTED.map((w) => {
    const file = files[w.fileName] as string;
    const data = readFileSync(file).toString('base64');
    return `@font-face { font-family: '${w.family}'; font-weight: ${w.weight}; font-style: normal; src: url(data:font/ttf;base64,${data}) format('truetype'); }`;
  }).join('\n');
}
