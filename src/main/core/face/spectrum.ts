/**
 * A small 2-D FFT for the screen check (screen-pattern.ts): log magnitudes of a square,
 * power-of-two patch under a Hann window. Plain JS on Float64Arrays; a 128×128 patch takes about
 * 2 ms, so no native dependency or wasm is worth it.
 */

/** In-place radix-2 FFT of `re`/`im` (length a power of two). */
export function fft1d(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const br = (re[b] as number) * cr - (im[b] as number) * ci;
        const bi = (re[b] as number) * ci + (im[b] as number) * cr;
        re[b] = (re[a] as number) - br;
        im[b] = (im[a] as number) - bi;
        re[a] = (re[a] as number) + br;
        im[a] = (im[a] as number) + bi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/**
 * ln(1 + |F(u,v)|) of an n×n patch (row-major, mean removed, Hann-windowed), row-major with the
 * zero frequency at index 0 (u and v wrap: bin k > n/2 is the frequency k − n).
 */
export function logMagnitude2d(patch: Float64Array, n: number): Float64Array {
  if (!isPowerOfTwo(n) || patch.length !== n * n) throw new RangeError('patch must be n×n with n a power of two');
  let mean = 0;
  for (const v of patch) mean += v;
  mean /= patch.length;
  const hann = new Float64Array(n);
  for (let i = 0; i < n; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      re[y * n + x] = ((patch[y * n + x] as number) - mean) * (hann[x] as number) * (hann[y] as number);
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  for (let y = 0; y < n; y++) {
    rowRe.set(re.subarray(y * n, y * n + n));
    rowIm.set(im.subarray(y * n, y * n + n));
    fft1d(rowRe, rowIm);
    re.set(rowRe, y * n);
    im.set(rowIm, y * n);
  }
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      rowRe[y] = re[y * n + x] as number;
      rowIm[y] = im[y * n + x] as number;
    }
    fft1d(rowRe, rowIm);
    for (let y = 0; y < n; y++) {
      re[y * n + x] = rowRe[y] as number;
      im[y * n + x] = rowIm[y] as number;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < out.length; i++) out[i] = Math.log1p(Math.hypot(re[i] as number, im[i] as number));
  return out;
}
