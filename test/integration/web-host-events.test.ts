// The web host's change stream on real HTTP: GET /api/events needs the host secret and a signed-in
// session, then carries every change the core's bus announces as server-sent events, and the host
// still closes with a stream open. The core's dispatch announces what a successful call changed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { changeEventsFor } from '../../src/main/core/change-events';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { SseReader } from '../../src/shared/contract/sse-reader';
import { HOST_SECRET_HEADER, SESSION_HEADER } from '../../src/shared/contract/transport';
import { createApplication, makeTempCore, readyOffice, setupInput, TEST_PASSWORD_COST } from '../helpers/core-fixture';

let dir: string;
let core: Core;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-web-events-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Loket TTE</title>');
  core = await createCore({
    dbPath: join(dir, 'db.sqlite'),
    keyProvider: new StaticKeyProvider(),
    passwordCost: TEST_PASSWORD_COST,
  });
  host = await startWebHost({ core, staticDir: join(dir, 'renderer'), port: 0 });
});

afterEach(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const events = (headers: Record<string, string>, signal?: AbortSignal) =>
  fetch(new URL('api/events', host.url), { headers, signal });

async function signedIn(): Promise<string> {
  const res = await fetch(new URL('api/setup.initialize', host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HOST_SECRET_HEADER]: host.secret },
    body: JSON.stringify(setupInput('trenggalek-2024')),
  });
  const body = (await res.json()) as { ok: boolean; value: { token: string } };
  expect(body.ok).toBe(true);
  return body.value.token;
}

describe('web host change stream', () => {
  it('refuses a caller without the secret or without a session', async () => {
    expect((await events({})).status).toBe(403);
    const anonymous = await events({ [HOST_SECRET_HEADER]: host.secret });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('streams the bus to a signed-in session, and the host closes with the stream open', async () => {
    const token = await signedIn();
    const res = await events({ [HOST_SECRET_HEADER]: host.secret, [SESSION_HEADER]: token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const sse = new SseReader();
    core.events.emit({ kind: 'application', applicationId: 'app-1' });
    core.events.emit({ kind: 'queue' });
    const seen: unknown[] = [];
    while (seen.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const m of sse.push(value)) if (m.event === 'change') seen.push(JSON.parse(m.data));
    }
    expect(seen).toEqual([{ kind: 'application', applicationId: 'app-1' }, { kind: 'queue' }]);
    await host.close();
    expect((await reader.read()).done).toBe(true);
    host = await startWebHost({ core, staticDir: join(dir, 'renderer'), port: 0 });
  });
});

describe('what the dispatch announces', () => {
  it('an application move names the application and the queue; the recap its own; reads nothing', () => {
    expect(changeEventsFor('applications.act', { applicationId: 'a1', stepNo: 3 }, {})).toEqual([
      { kind: 'application', applicationId: 'a1' },
      { kind: 'queue' },
    ]);
    expect(changeEventsFor('applications.create', {}, { id: 'a2' })).toEqual([
      { kind: 'application', applicationId: 'a2' },
      { kind: 'queue' },
    ]);
    expect(changeEventsFor('holders.importCommit', {}, {})).toEqual([{ kind: 'recap' }]);
    expect(changeEventsFor('queue.list', {}, {})).toEqual([]);
    expect(changeEventsFor('applications.get', { id: 'a1' }, {})).toEqual([]);
  });

  it('is told by the real dispatch after a successful call only', async () => {
    const office = await makeTempCore();
    try {
      const { staff } = await readyOffice(office.core, 'trenggalek-2024');
      const heard: unknown[] = [];
      office.core.events.subscribe((e) => heard.push(e));
      const app = await createApplication(office.core, staff, 'trenggalek-2024');
      expect(heard).toEqual([{ kind: 'application', applicationId: app.id }, { kind: 'queue' }]);
      const refused = await office.core.dispatch(
        'applications.act',
        { applicationId: app.id, stepNo: app.currentStepNo + 5 },
        { token: staff.tokens.kadin },
      );
      expect(refused.ok).toBe(false);
      await office.core.dispatch('queue.list', {}, { token: staff.tokens.kasi });
      expect(heard).toHaveLength(2);
    } finally {
      await office.close();
    }
  });
});
