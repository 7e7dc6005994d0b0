import { describe, expect, it } from 'vitest';

import { compareNikNip } from '../../../src/shared/identity/cross-check';
import { checkNik } from '../../../src/shared/identity/nik';
import { checkNip, formatNip, normalizeNip } from '../../../src/shared/identity/nip';

describe('normalizeNip / formatNip', () => {
  it('strips all whitespace, including tabs and non-breaking spaces', () => {
    expect(normalizeNip('19710609 199201 1 002')).toBe('197106091992011002');
    expect(normalizeNip(' 19710609\t199201\u00a01 002 ')).toBe('197106091992011002');
  });

  it('formats an 18-digit NIP in the customary groups', () => {
    expect(formatNip('197106091992011002')).toBe('19710609 199201 1 002');
    expect(formatNip('19710609  199201 1002')).toBe('19710609 199201 1 002');
  });

  it('returns anything that is not 18 digits unchanged', () => {
    expect(formatNip('19710609199201100')).toBe('19710609199201100');
    expect(formatNip('1971060919920110X2')).toBe('1971060919920110X2');
  });
});

describe('checkNip', () => {
  it('accepts a NIP typed with spaces and decodes it', () => {
    expect(checkNip('19710609 199201 1 002')).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parts: { birthDate: '1971-06-09', appointment: '1992-01', sex: 'L', serial: '002' },
    });
  });

  it('decodes sex digit 2 as perempuan', () => {
    const r = checkNip('198003312005012001');
    expect(r.valid).toBe(true);
    expect(r.parts).toEqual({ birthDate: '1980-03-31', appointment: '2005-01', sex: 'P', serial: '001' });
  });

  it.each(['0', '3', '9'])('rejects sex digit %s and gives no parts', (digit) => {
    const r = checkNip(`19710609199201${digit}002`);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([`Digit jenis kelamin pada NIP harus 1 atau 2, bukan ${digit}`]);
    expect(r.parts).toBeUndefined();
  });

  it.each([
    ['19710230', 'Feb 30'],
    ['19710631', 'June 31'],
    ['19710001', 'month 00'],
    ['19711301', 'month 13'],
    ['19710600', 'day 00'],
    ['19010229', '1901 is not a leap year'],
  ])('rejects birth date %s (%s)', (birth) => {
    const r = checkNip(`${birth}1992011002`);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([`Tanggal lahir pada NIP (${birth}) bukan tanggal yang valid`]);
    expect(r.parts).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    expect(checkNip('196002291985031001').parts?.birthDate).toBe('1960-02-29');
  });

  it.each(['199200', '199213'])('rejects appointment month in %s', (tmt) => {
    const r = checkNip(`19710609${tmt}1002`);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([`Bulan TMT CPNS pada NIP (${tmt}) tidak valid`]);
    expect(r.parts).toBeUndefined();
  });

  it('rejects an appointment before the birth date', () => {
    const r = checkNip('19710609 197001 1 002');
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(['TMT CPNS pada NIP (1970-01) lebih awal dari tanggal lahir (1971-06-09)']);
    // TMT is the 1st of the month, so the birth month itself is also too early unless born on the 1st.
    expect(checkNip('19710609 197106 1 002').errors).toEqual([
      'TMT CPNS pada NIP (1971-06) lebih awal dari tanggal lahir (1971-06-09)',
    ]);
    expect(checkNip('19710601 197106 1 002').errors).toEqual([]);
  });

  it('warns (not errors) when appointed younger than 18', () => {
    const r = checkNip('19710609 198901 1 002');
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['Umur saat TMT CPNS menurut NIP 17 tahun; periksa kembali']);
    // 1 June 1989 is still before the 18th birthday; 1 July 1989 is after it.
    expect(checkNip('19710609 198906 1 002').warnings).toEqual([
      'Umur saat TMT CPNS menurut NIP 17 tahun; periksa kembali',
    ]);
    expect(checkNip('19710609 198907 1 002').warnings).toEqual([]);
    expect(checkNip('19710101 198901 1 002').warnings).toEqual([]);
  });

  it('rejects serial 000 but still decodes the parts', () => {
    const r = checkNip('19710609 199201 1 000');
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(['Nomor urut NIP (3 digit terakhir) tidak boleh 000']);
    expect(r.parts?.serial).toBe('000');
  });

  it.each([
    ['', 'empty'],
    ['19710609 199201 1 00', '17 digits'],
    ['1971060919920110021', '19 digits'],
    ['19710609-199201-1-002', 'dashes'],
    ['19710609 199201 l 002', 'letter l instead of 1'],
  ])('rejects %j (%s) as not 18 digits', (input) => {
    expect(checkNip(input)).toEqual({ valid: false, errors: ['NIP harus 18 digit angka'], warnings: [] });
  });
});

describe('compareNikNip', () => {
  const TODAY = new Date(2025, 5, 15);
  const nikMale = checkNik('3503010906710217', TODAY); // 1971-06-09, L

  it('returns no warnings when birth date and sex agree', () => {
    expect(compareNikNip(nikMale, checkNip('19710609 199201 1 002'))).toEqual([]);
  });

  it('warns when the birth dates differ', () => {
    expect(compareNikNip(nikMale, checkNip('19710619 199201 1 002'))).toEqual([
      'Tanggal lahir pada NIK (1971-06-09) berbeda dengan NIP (1971-06-19)',
    ]);
  });

  it('warns when the sexes differ', () => {
    expect(compareNikNip(nikMale, checkNip('19710609 199201 2 002'))).toEqual([
      'Jenis kelamin pada NIK (laki-laki) berbeda dengan NIP (perempuan)',
    ]);
  });

  it('reports both mismatches together', () => {
    const nikFemale = checkNik('3577014906710001', TODAY); // 1971-06-09, P
    expect(compareNikNip(nikFemale, checkNip('19720609 199201 1 002'))).toEqual([
      'Tanggal lahir pada NIK (1971-06-09) berbeda dengan NIP (1972-06-09)',
      'Jenis kelamin pada NIK (perempuan) berbeda dengan NIP (laki-laki)',
    ]);
  });

  it('compares decoded parts even if another check failed (e.g. unknown region)', () => {
    const nik = checkNik('9903010906710217', TODAY);
    expect(nik.valid).toBe(false);
    expect(compareNikNip(nik, checkNip('19710619 199201 1 002'))).toHaveLength(1);
  });

  it('says nothing when either number could not be decoded', () => {
    expect(compareNikNip(checkNik('123', TODAY), checkNip('19710619 199201 1 002'))).toEqual([]);
    expect(compareNikNip(nikMale, checkNip('19710619 199201 3 002'))).toEqual([]);
  });
});
