/**
 * Generates the OCR benchmark's two card sets (tuning photos, held-out) into a folder, in a process
 * of its own: rendering and photographing cards grows this process's memory by ~150 MB that glibc
 * keeps, and the bench reports the OCR's RSS, which must not carry the generator's.
 *
 *   tsx scripts/bench/ocr-sets.ts <folder> <people> <held-out seed>
 * Prints one JSON line: { tuning, heldOut } ground-truth paths (heldOut null without its fonts).
 */
import { join } from 'node:path';

import { generateBenchSet } from '../ktp/bench-set';
import { HELD_OUT_NIK_FONTS, heldOutFontsAvailable, NIK_FONTS } from '../ktp/fonts';
import { DEFAULT_SEED } from '../ktp/generate';

async function main(): Promise<void> {
  const [dir, peopleArg, seedArg] = process.argv.slice(2);
  if (dir === undefined) throw new Error('Pemakaian: tsx scripts/bench/ocr-sets.ts <folder> <orang> <seed held-out>');
  const people = Number(peopleArg ?? 8);
  const tuning = await generateBenchSet(join(dir, 'tuning'), {
    seed: DEFAULT_SEED,
    count: people,
    fonts: NIK_FONTS,
    photos: 1,
    degraded: 0,
    clean: false,
  });
  const heldOut = heldOutFontsAvailable()
    ? await generateBenchSet(join(dir, 'held-out'), {
        seed: Number(seedArg ?? 7351),
        count: people,
        fonts: HELD_OUT_NIK_FONTS,
        photos: 1,
        degraded: 1,
        clean: true,
      })
    : null;
  process.stdout.write(`${JSON.stringify({ tuning, heldOut })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
