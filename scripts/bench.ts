/**
 * `npm run bench -- [ocr] [face] [store]`: timings and accuracy that tests must not assert, printed as
 * tables. OCR: per-card warm time, per-field accuracy clean vs degraded, native tesseract ratio.
 * Face: warm decision time. Store: queue/recap/report/import at 100k rows. With no argument, every
 * benchmark runs.
 */
import { benchFace } from '../src/main/core/face/bench';
import { ocrBenchReport } from '../src/main/core/ocr/bench';
import { storeBenchReport } from './bench/store-bench';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = wanted.length === 0;

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

async function face(): Promise<void> {
  const r = await benchFace(20);
  console.log('\n## Face match (warm, card + 1280×720 selfie)');
  console.log(`engine: ${r.engine}`);
  console.log('| metric | value | target |');
  console.log('|---|---|---|');
  console.log(`| init (worker + models + warm-up) | ${ms(r.initMs)} | – |`);
  console.log(`| describe the card once, at capture (SSD) | ${ms(r.describeCardMs)} | – |`);
  console.log(`| decision p50, stored card descriptor, worker thread | ${ms(r.decision.medianMs)} | ≤ 300 ms |`);
  console.log(`| decision p95 | ${ms(r.decision.p95Ms)} | – |`);
  console.log(`| longest event-loop stall during decisions | ${ms(r.maxEventLoopGapMs)} | – |`);
  console.log(
    `| before: both images, SSD on both, p50 / p95 | ${ms(r.bothSsd.medianMs)} / ${ms(r.bothSsd.p95Ms)} | – |`,
  );
  console.log(
    `| one selfie pass: SSD / TinyFaceDetector 416 | ${ms(r.selfiePassMs.ssd)} / ${ms(r.selfiePassMs.tiny)} | – |`,
  );
  console.log(`| decisions measured | ${r.iterations} | – |`);
  console.log(`| RSS after run | ${r.rssMb.toFixed(0)} MB | ≤ 400 MB |`);
}

async function main(): Promise<void> {
  if (all || wanted.includes('ocr'))
    console.log(await ocrBenchReport('test/fixtures/ktp/ground-truth.json', { native: true }));
  if (all || wanted.includes('face')) await face();
  if (all || wanted.includes('store')) console.log(await storeBenchReport());
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
