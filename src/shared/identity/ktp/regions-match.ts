/**
 * Snaps the OCR'd PROVINSI / KABUPATEN-KOTA header lines and the Kecamatan value to the official
 * region names (regions.json, from idn-area-data), so a read like "KABUPATEN TRENGGALFK" becomes
 * "KABUPATEN TRENGGALEK" and carries its code for the cross-check against the NIK. The search is
 * narrowed top-down (regency within the province, district within the regency) when the level
 * above was found, which both speeds it up and avoids same-named districts elsewhere.
 */
import regions from '../../regions/regions.json';
import { closest } from './fuzzy';

interface RegionData {
  provinces: Record<string, string>;
  regencies: Record<string, string>;
  districts: Record<string, string>;
}
const data: RegionData = regions;

export interface RegionHit {
  /** Upper case, as the KTP prints it. */
  value: string;
  code: string;
  quality: number;
}

interface Entry {
  code: string;
  name: string;
  key: string;
}

/** How the card prints names that differ from the table (DKI Jakarta and its cities). */
const PROVINCE_ALIASES: Record<string, string[]> = {
  '31': ['DKI JAKARTA'],
  '34': ['DI YOGYAKARTA'],
};

let cache: { provinces: Entry[]; regencies: Entry[]; districts: Entry[]; places: Entry[] } | null = null;
function entries() {
  if (cache !== null) return cache;
  const up = (s: string) => s.toUpperCase();
  const provinces = Object.entries(data.provinces).flatMap(([code, name]) => [
    { code, name: up(name), key: up(name) },
    ...(PROVINCE_ALIASES[code] ?? []).map((alias) => ({ code, name: up(name), key: alias })),
  ]);
  const regencies = Object.entries(data.regencies).flatMap(([code, name]) => {
    const n = up(name);
    // "KOTA ADMINISTRASI JAKARTA SELATAN" is printed "JAKARTA SELATAN".
    const admin = /^(KOTA|KABUPATEN) ADMINISTRASI (.+)$/.exec(n);
    return admin?.[2] !== undefined
      ? [
          { code, name: n, key: n },
          { code, name: n, key: admin[2] },
        ]
      : [{ code, name: n, key: n }];
  });
  const districts = Object.entries(data.districts).map(([code, name]) => ({ code, name: up(name), key: up(name) }));
  const places = Object.entries(data.regencies).map(([code, name]) => {
    const place = up(name).replace(/^(KABUPATEN|KOTA)( ADMINISTRASI)? /, '');
    return { code, name: place, key: place };
  });
  cache = { provinces, regencies, districts, places };
  return cache;
}

function best(text: string, list: readonly Entry[], maxRatio: number): RegionHit | null {
  const hit = closest(text, list, (e) => e.key, maxRatio);
  return hit === null ? null : { value: hit.item.name, code: hit.item.code, quality: hit.similarity };
}

/** "JAWA TIMUR" (the "PROVINSI" word already removed) → { value: 'JAWA TIMUR', code: '35' }. */
export function matchProvinsi(text: string): RegionHit | null {
  return best(text, entries().provinces, 0.3);
}

/** "KABUPATEN TRENGGALEK" → { value: 'KABUPATEN TRENGGALEK', code: '3503' }; narrowed to the province when known. */
export function matchKabupatenKota(text: string, provinceCode?: string): RegionHit | null {
  const all = entries().regencies;
  if (provinceCode !== undefined) {
    const inside = best(
      text,
      all.filter((e) => e.code.startsWith(provinceCode)),
      0.3,
    );
    if (inside !== null) return inside;
  }
  return best(text, all, 0.25);
}

/** "PANGGUL" → { value: 'PANGGUL', code: '350301' }; narrowed to the regency when known. */
export function matchKecamatan(text: string, regencyCode?: string): RegionHit | null {
  const all = entries().districts;
  if (regencyCode !== undefined) {
    const inside = best(
      text,
      all.filter((e) => e.code.startsWith(regencyCode)),
      0.35,
    );
    if (inside !== null) return inside;
  }
  return best(text, all, 0.2);
}

/**
 * A birth place as printed ("NGAWI", "KOTA BARU"): usually a regency or city name without its
 * prefix. Snapped only when very close (≤ 20 % edits, e.g. "NGAWY" → "NGAWI"), since a birth place
 * may also be a town that is no regency.
 */
export function matchBirthPlace(text: string): RegionHit | null {
  return best(text, entries().places, 0.2);
}
