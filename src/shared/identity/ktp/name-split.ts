/**
 * Restores word gaps OCR lost in a name or an address. Every engine measured here joins narrowly
 * spaced words ("PUTRAASTAWA", "GRIYAASRI"); the address uses its own word list (address-words.ts).
 * With the name known from the letter, the recap or the form, a read whose letters equal it takes
 * its spacing. Without one, a long token that is not itself a known name
 * part is split only when it divides into known parts in exactly one fewest-pieces way, and no
 * piece is an ending that also glues into one-word names (RAHMAWATI stays whole).
 */
import { ADDRESS_ENDINGS, ADDRESS_WORDS } from './address-words';
import { NAME_ENDINGS, NAME_PARTS } from './name-parts';

/** The words a glued token may be split into, and the endings a split never leaves on their own. */
export interface Vocabulary {
  parts: ReadonlySet<string>;
  endings: ReadonlySet<string>;
}

export const NAME_VOCABULARY: Vocabulary = { parts: new Set(NAME_PARTS), endings: NAME_ENDINGS };
export const ADDRESS_VOCABULARY: Vocabulary = { parts: new Set(ADDRESS_WORDS), endings: ADDRESS_ENDINGS };

const MIN_PIECE = 3;
const MIN_GLUED = 7;

const letters = (s: string): string => s.toUpperCase().replace(/[^A-Z]/g, '');

/** Splits one token into known parts, or null (no split or more than one best split). */
export function splitGluedWord(word: string, vocabulary: Vocabulary = NAME_VOCABULARY): string[] | null {
  const { parts, endings } = vocabulary;
  const w = word.toUpperCase();
  if (w.length < MIN_GLUED || !/^[A-Z]+$/.test(w) || parts.has(w)) return null;
  // best[i]: fewest pieces covering w[0..i), and how many ways reach that count.
  const best: { pieces: number; ways: number; from: number }[] = Array.from({ length: w.length + 1 }, () => ({
    pieces: Infinity,
    ways: 0,
    from: -1,
  }));
  best[0] = { pieces: 0, ways: 1, from: -1 };
  for (let end = MIN_PIECE; end <= w.length; end++) {
    for (let start = 0; start <= end - MIN_PIECE; start++) {
      const prev = best[start];
      const piece = w.slice(start, end);
      if (prev === undefined || prev.ways === 0 || !parts.has(piece) || endings.has(piece)) continue;
      const cur = best[end];
      if (cur === undefined) continue;
      const pieces = prev.pieces + 1;
      if (pieces < cur.pieces) best[end] = { pieces, ways: prev.ways, from: start };
      else if (pieces === cur.pieces) cur.ways += prev.ways;
    }
  }
  const last = best[w.length];
  if (last === undefined || last.ways !== 1 || last.pieces < 2) return null;
  const out: string[] = [];
  for (let end = w.length; end > 0;) {
    const from = best[end]?.from ?? 0;
    out.unshift(w.slice(from, end));
    end = from;
  }
  return out;
}

/**
 * A word gap read as an apostrophe: the ringing a deblurred card leaves after a word's last stroke
 * ("SRI'WAHYUNINGSIH", "NI'LUH", shown as sure). A real one stays: names take it after a short
 * Arabic syllable (MA'RUF, MU'MIN, QUR'ANI), so it is a gap only between two known name parts or
 * two pieces of four letters or more.
 */
export function apostropheGaps(name: string): string {
  return name.replace(/([A-Z]+)['’`´]([A-Z]+)/g, (whole, left: string, right: string) => {
    const known = NAME_VOCABULARY.parts.has(left) && NAME_VOCABULARY.parts.has(right);
    return known || (left.length >= 4 && right.length >= 4) ? `${left} ${right}` : whole;
  });
}

/**
 * The name with lost gaps restored: the spacing of a known name with the same letters, else the
 * list-based split of each long token (after a gap read as an apostrophe is made a gap again).
 */
export function restoreNameGaps(name: string, knownNames: readonly string[] = []): string {
  const squashed = letters(name);
  if (squashed === '') return name;
  for (const known of knownNames) {
    const k = known
      .toUpperCase()
      .replace(/[^A-Z ]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (k !== '' && letters(k) === squashed && k !== name) return k;
  }
  return apostropheGaps(name)
    .split(' ')
    .map((t) => splitGluedWord(t)?.join(' ') ?? t)
    .join(' ');
}

/** The address with each long glued token split into known address words (restoreAddressGaps). */
export function restoreAddressGaps(alamat: string): string {
  return alamat
    .split(' ')
    .map((t) => splitGluedWord(t, ADDRESS_VOCABULARY)?.join(' ') ?? t)
    .join(' ');
}
