import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  buildRegionTable,
  parseCsvLine,
  readInstalledPackage,
  REGIONS_JSON_PATH,
  serializeRegionTable,
} from '../../../scripts/generate-regions';
import { districtName, provinceName, regencyName, REGION_SOURCE } from '../../../src/shared/regions';

describe('regions.json', () => {
  const { csv, version } = readInstalledPackage();
  const generated = buildRegionTable(csv, version);

  it('is exactly what scripts/generate-regions.ts produces from the installed idn-area-data', () => {
    expect(version).toBe('4.0.1');
    expect(readFileSync(REGIONS_JSON_PATH, 'utf8')).toBe(serializeRegionTable(generated));
  });

  it('has the measured number of regions', () => {
    expect(generated.source).toBe('idn-area-data 4.0.1 (ODbL)');
    expect(Object.keys(generated.provinces)).toHaveLength(38);
    expect(Object.keys(generated.regencies)).toHaveLength(514);
    expect(Object.keys(generated.districts)).toHaveLength(7285);
  });

  it('keeps the one quoted name in the data intact', () => {
    expect(generated.districts['352922']).toBe('Ra"as');
  });
});

describe('region lookups', () => {
  it('names provinces, regencies and districts by their code', () => {
    expect(REGION_SOURCE).toBe('idn-area-data 4.0.1 (ODbL)');
    expect(provinceName('35')).toBe('Jawa Timur');
    expect(regencyName('3503')).toBe('Kabupaten Trenggalek');
    expect(regencyName('3577')).toBe('Kota Madiun');
    expect(districtName('350301')).toBe('Panggul');
    expect(districtName('357701')).toBe('Kartoharjo');
  });

  it('accepts dotted codes', () => {
    expect(regencyName('35.03')).toBe('Kabupaten Trenggalek');
    expect(districtName('35.03.01')).toBe('Panggul');
  });

  it('returns undefined for unknown, mis-sized or non-numeric codes', () => {
    expect(provinceName('99')).toBeUndefined();
    expect(regencyName('3599')).toBeUndefined();
    expect(districtName('350399')).toBeUndefined();
    expect(provinceName('3503')).toBeUndefined(); // a regency code is not a province code
    expect(regencyName('35')).toBeUndefined();
    expect(districtName('3503')).toBeUndefined();
    expect(provinceName('constructor')).toBeUndefined();
    expect(regencyName('__proto__')).toBeUndefined();
  });
});

describe('generator', () => {
  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsvLine('35.03.01,35.03,"Panggul, Selatan"')).toEqual(['35.03.01', '35.03', 'Panggul, Selatan']);
    expect(parseCsvLine('35.29.22,35.29,"Ra""as"')).toEqual(['35.29.22', '35.29', 'Ra"as']);
    expect(parseCsvLine('a,,c')).toEqual(['a', '', 'c']);
    expect(() => parseCsvLine('a,"b')).toThrow(/Unterminated/);
  });

  const csv = {
    provinces: 'code,name\r\n35,Jawa Timur\r\n',
    regencies: 'code,province_code,name\n35.03,35,"Kabupaten Trenggalek"\n',
    districts: 'code,regency_code,name\n35.03.01,35.03,Panggul\n',
  };

  it('builds the compact table with undotted codes', () => {
    expect(buildRegionTable(csv, '9.9.9')).toEqual({
      source: 'idn-area-data 9.9.9 (ODbL)',
      provinces: { '35': 'Jawa Timur' },
      regencies: { '3503': 'Kabupaten Trenggalek' },
      districts: { '350301': 'Panggul' },
    });
  });

  it('rejects data it does not understand instead of writing a wrong table', () => {
    expect(() => buildRegionTable({ ...csv, provinces: 'kode,nama\n35,Jawa Timur\n' }, 'x')).toThrow(/header/);
    expect(() => buildRegionTable({ ...csv, districts: `${csv.districts}35.03.01,35.03,Lagi\n` }, 'x')).toThrow(
      /duplicate/,
    );
    expect(() => buildRegionTable({ ...csv, districts: `${csv.districts}35.04.01,35.04,X\n` }, 'x')).toThrow(/parent/);
    expect(() => buildRegionTable({ ...csv, districts: `${csv.districts}35.03.02,35.77,X\n` }, 'x')).toThrow(/parent/);
    expect(() => buildRegionTable({ ...csv, regencies: `${csv.regencies}3504,35,X\n` }, 'x')).toThrow(/malformed/);
  });
});
