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
 * So we gunzip both files into one plain folder (a temp dir by default; in the app pass one of its
 * own, e.g. under userData, since a shared temp dir is writable by others) and use `gzip: false` —
 * the documented, measured setup. On every start the bundled model is gunzipped in memory (~50 ms)
 * and compared byte for byte with the file on disk, which is rewritten atomically (temp file +
 * rename) when it differs: a truncated or swapped model can never be loaded.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export type OcrLang = 'eng' | 'ind';

const MODEL_FLAVOUR = '4.0.0_best_int';

/** Default folder for the unzipped models; versioned so a model upgrade never mixes files. */
export function defaultTessdataDir(): string {
  return join(tmpdir(), `loket-tte-tessdata-${MODEL_FLAVOUR}`);
}

/**
 * Absolute path of the gzipped model shipped in node_modules, or in `packagesDir` (a node_modules
 * folder given by the host: the packaged app's app.asar.unpacked/node_modules).
 */
export function bundledModelPath(lang: OcrLang, packagesDir?: string): string {
  const pkgDir = packagesDir
    ? join(packagesDir, '@tesseract.js-data', lang)
    : dirname(createRequire(import.meta.url).resolve(`@tesseract.js-data/${lang}/package.json`));
  return join(pkgDir, MODEL_FLAVOUR, `${lang}.traineddata.gz`);
}

/**
 * Ensures `<dir>/<lang>.traineddata` exists (unzipped) for every language and returns the absolute
 * folder, ready for `langPath` and `--tessdata-dir`. Throws with a clear message when a bundled
 * model is missing: better than tesseract.js hanging on a missing file.
 */
export async function ensureTessdata(
  langs: readonly OcrLang[],
  dir: string = defaultTessdataDir(),
  packagesDir?: string,
): Promise<string> {
  const folder = isAbsolute(dir) ? dir : resolve(dir);
  await mkdir(folder, { recursive: true });
  for (const lang of langs) {
    const target = join(folder, `${lang}.traineddata`);
    const source = bundledModelPath(lang, packagesDir);
    if (!existsSync(source)) {
      throw new Error(`Model OCR ${lang} tidak ditemukan: ${source}`);
    }
    const model = await gunzipAsync(await readFile(source));
    const current = await stat(target).catch(() => null);
    if (current?.size === model.length && (await readFile(target)).equals(model)) continue;
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, model);
    await rename(tmp, target);
  }
  return folder;
}
