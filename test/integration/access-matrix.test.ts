/**
 * Every channel × every role (and no session), through dispatch: a role the contract allows is
 * never refused by the access check, a role it does not allow gets FORBIDDEN (no session:
 * NOT_AUTHENTICATED) and writes nothing. Then the personal-data rule: roles that do not handle
 * personal data see masked NIK and phone and get no documents or identity desk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CHANNEL_NAMES, type ChannelName } from '../../src/shared/contract/channel-names';
import { CHANNELS } from '../../src/shared/contract/channels';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import { canSeePersonalData, type Role, ROLES } from '../../src/shared/domain/roles';
import {
  APPLICANT_NIK,
  APPLICANT_PHONE,
  auditActions,
  call,
  countRows,
  createApplication,
  makeTempCore,
  rawCall,
  readyOffice,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';
import { assertStructuredResult } from '../helpers/result-shape';

let t: TestCore;
let userIds: Record<Role, string>;
let app: ApplicationDetail;
let done: ApplicationDetail;

beforeAll(async () => {
  t = await makeTempCore();
  const { admin, staff, template } = await readyOffice(t.core, 'trenggalek-2024');
  userIds = {
    admin: admin.user.id,
    ...Object.fromEntries(Object.entries(staff.users).map(([role, u]) => [role, u.id])),
  } as Record<Role, string>;
  app = await createApplication(t.core, staff, 'trenggalek-2024');
  done = await createApplication(t.core, staff, 'trenggalek-2024');
  await walkToEnd(t.core, staff, done.id, template, { clock: t.clock, minutesPerStep: 5 });
});

afterAll(async () => {
  await t.close();
});

/** A fresh session per call, so a channel that signs out or locks cannot spoil the next check. */
const sessionFor = (role: Role) => t.core.services.sessions.create(userIds[role], role).token;

const allows = (channel: ChannelName, role: Role | null): boolean => {
  const access = CHANNELS[channel].access;
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'any' || (access as readonly Role[]).includes(role);
};

const REFUSALS = ['FORBIDDEN', 'NOT_AUTHENTICATED', 'SESSION_LOCKED', 'SESSION_EXPIRED'];

describe('role × channel matrix', () => {
  it('every channel answers every role as CHANNELS[c].access says', async () => {
    // A denied caller also sends a plausible input: the refusal must not depend on what was sent.
    const plausible = { id: app.id, applicationId: app.id, holderId: 'x', password: 'RahasiaAdmin2025' };
    let pairs = 0;
    let denied = 0;
    for (const channel of CHANNEL_NAMES) {
      for (const role of [...ROLES, null]) {
        const where = `${channel} as ${role ?? 'no session'}`;
        const token = role ? sessionFor(role) : null;
        if (allows(channel, role)) {
          const result = await rawCall(t.core, channel, {}, token);
          assertStructuredResult(result, where);
          if (!result.ok) expect(REFUSALS, where).not.toContain(result.error.code);
        } else {
          denied++;
          for (const input of [{}, plausible]) {
            const before = await countRows(t.core.db);
            const result = await rawCall(t.core, channel, input, token);
            assertStructuredResult(result, where);
            expect(result.ok ? 'ok' : result.error.code, where).toBe(role ? 'FORBIDDEN' : 'NOT_AUTHENTICATED');
            expect(await countRows(t.core.db), where).toEqual(before);
          }
        }
        pairs++;
      }
    }
    console.log(
      `access matrix: ${CHANNEL_NAMES.length} channels × ${ROLES.length + 1} callers = ${pairs} pairs checked (${denied} denied, ${pairs - denied} allowed)`,
    );
    expect(pairs).toBe(CHANNEL_NAMES.length * (ROLES.length + 1));
    expect(t.loggedErrors).toEqual([]);
  });
});

describe('personal data', () => {
  const masking = ROLES.filter((r) => !canSeePersonalData(r));

  it('the rule covers Kepala Dinas and Kepala Bidang; Kasi and Verifikator handle personal data', () => {
    expect(masking).toEqual(['admin', 'kadin', 'kabid']);
  });

  it('roles without personal data see masked NIK and phone in applications and the recap', async () => {
    for (const role of ['kadin', 'kabid'] as const) {
      const detail = unwrap(await call(t.core, 'applications.get', { id: app.id }, sessionFor(role)));
      expect(detail.applicant.nikMasked, role).toBe(true);
      expect(detail.applicant.nik, role).toMatch(/^\d{4}•+\d{4}$/);
      expect(detail.applicant.phone, role).toContain('•');
      expect(detail.applicant.phone, role).not.toBe(APPLICANT_PHONE);
      const list = unwrap(await call(t.core, 'applications.list', {}, sessionFor(role)));
      expect(list.length, role).toBeGreaterThan(0);
      for (const row of list) expect(row.nik, role).toMatch(/^\d{4}•+\d{4}$/);
      const holders = unwrap(await call(t.core, 'holders.list', {}, sessionFor(role))).rows;
      expect(holders.length, role).toBe(1);
      for (const h of holders) {
        expect(h.nik, role).not.toBe(done.applicant.nik);
        expect(h.phone, role).not.toBe(APPLICANT_PHONE);
      }
    }
  });

  it('the desk roles see them in full (the masking above is by role, not by accident)', async () => {
    for (const role of ['kasi', 'verifikator'] as const) {
      const detail = unwrap(await call(t.core, 'applications.get', { id: app.id }, sessionFor(role)));
      expect(detail.applicant.nik).toBe(APPLICANT_NIK);
      expect(detail.applicant.phone).toBe(APPLICANT_PHONE);
      expect(unwrap(await call(t.core, 'holders.list', {}, sessionFor(role))).rows[0]?.nik).toBe(done.applicant.nik);
    }
  });

  it('the Kepala Dinas and Kabid open the letter they review, audited; never the SK; the Admin nothing', async () => {
    const letter = app.documents.find((d) => d.kind === 'letter')?.id ?? '';
    const sk = app.documents.find((d) => d.kind === 'sk')?.id ?? '';
    expect(letter && sk).toBeTruthy();
    for (const role of ['kadin', 'kabid'] as const) {
      const views = (await auditActions(t.core.db, 'document.view')).length;
      expect(unwrap(await call(t.core, 'documents.get', { id: letter }, sessionFor(role))).id, role).toBe(letter);
      const seen = await auditActions(t.core.db, 'document.view');
      expect(seen.length, role).toBe(views + 1);
      expect(seen.at(-1)?.user_id, role).toBe(userIds[role]);
      const refusals = (await auditActions(t.core.db, 'document.view_refused')).length;
      const refused = await call(t.core, 'documents.get', { id: sk }, sessionFor(role));
      expect(refused.ok ? 'ok' : refused.error.code, role).toBe('FORBIDDEN');
      expect(refused.ok ? '' : refused.error.message).toMatch(/hanya dapat membuka surat permohonan/);
      expect((await auditActions(t.core.db, 'document.view_refused')).length, role).toBe(refusals + 1);
    }
    const admin = await rawCall(t.core, 'documents.get', { id: letter }, sessionFor('admin'));
    expect(admin.ok ? 'ok' : admin.error.code).toBe('FORBIDDEN');
  });

  it('the KTP, selfie and SK and every identity-desk channel are refused to roles without personal data, even with real ids', async () => {
    const documentId = app.documents.find((d) => d.kind !== 'letter')?.id ?? '';
    expect(unwrap(await call(t.core, 'documents.get', { id: documentId }, sessionFor('verifikator'))).id).toBe(
      documentId,
    );
    const identityChannels = CHANNEL_NAMES.filter((c) => c.startsWith('identity.'));
    expect(identityChannels.length).toBeGreaterThanOrEqual(6);
    for (const role of masking) {
      const doc = await rawCall(t.core, 'documents.get', { id: documentId }, sessionFor(role));
      expect(doc.ok ? 'ok' : doc.error.code, role).toBe('FORBIDDEN');
      const before = await countRows(t.core.db);
      for (const channel of identityChannels) {
        const result = await rawCall(t.core, channel, { applicationId: app.id, agreed: true }, sessionFor(role));
        expect(result.ok ? 'ok' : result.error.code, `${channel} as ${role}`).toBe('FORBIDDEN');
      }
      expect(await countRows(t.core.db)).toEqual(before);
    }
  });
});
