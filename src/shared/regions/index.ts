/**
 * Name lookups for Indonesian province, regency/city and district codes, so the NIK check can
 * recognise (and show) the region a NIK was issued in. The data is the committed regions.json,
 * generated from idn-area-data (ODbL) by scripts/generate-regions.ts; it is bundled rather than
 * read from disk because this module also runs in the browser renderer. Codes are digits only
 * ('35', '3503', '350301'); dotted codes ('35.03') are accepted too.
 */
import regions from './regions.json';

interface RegionData {
  source: string;
  provinces: Record<string, string>;
  regencies: Record<string, string>;
  districts: Record<string, string>;
}

const data: RegionData = regions;

/** Where the region names come from, for an attribution line (ODbL requires one). */
export const REGION_SOURCE: string = data.source;

function lookup(table: Record<string, string>, code: string, digits: number): string | undefined {
  const key = code.trim().replaceAll('.', '');
  if (key.length !== digits || !/^\d+$/.test(key) || !Object.hasOwn(table, key)) return undefined;
  return table[key];
}

/** '35' → 'Jawa Timur'. */
export function provinceName(code: string): string | undefined {
  return lookup(data.provinces, code, 2);
}

/** '3503' → 'Kabupaten Trenggalek'. */
export function regencyName(code4: string): string | undefined {
  return lookup(data.regencies, code4, 4);
}

/** '350301' → 'Panggul'. */
export function districtName(code6: string): string | undefined {
  return lookup(data.districts, code6, 6);
}
