/**
 * Reads an application letter's text (a PDF's text layer or a scan's OCR) for what intake needs:
 * nomor surat, tanggal, perihal, and the NIPs it lists (a "surat kolektif" lists several). These
 * are suggestions the verifier confirms; nothing here is trusted without a look.
 */
import { isRealDate } from '../contract/schema-parts';
import { checkNip } from '../identity/nip';

export interface LetterSuggestions {
  number: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  subject: string | null;
  /** Valid NIPs in the order the letter lists them, without repeats. */
  nips: string[];
}

const MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  pebruari: 2,
  maret: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  agustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  nopember: 11,
  desember: 12,
};

const pad = (n: number | string) => String(n).padStart(2, '0');

function toIso(y: number, m: number, d: number): string | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isRealDate(iso) ? iso : null;
}

/** The value after a label on the same line: "Nomor : 800/123/406.020/2026". */
function labelled(lines: string[], labels: RegExp): string | null {
  for (const line of lines) {
    const m = labels.exec(line);
    if (!m) continue;
    const value = line
      .slice(m.index + m[0].length)
      .replace(/^[\s:.]+/, '')
      // a PDF may put the next label on the same line ("Nomor: 800/1  Lampiran: -")
      .split(/\s{2,}|\s(?=(?:Lampiran|Sifat|Perihal|Hal|Tanggal)\s*:)/i)[0]
      ?.trim();
    if (value && value !== '-') return value;
  }
  return null;
}

/** The letter's date: "Trenggalek, 20 November 2026" first, else the first date-like text. */
function letterDate(text: string): string | null {
  const named =
    /(\d{1,2})\s+(januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember)\s+(\d{4})/gi;
  const candidates: { at: number; iso: string; placed: boolean }[] = [];
  for (const m of text.matchAll(named)) {
    const iso = toIso(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]));
    if (!iso) continue;
    const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0);
    candidates.push({ at: m.index ?? 0, iso, placed: /[A-Za-z],\s*$/.test(before) });
  }
  for (const m of text.matchAll(/(\d{1,2})[/-](\d{1,2})[/-](\d{4})/g)) {
    const iso = toIso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) candidates.push({ at: m.index ?? 0, iso, placed: false });
  }
  const placed = candidates.find((c) => c.placed);
  if (placed) return placed.iso;
  return candidates.sort((a, b) => a.at - b.at)[0]?.iso ?? null;
}

/** Every valid 18-digit NIP, also written with spaces ("19850615 201001 1 003"). */
function nipsIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<!\d)(\d{8})\s?(\d{6})\s?(\d)\s?(\d{3})(?!\d)/g)) {
    const nip = `${m[1]}${m[2]}${m[3]}${m[4]}`;
    if (checkNip(nip).valid && !found.includes(nip)) found.push(nip);
  }
  return found;
}

export function readLetterText(text: string): LetterSuggestions {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
  return {
    number: labelled(lines, /^\s*(?:nomor|no\.?)(?=\s|:)/i),
    date: letterDate(text),
    subject: labelled(lines, /^\s*(?:perihal|hal)(?=\s|:)/i),
    nips: nipsIn(text),
  };
}
