/**
 * The cross-check rows the verifier sees: NIK structure, NIK vs printed birth date / sex / region,
 * card vs form (NIK, tolerant name compare), NIP vs NIK — match, mismatch, or unknown when a side is missing.
 */
import { describe, expect, it } from 'vitest';

import type { CrossCheckRow, KtpReading } from '../../../src/shared/domain/identity';
import { comparableName, crossCheckKtp } from '../../../src/shared/identity/ktp/cross-check';
import { emptyReading, parseKtpText } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_TEXT, lines, replaceLine } from './samples';

const NIK = '3503010906710217'; // Panggul, Trenggalek; 09-06-1971; male
const NIP = '19710609 199201 1 002'; // born 09-06-1971; male

const reading = (texts: readonly string[] = CLEAN_TEXT): KtpReading => parseKtpText(lines(texts));
const outcomes = (rows: CrossCheckRow[]) => Object.fromEntries(rows.map((r) => [r.id, r.outcome]));
const rowOf = (rows: CrossCheckRow[], id: string) => rows.find((r) => r.id === id);

describe('crossCheckKtp', () => {
  it('all rows match for a consistent card, form and NIP', () => {
    const rows = crossCheckKtp({ ocr: reading(), form: { nik: NIK, name: 'Budi Santoso', nip: NIP } });
    expect(outcomes(rows)).toEqual({
      nikStructure: 'match',
      nikBirthDate: 'match',
      nikSex: 'match',
      nikProvince: 'match',
      nikRegency: 'match',
      nikForm: 'match',
      nameForm: 'match',
      nipBirthDate: 'match',
      nipSex: 'match',
    });
    for (const r of rows) {
      expect(r.label.length).toBeGreaterThan(0);
      expect(r.left).not.toBe('—');
      expect(r.right).not.toBe('—');
    }
    expect(rowOf(rows, 'nikBirthDate')).toMatchObject({ left: '09-06-1971', right: '09-06-1971' });
  });

  it('everything unknown when nothing was read and no form was given', () => {
    const rows = crossCheckKtp({ ocr: emptyReading() });
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['unknown']));
    expect(rows).toHaveLength(9);
  });

  it('flags a printed birth date, sex or region that disagrees with the NIK, without changing anything', () => {
    const texts = replaceLine(
      replaceLine(
        replaceLine(CLEAN_TEXT, 'Tempat', 'Tempat/Tgl Lahir : TRENGGALEK, 08-06-1971'),
        'Jenis',
        'Jenis Kelamin : PEREMPUAN Gol. Darah : O',
      ),
      'KABUPATEN',
      'KABUPATEN TULUNGAGUNG',
    );
    const ocr = reading(texts);
    const rows = crossCheckKtp({ ocr });
    expect(outcomes(rows)).toMatchObject({
      nikStructure: 'match',
      nikBirthDate: 'mismatch',
      nikSex: 'mismatch',
      nikProvince: 'match',
      nikRegency: 'mismatch',
    });
    expect(ocr.nik.value).toBe(NIK);
    expect(ocr.tanggalLahir.value).toBe('1971-06-08');
  });

  it('reports an implausible NIK read as a structure mismatch and still compares it with the form', () => {
    const ocr = reading(replaceLine(CLEAN_TEXT, 'NIK', 'NIK : 3503019906710217'));
    const rows = crossCheckKtp({ ocr, form: { nik: NIK } });
    expect(ocr.nik.value).toBe('3503019906710217');
    expect(rowOf(rows, 'nikStructure')?.outcome).toBe('mismatch');
    expect(rowOf(rows, 'nikStructure')?.right).toMatch(/tanggal/i);
    expect(rowOf(rows, 'nikForm')?.outcome).toBe('mismatch');
  });

  it('decodes the form NIK when the card NIK was unreadable, and says so', () => {
    const ocr = reading(CLEAN_TEXT.filter((t) => !t.startsWith('NIK')));
    const rows = crossCheckKtp({ ocr, form: { nik: NIK } });
    expect(rowOf(rows, 'nikStructure')?.label).toContain('formulir');
    expect(rowOf(rows, 'nikBirthDate')?.outcome).toBe('match');
    expect(rowOf(rows, 'nikForm')?.outcome).toBe('unknown');
  });

  it('compares names tolerant of case, spacing, punctuation and academic titles, not of other letters', () => {
    const ocr = reading();
    for (const name of [
      'budi santoso',
      'BUDI  SANTOSO',
      'Budi Santoso, S.Kom., M.T.',
      'Dr. Budi Santoso',
      'BUDISANTOSO',
    ]) {
      expect(rowOf(crossCheckKtp({ ocr, form: { name } }), 'nameForm')?.outcome).toBe('match');
    }
    for (const name of ['Budi Santosa', 'Budi', 'Santoso Budi']) {
      expect(rowOf(crossCheckKtp({ ocr, form: { name } }), 'nameForm')?.outcome).toBe('mismatch');
    }
    expect(comparableName('H. Ahmad Fauzi, S.H.')).toBe('AHMADFAUZI');
  });

  it('checks the NIP birth date and sex against the NIK', () => {
    const ocr = reading();
    expect(outcomes(crossCheckKtp({ ocr, form: { nip: '19710609 199201 2 002' } }))).toMatchObject({
      nipBirthDate: 'match',
      nipSex: 'mismatch',
    });
    expect(outcomes(crossCheckKtp({ ocr, form: { nip: '19710610 199201 1 002' } }))).toMatchObject({
      nipBirthDate: 'mismatch',
      nipSex: 'match',
    });
    expect(outcomes(crossCheckKtp({ ocr, form: { nip: '1971' } }))).toMatchObject({
      nipBirthDate: 'unknown',
      nipSex: 'unknown',
    });
    expect(outcomes(crossCheckKtp({ ocr, form: { nip: null, nik: null, name: null } }))).toMatchObject({
      nipBirthDate: 'unknown',
      nikForm: 'unknown',
      nameForm: 'unknown',
    });
  });

  it('handles women (day + 40) and the century the NIK cannot encode', () => {
    // 45-12-88 → 05-12-1988, female
    const texts = replaceLine(
      replaceLine(
        replaceLine(CLEAN_TEXT, 'NIK', 'NIK : 3577024512880003'),
        'Tempat',
        'Tempat/Tgl Lahir : MADIUN, 05-12-1988',
      ),
      'Jenis',
      'Jenis Kelamin : PEREMPUAN Gol. Darah : AB',
    );
    const rows = crossCheckKtp({ ocr: reading(replaceLine(texts, 'KABUPATEN', 'KOTA MADIUN')) });
    expect(outcomes(rows)).toMatchObject({ nikBirthDate: 'match', nikSex: 'match', nikRegency: 'match' });
    // Born 1920: the NIK says "20", which decodes as 2020; day, month and year digits still agree.
    const old = replaceLine(
      replaceLine(CLEAN_TEXT, 'NIK', 'NIK : 3503011506200217'),
      'Tempat',
      'Tempat/Tgl Lahir : TRENGGALEK, 15-06-1920',
    );
    expect(rowOf(crossCheckKtp({ ocr: reading(old) }), 'nikBirthDate')?.outcome).toBe('match');
    const off = replaceLine(
      replaceLine(CLEAN_TEXT, 'NIK', 'NIK : 3503011506200217'),
      'Tempat',
      'Tempat/Tgl Lahir : TRENGGALEK, 15-06-1921',
    );
    expect(rowOf(crossCheckKtp({ ocr: reading(off) }), 'nikBirthDate')?.outcome).toBe('mismatch');
  });
});
