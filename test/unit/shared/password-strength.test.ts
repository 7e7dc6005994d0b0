/**
 * The password rules: each failure names its own reason in Bahasa Indonesia, the passwords the tests
 * and the e2e journeys use stay acceptable, and the schemas apply the rules to the whole form.
 */
import { describe, expect, it } from 'vitest';

import { newUserSchema, setupSchema } from '../../../src/shared/contract/schemas';
import {
  checkPasswordStrength,
  passwordProblems,
  personalPasswordProblems,
} from '../../../src/shared/identity/password-strength';

const TOO_SHORT = 'Kata sandi minimal 10 karakter.';
const VARIETY = 'Kata sandi harus memuat sedikitnya 3 dari 4 jenis: huruf kecil, huruf besar, angka, dan simbol.';
const COMMON = 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.';

describe('passwordProblems', () => {
  it('accepts passwords of ten or more characters with three kinds of characters', () => {
    for (const ok of [
      'RahasiaAdmin2025',
      'SandiStaf2025x',
      'Loket-rahasia-2026',
      'AdminDua2025x',
      'kopi-susu-7-gelas',
      'GUNUNG.kawi.88',
    ])
      expect(passwordProblems(ok), ok).toEqual([]);
  });

  it('names a short password', () => {
    expect(passwordProblems('Ab1-xyz')).toEqual([TOO_SHORT]);
  });

  it('names a password over 128 characters', () => {
    expect(passwordProblems(`Aa1-${'x'.repeat(125)}`)).toEqual(['Kata sandi terlalu panjang (maksimal 128 karakter).']);
  });

  it('asks for three of lower case, upper case, digits and symbols', () => {
    expect(passwordProblems('hanyahurufkecil')).toEqual([VARIETY]);
    expect(passwordProblems('hurufdanangka2025')).toEqual([VARIETY]);
    expect(passwordProblems('HURUF-BESAR-SAJA')).toEqual([VARIETY]);
    expect(passwordProblems('hurufdanangka2025!')).toEqual([]);
  });

  it('refuses the common passwords even dressed up with digits, symbols, capitals or look-alike characters', () => {
    for (const common of [
      'Bismillah2025',
      'Password123!',
      'P@ssw0rd2025',
      'Indonesia45!',
      '!Rahasia2025',
      'Sayang12345',
      'Admin123!!',
    ])
      expect(passwordProblems(common), common).toContain(COMMON);
    expect(passwordProblems('12345678')).toEqual([TOO_SHORT, VARIETY, COMMON]);
    expect(passwordProblems('qwerty')).toEqual([TOO_SHORT, VARIETY, COMMON]);
  });

  it('does not refuse a longer password merely for containing a common word', () => {
    expect(passwordProblems('Rahasia-Dapur-2025')).toEqual([]);
  });
});

describe('personalPasswordProblems', () => {
  it('refuses the username inside the password', () => {
    expect(personalPasswordProblems('Xbudi.santoso2025', { username: 'budi.santoso' })).toEqual([
      'Kata sandi tidak boleh memuat nama pengguna.',
    ]);
  });

  it('refuses a part of the full name, whatever the letter case, and names it', () => {
    expect(personalPasswordProblems('Wahyuni#2025aa', { username: 'kabid', fullName: 'Sri Wahyuni, S.Kom.' })).toEqual([
      'Kata sandi tidak boleh memuat bagian nama lengkap ("wahyuni").',
    ]);
  });

  it('ignores short name parts and titles or job words, which say nothing about the person', () => {
    expect(personalPasswordProblems('RahasiaAdmin2025', { username: 'admin.tte', fullName: 'Admin TTE' })).toEqual([]);
    expect(personalPasswordProblems('AdminDua2025x', { username: 'admin.dua', fullName: 'Admin Dua' })).toEqual([]);
    expect(personalPasswordProblems('SandiStaf2025x', { username: 'kasi.satu', fullName: 'Pegawai kasi' })).toEqual([]);
  });

  it('the e2e staff password passes for every e2e user', () => {
    for (const [username, fullName] of [
      ['kadin', 'Edif Hayunan'],
      ['kabid', 'Sri Wahyuni'],
      ['kasi', 'Bambang Prasetyo'],
      ['verif', 'Dewi Lestari'],
      ['admin', 'Admin TTE'],
    ] as const)
      expect(checkPasswordStrength('Loket-rahasia-2026', { username, fullName }), username).toEqual([]);
  });
});

describe('the schemas', () => {
  const user = {
    username: 'dewi.lestari',
    fullName: 'Dewi Lestari',
    nip: '199002142015032002',
    role: 'verifikator',
    password: 'Lestari-2025x',
  };

  it('users.create puts the personal rule on the password field', () => {
    const parsed = newUserSchema.safeParse(user);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['password', 'Kata sandi tidak boleh memuat bagian nama lengkap ("lestari").'],
    ]);
    expect(newUserSchema.safeParse({ ...user, password: 'Kopi-Tubruk-2025' }).success).toBe(true);
  });

  it('setup applies the same rules to the first Admin', () => {
    const office = {
      name: 'Dinas Kominfo',
      regency: 'Kabupaten Trenggalek',
      address: 'Jl. Panglima Sudirman',
      timeZone: 'WIB',
      letterhead: 'KOP',
      sopTemplateId: 'trenggalek-2024',
      idleLockMinutes: 15,
    };
    const admin = {
      username: 'admin.tte',
      fullName: 'Admin TTE',
      nip: '198503152010011002',
      password: 'Bismillah2025',
    };
    const parsed = setupSchema.safeParse({ office, admin });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['admin.password', COMMON]]);
    expect(setupSchema.safeParse({ office, admin: { ...admin, password: 'RahasiaAdmin2025' } }).success).toBe(true);
  });
});
