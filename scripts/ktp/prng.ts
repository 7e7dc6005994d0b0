/**
 * A tiny seeded PRNG for the synthetic KTP fixtures. Every random choice in scripts/ktp (people,
 * degradations, selfie framing, noise) goes through it so that `generate.ts` with the same seed
 * writes byte-identical fixtures; Math.random and libvips' own noise generators are not used.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Standard normal sample (Box–Muller). */
  gauss(): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** A child generator whose sequence does not depend on how many values this one has produced later. */
  fork(label: string): Rng;
}

/** FNV-1a, to turn a seed plus a label ("ktp-03/rotate") into a 32-bit state. */
export function hashSeed(seed: number, label = ''): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${label}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function createRng(seed: number, label = ''): Rng {
  let state = hashSeed(seed, label);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    gauss: () => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    fork: (label2) => createRng(seed, `${label}/${label2}`),
  };
  return rng;
}
