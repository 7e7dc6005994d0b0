import { describe, expect, it } from 'vitest';

import { checkNik, maskNik } from '../../../src/shared/identity/nik';

// A fixed "today" so that ages and the century rule do not depend on when the tests run.
const TODAY = new Date(2025, 5, 15); // 15 June 2025, local time

describe('checkNik', () => {
  it('accepts a valid male NIK and decodes every part', () => {
    const r = checkNik('3503010906710217', TODAY);
    expect(r).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parts: {
        provinceCode: '35',
        regencyCode: '3503',
        districtCode: '350301',
        provinceName: 'Jawa Timur',
        regencyName: 'Kabupaten Trenggalek',
        districtName: 'Panggul',
        birthDate: '1971-06-09',
        sex: 'L',
        serial: '0217',
      },
    });
  });

  it('accepts a valid female NIK (day + 40) in Kota Madiun', () => {
    const r = checkNik('3577014906710001', TODAY);
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.parts?.sex).toBe('P');
    expect(r.parts?.birthDate).toBe('1971-06-09');
    expect(r.parts?.regencyName).toBe('Kota Madiun');
    expect(r.parts?.districtName).toBe('Kartoharjo');
  });

  it('applies the +40 rule at its edges: 41 = 1st (P), 71 = 31st (P), 31 = 31st (L)', () => {
    expect(checkNik('3503014101800003', TODAY).parts).toMatchObject({ birthDate: '1980-01-01', sex: 'P' });
    expect(checkNik('3503017101800003', TODAY).parts).toMatchObject({ birthDate: '1980-01-31', sex: 'P' });
    expect(checkNik('3503013101800003', TODAY).parts).toMatchObject({ birthDate: '1980-01-31', sex: 'L' });
  });

  it.each([
    ['00', 'day 00'],
    ['32', 'male day 32'],
    ['40', 'day 40 (neither male nor female)'],
    ['72', 'female day 32'],
  ])('rejects birth day %s (%s)', (dd) => {
    const r = checkNik(`350301${dd}01800003`, TODAY);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([`Tanggal lahir pada NIK (${dd}0180) bukan tanggal yang valid`]);
    expect(r.parts).toBeUndefined();
  });

  it('rejects impossible calendar dates and month 00 / 13', () => {
    for (const ddmmyy of ['310299', '300299', '310499', '711199', '150099', '151399']) {
      const r = checkNik(`350301${ddmmyy}0003`, TODAY);
      expect(r.valid, ddmmyy).toBe(false);
      expect(r.errors, ddmmyy).toEqual([`Tanggal lahir pada NIK (${ddmmyy}) bukan tanggal yang valid`]);
    }
  });

  it('handles leap years, including 2000 (leap) versus 1900 (not leap)', () => {
    expect(checkNik('3503012902000003', TODAY).parts?.birthDate).toBe('2000-02-29');
    expect(checkNik('3503016902000003', TODAY).parts).toMatchObject({ birthDate: '2000-02-29', sex: 'P' });
    expect(checkNik('3503012902960003', TODAY).parts?.birthDate).toBe('1996-02-29');
    expect(checkNik('3503012902010003', TODAY).valid).toBe(false); // 2001 is not a leap year
    // Seen from 1999, "00" means 1900, which was not a leap year.
    const in1999 = checkNik('3503012902000003', new Date(1999, 11, 31));
    expect(in1999.valid).toBe(false);
    expect(in1999.errors).toEqual(['Tanggal lahir pada NIK (290200) bukan tanggal yang valid']);
  });

  it('chooses 20YY unless that date is in the future, then 19YY', () => {
    // Born today in 2025: 20YY is not in the future.
    const todayBirth = checkNik('3503011506250003', TODAY);
    expect(todayBirth.parts?.birthDate).toBe('2025-06-15');
    // One day later would be in the future, so it is 1925 (aged 99).
    const tomorrow = checkNik('3503011606250003', TODAY);
    expect(tomorrow.parts?.birthDate).toBe('1925-06-16');
    expect(tomorrow.warnings).toEqual([]);
    // The same NIK read in 2005 is 1910, read in 2025 is 2010.
    expect(checkNik('3503010101100003', new Date(2005, 0, 1)).parts?.birthDate).toBe('1910-01-01');
    expect(checkNik('3503010101100003', TODAY).parts?.birthDate).toBe('2010-01-01');
  });

  it('warns (not errors) when the age is under 17', () => {
    const r = checkNik('3503010101100003', TODAY); // 2010-01-01: 15 years old
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['Umur menurut NIK 15 tahun; periksa kembali']);
    // Turns 17 exactly on TODAY: no warning; one day younger: 16, warning.
    expect(checkNik('3503011506080003', TODAY).warnings).toEqual([]);
    expect(checkNik('3503011606080003', TODAY).warnings).toEqual(['Umur menurut NIK 16 tahun; periksa kembali']);
    expect(checkNik('3503011506250003', TODAY).warnings).toEqual(['Umur menurut NIK 0 tahun; periksa kembali']);
  });

  it('warns when the age is over 100 (only reachable from 2100 on, with an injected today)', () => {
    const r = checkNik('3503010101000003', new Date(2101, 0, 1)); // 2000-01-01 seen in 2101
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['Umur menurut NIK 101 tahun; periksa kembali']);
    expect(checkNik('3503010101000003', new Date(2100, 0, 1)).warnings).toEqual([]); // exactly 100
  });

  it('rejects an unknown province, regency or district, reporting only the highest unknown level', () => {
    const province = checkNik('9903010906710217', TODAY);
    expect(province.valid).toBe(false);
    expect(province.errors).toEqual(['Kode provinsi 99 pada NIK tidak dikenal']);
    expect(province.parts).toMatchObject({ provinceCode: '99', provinceName: undefined, birthDate: '1971-06-09' });

    const regency = checkNik('3599010906710217', TODAY);
    expect(regency.errors).toEqual(['Kode kabupaten/kota 3599 pada NIK tidak dikenal']);
    expect(regency.parts).toMatchObject({ provinceName: 'Jawa Timur', regencyName: undefined });

    const district = checkNik('3503990906710217', TODAY);
    expect(district.errors).toEqual(['Kode kecamatan 350399 pada NIK tidak dikenal']);
    expect(district.parts).toMatchObject({ regencyName: 'Kabupaten Trenggalek', districtName: undefined });
  });

  it('rejects serial 0000 but still decodes the parts', () => {
    const r = checkNik('3503010906710000', TODAY);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(['Nomor urut NIK (4 digit terakhir) tidak boleh 0000']);
    expect(r.parts?.serial).toBe('0000');
  });

  it('reports several errors together', () => {
    expect(checkNik('9903010906710000', TODAY).errors).toEqual([
      'Kode provinsi 99 pada NIK tidak dikenal',
      'Nomor urut NIK (4 digit terakhir) tidak boleh 0000',
    ]);
  });

  it.each([
    ['', 'empty'],
    ['350301090671021', '15 digits'],
    ['35030109067102170', '17 digits'],
    ['3503O10906710217', 'letter O instead of zero'],
    ['3503 0109 0671 0217', 'spaces inside'],
    ['-350301090671021', 'sign'],
  ])('rejects %j (%s) as not 16 digits', (input) => {
    expect(checkNik(input, TODAY)).toEqual({ valid: false, errors: ['NIK harus 16 digit angka'], warnings: [] });
  });

  it('trims surrounding whitespace', () => {
    expect(checkNik('  3503010906710217\n', TODAY).valid).toBe(true);
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits', () => {
    expect(maskNik('3503010906710217')).toBe('3503••••••••0217');
  });

  it('returns anything that is not 16 characters unchanged', () => {
    expect(maskNik('350301090671021')).toBe('350301090671021');
    expect(maskNik('')).toBe('');
    expect(maskNik('35030109067102170')).toBe('35030109067102170');
  });
});

describe('checkNik for NIKs issued before the 2022 Papua split', () => {
  it('warns, not errors, on a retired Papua regency code (9101, old Merauke)', () => {
    const r = checkNik('9101010906710217', TODAY);
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/9101.*pemekaran Papua 2022/);
  });

  it('still errors on an unknown regency outside Papua and Papua Barat', () => {
    const r = checkNik('3599010906710217', TODAY);
    expect(r.valid).toBe(false);
    expect(r.warnings.join(' ')).not.toMatch(/pemekaran/);
  });
});
