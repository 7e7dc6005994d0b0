/**
 * KTP OCR for the identity desk: one warm tesseract.js worker (its own worker_thread, so the
 * Electron main loop never blocks on recognition), reused for every card because starting one
 * costs ~0.2–0.3 s. Calls are queued: one worker recognizes one image at a time. Each read is
 * preprocess (sharp) → PSM 6 over the card → a second, digits-only PSM 7 read of the NIK line →
 * parse. Setup follows identity-desk.md exactly; the traps it lists (CDN fetch and a silent hang
 * without langPath, a stray cache file overriding it) are closed here: models are checked on disk
 * first, the cache is off, and init is raced against our own timeout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

import type { KtpOcrResult, KtpReading } from '../../../shared/domain/identity';
import { splitLabel } from '../../../shared/identity/ktp/labels';
import { KTP_CONFIDENCE_REVIEW, type KtpHints, parseKtpText, type TextLine } from '../../../shared/identity/ktp/parser';
import { findNikLine, linesOf, nikRectangle, type OcrLineBox, parserLines, type Rect } from './lines';
import { type PreprocessedKtp, preprocessKtp } from './preprocess';
import { readSegmentDigits, type SegmentRead } from './segment-digits';
import { ensureTessdata, type OcrLang } from './tessdata';

export type OcrLangs = 'eng' | 'eng+ind';

export interface KtpOcrOptions {
  /** 'eng' (default; measured 99 % on the text fields, ~0.5 s) or 'eng+ind' (~0.8 s). */
  langs?: OcrLangs;
  /** Where the unzipped models go (default: a versioned folder in the OS temp dir). */
  tessdataDir?: string;
  /** Worker start-up limit; tesseract.js never rejects on some failures, it just hangs. */
  initTimeoutMs?: number;
  /** Width the card is scaled to before recognition (default 1800, the measured optimum). */
  targetWidth?: number;
  /** Limit for one read; on expiry the worker is discarded and the next read starts a fresh one. */
  readTimeoutMs?: number;
  /** Undo a motion smear measured on the card (default true; motion-blur.ts). False: the card as photographed. */
  undoMotionBlur?: boolean;
  /** Time the other readings of a badly read card may take together (default RETRY_BUDGET_MS). */
  retryBudgetMs?: number;
  /** The folder holding `@tesseract.js-data/<lang>` (packaged app: app.asar.unpacked/node_modules). */
  langPackagesDir?: string;
  /** Packaged Electron: tesseract.js must be asarUnpacked and these point into app.asar.unpacked. */
  workerPath?: string;
  corePath?: string;
}

/** A read with everything the benchmark and debugging need, beyond the parsed fields. */
export interface KtpOcrDetail extends KtpOcrResult {
  /** The PSM 6 lines as given to the parser (confidence 0..1: the weakest value word's, see valueConfidence). */
  lines: TextLine[];
  /** The second reads of the NIK line (see NIK_PASSES), plus the seven-segment read when it was used. */
  nikPasses: TextLine[];
  /** The seven-segment reader's read of the NIK line (segment-digits.ts), used only when the others were unsure. */
  segmentRead: SegmentRead | null;
  preprocessed: PreprocessedKtp;
  timings: { preprocessMs: number; recognizeMs: number; nikPassMs: number; parseMs: number };
}

const DEFAULT_INIT_TIMEOUT_MS = 30_000;

/**
 * Second reads of the NIK line alone; all reads vote (nik-read.ts). Measured on the 30 OCR-A
 * fixture cards, NIK right / wrong / empty: PSM 6 line alone 20/8/2; + PSM 7 digits 24/5/1;
 * + PSM 7 digits-and-k/L/b/G (OCR-A's 6 and 1 survive as letters instead of vanishing) 28/2/0;
 * + PSM 8 digits 29/1/0. Plain-font NIKs: 30/0/0 in every setting. Each pass costs ~50 ms.
 */
const NIK_PASSES = [
  { tessedit_pageseg_mode: PSM.SINGLE_LINE, tessedit_char_whitelist: '0123456789' },
  { tessedit_pageseg_mode: PSM.SINGLE_LINE, tessedit_char_whitelist: '0123456789kLbG' },
  { tessedit_pageseg_mode: PSM.SINGLE_WORD, tessedit_char_whitelist: '0123456789' },
] as const;
const DEFAULT_READ_TIMEOUT_MS = 60_000;
/** A seven-segment read whose weakest zone is at least this clear counts as much as all NIK_PASSES together. */
const SEGMENT_CLEAR = 0.5;

/**
 * Of the 15 labels a KTP prints, a read right side up finds most (measured: 15 on every clean and
 * blurred fixture, 14–15 on good photos, 8 on a flash-blurred one); upside down 0. Below this the
 * other readings are tried; one replaces the best so far only when it finds this many more.
 */
const LABELS_READ_ENOUGH = 5;
const LABELS_BETTER_BY = 3;
/** Time the other readings may take together before the best so far is answered (a noisy read took 9 s). */
const RETRY_BUDGET_MS = 3_000;

/**
 * The NIK rectangle of the preprocessed card, grey, through the seven-segment reader. An aid to the
 * vote, never a reason to lose the card's reading: a crop sharp refuses gives no segment read.
 */
export async function segmentNik(png: Buffer, rect: Rect): Promise<SegmentRead | null> {
  try {
    const { data, info } = await sharp(png).extract(rect).greyscale().raw().toBuffer({ resolveWithObject: true });
    return readSegmentDigits({
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    });
  } catch {
    return null;
  }
}

/** How many different printed labels the lines show (the parser's own label finder). */
function labelsRead(lines: readonly { text: string }[]): number {
  return new Set(lines.map((l) => splitLabel(l.text).label).filter((l) => l !== null)).size;
}

/** How many fields the lines alone (no NIK passes) give at a confidence the desk shows as sure. */
function sureFields(lines: readonly OcrLineBox[]): number {
  return Object.values(parseKtpText(parserLines(lines))).filter((f) => f.confidence >= KTP_CONFIDENCE_REVIEW).length;
}

export class KtpOcr {
  private worker: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly engine: string;
  private readonly deblur: boolean;

  constructor(private readonly options: KtpOcrOptions = {}) {
    this.deblur = options.undoMotionBlur ?? true;
    this.engine = `tesseract.js 7 (${options.langs ?? 'eng'} 4.0.0_best_int, LSTM, PSM 6 + ${NIK_PASSES.length} NIK passes)`;
  }

  /** Starts the worker now (optional: the first read does it otherwise). */
  async warmUp(): Promise<void> {
    await this.getWorker();
  }

  /** `hints`: what the desk already knows (the applicant's name), to settle lost word gaps. */
  async read(image: Buffer, hints?: KtpHints): Promise<KtpOcrResult> {
    const { fields, durationMs, engine } = await this.readDetailed(image, hints);
    return { fields, durationMs, engine };
  }

  /** Like read(), plus the raw lines, the NIK pass, the preprocessed image and per-stage timings. */
  readDetailed(image: Buffer, hints?: KtpHints): Promise<KtpOcrDetail> {
    const job = this.queue.then(() => this.runWithTimeout(image, hints));
    // The queue continues after a failed read; the caller still sees the failure.
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Refuses new reads, lets the ones in flight finish (up to 5 s), then stops the worker thread. */
  async close(): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
    clearTimeout(timer);
    const w = this.worker;
    this.worker = null;
    if (w !== null) await w.then((x) => x.terminate()).catch(() => undefined);
  }

  private async runWithTimeout(image: Buffer, hints?: KtpHints): Promise<KtpOcrDetail> {
    const ms = this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`KTP OCR tidak selesai dalam ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([this.run(image, hints), expired]);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('KTP OCR tidak selesai')) {
        // A stuck worker cannot be trusted with the next card.
        const stuck = this.worker;
        this.worker = null;
        if (stuck !== null) void stuck.then((w) => w.terminate()).catch(() => undefined);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(image: Buffer, hints?: KtpHints): Promise<KtpOcrDetail> {
    if (this.closed) throw new Error('KTP OCR sudah ditutup');
    const t0 = performance.now();
    const pre = await preprocessKtp(image, this.options.targetWidth, { deblur: this.deblur });
    const t1 = performance.now();
    const worker = await this.getWorker();
    const t2 = performance.now();
    const read = await this.readRightSideUp(worker, image, pre);
    const boxes = read.boxes;
    const lines = parserLines(boxes);
    const t3 = performance.now();
    const nikLine = findNikLine(boxes);
    // The lines come from the reading that was kept (maybe another way of finding the card): its size.
    const rect = nikRectangle(nikLine, read.pre.width, read.pre.height);
    const nikPasses: TextLine[] = [];
    try {
      for (const pass of NIK_PASSES) {
        await worker.setParameters(pass);
        const second = await worker.recognize(read.pre.png, { rectangle: rect }, { text: true });
        nikPasses.push({ text: second.data.text.trim(), confidence: second.data.confidence / 100 });
      }
    } finally {
      await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, tessedit_char_whitelist: '' });
    }
    const t4 = performance.now();
    let fields: KtpReading = parseKtpText(lines, nikPasses, hints);
    // A NIK Tesseract could not read with confidence may be printed in a segment face: read it as one.
    const segmentRead =
      fields.nik.confidence >= KTP_CONFIDENCE_REVIEW
        ? null
        : await segmentNik(read.pre.png, nikRectangle(nikLine, read.pre.width, read.pre.height, true));
    if (segmentRead !== null && segmentRead.cells >= 16) {
      // A clear segment read outweighs Tesseract's passes (which fail on such a face). Alone it earns 3 of 7
      // votes, below the review threshold, so the verifier checks it; it is sure only if Tesseract agrees.
      const weight = segmentRead.confidence >= SEGMENT_CLEAR ? NIK_PASSES.length : 1;
      nikPasses.push({ text: segmentRead.text, confidence: segmentRead.confidence, weight });
      fields = parseKtpText(lines, nikPasses, hints);
    }
    const t5 = performance.now(); // parseMs covers the segment read too
    return {
      fields,
      // Excludes waiting for a cold worker: that is start-up, not this card.
      durationMs: Math.round(t1 - t0 + (t5 - t2)),
      engine: this.engine,
      lines,
      nikPasses,
      segmentRead,
      preprocessed: read.pre,
      timings: {
        preprocessMs: Math.round(t1 - t0),
        recognizeMs: Math.round(t3 - t2),
        nikPassMs: Math.round(t4 - t3),
        parseMs: Math.round(t5 - t4),
      },
    };
  }

  /**
   * A photographed card can come out of the locator wrong: upside down (the portrait test is unsure
   * on glare, flash or a hand behind the card) or cut (a flash washed part of it out of the blue
   * blob). When a read finds few of the printed labels, the half turn is read (preprocessed again
   * the other way up, so the photo column is blanked on the right side), then the card found by
   * blue-or-white pixels, then the plain deskewed box; the read with the most labels is kept, and
   * the first with enough ends the search (and so does a 3 s budget). Good cards pay nothing; a bad
   * one pays 1–3 more reads. A card read with its motion smear undone is also read as photographed
   * (a mild smear undone can read worse: ringing), and the reading with more sure fields is kept.
   */
  private async readRightSideUp(
    worker: Worker,
    image: Buffer,
    pre: PreprocessedKtp,
  ): Promise<{ boxes: ReturnType<typeof linesOf>; pre: PreprocessedKtp }> {
    const readOf = async (candidate: PreprocessedKtp) => {
      const boxes = linesOf((await worker.recognize(candidate.png, {}, { blocks: true, text: false })).data);
      return { boxes, pre: candidate, labels: labelsRead(boxes), clarity: sureFields(boxes) };
    };
    let best = await readOf(pre);
    if (pre.asPhotographed !== null) {
      // A mild smear undone can read worse than left alone: the card as photographed is read too.
      const plain = await readOf({ ...pre, png: pre.asPhotographed, deblurred: false, asPhotographed: null });
      if (plain.clarity > best.clarity) best = plain;
    }
    const others: (() => Promise<PreprocessedKtp>)[] = [
      () => preprocessKtp(image, this.options.targetWidth, { halfTurn: true, deblur: this.deblur }),
      ...(pre.located === 'quad'
        ? [
            () => preprocessKtp(image, this.options.targetWidth, { locate: 'blueOrWhite', deblur: this.deblur }),
            () => preprocessKtp(image, this.options.targetWidth, { locate: 'box', deblur: this.deblur }),
          ]
        : []),
    ];
    const started = performance.now();
    for (const next of others) {
      if (best.labels >= LABELS_READ_ENOUGH) break;
      // A card that reads as noise makes tesseract slow: past the budget the verifier is better served by a retake.
      if (performance.now() - started > (this.options.retryBudgetMs ?? RETRY_BUDGET_MS)) break;
      const read = await readOf(await next());
      if (read.labels >= best.labels + LABELS_BETTER_BY) best = read;
    }
    return best;
  }

  private getWorker(): Promise<Worker> {
    if (this.worker === null) {
      const starting = this.start();
      this.worker = starting;
      // A failed start is not cached: the next read tries again.
      starting.catch(() => {
        if (this.worker === starting) this.worker = null;
      });
    }
    return this.worker;
  }

  private async start(): Promise<Worker> {
    const langs = (this.options.langs ?? 'eng').split('+') as OcrLang[];
    const langPath = await ensureTessdata(langs, this.options.tessdataDir, this.options.langPackagesDir);
    for (const lang of langs) {
      const file = join(langPath, `${lang}.traineddata`);
      if (!existsSync(file)) throw new Error(`Model OCR tidak ada: ${file}`);
    }
    let fail: (e: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    failed.catch(() => undefined);
    const ms = this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
    const timer = setTimeout(() => fail(new Error(`KTP OCR tidak siap dalam ${ms} ms`)), ms);
    const creating = createWorker(this.options.langs ?? 'eng', OEM.LSTM_ONLY, {
      langPath,
      gzip: false,
      cacheMethod: 'none',
      // Without a handler tesseract.js throws inside its message listener (an uncaught exception).
      errorHandler: (e: unknown) => fail(new Error(`tesseract.js: ${String(e)}`)),
      ...(this.options.workerPath === undefined ? {} : { workerPath: this.options.workerPath }),
      ...(this.options.corePath === undefined ? {} : { corePath: this.options.corePath }),
    });
    try {
      const worker = await Promise.race([creating, failed]);
      // debug_file: Tesseract's own diagnostics ("Image too small to scale!!" for specks) go nowhere instead of stderr.
      await Promise.race([
        worker.setParameters({
          tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
          user_defined_dpi: '300',
          debug_file: '/dev/null',
        }),
        failed,
      ]);
      return worker;
    } catch (e) {
      // If it ever finishes starting after all, do not leak the thread.
      creating.then((w) => w.terminate()).catch(() => undefined);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}
