/**
 * The native Tesseract CLI as a benchmark baseline for tesseract.js (never used by the app). It is
 * run the way identity-desk.md measured it: OMP_THREAD_LIMIT=1 (its default threading is ~6×
 * slower on 2 cores with identical output), the same 4.0.0_best_int model via --tessdata-dir
 * (Debian's own eng.traineddata is a smaller, weaker model), LSTM only, PSM 6, 300 dpi, on the
 * very PNG tesseract.js gets. When the binary is absent the baseline is reported as unavailable.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface NativeRead {
  text: string;
  ms: number;
}

/** The CLI's version line, or null when `tesseract` is not installed / not runnable. */
export function nativeTesseractVersion(binary = 'tesseract'): string | null {
  try {
    const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    if (r.error !== undefined || r.status !== 0) return null;
    return (r.stdout || r.stderr).split('\n')[0]?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Recognizes one image (PNG bytes on stdin) with PSM 6; resolves null when the CLI fails. */
export function runNativeTesseract(
  png: Buffer,
  tessdataDir: string,
  langs = 'eng',
  binary = 'tesseract',
): Promise<NativeRead | null> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let out = '';
    let settled = false;
    const done = (v: NativeRead | null) => {
      if (!settled) {
        settled = true;
        resolve(v);
      }
    };
    try {
      const child = spawn(
        binary,
        ['stdin', 'stdout', '--tessdata-dir', tessdataDir, '-l', langs, '--oem', '1', '--psm', '6', '--dpi', '300'],
        {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['pipe', 'pipe', 'ignore'],
        },
      );
      const timer = setTimeout(() => {
        child.kill();
        done(null);
      }, 60_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => (out += d));
      child.on('error', () => done(null));
      child.on('close', (code) => {
        clearTimeout(timer);
        done(code === 0 ? { text: out, ms: performance.now() - t0 } : null);
      });
      child.stdin.on('error', () => done(null));
      child.stdin.end(png);
    } catch {
      done(null);
    }
  });
}
