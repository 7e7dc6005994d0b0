/**
 * A sure NIK vouching for a faintly read sex or birth date (nik-corroborate.ts): given, flagged,
 * only when the card's own line agrees, never against it, never from an unsure NIK.
 */
import { describe, expect, it } from 'vitest';

import { crossCheckKtp } from '../../../src/shared/identity/ktp/cross-check';
import { CORROBORATED_CONFIDENCE } from '../../../src/shared/identity/ktp/nik-corroborate';
import { KTP_CONFIDENCE_REVIEW, parseKtpText } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_TEXT, lines, replaceLine } from './samples';

const WOMAN_NIK = 'NIK : 3503014906710217'; // day 09 + 40
/** The card with some lines replaced; those read faintly (15), the rest at `confidence`. */
const card = (changes: Record<string, string>, confidence = 90) => {
  let text = CLEAN_TEXT;
  for (const [label, line] of Object.entries(changes)) text = replaceLine(text, label, line);
  const faint = new Set(
    Object.entries(changes)
      .filter(([label]) => label !== 'NIK')
      .map(([, line]) => line),
  );
  return parseKtpText(lines(text, confidence).map((l) => (faint.has(l.text) ? { ...l, confidence: 15 } : l)));
};

describe('jenis kelamin vouched for by the NIK', () => {
  // Three letters off LAKI-LAKI: too far for the list snap alone on a faint line (scan-fixes.test.ts).
  it.each(['LAKE AK]', 'LAKFLAJ]'])('"%s" with a man’s NIK → LAKI-LAKI, flagged', (jk) => {
    const r = card({ 'Jenis Kelamin': `Jenis Kelamin : ${jk} Gol. Darah : O` });
    expect(r.jenisKelamin.value).toBe('LAKI-LAKI');
    expect(r.jenisKelamin.confidence).toBe(CORROBORATED_CONFIDENCE);
    expect(r.jenisKelamin.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
    expect(r.golonganDarah.value).toBe('O');
  });
  it('gives nothing when the line is nearer the other sex than the NIK’s', () => {
    const r = card({ NIK: WOMAN_NIK, 'Jenis Kelamin': 'Jenis Kelamin : LAKE AK] Gol. Darah : O' });
    expect(r.jenisKelamin.value).toBeNull();
  });
  it('gives PEREMPUAN for a woman’s NIK and a faint PEREMPUAN', () => {
    const r = card({ NIK: WOMAN_NIK, 'Jenis Kelamin': 'Jenis Kelamin : PFRFMPJAM Gol. Darah : O' });
    expect(r.jenisKelamin.value).toBe('PEREMPUAN');
    expect(r.jenisKelamin.confidence).toBe(CORROBORATED_CONFIDENCE);
  });
  it('gives nothing from noise, however sure the NIK', () => {
    expect(card({ 'Jenis Kelamin': 'Jenis Kelamin : ~~ Gol. Darah : O' }).jenisKelamin.value).toBeNull();
    expect(card({ 'Jenis Kelamin': 'Jenis Kelamin : RHWQTX Gol. Darah : O' }).jenisKelamin.value).toBeNull();
  });
  it('gives nothing when the NIK itself is unsure', () => {
    const r = card({ 'Jenis Kelamin': 'Jenis Kelamin : LAKE AK] Gol. Darah : O' }, 50);
    expect(r.nik.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
    expect(r.jenisKelamin.value).toBeNull();
  });
  it('leaves a value the line gave on its own untouched', () => {
    const r = card({ NIK: WOMAN_NIK, 'Jenis Kelamin': 'Jenis Kelamin : LAKI-LAKI Gol. Darah : O' });
    expect(r.jenisKelamin.value).toBe('LAKI-LAKI'); // the card says so: the cross-check shows the conflict
    expect(r.jenisKelamin.confidence).toBe(0.15); // as read, not re-scored
  });
});

describe('birth date vouched for by the NIK', () => {
  it.each([
    ['TRENGGALEK, 09-061', 'cut after the month'],
    ['TRENGGALEK, 09-06-1490', 'a year that is no year'],
    ['TRENGGALEK, 0906-1971', 'a lost dash'],
    ['TRENGGALEK, O9-O6-I97', 'look-alikes, the year cut'],
  ])('%s (%s) → 1971-06-09, flagged', (ttl) => {
    const r = card({ Tempat: `Tempat/Tgl Lahir : ${ttl}` });
    expect(r.tanggalLahir.value).toBe('1971-06-09');
    expect(r.tanggalLahir.confidence).toBe(CORROBORATED_CONFIDENCE);
    expect(r.tempatLahir.value).toBe('TRENGGALEK');
  });
  it('takes the printed century when the year agrees (the NIK has none)', () => {
    const r = card({ NIK: 'NIK : 3503010906050217', Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 0906-1905' });
    expect(r.tanggalLahir.value).toBe('1905-06-09');
  });
  it('gives nothing when the printed day or month disagrees', () => {
    expect(card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 10-06-1490' }).tanggalLahir.value).toBeNull();
    expect(card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 09-07-1490' }).tanggalLahir.value).toBeNull();
  });
  it('gives nothing when a plausible printed year contradicts the NIK', () => {
    expect(card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 0906-1985' }).tanggalLahir.value).toBeNull();
  });
  it('gives nothing without digits to agree with', () => {
    expect(card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, ee' }).tanggalLahir.value).toBeNull();
    expect(card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 09' }).tanggalLahir.value).toBeNull();
  });
  it('gives nothing from an unsure NIK', () => {
    const r = card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 09-061' }, 50);
    expect(r.tanggalLahir.value).toBeNull();
  });
  it('keeps a full printed date that disagrees, for the cross-check to show', () => {
    const r = card({ Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 10-06-1971' });
    expect(r.tanggalLahir.value).toBe('1971-06-10');
  });
});

describe('what the verifier sees of a vouched value', () => {
  it('is marked, and the cross-check counts it as unchecked, not as the card agreeing with its NIK', () => {
    const r = card({
      'Jenis Kelamin': 'Jenis Kelamin : LAKE AK] Gol. Darah : O',
      Tempat: 'Tempat/Tgl Lahir : TRENGGALEK, 09-061',
    });
    expect(r.jenisKelamin.vouchedByNik).toBe(true);
    expect(r.tanggalLahir.vouchedByNik).toBe(true);
    const rows = crossCheckKtp({ ocr: r });
    for (const id of ['nikSex', 'nikBirthDate']) {
      const row = rows.find((x) => x.id === id);
      expect(row?.outcome).toBe('unknown');
      expect(row?.right).toContain('(diisi dari NIK)');
    }
  });
  it('a value read off the card itself is not marked and is checked as before', () => {
    const r = card({});
    expect(r.jenisKelamin.vouchedByNik).toBeUndefined();
    expect(crossCheckKtp({ ocr: r }).find((x) => x.id === 'nikSex')?.outcome).toBe('match');
  });
});
