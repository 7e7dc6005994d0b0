/**
 * The office-network test hosts prove themselves: a server host and two desk hosts in network
 * namespaces, an HTTPS server on the server's address, a pinned HTTPS client on desk1, Chromium on
 * desk2, a cable pulled mid-request, an impostor server with another certificate, and nothing left
 * behind. The real office-network proofs (issue 13) are built on these same helpers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOffice, IP, listNamespaces, NETNS_PREFIX, type Office, OFFICE_SUBNET } from '../helpers/netns';
import { launchChromiumOn } from '../helpers/netns-chromium';
import type { HttpsOutcome, ReceivedEvent } from '../helpers/netns-https-client';
import { type AgentOnHost, type NodeOnHost, startAgent, startNode } from '../helpers/netns-node';
import { makeTestCert, type TestCert } from '../helpers/office-cert';

const PORT = 8443;
const SERVER_SCRIPT = 'test/helpers/netns-test-server.ts';

let office: Office;
let certA: TestCert;
let certB: TestCert;
let server: NodeOnHost | null = null;
let desk1: AgentOnHost;
let desk2: AgentOnHost;
let serverUrl: string;

const ours = async () => (await listNamespaces()).filter((ns) => ns.startsWith(`${NETNS_PREFIX}-${process.pid}-`));

const startServer = (cert: TestCert, name: string) =>
  startNode(
    office,
    'server',
    SERVER_SCRIPT,
    [
      '--bind',
      office.host('server').address,
      '--port',
      String(PORT),
      '--cert',
      cert.certPath,
      '--key',
      cert.keyPath,
      '--name',
      name,
    ],
    { waitFor: /listening on (https:\/\/\S+)/ },
  ).then((started) => {
    started.child.stdin?.end();
    return started;
  });

const fromDesk1 = (path: string, pinned: TestCert, timeoutMs = 5_000) =>
  desk1.call<HttpsOutcome>('request', { url: new URL(path, serverUrl).href, pinnedCertPem: pinned.certPem, timeoutMs });

/** A pid that surely belongs to no running process: one that has just exited. */
const deadPid = () => spawnSync('true').pid;

describe('office LAN in network namespaces', () => {
  beforeAll(async () => {
    certA = makeTestCert('office');
    certB = makeTestCert('office');
    const stale = `${NETNS_PREFIX}-${deadPid()}-1-lan`;
    expect(spawnSync(IP, ['netns', 'add', stale]).status).toBe(0);
    const leftover = spawn(IP, ['netns', 'exec', stale, 'sleep', '600'], { stdio: 'ignore' });
    const leftoverGone = new Promise((resolve) => leftover.once('exit', (_code, signal) => resolve(signal)));
    while (!spawnSync(IP, ['netns', 'pids', stale], { encoding: 'utf8' }).stdout.trim())
      await new Promise((resolve) => setTimeout(resolve, 20));
    office = await createOffice({ hosts: ['server', 'desk1', 'desk2'] });
    expect(await listNamespaces(), 'a dead run’s namespace is swept at start').not.toContain(stale);
    expect(await leftoverGone, 'with the processes still in it').toBe('SIGKILL');
    server = await startServer(certA, 'Server kantor A');
    serverUrl = server.ready?.[1] ?? '';
    desk1 = await startAgent(office, 'desk1', 'test/helpers/netns-https-client.ts');
    desk2 = await startAgent(office, 'desk2', 'test/helpers/netns-https-client.ts');
  });

  afterAll(async () => {
    await office?.destroy();
    for (const cert of [certA, certB]) if (cert) rmSync(cert.dir, { recursive: true, force: true });
  });

  it('gives each host its own address on one isolated LAN', async () => {
    expect(office.hosts.map((h) => h.address)).toEqual([
      `${OFFICE_SUBNET}.11`,
      `${OFFICE_SUBNET}.12`,
      `${OFFICE_SUBNET}.13`,
    ]);
    expect(serverUrl).toBe(`https://${office.host('server').address}:${PORT}/`);
    for (const host of office.hosts) {
      const addrs = await office.exec(host.name, IP, ['-4', '-o', 'addr', 'show']);
      expect(addrs.stdout).toMatch(new RegExp(`lo\\s+inet 127\\.0\\.0\\.1/8`));
      expect(addrs.stdout).toMatch(
        new RegExp(`${host.vethHost}(@\\S+)?\\s+inet ${host.address.replace(/\./g, '\\.')}/24`),
      );
      const routes = await office.exec(host.name, IP, ['route', 'show']);
      expect(routes.stdout, `${host.name} has no way out of the office`).not.toMatch(/default/);
    }
    const rootAddrs = spawnSync(IP, ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).stdout;
    expect(rootAddrs, 'the root namespace has no office address').not.toContain(`${OFFICE_SUBNET}.`);
  });

  it('carries an HTTPS request from desk1 to the server, which sees desk1’s address', async () => {
    const answer = await fromDesk1('/', certA);
    expect(answer).toMatchObject({
      ok: true,
      status: 200,
      headers: { 'x-peer': office.host('desk1').address },
      body: expect.stringContaining('<h1>Server kantor A</h1>'),
    });
  });

  it('keeps the server off the root namespace’s loopback and off desk1’s', async () => {
    const code = await new Promise<string>((resolve) => {
      const socket = connect(PORT, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(code).toBe('ECONNREFUSED');
    const local = await desk1.call<HttpsOutcome>('request', {
      url: `https://127.0.0.1:${PORT}/`,
      pinnedCertPem: certA.certPem,
    });
    expect(local).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });

  it('fails a request whose link is cut mid-way, and the next one succeeds once it is restored', async () => {
    const cutRequest = fromDesk1('/slow?ms=1500&id=cut', certA, 4_000);
    await server!.waitForLine(/request \/slow id=cut/, 5_000);
    await office.cutLink('desk1');
    try {
      await server!.waitForLine(/answered \/slow id=cut total=1/, 5_000);
      const other = await desk2.call<HttpsOutcome>('request', { url: serverUrl, pinnedCertPem: certA.certPem });
      expect(other, 'desk2 still reaches the server while desk1 is cut').toMatchObject({ ok: true, status: 200 });
      const outcome = await cutRequest;
      expect(outcome, 'the server answered, but the answer never reached desk1').toMatchObject({
        ok: false,
        code: 'TIMEOUT',
      });
      const whileCut = await fromDesk1('/', certA, 1_500);
      expect(whileCut.ok).toBe(false);
    } finally {
      await office.restoreLink('desk1');
    }
    const after = await fromDesk1('/slow?ms=10&id=after', certA);
    expect(after).toMatchObject({ ok: true, status: 200, body: 'slow done id=after' });
  });

  it('tells desk2 live, over a server-sent-events stream, what desk1 just did', async () => {
    const opened = await desk2.call<{ ok: boolean; id: number; status: number }>('subscribe', {
      url: new URL('/events', serverUrl).href,
      pinnedCertPem: certA.certPem,
    });
    expect(opened).toMatchObject({ ok: true, status: 200 });
    const seen = desk2.call<ReceivedEvent>('waitForEvent', opened.id, 'changed', '"what":"queue"', 2_000);
    expect(await fromDesk1('/poke?what=queue', certA)).toMatchObject({ ok: true, body: 'poked 1' });
    expect(JSON.parse((await seen).data)).toEqual({ what: 'queue', by: office.host('desk1').address });
    await desk2.call('unsubscribe', opened.id);
  });

  it('lets Chromium on desk2 load the server’s page, accepting only the pinned certificate', async () => {
    const browser = await launchChromiumOn(office, 'desk2', { acceptSpki: [certA.spkiSha256] });
    const page = await browser.newPage();
    await page.goto(serverUrl);
    expect(await page.locator('h1').textContent()).toBe('Server kantor A');
    expect(await page.locator('#peer').textContent(), 'the page was fetched from desk2').toBe(
      office.host('desk2').address,
    );

    // An impostor on the same address and port, with another certificate.
    await server!.stop();
    server = await startServer(certB, 'Server palsu');
    const impostor = await browser.newPage();
    await expect(impostor.goto(serverUrl)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    const pinnedToA = await fromDesk1('/', certA);
    expect(pinnedToA, 'desk1, pinned to the real server, refuses the impostor').toMatchObject({ ok: false });
    const pinnedToB = await fromDesk1('/', certB);
    expect(pinnedToB, 'the impostor is up: only its certificate is refused').toMatchObject({ ok: true, status: 200 });
    await browser.close();
  });

  it('keeps two offices apart: same addresses, other namespaces', async () => {
    const other = await createOffice({ hosts: ['server', 'desk1'] });
    try {
      expect(other.host('server').address).toBe(office.host('server').address);
      expect(other.hosts.map((h) => h.ns)).not.toEqual(office.hosts.slice(0, 2).map((h) => h.ns));
      const tcp = `exec 3<>/dev/tcp/${other.host('server').address}/${PORT}`;
      const probe = await other.exec('desk1', 'bash', ['-c', tcp]);
      expect(probe.stderr, 'the other office has no server listening').toMatch(/Connection refused/);
      const here = await office.exec('desk1', 'bash', ['-c', tcp]);
      expect(here.code, 'this office’s server still is').toBe(0);
    } finally {
      await other.destroy();
    }
    expect((await ours()).filter((ns) => ns.startsWith(other.lanNs.replace(/-lan$/, '-')))).toEqual([]);
  });

  it('fails with a plain explanation, never a skip, where namespaces cannot be made', () => {
    const script = "import { createOffice } from './test/helpers/netns.ts'; await createOffice({ hosts: ['server'] });";
    const asNobody = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      env: { ...process.env, HOME: '/tmp' },
      timeout: 30_000,
    });
    expect(asNobody.status).toBe(1);
    expect(asNobody.stderr).toContain(
      'The office-network tests need Linux network namespaces: network namespaces need root (uid is 65534)',
    );
  });

  it('destroys everything it made, twice without complaint', async () => {
    expect((await ours()).length).toBe(4);
    await office.destroy();
    await office.destroy();
    expect(await ours()).toEqual([]);
    expect(server!.child.exitCode !== null || server!.child.signalCode !== null).toBe(true);
    for (const agent of [desk1, desk2])
      expect(agent.node.child.exitCode !== null || agent.node.child.signalCode !== null).toBe(true);
  });
});
