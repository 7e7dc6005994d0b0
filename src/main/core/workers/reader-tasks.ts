/**
 * The tasks of the reader thread: the KTP OCR (card locator, preprocessing, tesseract, parser) and
 * the letter reader (PDF text, scanned pages). Their pixel loops and PDF parsing ran on the core's
 * event loop and stalled every desk for a second or more per card. One thread, kept warm: the
 * tesseract worker it owns costs ~0.3 s to start, so the first card pays it and the rest do not.
 */
import type { KtpOcrResult } from '../../../shared/domain/identity';
import type { LetterReading } from '../../../shared/domain/staff';
import type { KtpHints } from '../../../shared/identity/ktp/parser';
import type { LetterOcrOptions } from '../letters/letter-ocr';
import { readLetterFile } from '../letters/read-letter';
import type { KtpOcr, KtpOcrOptions } from '../ocr/engine';
import { threadDiagnostics } from './background-priority';
import { asBuffer } from './protocol';

let ocr: { key: string; engine: Promise<KtpOcr> } | null = null;

/** The warm KTP reader for these options (a new one, and the old one closed, when they change). */
function ktpReader(options: KtpOcrOptions): Promise<KtpOcr> {
  const key = JSON.stringify(options);
  if (ocr?.key !== key) {
    const previous = ocr;
    const engine = import('../ocr/engine').then(async ({ KtpOcr }) => {
      const reader = new KtpOcr(options);
      await reader.warmUp();
      return reader;
    });
    // A failed start is not kept: the next card tries again.
    engine.catch(() => {
      if (ocr?.engine === engine) ocr = null;
    });
    ocr = { key, engine };
    void previous?.engine.then((r) => r.close()).catch(() => undefined);
  }
  return ocr.engine;
}

export const READER_TASKS = {
  'diagnostics.thread': () => threadDiagnostics(),
  'reader.warmUp': async (input: { options: KtpOcrOptions }): Promise<null> => {
    await ktpReader(input.options);
    return null;
  },
  'reader.readKtp': async (input: {
    image: Uint8Array;
    hints?: KtpHints;
    options: KtpOcrOptions;
  }): Promise<KtpOcrResult> => (await ktpReader(input.options)).read(asBuffer(input.image), input.hints),
  'reader.readLetter': (input: {
    bytes: Uint8Array;
    mimeType: string;
    options: LetterOcrOptions;
  }): Promise<LetterReading> => readLetterFile(asBuffer(input.bytes), input.mimeType, input.options),
};

export type ReaderTasks = typeof READER_TASKS;
