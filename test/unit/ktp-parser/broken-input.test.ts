/**
 * The parser's promise to fail soft: empty, garbage, label-only, swapped and hostile input, plus
 * seeded fuzzing — it never throws and every field stays well-formed (null ⇒ confidence 0).
 */
import { describe, expect, it } from 'vitest';

import { KTP_FIELDS, type KtpReading } from '../../../src/shared/domain/identity';
import { parseKtpText, type TextLine } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_EXPECTED, CLEAN_TEXT, lines, prng } from './samples';

/** Every field present, value null or a non-empty string, confidence in 0..1 and 0 when the value is null. */
function expectWellFormed(r: KtpReading): void {
  expect(Object.keys(r).sort()).toEqual([...KTP_FIELDS].sort());
  for (const f of KTP_FIELDS) {
    const v = r[f];
    expect(typeof v.raw).toBe('string');
    expect(v.confidence).toBeGreaterThanOrEqual(0);
    expect(v.confidence).toBeLessThanOrEqual(1);
    if (v.value === null) expect(v.confidence).toBe(0);
    else expect(v.value.length).toBeGreaterThan(0);
  }
}

const filled = (r: KtpReading) => KTP_FIELDS.filter((f) => r[f].value !== null);

describe('broken OCR text fails soft, field by field', () => {
  it('empty input: every field null with confidence 0', () => {
    for (const input of [[], [{ text: '', confidence: 90 }], lines(['   ', '\n', '~~ | ;'])]) {
      const r = parseKtpText(input);
      expectWellFormed(r);
      expect(filled(r)).toEqual([]);
    }
  });
  it('labels only: no values invented', () => {
    const r = parseKtpText(lines(CLEAN_TEXT.map((t) => t.split(' : ')[0] ?? '')));
    expectWellFormed(r);
    // The header lines are values themselves; every labelled field is empty.
    expect(filled(r).filter((f) => f !== 'provinsi' && f !== 'kabupatenKota')).toEqual([]);
  });
  it('garbage lines: nothing read', () => {
    const r = parseKtpText(lines(['#$%^&*', 'qwp zxv 77', '~~~~', 'lIl|Il|', 'ÄÖÜ ßø ñ 漢字', '0O0O0O']));
    expectWellFormed(r);
    expect(filled(r)).toEqual([]);
  });
  it('swapped lines still land on their labels', () => {
    const swapped = [...CLEAN_TEXT];
    [swapped[10], swapped[12]] = [swapped[12] ?? '', swapped[10] ?? ''];
    [swapped[3], swapped[5]] = [swapped[5] ?? '', swapped[3] ?? ''];
    const r = parseKtpText(lines(swapped));
    expectWellFormed(r);
    expect(Object.fromEntries(KTP_FIELDS.map((f) => [f, r[f].value]))).toEqual(CLEAN_EXPECTED);
  });
  it('one field lost does not disturb the others', () => {
    const r = parseKtpText(lines(CLEAN_TEXT.filter((t) => !t.startsWith('Agama'))));
    expect(r.agama.value).toBeNull();
    expect(r.statusPerkawinan.value).toBe('KAWIN');
    expect(r.kecamatan.value).toBe('PANGGUL');
  });
  it('all confidences zero: values kept, confidences zero', () => {
    const r = parseKtpText(lines(CLEAN_TEXT, 0));
    expectWellFormed(r);
    expect(r.nama.value).toBe('BUDI SANTOSO');
    expect(r.nama.confidence).toBe(0);
  });
  it('hostile shapes: not arrays, null entries, non-string text, NaN confidence, huge lines', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      'PROVINSI JAWA TIMUR',
      42,
      { text: 'NIK : 3503010906710217' },
      [{ text: null, confidence: 90 }, null, { confidence: 50 }, { text: 'Nama : BUDI', confidence: Number.NaN }],
      [{ text: 'Nama : '.concat('A'.repeat(1_000_000)), confidence: Infinity }],
      [{ text: 'NIK : '.concat('9'.repeat(100_000)), confidence: -5 }],
      Array.from({ length: 10_000 }, () => ({ text: 'Agama : ISLAM', confidence: 90 })),
    ];
    for (const h of hostile) {
      const r = parseKtpText(h as TextLine[], h as TextLine);
      expectWellFormed(r);
    }
  });
});

describe('fuzz: nothing throws, output always well-formed', () => {
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 :;©|/-.,()[]~=»‘\'"_*&$?!\n\t\u0000\u00a0é漢';
  it('random characters', () => {
    const rnd = prng(1);
    for (let n = 0; n < 300; n++) {
      const count = Math.floor(rnd() * 25);
      const input = Array.from({ length: count }, () => ({
        text: Array.from({ length: Math.floor(rnd() * 80) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(
          '',
        ),
        confidence: rnd() * 120 - 10,
      }));
      const nik = rnd() < 0.5 ? { text: String(Math.floor(rnd() * 1e17)), confidence: rnd() * 100 } : undefined;
      expectWellFormed(parseKtpText(input, nik));
    }
  });
  it('real lines mutated: characters dropped, doubled, replaced, lines shuffled', () => {
    const rnd = prng(2);
    for (let n = 0; n < 300; n++) {
      const texts = CLEAN_TEXT.filter(() => rnd() > 0.1).map((t) =>
        [...t]
          .map((ch) => {
            const x = rnd();
            if (x < 0.04) return '';
            if (x < 0.07) return ch + ch;
            if (x < 0.12) return alphabet[Math.floor(rnd() * alphabet.length)] ?? '';
            return ch;
          })
          .join(''),
      );
      if (rnd() < 0.3) texts.sort(() => rnd() - 0.5);
      expectWellFormed(parseKtpText(lines(texts, rnd() * 100)));
    }
  });
});
