/**
 * First run, sign-in and sessions through dispatch: setup happens once, credentials and disabled
 * accounts are refused (and audited), logout and the idle lock end or pause a session, and the
 * user admin guards (last admin, taken username) hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  auditActions,
  call,
  countRows,
  createStaff,
  errorOf,
  makeTempCore,
  setupInput,
  setupOffice,
  STAFF_PASSWORD,
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

describe('first run', () => {
  it('setup.status is false, setup.initialize signs the admin in, then status is true', async () => {
    const before = unwrap(await call(t.core, 'setup.status', {}));
    expect(before.initialized).toBe(false);
    expect(before.templates.map((x) => x.id).sort()).toEqual(['madiun', 'trenggalek-2024']);

    const session = unwrap(await call(t.core, 'setup.initialize', setupInput('trenggalek-2024')));
    expect(session.user.username).toBe(ADMIN_USERNAME);
    expect(session.user.role).toBe('admin');
    expect(session.office.sopTemplateId).toBe('trenggalek-2024');
    expect(session.token.length).toBeGreaterThan(20);

    expect(unwrap(await call(t.core, 'setup.status', {})).initialized).toBe(true);
    const me = unwrap(await call(t.core, 'auth.me', {}, session.token));
    expect(me.user.id).toBe(session.user.id);
    expect(await auditActions(t.core.db, 'setup.initialize')).toHaveLength(1);
  });

  it('a second initialize is ALREADY_SET_UP and writes nothing', async () => {
    await setupOffice(t.core, 'trenggalek-2024');
    const before = await countRows(t.core.db);
    const second = setupInput('madiun');
    second.admin.username = 'admin.lain';

    errorOf(await call(t.core, 'setup.initialize', second), 'ALREADY_SET_UP');

    expect(await countRows(t.core.db)).toEqual(before);
    expect(
      unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD })).office
        .sopTemplateId,
    ).toBe('trenggalek-2024');
    errorOf(
      await call(t.core, 'auth.login', { username: 'admin.lain', password: ADMIN_PASSWORD }),
      'INVALID_CREDENTIALS',
    );
  });

  it('initialize with an unknown SOP template is VALIDATION_FAILED and writes nothing', async () => {
    const before = await countRows(t.core.db);
    const error = errorOf(await call(t.core, 'setup.initialize', setupInput('no-such-sop')), 'VALIDATION_FAILED');
    expect(error.fields?.['office.sopTemplateId']).toBeTruthy();
    expect(await countRows(t.core.db)).toEqual(before);
    expect(unwrap(await call(t.core, 'setup.status', {})).initialized).toBe(false);
  });

  it('login before setup is SETUP_REQUIRED', async () => {
    errorOf(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }), 'SETUP_REQUIRED');
  });
});

describe('login and logout', () => {
  beforeEach(async () => {
    await setupOffice(t.core, 'trenggalek-2024');
  });

  it('the right password signs in and writes an auth.login audit row', async () => {
    const session = unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    expect(session.user.username).toBe(ADMIN_USERNAME);
    expect(unwrap(await call(t.core, 'auth.me', {}, session.token)).user.username).toBe(ADMIN_USERNAME);
    expect((await auditActions(t.core.db, 'auth.login')).map((r) => r.user_id)).toEqual([session.user.id]);
  });

  it('usernames are matched case-insensitively', async () => {
    unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME.toUpperCase(), password: ADMIN_PASSWORD }));
  });

  it('a wrong password is INVALID_CREDENTIALS, gives no token, and writes auth.login_failed', async () => {
    const result = await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: 'SalahSandi123' });
    errorOf(result, 'INVALID_CREDENTIALS');
    expect(result).not.toHaveProperty('value');
    const failed = await auditActions(t.core.db, 'auth.login_failed');
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]?.detail_json ?? '{}')).toEqual({ username: ADMIN_USERNAME });
    expect(JSON.stringify(failed)).not.toContain('SalahSandi123');
  });

  it('an unknown username gets the same INVALID_CREDENTIALS and is audited too', async () => {
    const error = errorOf(
      await call(t.core, 'auth.login', { username: 'tidak.ada', password: ADMIN_PASSWORD }),
      'INVALID_CREDENTIALS',
    );
    expect(error.message).toBe('Nama pengguna atau kata sandi salah.');
    expect(await auditActions(t.core.db, 'auth.login_failed')).toHaveLength(1);
  });

  it('logout ends the token: afterwards it is NOT_AUTHENTICATED', async () => {
    const session = unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    expect(unwrap(await call(t.core, 'auth.logout', {}, session.token))).toEqual({ loggedOut: true });
    errorOf(await call(t.core, 'auth.me', {}, session.token), 'NOT_AUTHENTICATED');
    errorOf(await call(t.core, 'users.list', {}, session.token), 'NOT_AUTHENTICATED');
    expect(await auditActions(t.core.db, 'auth.logout')).toHaveLength(1);
  });

  it('a made-up token is NOT_AUTHENTICATED', async () => {
    errorOf(await call(t.core, 'office.get', {}, 'bukan-token-yang-sah'), 'NOT_AUTHENTICATED');
  });
});

describe('idle lock', () => {
  const IDLE = 15;

  it('past office.idleLockMinutes every channel is SESSION_LOCKED until auth.unlock with the right password', async () => {
    const admin = await setupOffice(t.core, 'trenggalek-2024', IDLE);
    const staff = await createStaff(t.core, admin.token);
    const token = staff.tokens.kasi;

    t.clock.advanceMinutes(IDLE - 1);
    unwrap(await call(t.core, 'auth.me', {}, token));

    t.clock.advanceMinutes(IDLE + 1);
    for (const result of [
      await call(t.core, 'auth.me', {}, token),
      await call(t.core, 'office.get', {}, token),
      await call(t.core, 'applications.list', {}, token),
      await call(t.core, 'users.list', {}, token),
      await call(t.core, 'holders.list', {}, token),
    ])
      errorOf(result, 'SESSION_LOCKED');

    errorOf(await call(t.core, 'auth.unlock', { password: 'SandiSalah999' }, token), 'INVALID_CREDENTIALS');
    errorOf(await call(t.core, 'auth.me', {}, token), 'SESSION_LOCKED');
    expect(await auditActions(t.core.db, 'auth.unlock_failed')).toHaveLength(1);

    const unlocked = unwrap(await call(t.core, 'auth.unlock', { password: STAFF_PASSWORD }, token));
    expect(unlocked.token).toBe(token);
    expect(unlocked.user.role).toBe('kasi');
    expect(unwrap(await call(t.core, 'applications.list', {}, token))).toEqual([]);
  });

  it('the lock is per session: another user who was active is not locked', async () => {
    const admin = await setupOffice(t.core, 'trenggalek-2024', IDLE);
    const staff = await createStaff(t.core, admin.token);
    t.clock.advanceMinutes(IDLE - 2);
    unwrap(await call(t.core, 'auth.me', {}, staff.tokens.kadin));
    t.clock.advanceMinutes(4);
    errorOf(await call(t.core, 'auth.me', {}, staff.tokens.kabid), 'SESSION_LOCKED');
    unwrap(await call(t.core, 'auth.me', {}, staff.tokens.kadin));
  });

  it('a session ends for good after 12 hours, even if it was active (SESSION_EXPIRED)', async () => {
    const admin = await setupOffice(t.core, 'trenggalek-2024', 120);
    for (let hour = 0; hour < 12; hour++) {
      t.clock.advanceMinutes(60);
      unwrap(await call(t.core, 'auth.me', {}, admin.token));
    }
    t.clock.advanceMinutes(1);
    errorOf(await call(t.core, 'auth.me', {}, admin.token), 'SESSION_EXPIRED');
    errorOf(await call(t.core, 'auth.unlock', { password: ADMIN_PASSWORD }, admin.token), 'NOT_AUTHENTICATED');
  });

  it('auth.lock locks at once; unlock restores', async () => {
    const admin = await setupOffice(t.core, 'trenggalek-2024', IDLE);
    unwrap(await call(t.core, 'auth.lock', {}, admin.token));
    errorOf(await call(t.core, 'users.list', {}, admin.token), 'SESSION_LOCKED');
    unwrap(await call(t.core, 'auth.unlock', { password: ADMIN_PASSWORD }, admin.token));
    expect(unwrap(await call(t.core, 'users.list', {}, admin.token))).toHaveLength(1);
  });
});

describe('user administration', () => {
  let adminToken: string;

  beforeEach(async () => {
    adminToken = (await setupOffice(t.core, 'trenggalek-2024')).token;
  });

  it('a disabled user cannot sign in (ACCOUNT_DISABLED) and their open session ends', async () => {
    const staff = await createStaff(t.core, adminToken);
    const verifier = staff.users.verifikator;
    const updated = unwrap(await call(t.core, 'users.update', { id: verifier.id, active: false }, adminToken));
    expect(updated.active).toBe(false);

    errorOf(
      await call(t.core, 'auth.login', { username: verifier.username, password: STAFF_PASSWORD }),
      'ACCOUNT_DISABLED',
    );
    const old = await call(t.core, 'auth.me', {}, staff.tokens.verifikator);
    expect(old.ok).toBe(false);
    if (!old.ok) expect(['NOT_AUTHENTICATED', 'ACCOUNT_DISABLED']).toContain(old.error.code);
  });

  it('a disabled user with a wrong password still only learns INVALID_CREDENTIALS', async () => {
    const staff = await createStaff(t.core, adminToken);
    unwrap(await call(t.core, 'users.update', { id: staff.users.kadin.id, active: false }, adminToken));
    errorOf(
      await call(t.core, 'auth.login', { username: staff.users.kadin.username, password: 'SandiSalah999' }),
      'INVALID_CREDENTIALS',
    );
  });

  it('the last active admin cannot be disabled or demoted (LAST_ADMIN), and nothing is written', async () => {
    const me = unwrap(await call(t.core, 'auth.me', {}, adminToken));
    const before = await countRows(t.core.db);
    errorOf(await call(t.core, 'users.update', { id: me.user.id, active: false }, adminToken), 'LAST_ADMIN');
    errorOf(await call(t.core, 'users.update', { id: me.user.id, role: 'kasi' }, adminToken), 'LAST_ADMIN');
    expect(await countRows(t.core.db)).toEqual(before);
    expect(unwrap(await call(t.core, 'auth.me', {}, adminToken)).user).toMatchObject({ role: 'admin', active: true });
  });

  it('with a second admin, the first can be disabled', async () => {
    const me = unwrap(await call(t.core, 'auth.me', {}, adminToken));
    unwrap(
      await call(
        t.core,
        'users.create',
        {
          username: 'admin.dua',
          fullName: 'Admin Dua',
          nip: '199002022015032004',
          role: 'admin',
          password: 'AdminDua2025x',
        },
        adminToken,
      ),
    );
    const disabled = unwrap(await call(t.core, 'users.update', { id: me.user.id, active: false }, adminToken));
    expect(disabled.active).toBe(false);
    const second = unwrap(await call(t.core, 'auth.login', { username: 'admin.dua', password: 'AdminDua2025x' }));
    errorOf(await call(t.core, 'users.update', { id: second.user.id, active: false }, second.token), 'LAST_ADMIN');
  });

  it('a taken username is USERNAME_TAKEN (also in other letter case), and no user is added', async () => {
    const input = {
      username: 'verif.satu',
      fullName: 'Verifikator Satu',
      nip: '199105052019032007',
      role: 'verifikator' as const,
      password: STAFF_PASSWORD,
    };
    unwrap(await call(t.core, 'users.create', input, adminToken));
    const before = await countRows(t.core.db);
    const error = errorOf(
      await call(t.core, 'users.create', { ...input, fullName: 'Orang Lain' }, adminToken),
      'USERNAME_TAKEN',
    );
    expect(error.fields?.username).toBeTruthy();
    errorOf(await call(t.core, 'users.create', { ...input, username: 'VERIF.SATU' }, adminToken), 'USERNAME_TAKEN');
    errorOf(await call(t.core, 'users.create', { ...input, username: ADMIN_USERNAME }, adminToken), 'USERNAME_TAKEN');
    expect(await countRows(t.core.db)).toEqual(before);
  });

  it('a weak password is VALIDATION_FAILED on the password field', async () => {
    const error = errorOf(
      await call(
        t.core,
        'users.create',
        { username: 'kasi.dua', fullName: 'Kasi Dua', nip: '197001012000012001', role: 'kasi', password: 'hanyahuruf' },
        adminToken,
      ),
      'VALIDATION_FAILED',
    );
    expect(error.fields?.password).toBeTruthy();
  });
});
