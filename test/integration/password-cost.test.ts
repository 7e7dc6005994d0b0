/**
 * Passwords at OWASP's current scrypt cost (N=2^17, r=8, p=1): what production uses unless a test
 * passes a cheaper cost explicitly, and a hash made at a lower cost (today's N=2^15 users) is
 * replaced at the next successful sign-in, audited, without the user noticing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { costOf, hashPassword, PASSWORD_COST, verifyPassword } from '../../src/main/core/crypto/passwords';
import { findUserByUsername } from '../../src/main/core/store/repos/users';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  auditActions,
  call,
  makeTempCore,
  setupOffice,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';

let t: TestCore;
beforeEach(async () => {
  t = await makeTempCore();
});
afterEach(async () => await t.close());

describe('password hashing cost', () => {
  it('production hashes at N=2^17, r=8, p=1 unless a cheaper cost is passed explicitly', async () => {
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('KataSandiKuat2025');
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('KataSandiKuat2025', hash)).toBe(true);
    expect(await verifyPassword('KataSandiSalah2025', hash)).toBe(false);
    const core = await createCore({ dbPath: ':memory:', keyProvider: new StaticKeyProvider() });
    try {
      expect(core.services.passwordCost).toEqual(PASSWORD_COST);
    } finally {
      await core.close();
    }
  });

  it('a weaker hash is replaced at the next sign-in, audited, and the password still works', async () => {
    await setupOffice(t.core, 'trenggalek-2024');
    const before = (await findUserByUsername(t.core.db, ADMIN_USERNAME))?.passwordHash ?? '';
    expect(costOf(before)?.N).toBe(2 ** 14);
    t.core.services.passwordCost = PASSWORD_COST; // the app after the upgrade
    unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    const after = (await findUserByUsername(t.core.db, ADMIN_USERNAME))?.passwordHash ?? '';
    expect(costOf(after)).toEqual(PASSWORD_COST);
    expect(after).not.toBe(before);
    expect(await auditActions(t.core.db, 'user.password_rehashed')).toHaveLength(1);
    // Not re-hashed again, and the password is unchanged for the user.
    unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    expect((await findUserByUsername(t.core.db, ADMIN_USERNAME))?.passwordHash).toBe(after);
    expect(await auditActions(t.core.db, 'user.password_rehashed')).toHaveLength(1);
  });

  it('a stored hash claiming an absurd cost is refused instead of exhausting memory', async () => {
    expect(costOf('scrypt$1073741824$8$1$c2FsdA==$aGFzaA==')).toBeNull();
    expect(await verifyPassword('apa saja', 'scrypt$1073741824$8$1$c2FsdA==$aGFzaA==')).toBe(false);
  });
});
