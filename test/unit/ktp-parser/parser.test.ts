/**
 * The KTP parser on realistic Tesseract text: a clean read, every way OCR mangles the colon, names
 * (I KETUT, wrapped long names), garbled labels, and the closed lists each field is snapped to.
 */
import { describe, expect, it } from 'vitest';

import { KTP_FIELDS } from '../../../src/shared/domain/identity';
import { parseKtpText } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_EXPECTED, CLEAN_TEXT, lines, replaceLine } from './samples';

const values = (texts: readonly string[]) => {
  const r = parseKtpText(lines(texts));
  return Object.fromEntries(KTP_FIELDS.map((f) => [f, r[f].value]));
};

describe('parseKtpText on a clean read', () => {
  it('reads every field, normalized', () => {
    expect(values(CLEAN_TEXT)).toEqual(CLEAN_EXPECTED);
  });
  it('gives 0..1 confidences from the line confidences and keeps the raw line', () => {
    const r = parseKtpText(lines(CLEAN_TEXT, 80));
    expect(r.nama.confidence).toBeCloseTo(0.8, 2);
    expect(r.nama.raw).toBe('Nama : BUDI SANTOSO');
    expect(parseKtpText(lines(CLEAN_TEXT, 0.5)).agama.confidence).toBeCloseTo(0.5, 2);
  });
});

describe('separators and marks OCR makes of the colon', () => {
  it.each(['©', '1', '2', '|', ';', '~~:', '=', '»'])('reads values after "%s"', (sep) => {
    const texts = CLEAN_TEXT.map((t) => t.replace(' : ', ` ${sep} `));
    expect(values(texts)).toEqual(CLEAN_EXPECTED);
  });
  it('reads values whose colon is glued on or missing', () => {
    const texts = CLEAN_TEXT.map((t, i) => (i % 2 === 0 ? t.replace(' : ', ' :') : t.replace(' : ', ' ')));
    expect(values(texts)).toEqual(CLEAN_EXPECTED);
  });
});

describe('names', () => {
  it.each([
    ['Nama : | KETUT SUDARSANA', 'I KETUT SUDARSANA'],
    ['Nama : 1 KETUT SUDARSANA', 'I KETUT SUDARSANA'],
    ['Nama ‘1 KETUT SUDARSANA', 'I KETUT SUDARSANA'],
    ['Nama I KETUT SUDARSANA', 'I KETUT SUDARSANA'],
    ['Nama : NI LUH AYU LESTARI', 'NI LUH AYU LESTARI'],
    ['Nama | BUDI SANTOSO', 'BUDI SANTOSO'],
    ['Nama : BUDI SANT0SO | [ i', 'BUDI SANTOSO'],
  ])('%s → %s', (line, name) => {
    expect(parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Nama', line))).nama.value).toBe(name);
  });
  it('joins a long name wrapped onto the next line', () => {
    const texts = replaceLine(CLEAN_TEXT, 'Nama', 'Nama : RADEN MAS BAGUS HARYO\nKUSUMONEGORO WIBOWO').flatMap((t) =>
      t.split('\n'),
    );
    const r = values(texts);
    expect(r.nama).toBe('RADEN MAS BAGUS HARYO KUSUMONEGORO WIBOWO');
    expect(r.tempatLahir).toBe('TRENGGALEK');
  });
  it('joins a wrapped address too', () => {
    const texts = replaceLine(
      CLEAN_TEXT,
      'Alamat',
      'Alamat : JL. RAYA MAWAR KOMPLEKS PERUMAHAN\nGRIYA ASRI BLOK A3 NO. 7',
    ).flatMap((t) => t.split('\n'));
    expect(values(texts).alamat).toBe('JL. RAYA MAWAR KOMPLEKS PERUMAHAN GRIYA ASRI BLOK A3 NO. 7');
    expect(values(texts).rtRw).toBe('003/007');
  });
});

describe('labels with OCR typos', () => {
  it('finds garbled labels by edit distance', () => {
    const texts = [
      'PROVlNSI JAWA TIMUR',
      'KABUPATEN TRENGGALFK',
      'NIK : 3503010906710217',
      'Narna : BUDI SANTOSO',
      'TempaTgl Lahir : TRENGGALEK, 09-06-1971',
      'Jenis Kelarnin : LAKI-LAK] Gol, Darah : 0',
      'Alarnat : JL. RAYA PANGGUL NO. 12',
      'RTIRW : 003/007',
      'Kel/Desa : WONOREJO',
      'Kecarnatan : PANGGVL',
      'Agarna : ISLAM',
      'Status Perkawlnan : KAWIN',
      'Pekerjaan : PEGAWAI NEGER) SIPIL',
      'Kewarganegaraan IWNI',
      'Berlaku Hingga : SEUMUR HIDUP',
    ];
    expect(values(texts)).toEqual(CLEAN_EXPECTED);
  });
  it('places a line whose label is unreadable by line order', () => {
    const r = values(replaceLine(CLEAN_TEXT, 'Agama', 'Xqzw : ISLAM'));
    expect(r.agama).toBe('ISLAM');
    const conf = parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Agama', 'Xqzw : ISLAM'))).agama.confidence;
    expect(conf).toBeLessThan(parseKtpText(lines(CLEAN_TEXT)).agama.confidence);
  });
  it('takes the province/regency header without its PROVINSI word by order', () => {
    const r = values(replaceLine(CLEAN_TEXT, 'PROVINSI', 'JAWA TIMUR'));
    expect(r.provinsi).toBe('JAWA TIMUR');
    expect(r.kabupatenKota).toBe('KABUPATEN TRENGGALEK');
  });
  it('does not take "NI KADEK" for the NIK label', () => {
    const texts = [...CLEAN_TEXT.slice(0, 3), 'Nama : I KADEK PUTRA', 'NI KADEK', ...CLEAN_TEXT.slice(4)];
    expect(values(texts).nik).toBe('3503010906710217');
  });
});

describe('dates, RT/RW, closed lists', () => {
  it.each([
    ['TRENGGALEK, 09-06-1971', 'TRENGGALEK', '1971-06-09'],
    ['TRENGGALEK 09.06.1971', 'TRENGGALEK', '1971-06-09'],
    ['KOTA BARU, O9-O6-1971', 'KOTA BARU', '1971-06-09'],
    ['TRENGGALEK, 09061971', 'TRENGGALEK', '1971-06-09'],
    ['TRENGGALEK, 31-02-1971', 'TRENGGALEK', null],
    ['TRENGGALEK, 09.06.97;', 'TRENGGALEK', null],
  ])('Tempat/Tgl Lahir %s', (v, place, date) => {
    const r = parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Tempat', `Tempat/Tgl Lahir : ${v}`)));
    expect(r.tempatLahir.value).toBe(place);
    expect(r.tanggalLahir.value).toBe(date);
    if (date === null) expect(r.tanggalLahir.confidence).toBe(0);
  });
  it('snaps a birth place one letter off a regency name, keeps other places as read', () => {
    expect(values(replaceLine(CLEAN_TEXT, 'Tempat', 'Tempat/Tgl Lahir : NGAWY, 09-06-1971')).tempatLahir).toBe('NGAWI');
    expect(values(replaceLine(CLEAN_TEXT, 'Tempat', 'Tempat/Tgl Lahir : DESA SUKAMAJU, 09-06-1971')).tempatLahir).toBe(
      'DESA SUKAMAJU',
    );
  });
  it.each([['003/007'], ['003 / 007'], ['0031007'], ['003007'], ['3/7']])('RT/RW %s → 003/007', (v) => {
    expect(parseKtpText(lines(replaceLine(CLEAN_TEXT, 'RT/RW', `RT/RW : ${v}`))).rtRw.value).toBe('003/007');
  });
  it.each([
    ['PEREMPUAM Gol. Darah : AB', 'PEREMPUAN', 'AB'],
    ['LAKI-LAKI Gol. Darah : -', 'LAKI-LAKI', '-'],
    ['LAKI LAKI Gol Darah B', 'LAKI-LAKI', 'B'],
    ['PEREMPUAN', 'PEREMPUAN', null],
  ])('Jenis Kelamin %s', (v, jk, gd) => {
    const r = parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Jenis', `Jenis Kelamin : ${v}`)));
    expect(r.jenisKelamin.value).toBe(jk);
    expect(r.golonganDarah.value).toBe(gd);
  });
  it('reads Gol. Darah from a line of its own', () => {
    const texts = replaceLine(CLEAN_TEXT, 'Jenis', 'Jenis Kelamin : PEREMPUAN\nGol. Darah : AB').flatMap((t) =>
      t.split('\n'),
    );
    expect(values(texts)).toMatchObject({
      jenisKelamin: 'PEREMPUAN',
      golonganDarah: 'AB',
      alamat: 'JL. RAYA PANGGUL NO. 12',
    });
  });
  it.each([
    ['BUDHA', 'BUDHA'], // the spelling printed on the card is kept (Dukcapil's SIAK prints BUDHA, KATHOLIK)
    ['KATHOLIK', 'KATHOLIK'],
    ['KATOLlK', 'KATOLIK'],
    ['KHONGHUCU', 'KHONGHUCU'],
    ['KRISTEM', 'KRISTEN'],
    ['HlNDU', 'HINDU'],
    ['ISLAM TRENGGALEK', 'ISLAM'],
    ['XYZ', null],
  ])('Agama %s → %s', (v, want) => {
    expect(parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Agama', `Agama : ${v}`))).agama.value).toBe(want);
  });
  it.each([
    ['BELUM KAWIN', 'BELUM KAWIN'],
    ['BELUMKAWIN', 'BELUM KAWIN'],
    ['CERAI MATl', 'CERAI MATI'],
    ['CERAI HIDUP', 'CERAI HIDUP'],
    ['KAWIN 12-03-2018', 'KAWIN'],
  ])('Status %s → %s', (v, want) => {
    expect(
      parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Status', `Status Perkawinan : ${v}`))).statusPerkawinan.value,
    ).toBe(want);
  });
  it('reads a dated Berlaku Hingga as ISO and WNA as WNA', () => {
    const texts = replaceLine(
      replaceLine(CLEAN_TEXT, 'Berlaku', 'Berlaku Hingga : 09-06-2027'),
      'Kewarga',
      'Kewarganegaraan : WNA',
    );
    expect(values(texts).berlakuHingga).toBe('2027-06-09');
    expect(values(texts).kewarganegaraan).toBe('WNA');
  });
  it('snaps a pekerjaan close to the Dukcapil list and keeps an unknown one as read', () => {
    expect(values(replaceLine(CLEAN_TEXT, 'Pekerjaan', 'Pekerjaan : PELAJAR/MAHASlSWA')).pekerjaan).toBe(
      'PELAJAR/MAHASISWA',
    );
    expect(values(replaceLine(CLEAN_TEXT, 'Pekerjaan', 'Pekerjaan : PENJAGA MERCUSUAR')).pekerjaan).toBe(
      'PENJAGA MERCUSUAR',
    );
  });
  it('matches the kecamatan within the regency and keeps an unknown one at lower confidence', () => {
    expect(values(replaceLine(CLEAN_TEXT, 'Kecamatan', 'Kecamatan : PANGGVL')).kecamatan).toBe('PANGGUL');
    const r = parseKtpText(lines(replaceLine(CLEAN_TEXT, 'Kecamatan', 'Kecamatan : ZZYZX')));
    expect(r.kecamatan.value).toBe('ZZYZX');
    expect(r.kecamatan.confidence).toBeLessThan(0.5);
  });
  it('reads a Jakarta card, whose header names the city without KOTA', () => {
    const texts = replaceLine(
      replaceLine(CLEAN_TEXT, 'PROVINSI', 'PROVINSI DKI JAKARTA'),
      'KABUPATEN',
      'JAKARTA SELATAN',
    );
    expect(values(texts).provinsi).toBe('DAERAH KHUSUS IBUKOTA JAKARTA');
    expect(values(texts).kabupatenKota).toBe('KOTA ADMINISTRASI JAKARTA SELATAN');
  });
  it('matches KOTA vs KABUPATEN of the same name correctly', () => {
    expect(values(replaceLine(CLEAN_TEXT, 'KABUPATEN', 'KOTA MADIUN')).kabupatenKota).toBe('KOTA MADIUN');
    expect(values(replaceLine(CLEAN_TEXT, 'KABUPATEN', 'KABUPATEN MADIUN')).kabupatenKota).toBe('KABUPATEN MADIUN');
  });
});
