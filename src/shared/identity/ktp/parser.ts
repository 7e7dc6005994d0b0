/**
 * Turns Tesseract's lines for a KTP into the 17 fields the identity desk shows, each with a value
 * (normalized, or null when unsure), a 0..1 confidence and the raw text it came from. Pure and
 * DOM/Node-free: it runs in the core after OCR and in the renderer when the verifier re-parses.
 * It never throws: every field fails soft to { value: null, confidence: 0 }, whatever the input.
 */
import { KTP_FIELDS, type KtpField, type KtpReading, type OcrField } from '../../domain/identity';
import { jenisKelaminText, readName, splitJenisKelaminGolDarah, splitTempatTanggal } from './fields';
import { splitLabel } from './labels';
import { type Assigned, assignLines, type OcrLine } from './layout';
import { restoreAddressGaps, restoreNameGaps } from './name-split';
import { corroborateFromNik } from './nik-corroborate';
import { nikCandidates, type NikRead, type NikVote, voteNik } from './nik-read';
import { settleNik } from './nik-settle';
import {
  alamatLacksNumber,
  cleanText,
  normalizeAgama,
  normalizeAlamat,
  normalizeBerlakuHingga,
  type Normalized,
  normalizeJenisKelamin,
  normalizeKewarganegaraan,
  normalizeRtRw,
  normalizeStatusPerkawinan,
  trimNoiseTokens,
} from './normalize';
import { normalizePekerjaan } from './pekerjaan';
import { matchBirthPlace, matchKabupatenKota, matchKecamatan, matchProvinsi } from './regions-match';

export interface TextLine {
  text: string;
  /** 0..1 (the engine's lines: lines.ts parserLines); values above 1 are read as Tesseract's raw 0..100. */
  confidence: number;
  /** NIK passes only: how many votes this read counts for (default 1; 1–8). */
  weight?: number;
}

/**
 * Below this a field should be shown as "periksa" (check it) rather than pre-filled as sure. On the
 * 60 fixture cards with the engine's confidences: 14 % of fields fall below 0.7 and they hold 13 of
 * the 19 wrong values; no field at 0.9 or above was wrong.
 */
export const KTP_CONFIDENCE_REVIEW = 0.7;
/** An address missing its gang or house number is shown below the review line, whatever the OCR's confidence. */
const INCOMPLETE_ALAMAT_QUALITY = 0.6;

/**
 * A closed-list value (agama, status, kewarganegaraan, jenis kelamin, …) is only given when the
 * snap is a real match: read letter for letter, or near it (MIN_SNAP_QUALITY) at a real confidence;
 * else the field is left empty with its raw text, for the verifier to fill (noise was once snapped
 * to "WNA" at 0.08). On the 60 fixture cards no closed-list value was wrong, but correct exact
 * reads sat as low as 0.0 (the line's weakest word), so exact reads are not gated.
 */
export const MIN_CLOSED_LIST_CONFIDENCE = 0.25;
export const MIN_SNAP_QUALITY = 0.6;
/**
 * A snap this close ("PEREMPLAN" → PEREMPUAN, "KONGHUGU" → KONGHUCU: one letter in eight or more,
 * and no other entry as near, which `closest` checks) is a real match even when Tesseract was
 * unsure of the line: it is given, at the line's low confidence, so it shows as unsure for the
 * verifier. Short values one letter off are given only when no other value comes near
 * (ALONE_SNAP_QUALITY: "ISLEM", "KAWlN"); WNI/WNA ("VNA") have their own reader and stay gated.
 */
export const NEAR_EXACT_SNAP_QUALITY = 0.875;
/**
 * A snap this close whose text no other value of the list comes near (Normalized.alone: "ISTAM",
 * "KRaSTEN", "LAKHLAK]") is a real match too, given at the line's low confidence, so it shows as
 * unsure. Measured on the photographed dev cards (seed 5555): the values so given were all right.
 * WNI/WNA and golongan darah never stand alone (one letter apart; their own readers).
 */
export const ALONE_SNAP_QUALITY = 0.75;

/** What the desk already knows about the applicant, to settle what OCR cannot (word gaps in names). */
export interface KtpHints {
  /** The applicant's name from the letter, the recap or the form. */
  names?: readonly string[];
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;

function emptyField(raw = ''): OcrField {
  return { value: null, confidence: 0, raw };
}

export function emptyReading(): KtpReading {
  return Object.fromEntries(KTP_FIELDS.map((f) => [f, emptyField()])) as KtpReading;
}

function toLine(l: unknown): OcrLine | null {
  if (typeof l !== 'object' || l === null) return null;
  const { text, confidence, weight } = l as Partial<TextLine>;
  if (typeof text !== 'string') return null;
  const c = typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : 0;
  const w = typeof weight === 'number' && Number.isFinite(weight) ? Math.min(8, Math.max(1, Math.round(weight))) : 1;
  // Control characters and odd spaces out; keep the line short enough to stay cheap.
  const clean = text
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u00a0\u2000-\u200b]/g, ' ')
    .slice(0, 400);
  return { text: clean, confidence: Math.min(1, Math.max(0, c > 1 ? c / 100 : c)), ...(w === 1 ? {} : { weight: w }) };
}

function field(a: Assigned | undefined, n: Normalized | null, raw?: string): OcrField {
  if (a === undefined) return emptyField();
  if (n === null || n.value === '') return emptyField(raw ?? a.raw);
  return { value: n.value, confidence: round(a.confidence * n.quality), raw: raw ?? a.raw };
}

/** A closed-list field: empty (raw kept) unless the snap is a real match at a real confidence. */
function closedField(a: Assigned | undefined, n: Normalized | null, raw?: string): OcrField {
  const f = field(a, n, raw);
  if (f.value === null || n === null) return f;
  if (n.quality >= 1) return f; // the text is the value, letter for letter: however faint, it is what is printed
  // One letter off in eight with no other entry as near, or near and far from every other entry.
  const nearExact = n.quality >= NEAR_EXACT_SNAP_QUALITY || (n.alone === true && n.quality >= ALONE_SNAP_QUALITY);
  if (n.quality < MIN_SNAP_QUALITY || (f.confidence < MIN_CLOSED_LIST_CONFIDENCE && !nearExact))
    return emptyField(f.raw);
  return f;
}

function text(v: string): Normalized | null {
  return v === '' ? null : { value: v, quality: 1 };
}

/**
 * `lines`: the PSM 6 lines in reading order. `nikPass`: optional further reads of the NIK line
 * alone (digits only); all reads vote, and on a tie the first second pass wins.
 */
export function parseKtpText(
  lines: readonly TextLine[],
  nikPass?: TextLine | readonly TextLine[],
  hints: KtpHints = {},
): KtpReading {
  try {
    return parse(lines, nikPass, hints);
  } catch {
    // A parser bug must never cost the verifier the form: fall back to all-empty.
    return emptyReading();
  }
}

function parse(
  input: readonly TextLine[],
  nikPass: TextLine | readonly TextLine[] | undefined,
  hints: KtpHints,
): KtpReading {
  const lines = (Array.isArray(input) ? input : [])
    .slice(0, 80)
    .map(toLine)
    .filter((l): l is OcrLine => l !== null);
  const { fields: a, unplaced } = assignLines(lines);
  const out = emptyReading();
  const set = (k: KtpField, f: OcrField) => {
    out[k] = f;
  };

  // Header: PROVINSI …, then KABUPATEN … / KOTA …; fall back to any line that names a province.
  let prov = a.provinsi;
  let provHit = prov === undefined ? null : matchProvinsi(prov.value);
  if (provHit === null) {
    for (const l of unplaced) {
      const hit = matchProvinsi(splitLabel(l.text).value);
      if (hit !== null) {
        provHit = hit;
        prov = {
          value: l.text,
          raw: l.text,
          separator: '',
          confidence: l.confidence * 0.7,
          lineConfidence: l.confidence,
        };
        break;
      }
    }
  }
  set('provinsi', field(prov, provHit));
  const kab = a.kabupatenKota;
  const kabHit = kab === undefined ? null : matchKabupatenKota(kab.raw.trim(), provHit?.code);
  set('kabupatenKota', field(kab, kabHit));

  const passes = (nikPass === undefined ? [] : Array.isArray(nikPass) ? nikPass : [nikPass])
    .slice(0, 8)
    .map(toLine)
    .filter((l): l is OcrLine => l !== null);
  const nik = readNik(a.nik, unplaced, passes);

  const nama = a.nama;
  const knownNames = (Array.isArray(hints.names) ? hints.names : [])
    .filter((n): n is string => typeof n === 'string')
    .slice(0, 4);
  set(
    'nama',
    field(nama, nama === undefined ? null : text(restoreNameGaps(readName(nama.value, nama.separator), knownNames))),
  );

  const ttl = a.tempatTglLahir;
  if (ttl !== undefined) {
    const parts = splitTempatTanggal(ttl.value);
    // Snapped only when the letters differ: an exact read keeps its own spacing ("KOTA BARU").
    const hit = parts.tempat === null ? null : matchBirthPlace(parts.tempat.value);
    const place = hit !== null && hit.quality < 1 ? hit : null;
    set(
      'tempatLahir',
      field(ttl, place ?? (parts.tempat === null ? null : { value: parts.tempat.value, quality: 0.8 })),
    );
    set('tanggalLahir', field(ttl, parts.tanggal));
  }

  const jk = a.jenisKelamin;
  if (jk !== undefined) {
    const parts = splitJenisKelaminGolDarah(jk.value);
    set('jenisKelamin', closedField(jk, parts.jenisKelamin));
    set('golonganDarah', closedField(jk, parts.golonganDarah));
  }
  // Gol. Darah on a line of its own (other layouts, or the JK line split by OCR).
  if (out.golonganDarah.value === null && a.golonganDarah !== undefined) {
    const gd = a.golonganDarah;
    set('golonganDarah', closedField(gd, splitJenisKelaminGolDarah(`X GOL DARAH ${gd.value}`).golonganDarah));
  }
  if (out.jenisKelamin.value === null) recoverByContent('jenisKelamin', normalizeJenisKelamin, unplaced, set);

  const alamat = a.alamat === undefined ? '' : restoreAddressGaps(normalizeAlamat(a.alamat.value));
  set(
    'alamat',
    field(
      a.alamat,
      alamat === '' ? null : { value: alamat, quality: alamatLacksNumber(alamat) ? INCOMPLETE_ALAMAT_QUALITY : 1 },
    ),
  );
  set('rtRw', field(a.rtRw, a.rtRw === undefined ? null : normalizeRtRw(a.rtRw.value)));
  set(
    'kelDesa',
    field(a.kelDesa, a.kelDesa === undefined ? null : text(cleanText(trimNoiseTokens(a.kelDesa.value, true), true))),
  );

  const kec = a.kecamatan;
  if (kec !== undefined) {
    const cleaned = cleanText(kec.value, true);
    const hit = matchKecamatan(cleaned, kabHit?.code);
    // A district missing from the table is still shown, at half confidence.
    set('kecamatan', field(kec, hit ?? (cleaned === '' ? null : { value: cleaned, quality: 0.5 })));
  }

  set('agama', closedField(a.agama, a.agama === undefined ? null : normalizeAgama(a.agama.value)));
  set(
    'statusPerkawinan',
    closedField(
      a.statusPerkawinan,
      a.statusPerkawinan === undefined ? null : normalizeStatusPerkawinan(a.statusPerkawinan.value),
    ),
  );
  set('pekerjaan', field(a.pekerjaan, a.pekerjaan === undefined ? null : normalizePekerjaan(a.pekerjaan.value)));
  set(
    'kewarganegaraan',
    closedField(
      a.kewarganegaraan,
      a.kewarganegaraan === undefined ? null : normalizeKewarganegaraan(a.kewarganegaraan.value),
    ),
  );
  set(
    'berlakuHingga',
    closedField(a.berlakuHingga, a.berlakuHingga === undefined ? null : normalizeBerlakuHingga(a.berlakuHingga.value)),
  );

  for (const [k, fn] of [
    ['agama', normalizeAgama],
    ['statusPerkawinan', normalizeStatusPerkawinan],
    ['kewarganegaraan', normalizeKewarganegaraan],
  ] as const) {
    if (out[k].value === null) recoverByContent(k, fn, unplaced, set);
  }
  set('nik', nik.vote === null ? nik.field : settled(nik.field, nik.vote, out, kabHit?.code ?? null));
  // After the NIK is settled: what it vouches for never vouches back for it.
  corroborateFromNik(out, {
    ...(jk === undefined ? {} : { jenisKelamin: jenisKelaminText(jk.value) }),
    ...(ttl === undefined ? {} : { tempatTglLahir: ttl.value }),
  });
  return out;
}

/** The NIK reading checked against the date, sex and regency read elsewhere on the card (nik-settle.ts). */
function settled(f: OcrField, vote: NikVote, out: KtpReading, regencyCode: string | null): OcrField {
  const sure = (x: OcrField) => x.value !== null && x.confidence >= 0.5;
  const jk = out.jenisKelamin.value;
  const s = settleNik(vote, f.confidence, {
    birthDate: sure(out.tanggalLahir) ? out.tanggalLahir.value : null,
    sex: sure(out.jenisKelamin) ? (jk === 'PEREMPUAN' ? 'P' : jk === 'LAKI-LAKI' ? 'L' : null) : null,
    regencyCode,
  });
  return { value: s.value, confidence: round(s.confidence), raw: f.raw };
}

/** A closed-list field whose line was lost: the one unplaced line whose value is in the list. */
function recoverByContent(
  k: KtpField,
  fn: (t: string) => Normalized | null,
  unplaced: readonly OcrLine[],
  set: (k: KtpField, f: OcrField) => void,
): void {
  const hits = unplaced
    .map((l) => ({ l, n: fn(splitLabel(l.text).value.split(/\s+/)[0] ?? '') }))
    .filter((h): h is { l: OcrLine; n: Normalized } => h.n !== null);
  const only = hits.length === 1 ? hits[0] : undefined;
  if (only === undefined || only.n.quality < 0.8) return; // a line without its label must read as the value itself
  const confidence = round(only.l.confidence * only.n.quality * 0.6);
  if (confidence >= MIN_CLOSED_LIST_CONFIDENCE) set(k, { value: only.n.value, confidence, raw: only.l.text });
}

/**
 * The NIK from the PSM 6 line (or, its label lost, an unplaced line with a plausible NIK) and the
 * second-pass reads, by vote. Confidence is the share of reads that agree; with the PSM 6 read
 * alone it is also scaled by that line's confidence.
 */
function readNik(
  a: Assigned | undefined,
  unplaced: readonly OcrLine[],
  passes: readonly OcrLine[],
): { field: OcrField; vote: NikVote | null } {
  let main: OcrLine | null = a === undefined ? null : { text: a.value, confidence: a.confidence };
  let raw = a?.raw ?? '';
  if (main === null) {
    const found = unplaced.find((l) => nikCandidates(l.text).valid.length > 0);
    if (found !== undefined) {
      main = { text: found.text, confidence: found.confidence * 0.8 };
      raw = found.text;
    }
  }
  const reads: NikRead[] = [main ?? { text: '', confidence: 0 }, ...passes];
  const vote = voteNik(reads);
  const allRaw = [raw, ...passes.map((p) => p.text)].filter((t) => t !== '').join('\n');
  if (vote === null) return { field: emptyField(allRaw), vote: null };
  // A literal 16-digit read that is not a plausible NIK: shown, but barely trusted.
  const confidence = !vote.valid
    ? (main?.confidence ?? 0) * 0.4
    : passes.length === 0
      ? vote.support * (main?.confidence ?? 0)
      : vote.support;
  return { field: { value: vote.value, confidence: round(confidence), raw: allRaw }, vote };
}
