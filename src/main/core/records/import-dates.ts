/**
 * Dates as offices type them in a recap: Excel date cells or serial numbers, 12/01/2025,
 * 12-01-2025, 2025-01-12 and "12 Januari 2025" (also "12 Jan 2025", "12 Agt 2025"). Day first.
 */
import type { Cell } from './spreadsheet-read';

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  nopember: 11,
  nop: 11,
  desember: 12,
  des: 12,
  dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD for a real calendar date, else null. */
function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's day count from 1899-12-30 (the 1900 leap-year bug is already folded into that epoch). */
function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 20_000 || serial > 120_000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The date a cell holds, or null when it is not one. Empty cells are the caller's concern. */
export function parseDateCell(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // exceljs gives date cells as UTC midnight of the shown day; round to the nearest day for times
    return new Date(cell.getTime() + 12 * 3_600_000 - 1).toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') return fromSerial(cell);
  const s = cell.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2] as string];
    return month ? ymd(Number(m[3]), month, Number(m[1])) : null;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  return null;
}
