/**
 * The password rules at the core's entry points: users.create, a password reset by the Admin and
 * the first-run setup refuse weak passwords with the reason on the password field, writing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  call,
  countRows,
  createStaff,
  errorOf,
  makeTempCore,
  setupInput,
  setupOffice,
  type Staff,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';

let t: TestCore;

beforeEach(async () => {
  t = await makeTempCore();
});

afterEach(async () => {
  await t.close();
});

describe('password rules through dispatch', () => {
  it('setup refuses a common password for the first Admin and stays not set up', async () => {
    const input = setupInput('trenggalek-2024');
    input.admin.password = 'Bismillah2025';
    const error = errorOf(await call(t.core, 'setup.initialize', input), 'VALIDATION_FAILED');
    expect(error.fields?.['admin.password']).toBe('Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.');
    expect(unwrap(await call(t.core, 'setup.status', {})).initialized).toBe(false);
  });

  describe('with an office', () => {
    let adminToken: string;
    let staff: Staff;

    beforeEach(async () => {
      adminToken = (await setupOffice(t.core, 'trenggalek-2024')).token;
      staff = await createStaff(t.core, adminToken);
    });

    it('users.create refuses a password holding the new user’s name', async () => {
      const before = await countRows(t.core.db);
      const input = {
        username: 'bambang.p',
        fullName: 'Bambang Prasetyo',
        nip: '198001012005011003',
        role: 'kasi' as const,
        password: 'Prasetyo#2025',
      };
      const error = errorOf(await call(t.core, 'users.create', input, adminToken), 'VALIDATION_FAILED');
      expect(error.fields?.password).toBe('Kata sandi tidak boleh memuat bagian nama lengkap ("prasetyo").');
      expect(await countRows(t.core.db)).toEqual(before);
    });

    it('a password reset refuses the username, keeps the old password and the session', async () => {
      const before = await countRows(t.core.db);
      const id = staff.users.kasi.id;
      const error = errorOf(
        await call(t.core, 'users.update', { id, password: 'Baru-kasi.satu-1' }, adminToken),
        'VALIDATION_FAILED',
      );
      expect(error.fields?.password).toBe('Kata sandi tidak boleh memuat nama pengguna.');
      expect(await countRows(t.core.db)).toEqual(before);
      unwrap(await call(t.core, 'auth.me', {}, staff.tokens.kasi));
    });

    it('a reset with a short, plain password names both problems', async () => {
      const error = errorOf(
        await call(t.core, 'users.update', { id: staff.users.kasi.id, password: 'sandi' }, adminToken),
        'VALIDATION_FAILED',
      );
      expect(error.fields?.password).toBe('Kata sandi minimal 10 karakter.');
    });

    it('an acceptable reset goes through', async () => {
      unwrap(await call(t.core, 'users.update', { id: staff.users.kasi.id, password: 'Kopi-Tubruk-2025' }, adminToken));
      unwrap(await call(t.core, 'auth.login', { username: 'kasi.satu', password: 'Kopi-Tubruk-2025' }));
    });
  });
});
