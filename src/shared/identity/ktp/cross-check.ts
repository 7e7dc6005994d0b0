/**
 * The cross-check rows the verifier sees next to the KTP reading: what the NIK's digits encode
 * (region, birth date, sex) against what the card prints, the card against the application form,
 * and the NIP (which encodes birth date and sex too) against the NIK. Each row is match, mismatch
 * or unknown (a side is missing or unreadable); nothing here changes a value — a NIK that
 * disagrees with the printed birth date is shown as a mismatch, never "repaired".
 */
import type { CheckOutcome, CrossCheckRow, KtpReading, OcrField } from '../../domain/identity';
import { provinceName, regencyName } from '../../regions';
import { checkNik, type NikParts, SEX_LABEL } from '../nik';
import { checkNip, type NipParts } from '../nip';

export interface CrossCheckInput {
  ocr: KtpReading;
  form?: { nik?: string | null; name?: string | null; nip?: string | null };
}

const MISSING = '—';

function row(
  id: string,
  label: string,
  left: string | null,
  right: string | null,
  same: (l: string, r: string) => boolean,
): CrossCheckRow {
  const outcome: CheckOutcome = left === null || right === null ? 'unknown' : same(left, right) ? 'match' : 'mismatch';
  return { id, label, left: left ?? MISSING, right: right ?? MISSING, outcome };
}

/** A card value the NIK itself gave (nik-corroborate.ts) proves nothing against that NIK: unchecked. */
function unchecked(r: CrossCheckRow, card: OcrField): CrossCheckRow {
  return card.vouchedByNik === true ? { ...r, right: `${r.right} (diisi dari NIK)`, outcome: 'unknown' } : r;
}

const digitsOnly = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '');
const squashName = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const eq = (a: string, b: string) => a === b;

/** "YYYY-MM-DD" → "DD-MM-YYYY", as the KTP prints it. */
function dmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m === null ? iso : `${m[3]}-${m[2]}-${m[1]}`;
}

/** Day, month and the last two year digits: the NIK carries no century, so only these are compared. */
function sameDdMmYy(a: string, b: string): boolean {
  const k = (s: string) => {
    const m = /(\d{2})-(\d{2})-\d{2}(\d{2})$/.exec(s);
    return m === null ? s : `${m[1]}${m[2]}${m[3]}`;
  };
  return k(a) === k(b);
}

/** Name as compared: academic titles after a comma and dotted prefixes ("DR.", "H.") dropped, then letters only. */
export function comparableName(name: string): string {
  const beforeComma = name.split(',')[0] ?? '';
  const tokens = beforeComma.trim().split(/\s+/);
  while (tokens.length > 1 && /^(PROF|DR|DRS|DRA|IR|H|HJ|KH)\.$/i.test(tokens[0] ?? '')) tokens.shift();
  return squashName(tokens.join(' '));
}

export function crossCheckKtp(input: CrossCheckInput): CrossCheckRow[] {
  const { ocr } = input;
  const form = input.form ?? {};
  const ocrNik = ocr.nik.value === null ? '' : digitsOnly(ocr.nik.value);
  const formNik = digitsOnly(form.nik);
  // The NIK whose digits are decoded: the card's when it was read, else the one typed on the form.
  const [refNik, refSource] =
    ocrNik.length === 16 ? [ocrNik, 'KTP'] : formNik.length === 16 ? [formNik, 'formulir'] : ['', ''];
  const nikCheck = refNik === '' ? null : checkNik(refNik);
  const parts: NikParts | undefined = nikCheck?.parts;
  const nip = digitsOnly(form.nip);
  const nipParts: NipParts | undefined = nip === '' ? undefined : checkNip(nip).parts;
  const from = (what: string) => (refSource === '' ? `${what} (NIK)` : `${what} (NIK ${refSource})`);

  const rows: CrossCheckRow[] = [];
  rows.push({
    id: 'nikStructure',
    label: `Struktur NIK ${refSource === '' ? '' : `(${refSource})`}`.trim(),
    left: refNik === '' ? MISSING : refNik,
    right: nikCheck === null ? MISSING : nikCheck.valid ? 'valid' : nikCheck.errors.join('; '),
    outcome: nikCheck === null ? 'unknown' : nikCheck.valid ? 'match' : 'mismatch',
  });
  rows.push(
    unchecked(
      row(
        'nikBirthDate',
        `${from('Tanggal lahir')} vs Tgl Lahir pada KTP`,
        parts ? dmy(parts.birthDate) : null,
        ocr.tanggalLahir.value === null ? null : dmy(ocr.tanggalLahir.value),
        sameDdMmYy,
      ),
      ocr.tanggalLahir,
    ),
  );
  rows.push(
    unchecked(
      row(
        'nikSex',
        `${from('Jenis kelamin')} vs Jenis Kelamin pada KTP`,
        parts ? SEX_LABEL[parts.sex] : null,
        ocr.jenisKelamin.value,
        eq,
      ),
      ocr.jenisKelamin,
    ),
  );
  const nikProvince = parts ? provinceName(parts.provinceCode) : undefined;
  rows.push(
    row(
      'nikProvince',
      `${from('Kode provinsi')} vs PROVINSI pada KTP`,
      nikProvince?.toUpperCase() ?? null,
      ocr.provinsi.value,
      (l, r) => squashName(l) === squashName(r),
    ),
  );
  const nikRegency = parts ? regencyName(parts.regencyCode) : undefined;
  rows.push(
    row(
      'nikRegency',
      `${from('Kode kabupaten/kota')} vs KABUPATEN/KOTA pada KTP`,
      nikRegency?.toUpperCase() ?? null,
      ocr.kabupatenKota.value,
      (l, r) => squashName(l) === squashName(r),
    ),
  );
  rows.push(
    row(
      'nikForm',
      'NIK pada KTP vs NIK di formulir',
      ocrNik === '' ? null : ocrNik,
      formNik === '' ? null : formNik,
      eq,
    ),
  );
  const formName = (form.name ?? '').trim();
  rows.push(
    row(
      'nameForm',
      'Nama pada KTP vs nama di formulir',
      ocr.nama.value,
      formName === '' ? null : formName.toUpperCase(),
      (l, r) => comparableName(l) === comparableName(r),
    ),
  );
  rows.push(
    row(
      'nipBirthDate',
      `Tanggal lahir pada NIP vs ${from('tanggal lahir')}`,
      nipParts ? dmy(nipParts.birthDate) : null,
      parts ? dmy(parts.birthDate) : null,
      sameDdMmYy,
    ),
  );
  rows.push(
    row(
      'nipSex',
      `Jenis kelamin pada NIP vs ${from('jenis kelamin')}`,
      nipParts ? SEX_LABEL[nipParts.sex] : null,
      parts ? SEX_LABEL[parts.sex] : null,
      eq,
    ),
  );
  return rows;
}
