/**
 * KTP OCR end to end on the committed synthetic cards (test/fixtures/ktp, see its ground-truth.json):
 * preprocess → tesseract.js (one warm worker) → NIK passes → parse, with per-field accuracy floors
 * for clean and degraded cards and for the NIK by font (OCR-A is the hard one). To stay well under
 * a minute on two cores it reads a deterministic sample: every clean card and two degradations per
 * person (rotating through rotate/blur/light/combo). Floors sit a little below what was measured on
 * this sample (see FLOORS); `npm run bench -- ocr` measures the full set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type BenchCard, benchOcr, loadGroundTruthCards, type OcrBenchResult } from '../../../src/main/core/ocr/bench';
import { formatOcrBench } from '../../../src/main/core/ocr/bench-table';
import { KtpOcr } from '../../../src/main/core/ocr/engine';
import { KTP_FIELDS, type KtpField } from '../../../src/shared/domain/identity';
import { crossCheckKtp } from '../../../src/shared/identity/ktp/cross-check';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GROUND_TRUTH = path.resolve(HERE, '../../fixtures/ktp/ground-truth.json');
const DEGRADATIONS = ['rotate', 'blur', 'light', 'combo'];

/** Every clean card, plus for person i the degradations i mod 4 and (i + 2) mod 4. */
export function sampleCards(all: readonly BenchCard[]): BenchCard[] {
  const people = [...new Set(all.map((c) => c.id.replace(/-[a-z]+$/, '')))].sort();
  return all.filter((c) => {
    if (c.variant === 'clean') return true;
    const i = people.indexOf(c.id.replace(/-[a-z]+$/, ''));
    return c.variant === DEGRADATIONS[i % 4] || c.variant === DEGRADATIONS[(i + 2) % 4];
  });
}

/**
 * Floors, each a little below what this sample measured (tesseract.js 7, eng best_int, on the
 * 2-core dev machine; recognition is deterministic for a given image, so a drop means a real
 * regression). Measured clean (12 cards): every field 100 % except nama 92 % (a kerned "A W" read
 * as one word). Degraded (24 cards): nama 83 %; tempatLahir, tanggalLahir, jenisKelamin,
 * golonganDarah, alamat, kewarganegaraan 92 %; agama, statusPerkawinan, pekerjaan 96 %; the rest
 * 100 % (misses are under the simulated lamination glare). On 12 cards 0.9 allows one miss; on 24,
 * 0.95 allows one, 0.9 two, 0.85 three, 0.75 six.
 */
const CLEAN_FLOOR: Record<KtpField, number> = { ...uniform(0.9), nama: 0.83 };
const DEGRADED_FLOOR: Record<KtpField, number> = {
  ...uniform(0.95),
  nama: 0.75,
  tempatLahir: 0.85,
  tanggalLahir: 0.85,
  jenisKelamin: 0.85,
  golonganDarah: 0.85,
  alamat: 0.85,
  kewarganegaraan: 0.85,
  agama: 0.9,
  statusPerkawinan: 0.9,
  pekerjaan: 0.9,
};
/** NIK by font (6 clean and 12 degraded cards each): measured 100 % for both here; 96 % for OCR-A degraded on the full set. */
const NIK_FLOORS = { ocra: { clean: 0.83, degraded: 0.83 }, plain: { clean: 0.83, degraded: 0.9 } };

function uniform(v: number): Record<KtpField, number> {
  return Object.fromEntries(KTP_FIELDS.map((f) => [f, v])) as Record<KtpField, number>;
}

describe('KTP OCR on the fixture cards', () => {
  let result: OcrBenchResult;
  let sample: BenchCard[];

  beforeAll(async () => {
    sample = sampleCards(loadGroundTruthCards(GROUND_TRUTH));
    result = await benchOcr(sample, { native: false });
    console.log(formatOcrBench(result));
  }, 240_000);

  it('reads a sample covering both NIK fonts and every degradation', () => {
    expect(sample.filter((c) => c.variant === 'clean')).toHaveLength(12);
    expect(sample.filter((c) => c.variant !== 'clean').length).toBeGreaterThanOrEqual(24);
    expect(new Set(sample.map((c) => c.variant))).toEqual(new Set(['clean', ...DEGRADATIONS]));
    expect(new Set(sample.map((c) => c.nikFont))).toEqual(new Set(['ocra', 'plain']));
    expect(result.cards).toHaveLength(sample.length);
  });

  it.each(KTP_FIELDS)('%s: accuracy at or above its floor, clean and degraded', (field) => {
    expect(result.accuracy.clean[field]).toBeGreaterThanOrEqual(CLEAN_FLOOR[field]);
    expect(result.accuracy.degraded[field]).toBeGreaterThanOrEqual(DEGRADED_FLOOR[field]);
  });

  it('NIK accuracy by font at or above its floor (OCR-A is the hard case)', () => {
    expect(result.nik.ocra?.clean).toBeGreaterThanOrEqual(NIK_FLOORS.ocra.clean);
    expect(result.nik.ocra?.degraded).toBeGreaterThanOrEqual(NIK_FLOORS.ocra.degraded);
    expect(result.nik.plain?.clean).toBeGreaterThanOrEqual(NIK_FLOORS.plain.clean);
    expect(result.nik.plain?.degraded).toBeGreaterThanOrEqual(NIK_FLOORS.plain.degraded);
  });
});

describe('the KtpOcr engine', () => {
  const cards = loadGroundTruthCards(GROUND_TRUTH);
  const clean = cards.filter((c) => c.variant === 'clean');
  let ocr: KtpOcr;
  beforeAll(() => {
    ocr = new KtpOcr();
  });
  afterAll(async () => {
    await ocr.close();
  });

  it('queues concurrent reads on one worker; each result is its own card, well-formed and cross-checkable', async () => {
    const picked = [clean.find((c) => c.nikFont === 'plain'), clean.find((c) => c.nikFont === 'ocra')].filter(
      (c): c is BenchCard => c !== undefined,
    );
    expect(picked).toHaveLength(2);
    const results = await Promise.all(picked.map((c) => ocr.read(readFileSync(c.image as string))));
    results.forEach((r, i) => {
      const want = picked[i]?.expected;
      expect(r.engine).toContain('tesseract.js');
      expect(Object.keys(r.fields).sort()).toEqual([...KTP_FIELDS].sort());
      for (const f of KTP_FIELDS) {
        expect(r.fields[f].confidence).toBeGreaterThanOrEqual(0);
        expect(r.fields[f].confidence).toBeLessThanOrEqual(1);
      }
      // No mix-up in the queue: each result names its own card's region and person.
      expect(r.fields.kabupatenKota.value).toBe(want?.kabupatenKota);
      expect(r.fields.nik.value).toBe(want?.nik);
    });
    const [plain, card] = [results[0], picked[0]];
    if (plain === undefined || card === undefined) throw new Error('no result for the plain card');
    const rows = crossCheckKtp({ ocr: plain.fields, form: { nik: card.expected.nik, name: card.expected.nama } });
    expect(Object.fromEntries(rows.map((x) => [x.id, x.outcome]))).toMatchObject({
      nikStructure: 'match',
      nikBirthDate: 'match',
      nikSex: 'match',
      nikProvince: 'match',
      nikRegency: 'match',
      nikForm: 'match',
      nameForm: 'match',
    });
  }, 60_000);

  it('reads the card in the fake-webcam desk scene: card found by colour, fields right', async () => {
    // camera/ktp-card.jpg is card ktp-01 lying on a desk in a 1280×720 frame (measured: 17 of 17 right).
    const d = await ocr.readDetailed(readFileSync(path.resolve(HERE, '../../fixtures/ktp/camera/ktp-card.jpg')));
    const want = cards.find((c) => c.id === 'ktp-01-clean')?.expected;
    expect(d.preprocessed.cardFound).toBe(true);
    const right = KTP_FIELDS.filter((f) => d.fields[f].value === want?.[f]);
    expect(right.length).toBeGreaterThanOrEqual(16);
  }, 30_000);

  it('rejects what is not an image, and keeps working afterwards', async () => {
    await expect(ocr.read(Buffer.from('bukan gambar'))).rejects.toThrow();
    const card = clean[0];
    const r = await ocr.read(readFileSync(card?.image as string));
    expect(r.fields.provinsi.value).toBe(card?.expected.provinsi);
  }, 30_000);

  it('fails a start that takes longer than its timeout instead of hanging', async () => {
    const slow = new KtpOcr({ initTimeoutMs: 1 });
    await expect(slow.warmUp()).rejects.toThrow(/tidak siap/);
    await slow.close();
  }, 30_000);

  it('refuses reads after close()', async () => {
    const closed = new KtpOcr();
    await closed.close();
    await expect(closed.read(Buffer.alloc(10))).rejects.toThrow(/ditutup/);
  });
});
