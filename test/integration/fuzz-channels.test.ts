/**
 * Fuzz every channel with fast-check: random JSON, the channel's own keys with wrong types, huge
 * strings, prototype-pollution keys, deep nesting, NaN/Infinity and their string spellings — sent
 * by a signed-in Kasi and by an Admin. Every answer is a structured Result with a known code and an
 * Indonesian message, never INTERNAL_ERROR, the core keeps answering, and a refused input writes
 * nothing (refused sign-ins and unlocks write their audit entries — the only writes allowed).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { CHANNEL_NAMES, type ChannelName } from '../../src/shared/contract/channel-names';
import { CHANNELS } from '../../src/shared/contract/channels';
import type { Role } from '../../src/shared/domain/roles';
import {
  countRows,
  createApplication,
  makeTempCore,
  rawCall,
  readyOffice,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';
import { assertStructuredResult } from '../helpers/result-shape';

const RUNS_PER_CHANNEL = 300;
const CALLERS: readonly Role[] = ['kasi', 'admin'];
/** Refused sign-in and unlock attempts are audited by design (and counted for the lockout). */
const AUDITS_REFUSALS: readonly ChannelName[] = ['auth.login', 'auth.unlock'];

let t: TestCore;
let userIds: Record<'kasi' | 'admin', string>;
let appId: string;
let inputsFuzzed = 0;
let dispatches = 0;
const answers = new Map<string, number>();

beforeAll(async () => {
  t = await makeTempCore();
  const { admin, staff } = await readyOffice(t.core, 'trenggalek-2024');
  userIds = { admin: admin.user.id, kasi: staff.users.kasi.id };
  appId = (await createApplication(t.core, staff, 'trenggalek-2024')).id;
});

afterAll(async () => {
  console.log(
    `fuzz: ${inputsFuzzed} inputs over ${CHANNEL_NAMES.length} channels, ${dispatches} dispatches (each input by ${CALLERS.join(' and ')})`,
  );
  console.log(`fuzz answers: ${[...answers].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  await t.close();
});

/** The top-level keys a channel's schema reads, looking through defaults and pipes. */
function keysOf(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let i = 0; i < 10 && current; i++) {
    const shape = (current as { shape?: Record<string, unknown> }).shape;
    if (shape) return Object.keys(shape);
    const def = (current as { _zod?: { def?: { innerType?: unknown; in?: unknown } } })._zod?.def;
    current = def?.innerType ?? def?.in;
  }
  return [];
}

const nest = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
};

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-0',
    '0x1F',
    '__proto__',
    'constructor',
    'prototype',
    'null',
    'undefined',
    'true',
    '',
    '  ',
    '\u0000',
    '\u202e',
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '2025-02-30',
    '3503011506850001',
  ),
  // A real application id, read when the input is generated (after beforeAll made it).
  fc.constant(null).map(() => appId),
  fc.integer({ min: 1_000, max: 400_000 }).map((n) => 'A'.repeat(n)),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, undefined, true, false, [], {}),
  fc.array(hostileString, { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 50, max: 3_000 }).map((d) => nest(d, 'x', d % 2 === 0)),
);

/** An own `__proto__` key (as JSON.parse makes it) plus `constructor.prototype`, merged into `base`. */
const polluted = (base: Record<string, unknown>) =>
  Object.assign(
    JSON.parse(
      '{"__proto__":{"polluted":"ya","isAdmin":true},"constructor":{"prototype":{"polluted":"ya"}}}',
    ) as Record<string, unknown>,
    base,
  );

function inputs(channel: ChannelName): fc.Arbitrary<unknown> {
  const keys = keysOf(CHANNELS[channel].input as z.ZodType);
  const rightKeys = fc.record(Object.fromEntries([...keys, 'id', 'applicationId'].map((k) => [k, hostileValue])), {
    requiredKeys: [],
  });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.anything({ maxDepth: 3 }),
    rightKeys,
    rightKeys.map(polluted),
    fc.integer({ min: 100, max: 5_000 }).map((d) => nest(d, {}, d % 3 === 0)),
    fc.constantFrom(undefined, null, 0, '', 'NaN', [], true, Number.NaN),
  );
}

describe('fuzzing every channel', () => {
  CHANNEL_NAMES.forEach((channel, index) => {
    it(`${channel}: ${RUNS_PER_CHANNEL} hostile inputs, each by ${CALLERS.join(' and ')}`, async () => {
      const allowedWrites = AUDITS_REFUSALS.includes(channel);
      await fc.assert(
        fc.asyncProperty(inputs(channel), async (input) => {
          inputsFuzzed++;
          for (const role of CALLERS) {
            // A fresh session each time: an input that signs out or locks cannot spoil the next one.
            const token = t.core.services.sessions.create(userIds[role as 'kasi' | 'admin'], role).token;
            const before = await countRows(t.core.db);
            const auditSeq = allowedWrites
              ? ((await t.core.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM audit_log').get()) as { s: number }).s
              : 0;
            const result = await rawCall(t.core, channel, input, token);
            dispatches++;
            assertStructuredResult(result, `${channel} as ${role}`);
            const answer = result.ok ? 'ok' : result.error.code;
            answers.set(answer, (answers.get(answer) ?? 0) + 1);
            if (result.ok) continue;
            expect(result.error.code, `${channel} as ${role}`).not.toBe('INTERNAL_ERROR');
            const after = await countRows(t.core.db);
            if (allowedWrites) {
              const written = (await t.core.db.prepare('SELECT action FROM audit_log WHERE seq > ?').all(auditSeq)) as {
                action: string;
              }[];
              for (const w of written)
                expect(w.action).toMatch(/^auth\.(login|unlock)_(failed|locked|refused_locked)$/);
              after.audit_log = before.audit_log;
            }
            expect(after, `${channel} as ${role}: a refused input wrote rows`).toEqual(before);
          }
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 20_250_310 + index, endOnFailure: true },
      );
      // Still answering, nothing leaked into Object.prototype, nothing logged as unexpected.
      expect(unwrap(await rawCall(t.core, 'setup.status', {}))).toMatchObject({ initialized: true });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(t.loggedErrors).toEqual([]);
    });
  });

  it('the audit chain is whole after all of it', async () => {
    expect(await verifyAuditChain(t.core.db)).toMatchObject({ ok: true, problem: null });
  });
});
