/**
 * Reads an uploaded recap spreadsheet into plain cells: XLSX (a ZIP, 'PK' magic bytes) through
 * exceljs, anything else as UTF-8 CSV. Cells keep what the office typed: text, numbers, or dates.
 */
import ExcelJS from 'exceljs';

import { parseCsv } from './csv';

export type Cell = string | number | Date | null;

export interface SheetData {
  kind: 'xlsx' | 'csv';
  header: string[];
  /** Data rows (the header removed), each padded to the header's length. */
  rows: Cell[][];
  /** Each data row's number as the spreadsheet shows it (1-based, header included). */
  rowNumbers: number[];
}

export class UnreadableSpreadsheet extends Error {}

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** exceljs cell values come as rich text, formulas, hyperlinks …; this keeps what a person sees. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

const text = (c: Cell): string =>
  c instanceof Date ? c.toISOString().slice(0, 10) : c === null ? '' : String(c).trim();

async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSpreadsheet('xlsx');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: index 0 is empty
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

function readCsv(bytes: Buffer): Cell[][] {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    decoded = new TextDecoder('windows-1252').decode(bytes); // older Excel "CSV (dipisahkan koma)"
  }
  if (decoded.includes('\u0000')) throw new UnreadableSpreadsheet('binary');
  return parseCsv(decoded);
}

/** The first non-empty row is the header; empty rows after it are dropped. */
export async function readSpreadsheet(bytes: Buffer): Promise<SheetData> {
  const kind = isXlsx(bytes) ? 'xlsx' : 'csv';
  const all = kind === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const isEmpty = (r: Cell[]) => r.every((c) => text(c) === '');
  const headerIndex = all.findIndex((r) => !isEmpty(r));
  if (headerIndex < 0) return { kind, header: [], rows: [], rowNumbers: [] };
  const header = (all[headerIndex] ?? []).map(text);
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < all.length; i++) {
    const r = all[i] ?? [];
    if (isEmpty(r)) continue;
    rows.push(Array.from({ length: Math.max(header.length, r.length) }, (_, c) => r[c] ?? null));
    rowNumbers.push(i + 1);
  }
  return { kind, header, rows, rowNumbers };
}
