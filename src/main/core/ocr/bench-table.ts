/**
 * Plain-text tables for an OCR benchmark result, so `npm run bench -- ocr` prints something a
 * person can read in a terminal or paste into a note: per-field accuracy (clean vs degraded), NIK
 * by font, warm time per card, and the native-CLI baseline when it ran.
 */
import { KTP_FIELDS } from '../../../shared/domain/identity';
import type { FieldAccuracy, OcrBenchResult } from './bench';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`.padStart(5);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function accuracyRows(cols: [string, FieldAccuracy][]): string[] {
  const head = `${'field'.padEnd(18)}${cols.map(([n]) => n.padStart(10)).join('')}`;
  const rows = KTP_FIELDS.map((f) => `${f.padEnd(18)}${cols.map(([, a]) => pct(a[f]).padStart(10)).join('')}`);
  const mean = `${'(mean)'.padEnd(18)}${cols.map(([, a]) => pct(a.mean).padStart(10)).join('')}`;
  const n = `${'(cards)'.padEnd(18)}${cols.map(([, a]) => String(a.cards).padStart(10)).join('')}`;
  return [head, ...rows, mean, n];
}

export function formatOcrBench(r: OcrBenchResult): string {
  const out: string[] = [
    `KTP OCR — ${r.engine}`,
    `worker start: ${r.initMs} ms; peak RSS during reads ${r.peakRssMb} MB (target ≤ 400 MB)`,
    '',
  ];
  out.push(
    ...accuracyRows([
      ['clean', r.accuracy.clean],
      ['degraded', r.accuracy.degraded],
      ['photo', r.accuracy.photographed],
    ]),
    '',
  );
  out.push(`${'NIK by font'.padEnd(18)}${'clean'.padStart(10)}${'degraded'.padStart(10)}${'photo'.padStart(10)}`);
  for (const [font, a] of Object.entries(r.nik))
    out.push(
      `${font.padEnd(18)}${pct(a.clean).padStart(10)}${pct(a.degraded).padStart(10)}${pct(a.photographed).padStart(10)}`,
    );
  out.push(
    `NIK wrong but shown as sure (confidence ≥ 0.7): ${r.nikWrongConfident} (must be 0); wrong at low confidence: ${r.nikWrong - r.nikWrongConfident}; left empty: ${r.nikEmpty} of ${r.cards.length}`,
  );
  out.push('');
  const ms = r.cards.map((c) => c.warmMs);
  out.push(
    `warm time per card: median ${Math.round(median(ms))} ms, min ${Math.min(...ms)} ms, max ${Math.max(...ms)} ms (${ms.length} cards)`,
  );
  for (const c of r.cards)
    out.push(
      `  ${c.id.padEnd(18)} ${c.nikFont.padEnd(6)} ${String(c.warmMs).padStart(6)} ms  ${c.wrong.length === 0 ? 'all fields right' : `wrong: ${c.wrong.join(', ')}`}`,
    );
  out.push('');
  if (r.native.available) {
    const n = r.native;
    out.push(`native baseline: ${n.version} (OMP_THREAD_LIMIT=1, same best_int model, PSM 6, same preprocessed PNG)`);
    out.push(`  recognize per card: tesseract.js ${n.jsRecognizeMs} ms vs native ${n.nativeMs} ms → ratio ${n.ratio}`);
    out.push(
      ...accuracyRows([
        ['tess.js', n.jsAccuracy],
        ['native', n.nativeAccuracy],
      ]).map((l) => `  ${l}`),
    );
  } else {
    out.push(`native baseline: unavailable (${r.native.reason})`);
  }
  return out.join('\n');
}
