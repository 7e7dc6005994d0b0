/**
 * A letter that arrives as a scan (a JPEG/PNG photo or scan of the paper) is read with the same
 * tesseract.js and the same bundled models as the KTP OCR (ocr/tessdata.ts), but as a page of
 * Indonesian text: one worker per letter (a letter is read once per intake, so nothing is kept warm
 * and nothing is left running), grayscale and scaled first, a time limit on the whole read.
 */
import sharp from 'sharp';
import { createWorker, OEM, PSM } from 'tesseract.js';

import { defaultTessdataDir, ensureTessdata } from '../ocr/tessdata';

const READ_TIMEOUT_MS = 90_000;
const PAGE_WIDTH = 2000;

export class LetterOcrFailed extends Error {}

/** Where the models and tesseract's worker script are (the packaged app: app.asar.unpacked). */
export interface LetterOcrOptions {
  tessdataDir?: string;
  langPackagesDir?: string;
  workerPath?: string;
}

/** The page's text, lines as Tesseract found them. */
export async function ocrLetterImage(image: Buffer, options: LetterOcrOptions = {}): Promise<string> {
  const page = await sharp(image, { limitInputPixels: 60_000_000 })
    .rotate()
    .greyscale()
    .resize({ width: PAGE_WIDTH, withoutEnlargement: false })
    .normalise()
    .png()
    .toBuffer()
    .catch(() => {
      throw new LetterOcrFailed('image');
    });
  const langPath = await ensureTessdata(
    ['ind', 'eng'],
    options.tessdataDir ?? defaultTessdataDir(),
    options.langPackagesDir,
  );
  let failWith: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    failWith = reject;
  });
  const timer = setTimeout(() => failWith(new LetterOcrFailed('timeout')), READ_TIMEOUT_MS);
  const creating = createWorker('ind+eng', OEM.LSTM_ONLY, {
    langPath,
    gzip: false,
    cacheMethod: 'none',
    errorHandler: (e: unknown) => failWith(new LetterOcrFailed(String(e))),
    ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
  });
  try {
    const worker = await Promise.race([creating, failed]);
    try {
      await Promise.race([
        worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: '300', debug_file: '/dev/null' }),
        failed,
      ]);
      const result = await Promise.race([worker.recognize(page), failed]);
      return result.data.text;
    } finally {
      await worker.terminate().catch(() => undefined);
    }
  } catch (error) {
    creating.then((w) => w.terminate()).catch(() => undefined);
    throw error instanceof LetterOcrFailed ? error : new LetterOcrFailed(String(error));
  } finally {
    clearTimeout(timer);
  }
}
