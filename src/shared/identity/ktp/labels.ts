/**
 * Recognises the label column of a KTP line and splits it from the value column. A KTP prints
 * "Label : VALUE" on every line; OCR garbles both halves ("Kecarnatan", "TempaTgl Lahir") and reads
 * the colon as ©, 1, 2, | or ~~:, so the label is found by edit distance on the line's leading
 * letters (ending on a word boundary, so "NI KADEK" never reads as the label NIK) and the separator
 * is dropped only where the layout puts it: right after the label.
 */
import { editDistance, squash } from './fuzzy';

/** Labels in the order the KTP prints them (header lines first). */
export const LABEL_ORDER = [
  'provinsi',
  'kabupatenKota',
  'nik',
  'nama',
  'tempatTglLahir',
  'jenisKelamin',
  'alamat',
  'rtRw',
  'kelDesa',
  'kecamatan',
  'agama',
  'statusPerkawinan',
  'pekerjaan',
  'kewarganegaraan',
  'berlakuHingga',
] as const;
export type LineLabel = (typeof LABEL_ORDER)[number] | 'golonganDarah';

/** How each label may be printed (squashed: upper case, letters only). */
const SPELLINGS: Record<LineLabel, readonly string[]> = {
  provinsi: ['PROVINSI', 'PROPINSI'],
  kabupatenKota: ['KABUPATEN', 'KOTA'],
  nik: ['NIK'],
  nama: ['NAMA'],
  tempatTglLahir: ['TEMPATTGLLAHIR', 'TEMPATTANGGALLAHIR', 'TEMPATLAHIR'],
  jenisKelamin: ['JENISKELAMIN'],
  golonganDarah: ['GOLDARAH', 'GOLONGANDARAH'],
  alamat: ['ALAMAT'],
  rtRw: ['RTRW'],
  kelDesa: ['KELDESA', 'KELURAHANDESA', 'DESAKELURAHAN'],
  kecamatan: ['KECAMATAN'],
  agama: ['AGAMA'],
  statusPerkawinan: ['STATUSPERKAWINAN'],
  pekerjaan: ['PEKERJAAN'],
  kewarganegaraan: ['KEWARGANEGARAAN'],
  berlakuHingga: ['BERLAKUHINGGA'],
};

/** Number of printed words per label, used when the label is too garbled to find by spelling. */
export const LABEL_WORDS: Record<LineLabel, number> = {
  provinsi: 1,
  kabupatenKota: 1,
  nik: 1,
  nama: 1,
  tempatTglLahir: 3,
  jenisKelamin: 2,
  golonganDarah: 2,
  alamat: 1,
  rtRw: 1,
  kelDesa: 1,
  kecamatan: 1,
  agama: 1,
  statusPerkawinan: 2,
  pekerjaan: 1,
  kewarganegaraan: 1,
  berlakuHingga: 2,
};

function allowedEdits(len: number): number {
  if (len <= 3) return 0;
  return len <= 5 ? 1 : Math.floor(len / 4);
}

/** Characters the colon between label and value is read as, when they stand alone. */
const SEPARATOR_TOKEN = /^[:;©®|!1lIi2~=»«'‘’`".,\-_*@C]{1,3}$/;
/** Punctuation a colon leaves glued to the start of a value (":ISLAM", "©KAWIN"). */
const GLUED_SEPARATOR = /^[:;©®|~=»«'‘’`"*@]+/;

export interface SplitLine {
  label: LineLabel | null;
  /** 1 when the label was read exactly, lower with every edit. */
  labelQuality: number;
  /** The text right of the label (separator removed), or the whole line when no label was found. */
  value: string;
  /** The token taken as the separator, e.g. ":" or "‘1" (the colon and the "I" of "I KETUT" fused). */
  separator: string;
}

interface Letter {
  ch: string;
  pos: number;
}

/** Splits off a leading label found by edit distance; lines that start with something else are returned whole. */
export function splitLabel(text: string): SplitLine {
  const line = text.slice(0, 300);
  const none: SplitLine = { label: null, labelQuality: 0, value: line.trim(), separator: '' };
  const letters: Letter[] = [];
  const firstLetter = line.search(/[A-Za-z]/);
  // The label is the first thing on the line: allow only a little debris ("| ", "‘") before it.
  if (firstLetter < 0 || firstLetter > 3) return none;
  for (let pos = firstLetter; pos < line.length && letters.length < 24; pos++) {
    const ch = line[pos] ?? '';
    if (/[A-Za-z]/.test(ch)) letters.push({ ch: ch.toUpperCase(), pos });
    else if (/[0-9]/.test(ch)) break;
  }
  let best: { label: LineLabel; end: number; score: number; spellingLength: number } | null = null;
  for (const [label, spellings] of Object.entries(SPELLINGS) as [LineLabel, readonly string[]][]) {
    for (const spelling of spellings) {
      const max = allowedEdits(spelling.length);
      for (let j = Math.max(1, spelling.length - max); j <= Math.min(letters.length, spelling.length + max); j++) {
        const last = letters[j - 1];
        if (last === undefined) continue;
        // The label must end a word: the next character may not be a letter.
        if (/[A-Za-z]/.test(line[last.pos + 1] ?? '')) continue;
        const d = editDistance(
          letters
            .slice(0, j)
            .map((l) => l.ch)
            .join(''),
          spelling,
        );
        if (d > max) continue;
        const score = d / spelling.length;
        // Lowest relative distance wins; on a tie the longer spelling (more evidence).
        if (best === null || score < best.score || (score === best.score && spelling.length > best.spellingLength)) {
          best = { label, end: last.pos + 1, score, spellingLength: spelling.length };
        }
      }
    }
  }
  if (best === null) return none;
  const { value, separator } = dropSeparator(line.slice(best.end));
  return { label: best.label, labelQuality: 1 - best.score, value, separator };
}

/** Removes the separator that follows a label: a standalone token first, else glued punctuation. */
export function dropSeparator(rest: string): { value: string; separator: string } {
  const trimmed = rest.trim();
  const first = trimmed.split(/\s+/, 1)[0] ?? '';
  if (first !== '' && SEPARATOR_TOKEN.test(first) && trimmed.length > first.length) {
    return { value: trimmed.slice(first.length).trim(), separator: first };
  }
  const glued = GLUED_SEPARATOR.exec(trimmed);
  if (glued !== null) return { value: trimmed.slice(glued[0].length).trim(), separator: glued[0] };
  return { value: trimmed, separator: '' };
}

/** For a line whose label is unreadable: the text after the first colon-like mark, else after the label's word count. */
export function valueWithoutLabel(text: string, label: LineLabel): string {
  const colon = /[:©]/.exec(text);
  if (colon !== null && colon.index < text.length * 0.6) return text.slice(colon.index + 1).trim();
  const words = text.trim().split(/\s+/);
  return dropSeparator(words.slice(LABEL_WORDS[label]).join(' ')).value;
}

/** Finds "Gol. Darah" inside a value (it shares the Jenis Kelamin line): index of its first token, and how many tokens it spans. */
export function findGolDarah(tokens: readonly string[]): { index: number; span: number } | null {
  for (let i = 0; i < tokens.length; i++) {
    const one = squash(tokens[i] ?? '');
    const two = one + squash(tokens[i + 1] ?? '');
    if (two.length >= 6 && editDistance(two, 'GOLDARAH') <= 2) return { index: i, span: 2 };
    if (one.length >= 6 && editDistance(one, 'GOLDARAH') <= 2) return { index: i, span: 1 };
    if (one.length >= 2 && editDistance(one, 'GOL') <= 1 && /^[G6C]/.test(one) && i > 0)
      return { index: i, span: squash(tokens[i + 1] ?? '').length > 2 ? 2 : 1 };
  }
  return null;
}
