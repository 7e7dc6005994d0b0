/**
 * Puts the bundled Tesseract language models where both engines can read them, offline.
 *
 * `@tesseract.js-data/eng` and `/ind` ship their LSTM-only `4.0.0_best_int` models gzipped
 * (`eng.traineddata.gz`, `ind.traineddata.gz`), each in its own package folder. tesseract.js
 * *could* read a `.gz` straight from a local `langPath` with `gzip: true`, but:
 *  - `langPath` is a single folder, and `eng+ind` needs both files side by side;
 *  - the native `tesseract` CLI (our benchmark baseline) cannot read `.gz` at all;
 *  - in a packaged Electron app the worker thread reads `langPath` with plain `fs`, which cannot
 *    see inside app.asar.
 * So we gunzip both files once into one plain folder (a temp dir by default, or one the caller
 * chooses, e.g. the app's userData) and use `gzip: false` — the documented, measured setup. A file
 * is rewritten only when its size differs from the gzip trailer's ISIZE, and written atomically
 * (temp file + rename) so a crash mid-write never leaves a truncated model that would later hang init.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type OcrLang = 'eng' | 'ind';

const MODEL_FLAVOUR = '4.0.0_best_int';

/** Default folder for the unzipped models; versioned so a model upgrade never mixes files. */
export function defaultTessdataDir(): string {
  return join(tmpdir(), `loket-tte-tessdata-${MODEL_FLAVOUR}`);
}

/** Absolute path of the gzipped model shipped in node_modules. */
export function bundledModelPath(lang: OcrLang): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(pkgJson), MODEL_FLAVOUR, `${lang}.traineddata.gz`);
}

/** Uncompressed size recorded in a gzip member's trailer (mod 2^32; models are far smaller). */
function gzipIsize(gz: Buffer): number {
  return gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : -1;
}

/**
 * Ensures `<dir>/<lang>.traineddata` exists (unzipped) for every language and returns the absolute
 * folder, ready for `langPath` and `--tessdata-dir`. Throws with a clear message when a bundled
 * model is missing: better than tesseract.js hanging on a missing file.
 */
export function ensureTessdata(langs: readonly OcrLang[], dir: string = defaultTessdataDir()): string {
  const folder = isAbsolute(dir) ? dir : resolve(dir);
  mkdirSync(folder, { recursive: true });
  for (const lang of langs) {
    const target = join(folder, `${lang}.traineddata`);
    const source = bundledModelPath(lang);
    if (!existsSync(source)) {
      throw new Error(`Model OCR ${lang} tidak ditemukan: ${source}`);
    }
    const gz = readFileSync(source);
    if (existsSync(target) && statSync(target).size === gzipIsize(gz)) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, gunzipSync(gz));
    renameSync(tmp, target);
  }
  return folder;
}
