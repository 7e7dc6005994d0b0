/**
 * A real desk on an office host, for the office-network proofs (issue 13): the desk client's own
 * code — `pairWithServer` and `createRemoteCore`, plain Node — run by `startAgent` inside the host's
 * namespace, so the test drives "the Kasi's PC" or "the verifier's PC" with JSON calls. It keeps the
 * pairing and the signed-in token, and records every change event, reachability change and raw
 * event-stream ending with the time it arrived (one machine, one clock: latencies are comparable).
 */
import { type Pairing, pairWithServer } from '../../src/main/desk/pair-with-server';
import { pinnedStream } from '../../src/main/desk/pinned-request';
import { createRemoteCore, type RemoteCore, type Subscription } from '../../src/main/desk/remote-core';
import type { Result } from '../../src/shared/contract/result';
import {
  type ChangeEvent,
  DEVICE_ID_HEADER,
  DEVICE_KEY_HEADER,
  EVENTS_PATH,
  SESSION_HEADER,
} from '../../src/shared/contract/transport';

export interface ReceivedChange {
  event: ChangeEvent;
  at: number;
}

let pairing: Pairing | null = null;
let remote: RemoteCore | null = null;
let token: string | null = null;
let subscription: Subscription | null = null;
const changes: ReceivedChange[] = [];
const reachability: { reachable: boolean; at: number }[] = [];
const rawStreams = new Map<number, { status: number; endedAt: number | null; close(): void }>();

function core(): RemoteCore {
  if (!remote) throw new Error('this desk is not paired yet');
  return remote;
}

function connect(requestTimeoutMs: number): void {
  if (!pairing) throw new Error('this desk is not paired yet');
  remote = createRemoteCore({
    url: pairing.url,
    fingerprint: pairing.fingerprint,
    deviceId: pairing.deviceId,
    deviceKey: pairing.deviceKey,
    connectTimeoutMs: 5_000,
    requestTimeoutMs,
    reconnect: { baseMs: 200, maxMs: 1_000 },
  });
  remote.onReachability((reachable) => reachability.push({ reachable, at: Date.now() }));
}

/** Pairs with the Admin's code; the desk keeps the pinned fingerprint and the device credential. */
export async function pair(input: {
  url: string;
  code: string;
  deviceName: string;
  requestTimeoutMs?: number;
}): Promise<Result<{ deviceId: string; fingerprint: string }>> {
  const paired = await pairWithServer({ url: input.url, code: input.code, deviceName: input.deviceName });
  if (!paired.ok) return paired;
  pairing = paired.value;
  connect(input.requestTimeoutMs ?? 10_000);
  return { ok: true, value: { deviceId: pairing.deviceId, fingerprint: pairing.fingerprint } };
}

/** A new remote core on the same pairing with another answer timeout (e.g. short, for a cut link). */
export function setRequestTimeout(ms: number): null {
  connect(ms);
  return null;
}

/** Signs in at this desk and keeps the session for the calls that follow. */
export async function signIn(username: string, password: string): Promise<Result<unknown>> {
  const answer = await core().dispatch('auth.login', { username, password }, { token: null });
  if (answer.ok) token = (answer.value as { token: string }).token;
  return answer;
}

/** Uses a session opened elsewhere on this desk (first-run setup answers with the Admin's session). */
export function useToken(value: string): null {
  token = value;
  return null;
}

/** One call with this desk's session; with `idempotencyKey` when the caller retries a creating action. */
export async function call(
  channel: string,
  input: unknown,
  options: { idempotencyKey?: string; anonymous?: boolean } = {},
): Promise<Result<unknown> & { sentAt: number; answeredAt: number }> {
  const sentAt = Date.now();
  const answer = await core().dispatch(channel, input, {
    token: options.anonymous ? null : token,
    idempotencyKey: options.idempotencyKey ?? null,
  });
  return { ...answer, sentAt, answeredAt: Date.now() };
}

/** Follows the server's change events with the desk client's own subscription. */
export function subscribe(): null {
  if (!token) throw new Error('sign in before subscribing');
  subscription?.close();
  subscription = core().subscribe(token, (event) => changes.push({ event, at: Date.now() }));
  return null;
}

export function unsubscribe(): null {
  subscription?.close();
  subscription = null;
  return null;
}

/** The change events received at or after `since` (ms since the epoch). */
export function changesSince(since: number): ReceivedChange[] {
  return changes.filter((c) => c.at >= since);
}

/** Waits for a change event about `applicationId` (or any queue event) received at or after `since`. */
export async function waitForChange(
  since: number,
  match: { applicationId?: string; kind?: ChangeEvent['kind'] },
  timeoutMs: number,
): Promise<ReceivedChange | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = changes.find(
      (c) =>
        c.at >= since &&
        (match.kind === undefined || c.event.kind === match.kind) &&
        (match.applicationId === undefined ||
          (c.event.kind === 'application' && c.event.applicationId === match.applicationId)),
    );
    if (found) return found;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function reachabilityLog(): { reachable: boolean; at: number }[] {
  return reachability;
}

let nextStream = 0;

/** Opens `/api/events` once with this desk's credential and session, recording when it ends. */
export async function openRawStream(): Promise<{ id: number; status: number }> {
  if (!pairing) throw new Error('this desk is not paired yet');
  const stream = await pinnedStream({
    url: new URL(EVENTS_PATH, pairing.url),
    method: 'GET',
    headers: {
      [DEVICE_ID_HEADER]: pairing.deviceId,
      [DEVICE_KEY_HEADER]: pairing.deviceKey,
      ...(token ? { [SESSION_HEADER]: token } : {}),
      accept: 'text/event-stream',
    },
    fingerprint: pairing.fingerprint,
    connectTimeoutMs: 2_000,
    idleTimeoutMs: 60_000,
  });
  const id = ++nextStream;
  const entry = { status: stream.status, endedAt: null as number | null, close: () => stream.close() };
  rawStreams.set(id, entry);
  const ended = () => (entry.endedAt ??= Date.now());
  stream.response.resume();
  stream.response.on('end', ended);
  stream.response.on('close', ended);
  stream.response.on('error', ended);
  return { id, status: stream.status };
}

/** When the raw stream ended (ms since the epoch), waiting up to `timeoutMs`; null if still open. */
export async function rawStreamEnded(id: number, timeoutMs: number): Promise<number | null> {
  const entry = rawStreams.get(id);
  if (!entry) throw new Error(`no raw stream ${id}`);
  const deadline = Date.now() + timeoutMs;
  while (entry.endedAt === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return entry.endedAt;
}

/** The fingerprint of whatever answers at `url` now, read without pinning and without sending anything. */
export async function presentedFingerprint(url: string): Promise<string> {
  const { pinnedExchange } = await import('../../src/main/desk/pinned-request');
  const answer = await pinnedExchange({
    url: new URL('/health', url),
    method: 'GET',
    headers: {},
    fingerprint: null,
    connectTimeoutMs: 2_000,
    idleTimeoutMs: 5_000,
    maxResponseBytes: 64 * 1024,
  });
  return answer.fingerprint;
}
