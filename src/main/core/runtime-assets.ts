/**
 * Where the files the core reads from disk at run time live. In a checkout every engine finds its
 * package in node_modules by itself, so nothing needs to be set. In the packaged desktop app they
 * must come from `resources/app.asar.unpacked`: tesseract's worker thread, tfjs' wasm loader,
 * face-api's model reader and dlopen() of the SQLite add-on cannot read inside app.asar. The shell
 * builds this from `process.resourcesPath`; `npm run check:package` builds it the same way from
 * the packed folder and starts the core on it under plain Node.
 */
import { join } from 'node:path';

export interface RuntimeAssets {
  /** better_sqlite3.node to load (default: better-sqlite3's own lookup, the Node build). */
  sqliteBinding?: string;
  /** tesseract.js' Node worker script. */
  tesseractWorker?: string;
  /** The folder that holds `@tesseract.js-data/<lang>` (a node_modules folder). */
  ocrLangPackages?: string;
  /** face-api's model folder. */
  faceModelDir?: string;
  /** tfjs-backend-wasm's dist folder with its .wasm files. */
  tfjsWasmDir?: string;
}

/** The layout electron-builder makes from `asarUnpack` in electron-builder.yml. */
export function packagedAssets(resourcesPath: string): Required<RuntimeAssets> {
  const modules = join(resourcesPath, 'app.asar.unpacked', 'node_modules');
  return {
    sqliteBinding: join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    tesseractWorker: join(modules, 'tesseract.js', 'src', 'worker-script', 'node', 'index.js'),
    ocrLangPackages: modules,
    faceModelDir: join(modules, '@vladmandic', 'face-api', 'model'),
    tfjsWasmDir: join(modules, '@tensorflow', 'tfjs-backend-wasm', 'dist'),
  };
}
