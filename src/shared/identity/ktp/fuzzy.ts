/**
 * Edit distance and closest-match helpers for the KTP parser. OCR rarely reads a label or a
 * closed-list value perfectly ("Kecarnatan", "PEREMPUAM", "IWNI"), so every comparison against a
 * known word goes through here. Inputs are capped in length so that a hostile or garbage OCR line
 * can never make the parser quadratic on megabytes of text.
 */

/** Longest string compared; KTP labels and values are far shorter. */
const MAX_LEN = 64;

/** Levenshtein distance (insert, delete, substitute = 1), on at most MAX_LEN characters of each. */
export function editDistance(a: string, b: string): number {
  const s = a.slice(0, MAX_LEN);
  const t = b.slice(0, MAX_LEN);
  if (s === t) return 0;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length] ?? Math.max(s.length, t.length);
}

/** Upper case, letters and digits only ("Tempat/Tgl Lahir" → "TEMPATTGLLAHIR"). */
export function squash(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Upper case, runs of anything that is not a letter/digit/'-/ collapsed into one space. */
export function tidyUpper(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9'\-/.,() ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Closest<T> {
  item: T;
  distance: number;
  /** 1 for an exact match, falling towards 0 as the distance approaches the key length. */
  similarity: number;
}

/**
 * The candidate whose key is nearest to `text` (both compared squashed), or null when the best one
 * is further than `maxRatio` × key length or when two different candidates tie for best (an
 * ambiguous read is better left empty than guessed).
 */
export function closest<T>(
  text: string,
  candidates: readonly T[],
  key: (c: T) => string,
  maxRatio = 0.3,
): Closest<T> | null {
  const q = squash(text);
  if (q.length === 0) return null;
  let best: Closest<T> | null = null;
  let tie = false;
  for (const item of candidates) {
    const k = squash(key(item));
    if (k.length === 0) continue;
    if (Math.abs(k.length - q.length) > Math.max(3, k.length * maxRatio)) continue;
    const distance = editDistance(q, k);
    if (distance > Math.floor(k.length * maxRatio)) continue;
    const similarity = Math.max(0, 1 - distance / Math.max(k.length, q.length));
    if (best === null || distance < best.distance) {
      best = { item, distance, similarity };
      tie = false;
    } else if (distance === best.distance && squash(key(best.item)) !== k) {
      tie = true;
    }
  }
  return tie ? null : best;
}
