/**
 * Login lockout on the ManualClock: five failures for one username within 15 minutes lock it for
 * 15 minutes — on the sign-in screen and the idle-lock screen alike, for usernames that exist and
 * ones that do not, across a restart of the app — and every failure and lock is in the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { lockedMessage } from '../../src/main/core/services/login-lockout';
import type { Result } from '../../src/shared/contract/result';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  auditActions,
  call,
  createStaff,
  errorOf,
  makeTempCore,
  setupOffice,
  type Staff,
  STAFF_PASSWORD,
  storeOf,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';

let t: TestCore;
let staff: Staff;

beforeEach(async () => {
  t = await makeTempCore();
  const admin = await setupOffice(t.core, 'trenggalek-2024', 15);
  staff = await createStaff(t.core, admin.token);
});

afterEach(async () => {
  await t.close();
});

const WRONG = 'BukanSandinya-77';
const login = (username: string, password: string) => call(t.core, 'auth.login', { username, password });
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

async function failTimes(username: string, times: number): Promise<Result<unknown>[]> {
  const results: Result<unknown>[] = [];
  for (let i = 0; i < times; i++) results.push(await login(username, WRONG));
  return results;
}

describe('sign-in lockout', () => {
  it('the fifth failure within 15 minutes locks for 15 minutes, saying until when; then the right password works again', async () => {
    const first = await failTimes(ADMIN_USERNAME, 4);
    expect(first.map(codeOf)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    t.clock.advanceMinutes(3);
    const fifth = errorOf(await login(ADMIN_USERNAME, WRONG), 'ACCOUNT_LOCKED_TEMPORARILY');
    // 09:03 WIB + 15 minutes.
    expect(fifth.message).toBe('Terlalu banyak percobaan masuk. Coba lagi setelah pukul 09.18 WIB.');

    t.clock.advanceMinutes(14);
    const refused = errorOf(await login(ADMIN_USERNAME, ADMIN_PASSWORD), 'ACCOUNT_LOCKED_TEMPORARILY');
    expect(refused.message).toContain('pukul 09.18 WIB');

    t.clock.advanceMinutes(1);
    unwrap(await login(ADMIN_USERNAME, ADMIN_PASSWORD));
    expect(await auditActions(t.core.db, 'auth.login_failed')).toHaveLength(5);
    expect(await auditActions(t.core.db, 'auth.login_locked')).toHaveLength(1);
    expect(await auditActions(t.core.db, 'auth.login_refused_locked')).toHaveLength(1);
    expect(JSON.parse((await auditActions(t.core.db, 'auth.login_locked'))[0]?.detail_json ?? '{}')).toMatchObject({
      username: ADMIN_USERNAME,
      failures: 5,
    });
    expect(JSON.stringify(await auditActions(t.core.db, 'auth.login_failed'))).not.toContain(WRONG);
    expect((await verifyAuditChain(t.core.db)).ok).toBe(true);
  });

  it('failures spread over more than 15 minutes do not lock', async () => {
    await failTimes(ADMIN_USERNAME, 4);
    t.clock.advanceMinutes(15);
    const later = await failTimes(ADMIN_USERNAME, 4);
    expect(later.map(codeOf)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    unwrap(await login(ADMIN_USERNAME, ADMIN_PASSWORD));
  });

  it('a successful sign-in resets the count', async () => {
    await failTimes(ADMIN_USERNAME, 4);
    unwrap(await login(ADMIN_USERNAME, ADMIN_PASSWORD));
    expect((await failTimes(ADMIN_USERNAME, 4)).map(codeOf)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    unwrap(await login(ADMIN_USERNAME, ADMIN_PASSWORD));
  });

  it('the lock is per username: other staff sign in as usual', async () => {
    await failTimes(ADMIN_USERNAME, 5);
    errorOf(await login(ADMIN_USERNAME, ADMIN_PASSWORD), 'ACCOUNT_LOCKED_TEMPORARILY');
    unwrap(await login('kasi.satu', STAFF_PASSWORD));
  });

  it('an unknown username is counted and locked exactly like a real one, so the answers reveal nothing', async () => {
    const real = [...(await failTimes('kabid.satu', 5)), await login('kabid.satu', STAFF_PASSWORD)];
    const unknown = [...(await failTimes('tidak.ada', 5)), await login('tidak.ada', STAFF_PASSWORD)];
    expect(unknown).toEqual(real);
    expect(unknown.map(codeOf)).toEqual([
      ...Array(4).fill('INVALID_CREDENTIALS'),
      'ACCOUNT_LOCKED_TEMPORARILY',
      'ACCOUNT_LOCKED_TEMPORARILY',
    ]);
    const lockedUnknown = (await auditActions(t.core.db, 'auth.login_locked')).find((a) =>
      a.detail_json.includes('tidak.ada'),
    );
    expect(lockedUnknown).toMatchObject({ user_id: null, entity_id: null });
  });

  it('the counters are in the database: restarting the app does not lift the lock', async () => {
    await failTimes(ADMIN_USERNAME, 5);
    await t.core.close();
    const reopened = await createCore({
      ...storeOf(t),
      keyProvider: new StaticKeyProvider(t.key),
      clock: t.clock,
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      errorOf(
        await call(reopened, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
        'ACCOUNT_LOCKED_TEMPORARILY',
      );
      t.clock.advanceMinutes(15);
      unwrap(await call(reopened, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    } finally {
      await reopened.close();
    }
  });

  it('the time is told in the office zone, rounded up to the minute', () => {
    expect(lockedMessage(new Date('2025-03-10T02:44:10.000Z'), 'WITA')).toBe(
      'Terlalu banyak percobaan masuk. Coba lagi setelah pukul 10.45 WITA.',
    );
    expect(lockedMessage(new Date('2025-03-10T02:45:00.000Z'), 'WIB')).toBe(
      'Terlalu banyak percobaan masuk. Coba lagi setelah pukul 09.45 WIB.',
    );
  });
});

describe('unlock lockout', () => {
  it('five wrong passwords on the lock screen end the session and lock the username', async () => {
    const token = staff.tokens.kasi;
    unwrap(await call(t.core, 'auth.lock', {}, token));
    for (let i = 0; i < 4; i++)
      errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'INVALID_CREDENTIALS');
    errorOf(await call(t.core, 'auth.me', {}, token), 'SESSION_LOCKED');

    const fifth = errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'ACCOUNT_LOCKED_TEMPORARILY');
    expect(fifth.message).toBe('Terlalu banyak percobaan masuk. Coba lagi setelah pukul 09.15 WIB.');
    errorOf(await call(t.core, 'auth.me', {}, token), 'NOT_AUTHENTICATED');
    errorOf(await call(t.core, 'auth.unlock', { password: STAFF_PASSWORD }, token), 'NOT_AUTHENTICATED');
    errorOf(await login('kasi.satu', STAFF_PASSWORD), 'ACCOUNT_LOCKED_TEMPORARILY');
    expect(await auditActions(t.core.db, 'auth.unlock_failed')).toHaveLength(5);
    expect(await auditActions(t.core.db, 'auth.unlock_locked')).toHaveLength(1);

    t.clock.advanceMinutes(15);
    unwrap(await login('kasi.satu', STAFF_PASSWORD));
  });

  it('sign-in and unlock failures add up for the same username', async () => {
    await failTimes('verifikator.satu', 3);
    const token = staff.tokens.verifikator;
    unwrap(await call(t.core, 'auth.lock', {}, token));
    errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'INVALID_CREDENTIALS');
    errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'ACCOUNT_LOCKED_TEMPORARILY');
    errorOf(await call(t.core, 'auth.me', {}, token), 'NOT_AUTHENTICATED');
  });

  it('a successful unlock resets the count', async () => {
    const token = staff.tokens.kadin;
    unwrap(await call(t.core, 'auth.lock', {}, token));
    for (let i = 0; i < 4; i++)
      errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'INVALID_CREDENTIALS');
    unwrap(await call(t.core, 'auth.unlock', { password: STAFF_PASSWORD }, token));
    unwrap(await call(t.core, 'auth.lock', {}, token));
    for (let i = 0; i < 4; i++)
      errorOf(await call(t.core, 'auth.unlock', { password: WRONG }, token), 'INVALID_CREDENTIALS');
    unwrap(await call(t.core, 'auth.unlock', { password: STAFF_PASSWORD }, token));
  });
});
