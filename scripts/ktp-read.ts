/**
 * Reads one KTP image from the command line and prints what the identity desk would get: every
 * field with its value, confidence and raw OCR text, as JSON. For checking a real card or a new
 * fixture without starting the app. Fully offline (bundled models, see src/main/core/ocr).
 *
 *   npx tsx scripts/ktp-read.ts <image> [--lines] [--langs eng|eng+ind]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { KtpOcr, type OcrLangs } from '../src/main/core/ocr/engine';

function usage(): never {
  console.error('Pemakaian: npx tsx scripts/ktp-read.ts <gambar-ktp> [--lines] [--langs eng|eng+ind]');
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--langs');
  if (file === undefined) usage();
  const langsArg = args.includes('--langs') ? args[args.indexOf('--langs') + 1] : 'eng';
  if (langsArg !== 'eng' && langsArg !== 'eng+ind') usage();
  const langs: OcrLangs = langsArg;
  const image = readFileSync(resolve(file));
  const ocr = new KtpOcr({ langs });
  try {
    const r = await ocr.readDetailed(image);
    const out = {
      file: resolve(file),
      engine: r.engine,
      durationMs: r.durationMs,
      fields: r.fields,
      ...(args.includes('--lines')
        ? {
            lines: r.lines,
            nikPasses: r.nikPasses,
            timings: r.timings,
            rotatedDeg: r.preprocessed.rotatedDeg,
            cardFound: r.preprocessed.cardFound,
          }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await ocr.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
