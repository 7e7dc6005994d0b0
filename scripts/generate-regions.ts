/**
 * Generates src/shared/regions/regions.json, the province/regency/district name table that the
 * NIK check uses to recognise the region digits of a NIK. The table comes from the CSVs shipped in
 * the pinned npm package idn-area-data (ODbL); it is generated once and committed so that the app
 * (including the browser renderer) needs neither the package nor file access at runtime.
 * Run with `npx tsx scripts/generate-regions.ts`; test/unit/shared/regions.test.ts checks that the
 * committed file still equals what `buildRegionTable` produces from the installed package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface RegionCsvTexts {
  provinces: string;
  regencies: string;
  districts: string;
}

export interface RegionTable {
  source: string;
  provinces: Record<string, string>;
  regencies: Record<string, string>;
  districts: Record<string, string>;
}

/** Splits one CSV line into fields (RFC 4180 quoting: `"a, b"` and `""` for a literal quote). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error(`Unterminated quoted field in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

/** Parses a CSV text whose header must be exactly `columns`; returns one row per data line. */
function parseCsv(text: string, columns: readonly string[], what: string): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = lines.shift();
  if (header === undefined || parseCsvLine(header).join(',') !== columns.join(',')) {
    throw new Error(`${what}: expected header "${columns.join(',')}", got "${header ?? ''}"`);
  }
  return lines.map((line) => {
    const row = parseCsvLine(line);
    if (row.length !== columns.length) throw new Error(`${what}: expected ${columns.length} fields: ${line}`);
    return row;
  });
}

/** Adds code → name, rejecting malformed codes, unknown parents and duplicates. */
function addEntry(
  into: Record<string, string>,
  what: string,
  code: string,
  pattern: RegExp,
  name: string,
  parent?: { code: string; table: Record<string, string> },
): void {
  if (!pattern.test(code)) throw new Error(`${what}: malformed code "${code}"`);
  const key = code.replaceAll('.', '');
  if (parent) {
    const parentKey = parent.code.replaceAll('.', '');
    if (!key.startsWith(parentKey) || !Object.hasOwn(parent.table, parentKey)) {
      throw new Error(`${what}: code ${code} has unknown or mismatched parent ${parent.code}`);
    }
  }
  if (Object.hasOwn(into, key)) throw new Error(`${what}: duplicate code ${code}`);
  if (name.trim() === '') throw new Error(`${what}: empty name for ${code}`);
  into[key] = name.trim();
}

/** The pure transform: three CSV texts (as shipped by idn-area-data) → the compact region table. */
export function buildRegionTable(csv: RegionCsvTexts, packageVersion: string): RegionTable {
  const table: RegionTable = {
    source: `idn-area-data ${packageVersion} (ODbL)`,
    provinces: {},
    regencies: {},
    districts: {},
  };
  for (const [code, name] of parseCsv(csv.provinces, ['code', 'name'], 'provinces.csv')) {
    addEntry(table.provinces, 'provinces.csv', code ?? '', /^\d{2}$/, name ?? '');
  }
  for (const [code, parent, name] of parseCsv(csv.regencies, ['code', 'province_code', 'name'], 'regencies.csv')) {
    addEntry(table.regencies, 'regencies.csv', code ?? '', /^\d{2}\.\d{2}$/, name ?? '', {
      code: parent ?? '',
      table: table.provinces,
    });
  }
  for (const [code, parent, name] of parseCsv(csv.districts, ['code', 'regency_code', 'name'], 'districts.csv')) {
    addEntry(table.districts, 'districts.csv', code ?? '', /^\d{2}\.\d{2}\.\d{2}$/, name ?? '', {
      code: parent ?? '',
      table: table.regencies,
    });
  }
  return table;
}

/** The exact text written to regions.json (stable: all keys are numeric, so JSON order is numeric). */
export function serializeRegionTable(table: RegionTable): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}

/** Reads the CSVs and version of the installed idn-area-data package. */
export function readInstalledPackage(): { csv: RegionCsvTexts; version: string } {
  const pkgJson = createRequire(import.meta.url).resolve('idn-area-data/package.json');
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  const dataDir = join(dirname(pkgJson), 'data');
  const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
  return {
    csv: { provinces: read('provinces.csv'), regencies: read('regencies.csv'), districts: read('districts.csv') },
    version,
  };
}

export const REGIONS_JSON_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../src/shared/regions/regions.json');

function main(): void {
  const { csv, version } = readInstalledPackage();
  const table = buildRegionTable(csv, version);
  writeFileSync(REGIONS_JSON_PATH, serializeRegionTable(table));
  const count = (r: Record<string, string>) => Object.keys(r).length;
  console.log(
    `Wrote ${REGIONS_JSON_PATH}: ${count(table.provinces)} provinces, ${count(table.regencies)} regencies, ` +
      `${count(table.districts)} districts (${table.source})`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
