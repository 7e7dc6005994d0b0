/**
 * Every write is safe to retry: a call carrying an idempotency key runs once per (user, key). Two
 * identical intakes sent at once with one key, a retry after the answer was lost, a retry after a
 * restart (the result is kept in the store) and a retry through a second connection all give one
 * application and the first answer; the same key with another input is refused; nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import type { Result } from '../../src/shared/contract/result';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import {
  applicantNik,
  call,
  countRows,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  storeOf,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
let t: TestCore;
let staff: Staff;

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff } = await readyOffice(t.core, TEMPLATE));
});

afterEach(async () => await t.close());

const intake = (core: Core, token: string, key: string, input = validIntake(TEMPLATE)) =>
  core.dispatch('applications.create', input, { token, idempotencyKey: key }) as Promise<Result<ApplicationDetail>>;

const applicationCount = async () => (await countRows(t.core.db)).applications;

describe('idempotency keys', () => {
  it('two identical intakes at once with one key, then a retry: one application, the same answer three times', async () => {
    const key = 'intake-0001-aaaaaaaaaaaa';
    const token = staff.tokens.verifikator;
    const [a, b] = await Promise.all([intake(t.core, token, key), intake(t.core, token, key)]);
    const first = unwrap(a);
    expect(unwrap(b).id).toBe(first.id);
    const counts = await countRows(t.core.db);
    expect(counts.applications).toBe(1);
    const retried = unwrap(await intake(t.core, token, key));
    expect(retried).toEqual(JSON.parse(JSON.stringify(first)));
    expect(await countRows(t.core.db)).toEqual(counts);
    // A new user action (a new key) is a new intake (of another person: one open application per person).
    unwrap(await intake(t.core, token, 'intake-0002-bbbbbbbbbbbb', validIntake(TEMPLATE, { nik: applicantNik(1) })));
    expect(await applicationCount()).toBe(2);
  });

  it('the result is kept in the store: a retry after a restart, a day later, returns it and writes nothing', async () => {
    const key = 'intake-restart-cccccccccccc';
    const first = unwrap(await intake(t.core, staff.tokens.verifikator, key));
    const counts = await countRows(t.core.db);
    await t.core.close();
    t.clock.advanceMinutes(25 * 60);
    const core = await createCore({
      ...storeOf(t),
      keyProvider: new StaticKeyProvider(t.key),
      clock: t.clock,
      logger: { info: () => {}, error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const again = unwrap(await intake(core, token, key));
      expect(again.id).toBe(first.id);
      const after = await countRows(core.db);
      // Only the sign-in's audit entry is new.
      expect({ ...after, audit_log: counts.audit_log }).toEqual(counts);
      expect(after.audit_log).toBe(counts.audit_log + 1);
    } finally {
      await core.close();
    }
  });

  it('two connections racing with one key (as two server processes would): one application', async () => {
    const other = await createCore({
      ...storeOf(t),
      keyProvider: new StaticKeyProvider(t.key),
      clock: t.clock,
      logger: { info: () => {}, error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(other, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const key = 'intake-race-dddddddddddd';
      const results = await Promise.all([intake(t.core, staff.tokens.verifikator, key), intake(other, token, key)]);
      expect(await applicationCount()).toBe(1);
      const ok = results.filter((r) => r.ok);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of results) if (!r.ok) errorOf(r, 'ALREADY_SAVED');
    } finally {
      await other.close();
    }
  });

  it('a claim whose answer was lost (the process died after its commit) is ALREADY_SAVED, never a second write', async () => {
    const key = 'intake-lost-eeeeeeeeeeee';
    unwrap(await intake(t.core, staff.tokens.verifikator, key));
    await t.core.db.prepare('UPDATE idempotency_keys SET result_sealed = NULL WHERE key = ?').run(key);
    const counts = await countRows(t.core.db);
    errorOf(await intake(t.core, staff.tokens.verifikator, key), 'ALREADY_SAVED');
    expect(await countRows(t.core.db)).toEqual(counts);
  });

  it('the same key with another input or channel is refused and writes nothing; a malformed key is refused', async () => {
    const key = 'intake-reuse-ffffffffffff';
    const first = unwrap(await intake(t.core, staff.tokens.verifikator, key));
    const counts = await countRows(t.core.db);
    const changed = validIntake(TEMPLATE);
    changed.applicant.name = 'Siti Aminah';
    errorOf(await intake(t.core, staff.tokens.verifikator, key, changed), 'IDEMPOTENCY_KEY_REUSED');
    errorOf(
      await t.core.dispatch(
        'applications.reject',
        { applicationId: first.id, stepNo: first.currentStepNo, reason: 'Berkas tidak lengkap sama sekali' },
        { token: staff.tokens.verifikator, idempotencyKey: key },
      ),
      'IDEMPOTENCY_KEY_REUSED',
    );
    errorOf(await intake(t.core, staff.tokens.verifikator, 'pendek'), 'VALIDATION_FAILED');
    expect(await countRows(t.core.db)).toEqual(counts);
  });

  it('keys are per user, and kept results are sealed (no plaintext NIK in the table)', async () => {
    const key = 'intake-user-gggggggggggg';
    const mine = unwrap(await intake(t.core, staff.tokens.verifikator, key));
    const theirs = unwrap(
      await intake(t.core, staff.tokens.kasi, key, validIntake(TEMPLATE, { nik: applicantNik(1) })),
    );
    expect(theirs.id).not.toBe(mine.id);
    const raw = (await t.core.db.prepare('SELECT result_sealed FROM idempotency_keys').all()) as {
      result_sealed: Buffer;
    }[];
    expect(raw).toHaveLength(2);
    for (const r of raw) expect(r.result_sealed.includes(Buffer.from(validIntake(TEMPLATE).applicant.nik))).toBe(false);
  });
});
