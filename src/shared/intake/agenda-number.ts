/**
 * The office's agenda (registry) number for an incoming letter, from a format the Admin sets:
 * {n} the year's sequence (or {n:4} zero-padded to 4), {yyyy} the year, {mm} the month,
 * {romawi} the month in Roman numerals (as Indonesian letter numbers write it). Pure: the core
 * formats the next number, the settings screen previews it.
 */
export const DEFAULT_AGENDA_FORMAT = '{n:4}/TTE/{yyyy}';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Problems with a format, in Indonesian; empty when it can be used. */
export function agendaFormatProblems(format: string): string[] {
  const problems: string[] = [];
  if (!/\{n(?::\d)?\}/.test(format)) problems.push('Format harus memuat {n} (nomor urut) atau {n:4}');
  const unknown = [...format.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1])
    .filter((t) => !/^(n(:\d)?|yyyy|mm|romawi)$/.test(t ?? ''));
  if (unknown.length) problems.push(`Kode tidak dikenal: ${unknown.map((t) => `{${t}}`).join(', ')}`);
  if (format.length > 50) problems.push('Format terlalu panjang (maks. 50 karakter)');
  return problems;
}

/** `date` is the office's today (YYYY-MM-DD); `sequence` starts at 1 each year. */
export function formatAgendaNumber(format: string, sequence: number, date: string): string {
  const [year = '', month = '01'] = date.split('-');
  return format
    .replace(/\{n(?::(\d))?\}/g, (_, width: string | undefined) => String(sequence).padStart(Number(width ?? 0), '0'))
    .replace(/\{yyyy\}/g, year)
    .replace(/\{mm\}/g, month)
    .replace(/\{romawi\}/g, ROMAN[Number(month) - 1] ?? '');
}
