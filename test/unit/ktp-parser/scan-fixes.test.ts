/**
 * What real scans did to the parser (identity-desk.md, Dec 2026): debris glued onto alamat and
 * kel/desa, a full date dropped when letters follow it, the RT/RW slash read as 7 or 1, noise
 * snapped to a closed-list value at very low confidence, and names whose word gap was lost.
 */
import { describe, expect, it } from 'vitest';

import { splitGluedWord } from '../../../src/shared/identity/ktp/name-split';
import { normalizeKewarganegaraan, trimNoiseTokens } from '../../../src/shared/identity/ktp/normalize';
import { KTP_CONFIDENCE_REVIEW, parseKtpText } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_TEXT, lines, prng, replaceLine } from './samples';

const read = (label: string, line: string, confidence = 90, hints = {}) =>
  parseKtpText(lines(replaceLine(CLEAN_TEXT, label, line), confidence), undefined, hints);

describe('debris at the ends of alamat and kel/desa', () => {
  it.each([
    ['Alamat : JL. RAYA PANGGUL NO. 12 ee', 'JL. RAYA PANGGUL NO. 12'],
    ['Alamat : JL. RAYA PANGGUL NO. 12 Ss wy', 'JL. RAYA PANGGUL NO. 12'],
    ['Alamat : ae JL. RAYA PANGGUL NO. 12', 'JL. RAYA PANGGUL NO. 12'],
    ['Alamat : JL. RAYA PANGGUL NO. 12ee', 'JL. RAYA PANGGUL NO. 12'],
    ['Alamat : JL. MAWAR BLOK C', 'JL. MAWAR BLOK C'],
    ['Alamat : GG. lll NO. 4', 'GG. III NO. 4'],
    // A bar after GG is the gang's numeral I, not a separator; glued to GG it is split off.
    ['Alamat : JL. RAYA GG. | NO. 22', 'JL. RAYA GG. I NO. 22'],
    ['Alamat : JL. RAYA GG.I NO. 22', 'JL. RAYA GG. I NO. 22'],
    ['Alamat : JL. GANG LESTARI NO. 5', 'JL. GANG LESTARI NO. 5'],
    // The colon read as a letter glued to JL; JL read as JU.
    ['Alamat : CJL RAYA GG. I NO. 22', 'JL. RAYA GG. I NO. 22'],
    ['Alamat : JU GAJAH MADA NO. 109', 'JL. GAJAH MADA NO. 109'],
    ['Alamat : JUANDA NO. 3', 'JUANDA NO. 3'],
    // A lost word gap between known address words is restored; one-word place names stay whole.
    [
      'Alamat : JL. RAYA KOMPLEKS PERUMAHAN GRIYAASRI BLOK C2 NO. 9',
      'JL. RAYA KOMPLEKS PERUMAHAN GRIYA ASRI BLOK C2 NO. 9',
    ],
    ['Alamat : PERUMAHANTAMAN INDAH NO. 4', 'PERUMAHAN TAMAN INDAH NO. 4'],
    ['Alamat : DSN. SUMBERREJO', 'DSN. SUMBERREJO'],
    ['Alamat : JL. TAMANSARI NO. 8', 'JL. TAMANSARI NO. 8'],
    ['Alamat : KOTABARU NO. 1', 'KOTABARU NO. 1'],
  ])('%s → %s', (line, want) => {
    expect(read('Alamat', line).alamat.value).toBe(want);
  });
  it.each([['Alamat : JL. RAYA GG. NO. 22'], ['Alamat : JL. MERDEKA GG. II NO.'], ['Alamat : JL. AHMAD YANI NO']])(
    'an address that lost its gang or house number is shown but flagged: %s',
    (line) => {
      const alamat = read('Alamat', line, 96).alamat;
      expect(alamat.value).not.toBeNull();
      expect(alamat.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
    },
  );
  it('a whole address read as clearly stays above the review line', () => {
    expect(read('Alamat', 'Alamat : JL. RAYA GG. I NO. 22', 96).alamat.confidence).toBeGreaterThanOrEqual(
      KTP_CONFIDENCE_REVIEW,
    );
  });
  it.each([
    ['Kel/Desa : WONOREJO ee', 'WONOREJO'],
    ['Kel/Desa : WONOREJOee', 'WONOREJO'],
    ['Kel/Desa : WONOREJO i', 'WONOREJO'],
    ['Kel/Desa : WONOREJO A', 'WONOREJO'],
    ['Kel/Desa : SUKAMAJU II', 'SUKAMAJU II'],
    ['Kel/Desa : KEBON JERUK', 'KEBON JERUK'],
  ])('%s → %s', (line, want) => {
    expect(read('Kel/Desa', line).kelDesa.value).toBe(want);
  });
  it('keeps a value that is all it has', () => {
    expect(trimNoiseTokens('ee', false)).toBe('ee');
  });
});

describe('the birth date when letters follow it', () => {
  it.each([
    ['TRENGGALEK, 09-06-1971 ee', '1971-06-09'],
    ['TRENGGALEK, 09-06-1971 AB', '1971-06-09'],
    ['TRENGGALEK, 09-06-1971 Gol', '1971-06-09'],
    ['TRENGGALEK, 09-06-1971', '1971-06-09'],
  ])('%s → %s', (v, date) => {
    const r = read('Tempat', `Tempat/Tgl Lahir : ${v}`);
    expect(r.tanggalLahir.value).toBe(date);
    expect(r.tempatLahir.value).toBe('TRENGGALEK');
  });
});

describe('RT/RW with the slash misread', () => {
  it.each([['0037007'], ['0031007'], ['003 7 007'], ['003l007']])('%s → 003/007', (v) => {
    expect(read('RT/RW', `RT/RW : ${v}`).rtRw.value).toBe('003/007');
  });
  it('does not invent a slash in a run of another length', () => {
    expect(read('RT/RW', 'RT/RW : 00370071').rtRw.value).toBeNull();
  });
});

describe('closed lists need a real match', () => {
  it('leaves kewarganegaraan empty (raw kept) when the read is noise or too unsure', () => {
    for (const noise of ['NA', 'INA', 'WN', 'ee', 'W']) {
      const r = read('Kewarga', `Kewarganegaraan : ${noise}`);
      expect(r.kewarganegaraan.value).toBeNull();
      expect(r.kewarganegaraan.confidence).toBe(0);
      expect(r.kewarganegaraan.raw).toContain(noise);
    }
    const unsure = read('Kewarga', 'Kewarganegaraan : VNA', 8);
    expect(unsure.kewarganegaraan.value).toBeNull();
    expect(read('Kewarga', 'Kewarganegaraan : VNA', 90).kewarganegaraan.value).toBe('WNA');
  });
  it('still reads WNI/WNA with one letter of the W or N off, never decided by a misread last letter', () => {
    expect(normalizeKewarganegaraan('VNI')?.value).toBe('WNI');
    expect(normalizeKewarganegaraan('WMA')?.value).toBe('WNA');
    expect(normalizeKewarganegaraan('WN1')?.value).toBe('WNI');
    expect(normalizeKewarganegaraan('WNE')).toBeNull();
    expect(normalizeKewarganegaraan('INA')).toBeNull();
    expect(normalizeKewarganegaraan('WIDI')).toBeNull();
  });
  it('on a barely read line gives a snap only when no other value comes near, and shows it as unsure', () => {
    // One letter off, and every other value of the list 3+ letters further: it can only be this one.
    for (const [label, line, field, value] of [
      ['Agama', 'Agama : ISLEM', 'agama', 'ISLAM'],
      ['Agama', 'Agama : KRaSTEN', 'agama', 'KRISTEN'],
      ['Status', 'Status Perkawinan : KAWlN', 'statusPerkawinan', 'KAWIN'],
    ] as const) {
      const r = read(label, line, 10);
      expect(r[field].value).toBe(value);
      expect(r[field].confidence).toBeLessThan(0.7);
    }
    // CERAI HIDUP is one letter off, CERAI MATI three: too near each other to decide on a faint line.
    expect(read('Status', 'Status Perkawinan : CERAI HIDI', 10).statusPerkawinan.value).toBeNull();
    expect(read('Status', 'Status Perkawinan : CERAI HIDI', 90).statusPerkawinan.value).toBe('CERAI HIDUP');
    expect(read('Agama', 'Agama : ISLAM', 10).agama.value).toBe('ISLAM');
  });
  it('never makes a closed-list value out of random letters', () => {
    const rnd = prng(42);
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 3000; i++) {
      const word = Array.from({ length: 3 + Math.floor(rnd() * 9) }, () => letters[Math.floor(rnd() * 26)]).join('');
      const r = read('Agama', `Agama : ${word}`, 10);
      expect(r.agama.value, word).toBeNull();
    }
  });
});

describe('photographed-card misreads', () => {
  it('a long value one letter off is given even on an unsure line, and shows as unsure', () => {
    const r = read('Jenis', 'Jenis Kelamin : PEREMPLAN Gol. Darah : O', 10);
    expect(r.jenisKelamin.value).toBe('PEREMPUAN');
    expect(r.jenisKelamin.confidence).toBeLessThan(0.7);
    expect(read('Agama', 'Agama : KONGHUGU', 5).agama.value).toBe('KONGHUCU');
    // Two letters off in nine, the other value far away: still only this one, still unsure.
    const two = read('Jenis', 'Jenis Kelamin : PERENPLAN Gol. Darah : O', 10).jenisKelamin;
    expect(two.value).toBe('PEREMPUAN');
    expect(two.confidence).toBeLessThan(0.7);
    // Three letters off in eight is not near enough on an unsure line.
    expect(read('Jenis', 'Jenis Kelamin : LAKE AK] Gol. Darah : O', 10).jenisKelamin.value).toBeNull();
  });
  it('a bar or "!" glued to a letter is an I; standing alone it is not', () => {
    expect(read('Nama', 'Nama : DEW! ANGGRAINI').nama.value).toBe('DEWI ANGGRAINI');
    expect(read('Nama', 'Nama : RATNA HANDAYAN|').nama.value).toBe('RATNA HANDAYANI');
    expect(read('Kel/Desa', 'Kel/Desa : PURWOSAR!').kelDesa.value).toBe('PURWOSARI');
    expect(read('Nama', 'Nama | BUDI SANTOSO !').nama.value).toBe('BUDI SANTOSO');
  });
  it('the I of a Balinese name read as T is restored; other names starting with T are kept', () => {
    expect(read('Nama', 'Nama : TKETUT ARYA WIGUNA').nama.value).toBe('I KETUT ARYA WIGUNA');
    expect(read('Nama', 'Nama : TAUFIK HIDAYAT').nama.value).toBe('TAUFIK HIDAYAT');
  });
  it('a colon read as one letter before a closed-list value is skipped, never the start of the value', () => {
    // Even on a line Tesseract barely read: without the "o" the value is letter for letter.
    const r = read('Agama', 'Agama o ISLAM', 0);
    expect(r.agama.value).toBe('ISLAM');
    expect(r.agama.confidence).toBeLessThan(0.7);
    expect(read('Status', 'Status Perkawinan : BE KAWIN').statusPerkawinan.value).toBe('BELUM KAWIN');
  });
  it('a lone "©" after Gol. Darah is the O', () => {
    expect(read('Jenis', 'Jenis Kelamin : LAKI-LAKI Gol. Darah : ©').golonganDarah.value).toBe('O');
    expect(read('Jenis', 'Jenis Kelamin : LAKI-LAKI Gol. Darah : ©A').golonganDarah.value).toBe('A');
  });
});

describe('lost word gaps in names', () => {
  it('splits a glued name into known name parts', () => {
    expect(read('Nama', 'Nama : I GEDE PUTRAASTAWA').nama.value).toBe('I GEDE PUTRA ASTAWA');
    expect(read('Nama', 'Nama : SITIRAHMAWATI').nama.value).toBe('SITI RAHMAWATI');
    expect(splitGluedWord('MUHAMMADRIZKY')).toEqual(['MUHAMMAD', 'RIZKY']);
  });
  it('keeps one-word names whole: known parts, endings that glue (…WATI, …SARI), unknown words', () => {
    expect(read('Nama', 'Nama : RAHMAWATI').nama.value).toBe('RAHMAWATI');
    expect(splitGluedWord('PURNAMASARI')).toBeNull();
    expect(splitGluedWord('KUSUMONEGORO')).toBeNull();
    expect(splitGluedWord('XYLOPHONIST')).toBeNull();
  });
  it('reads an apostrophe between two name parts as the gap it was (a deblurred card), keeps a real one', () => {
    expect(read('Nama', "Nama : RADEN AYU SRI'WAHYUNINGSIH").nama.value).toBe('RADEN AYU SRI WAHYUNINGSIH');
    expect(read('Nama', "Nama : NI'LUH SRI ARYANI").nama.value).toBe('NI LUH SRI ARYANI');
    expect(read('Nama', "Nama : KHOIRUL MA'RUF").nama.value).toBe("KHOIRUL MA'RUF");
    expect(read('Nama', "Nama : QUR'ANI").nama.value).toBe("QUR'ANI");
  });
  it('takes the spacing of the name known from the letter or recap when the letters are the same', () => {
    const r = read('Nama', 'Nama : DEWISARI KUSUMA', 90, { names: ['Dewi Sari Kusuma'] });
    expect(r.nama.value).toBe('DEWI SARI KUSUMA');
    const other = read('Nama', 'Nama : DEWISARI KUSUMA', 90, { names: ['DEWI SARTIKA'] });
    expect(other.nama.value).toBe('DEWISARI KUSUMA');
  });
});
