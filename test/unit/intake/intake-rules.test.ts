/**
 * The pure intake rules: the name BSrE registers (titles stripped, spacing normalized, case kept),
 * dates typed the Indonesian way (day first, impossible dates refused), the agenda number format,
 * and reading a letter's text for number, date, subject and the NIPs it lists.
 */
import { describe, expect, it } from 'vitest';

import { agendaFormatProblems, formatAgendaNumber } from '../../../src/shared/intake/agenda-number';
import { bsreName, bsreNameDiffers, nameAfterCardConfirmation } from '../../../src/shared/intake/bsre-name';
import { formatIndonesianDate, maskDateTyping, parseIndonesianDate } from '../../../src/shared/intake/dates';
import { readLetterText } from '../../../src/shared/intake/letter-fields';

describe('bsreName', () => {
  it.each([
    ['Dr. Ir. H. Budi Santoso, S.Kom., M.T.', 'Budi Santoso'],
    ['Hj. Siti   Aminah,S.Pd', 'Siti Aminah'],
    ['Drs. Slamet Riyadi M.Si', 'Slamet Riyadi'],
    ['Prof. Dr. Agus Salim, S.H., M.H., Ph.D.', 'Agus Salim'],
    ['dr. Rina Kusumawati, Sp.OG', 'Rina Kusumawati'],
    ['Dewi Lestari, A.Md.Kep.', 'Dewi Lestari'],
    ['Eko Prasetyo ST', 'Eko Prasetyo'],
    ['  I Ketut   Putra Astawa  ', 'I Ketut Putra Astawa'],
  ])('%s → %s', (written, expected) => {
    expect(bsreName(written)).toBe(expected);
  });

  it('keeps the case as typed and never upper-cases', () => {
    expect(bsreName('budi SANTOSO, S.Kom')).toBe('budi SANTOSO');
    expect(bsreName('Budi Santoso')).toBe('Budi Santoso');
  });

  it('keeps a name that only looks like a title when nothing else is left, and unlisted abbreviations', () => {
    expect(bsreName('H.')).toBe('H.');
    expect(bsreName('Siti M.Ali')).toBe('Siti M.Ali');
    expect(bsreName('')).toBe('');
  });

  it('says when the BSrE name differs from the written one', () => {
    expect(bsreNameDiffers('Budi Santoso, S.Kom.')).toBe(true);
    expect(bsreNameDiffers('Budi Santoso')).toBe(false);
  });
});

describe('nameAfterCardConfirmation', () => {
  it('keeps the name as written when the card prints the same name upper-case without titles', () => {
    expect(nameAfterCardConfirmation('Dr. Fitri Pertiwi, S.Kom., M.T.', 'FITRI PERTIWI')).toBe(
      'Dr. Fitri Pertiwi, S.Kom., M.T.',
    );
    expect(nameAfterCardConfirmation('budi  santoso', 'BUDI SANTOSO')).toBe('budi  santoso');
  });

  it('takes the confirmed name when it is another name (a correction) or nothing was written', () => {
    expect(nameAfterCardConfirmation('Budi Santoso', 'TAUFIK KURNIAWAN')).toBe('TAUFIK KURNIAWAN');
    expect(nameAfterCardConfirmation('Fitri Pertiwi', 'FITRI PERTIWI WULAN')).toBe('FITRI PERTIWI WULAN');
    expect(nameAfterCardConfirmation('', 'FITRI PERTIWI')).toBe('FITRI PERTIWI');
  });
});

describe('Indonesian dates', () => {
  it('reads day first, with or without separators', () => {
    expect(parseIndonesianDate('05112026')).toBe('2026-11-05');
    expect(parseIndonesianDate('05/11/2026')).toBe('2026-11-05');
    expect(parseIndonesianDate('5/11/2026')).toBe('2026-11-05');
    expect(parseIndonesianDate('5-1-2026')).toBe('2026-01-05');
    expect(parseIndonesianDate('29.02.2028')).toBe('2028-02-29');
  });

  it('refuses impossible or incomplete dates instead of rolling them over', () => {
    expect(parseIndonesianDate('31022026')).toBeNull();
    expect(parseIndonesianDate('13/13/2026')).toBeNull();
    expect(parseIndonesianDate('0511202')).toBeNull();
    expect(parseIndonesianDate('2026-11-05')).toBeNull();
  });

  it('shows dd/mm/yyyy and inserts the slashes while digits are typed', () => {
    expect(formatIndonesianDate('2026-11-05')).toBe('05/11/2026');
    expect(maskDateTyping('0511')).toBe('05/11');
    expect(maskDateTyping('05/112')).toBe('05/11/2');
    expect(maskDateTyping('05112026')).toBe('05/11/2026');
    expect(maskDateTyping('5/11/2026')).toBe('5/11/2026');
  });
});

describe('agenda number', () => {
  it('formats the sequence, year, month and Roman month', () => {
    expect(formatAgendaNumber('{n:4}/TTE/{yyyy}', 7, '2026-11-05')).toBe('0007/TTE/2026');
    expect(formatAgendaNumber('{n}/{romawi}/{yyyy}', 12, '2026-11-05')).toBe('12/XI/2026');
    expect(formatAgendaNumber('AG-{mm}-{n:3}', 3, '2026-02-01')).toBe('AG-02-003');
  });

  it('refuses a format without a sequence or with unknown codes', () => {
    expect(agendaFormatProblems('TTE/{yyyy}')).toHaveLength(1);
    expect(agendaFormatProblems('{n}/{tahun}')[0]).toContain('{tahun}');
    expect(agendaFormatProblems('{n:4}/TTE/{yyyy}')).toEqual([]);
  });
});

describe('readLetterText', () => {
  const letter = [
    'PEMERINTAH KABUPATEN TRENGGALEK',
    'BADAN PERENCANAAN PEMBANGUNAN DAERAH',
    'Trenggalek, 20 November 2026',
    'Nomor : 800/123/406.020/2026',
    'Sifat : Penting',
    'Lampiran : 1 (satu) berkas',
    'Perihal : Permohonan Penerbitan Sertifikat Elektronik',
    'Dengan hormat, bersama ini kami mengajukan pegawai berikut:',
    '1. Rina Kusumawati, S.E. NIP 19850615 201001 2 001',
    '2. Agus Salim NIP 198506152010011001',
    '3. (NIP salah) 198513452010011001',
  ].join('\n');

  it('finds number, date, subject and the valid NIPs in order', () => {
    expect(readLetterText(letter)).toEqual({
      number: '800/123/406.020/2026',
      date: '2026-11-20',
      subject: 'Permohonan Penerbitan Sertifikat Elektronik',
      nips: ['198506152010012001', '198506152010011001'],
    });
  });

  it('answers null for what a letter does not say', () => {
    expect(readLetterText('Dengan hormat')).toEqual({ number: null, date: null, subject: null, nips: [] });
  });

  it('reads "No." and "Hal" and numeric dates', () => {
    const r = readLetterText('No. 005/77/2026   Lampiran: -\nHal: Perpanjangan TTE\n05/11/2026');
    expect(r.number).toBe('005/77/2026');
    expect(r.subject).toBe('Perpanjangan TTE');
    expect(r.date).toBe('2026-11-05');
  });
});
