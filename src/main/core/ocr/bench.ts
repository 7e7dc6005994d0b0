/**
 * Measures KTP OCR on labelled cards: warm time per card and per-field accuracy, split clean vs
 * degraded and, for the NIK, by the font it is printed in (OCR-A is the hard case). Optionally runs
 * the native Tesseract CLI on the same preprocessed images for a speed ratio and an accuracy
 * cross-check. Used by `npm run bench -- ocr` and, without the native part, by the OCR test.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { KTP_FIELDS, type KtpField, type KtpReading } from '../../../shared/domain/identity';
import { KTP_CONFIDENCE_REVIEW, parseKtpText, type TextLine } from '../../../shared/identity/ktp/parser';
import { KtpOcr, type KtpOcrOptions } from './engine';
import { nativeTesseractVersion, runNativeTesseract } from './native';
import { ensureTessdata } from './tessdata';

export interface BenchCard {
  id: string;
  /** Absolute path of the image, or its bytes. */
  image: string | Buffer;
  /** 'clean', a degradation ('rotate', 'blur', 'light', 'combo' …) or a photo ('photo1' …, photographed). */
  variant: string;
  nikFont: string;
  expected: Record<KtpField, string>;
}

export type FieldAccuracy = Record<KtpField, number> & { mean: number; cards: number };

export interface OcrBenchResult {
  engine: string;
  initMs: number;
  /** Process RSS at its highest during the reads (tesseract's worker thread included). */
  peakRssMb: number;
  cards: { id: string; variant: string; nikFont: string; warmMs: number; wrong: KtpField[] }[];
  accuracy: { clean: FieldAccuracy; degraded: FieldAccuracy; photographed: FieldAccuracy };
  nik: Record<string, { clean: number; degraded: number; photographed: number }>;
  /** NIKs shown with a value that is wrong: all of them, and those at or above the review threshold (must be 0). */
  nikWrong: number;
  nikWrongConfident: number;
  nikEmpty: number;
  native:
    | { available: false; reason: string }
    | {
        available: true;
        version: string;
        jsRecognizeMs: number;
        nativeMs: number;
        ratio: number;
        jsAccuracy: FieldAccuracy;
        nativeAccuracy: FieldAccuracy;
      };
}

/** Reads test/fixtures/ktp/ground-truth.json (cards[].file is relative to it). */
export function loadGroundTruthCards(groundTruthPath: string): BenchCard[] {
  const gt = JSON.parse(readFileSync(groundTruthPath, 'utf8')) as {
    cards: {
      id: string;
      file: string;
      variant: string;
      nikFont: string;
      person: { fields: Record<KtpField, string> };
    }[];
  };
  const base = dirname(resolve(groundTruthPath));
  return gt.cards.map((c) => ({
    id: `${c.id}-${c.variant}`,
    image: resolve(base, c.file),
    variant: c.variant,
    nikFont: c.nikFont,
    expected: c.person.fields,
  }));
}

export function isCorrect(reading: KtpReading, expected: Record<KtpField, string>, field: KtpField): boolean {
  return reading[field].value !== null && reading[field].value === expected[field];
}

export function fieldAccuracy(
  rows: readonly { reading: KtpReading; expected: Record<KtpField, string> }[],
): FieldAccuracy {
  const acc = { mean: 0, cards: rows.length } as FieldAccuracy;
  for (const f of KTP_FIELDS) {
    acc[f] = rows.length === 0 ? 0 : rows.filter((r) => isCorrect(r.reading, r.expected, f)).length / rows.length;
  }
  acc.mean = KTP_FIELDS.reduce((s, f) => s + acc[f], 0) / KTP_FIELDS.length;
  return acc;
}

const linesFromText = (text: string): TextLine[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((t) => ({ text: t, confidence: 1 }));

export async function benchOcr(
  cards: readonly BenchCard[],
  options: KtpOcrOptions & { native?: boolean } = {},
): Promise<OcrBenchResult> {
  const ocr = new KtpOcr(options);
  const nativeVersion = options.native === false ? null : nativeTesseractVersion();
  const tessdata = await ensureTessdata((options.langs ?? 'eng').split('+') as ('eng' | 'ind')[], options.tessdataDir);
  try {
    const t0 = performance.now();
    await ocr.warmUp();
    const initMs = Math.round(performance.now() - t0);
    const rows: { card: BenchCard; reading: KtpReading; expected: Record<KtpField, string>; warmMs: number }[] = [];
    // Sampled while the reads run (a card's peak lies inside its read), not only between cards.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25).unref(); // a failed read must not keep the process alive
    const jsOnly: { reading: KtpReading; expected: Record<KtpField, string> }[] = [];
    const nativeRows: { reading: KtpReading; expected: Record<KtpField, string> }[] = [];
    let jsRecognizeMs = 0;
    let nativeMs = 0;
    for (const card of cards) {
      const image = typeof card.image === 'string' ? readFileSync(card.image) : card.image;
      const d = await ocr.readDetailed(image);
      rows.push({ card, reading: d.fields, expected: card.expected, warmMs: d.durationMs });
      if (nativeVersion !== null) {
        const n = await runNativeTesseract(d.preprocessed.png, tessdata, options.langs ?? 'eng');
        if (n !== null) {
          // Like for like: both engines' PSM 6 text through the same parser, without the NIK pass.
          jsRecognizeMs += d.timings.recognizeMs;
          nativeMs += n.ms;
          jsOnly.push({ reading: parseKtpText(d.lines), expected: card.expected });
          nativeRows.push({ reading: parseKtpText(linesFromText(n.text)), expected: card.expected });
        }
      }
    }
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const isPhoto = (v: string) => v.startsWith('photo');
    const clean = rows.filter((r) => r.card.variant === 'clean');
    const degraded = rows.filter((r) => r.card.variant !== 'clean' && !isPhoto(r.card.variant));
    const photographed = rows.filter((r) => isPhoto(r.card.variant));
    const wrongNik = rows.filter((r) => r.reading.nik.value !== null && r.reading.nik.value !== r.expected.nik);
    const nik: OcrBenchResult['nik'] = {};
    for (const font of [...new Set(cards.map((c) => c.nikFont))].sort()) {
      const share = (set: typeof rows) => {
        const mine = set.filter((r) => r.card.nikFont === font);
        return mine.length === 0 ? 0 : mine.filter((r) => isCorrect(r.reading, r.expected, 'nik')).length / mine.length;
      };
      nik[font] = { clean: share(clean), degraded: share(degraded), photographed: share(photographed) };
    }
    return {
      engine: ocr.engine,
      initMs,
      peakRssMb: Math.round(peakRss / 1e6),
      cards: rows.map((r) => ({
        id: r.card.id,
        variant: r.card.variant,
        nikFont: r.card.nikFont,
        warmMs: r.warmMs,
        wrong: KTP_FIELDS.filter((f) => !isCorrect(r.reading, r.expected, f)),
      })),
      accuracy: {
        clean: fieldAccuracy(clean),
        degraded: fieldAccuracy(degraded),
        photographed: fieldAccuracy(photographed),
      },
      nik,
      nikWrong: wrongNik.length,
      nikWrongConfident: wrongNik.filter((r) => r.reading.nik.confidence >= KTP_CONFIDENCE_REVIEW).length,
      nikEmpty: rows.filter((r) => r.reading.nik.value === null).length,
      native:
        nativeVersion === null
          ? { available: false, reason: options.native === false ? 'not requested' : 'tesseract CLI not found' }
          : nativeRows.length === 0
            ? { available: false, reason: 'tesseract CLI failed on every card' }
            : {
                available: true,
                version: nativeVersion,
                jsRecognizeMs: Math.round(jsRecognizeMs / nativeRows.length),
                nativeMs: Math.round(nativeMs / nativeRows.length),
                ratio: Math.round((jsRecognizeMs / Math.max(1, nativeMs)) * 100) / 100,
                jsAccuracy: fieldAccuracy(jsOnly),
                nativeAccuracy: fieldAccuracy(nativeRows),
              },
    };
  } finally {
    await ocr.close();
  }
}

/** The whole benchmark as text, for one set of cards (several ground-truth files are concatenated). */
export async function ocrBenchReport(
  groundTruthPaths: string | readonly string[] = 'test/fixtures/ktp/ground-truth.json',
  options: KtpOcrOptions & { native?: boolean; title?: string } = {},
): Promise<string> {
  const { formatOcrBench } = await import('./bench-table');
  const paths = typeof groundTruthPaths === 'string' ? [groundTruthPaths] : groundTruthPaths;
  const cards = paths.flatMap((p) => loadGroundTruthCards(p));
  const text = formatOcrBench(await benchOcr(cards, options));
  return options.title === undefined ? text : `## ${options.title}\n${text}`;
}
