/**
 * An HTTPS client for an office host, loaded by netns-agent.ts inside a desk's namespace. It trusts
 * exactly one certificate (the server's, as a paired desk pins it): the chain must end in that
 * certificate and its SHA-256 fingerprint must match, whatever name or address is in it. Besides
 * single requests it keeps server-sent-events streams open in the host, for live-update proofs.
 */
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';

export interface HttpsCall {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM of the only certificate accepted; the request fails on any other. */
  pinnedCertPem: string;
  /** Abort when no complete answer arrived within this many ms (default 5000). */
  timeoutMs?: number;
}

export type HttpsOutcome =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number }
  | { ok: false; code: string; message: string; ms: number };

/** One request on a fresh connection (no keep-alive pool, so a cut link cannot be hidden by reuse). */
export function request(call: HttpsCall): Promise<HttpsOutcome> {
  const started = Date.now();
  const pinned = new X509Certificate(call.pinnedCertPem).fingerprint256;
  return new Promise((resolve) => {
    const fail = (code: string, message: string) => resolve({ ok: false, code, message, ms: Date.now() - started });
    const req = httpsRequest(
      call.url,
      {
        method: call.method ?? 'GET',
        headers: call.headers,
        agent: false,
        ca: call.pinnedCertPem,
        checkServerIdentity: (_host, cert) =>
          cert.fingerprint256 === pinned
            ? undefined
            : Object.assign(new Error(`certificate ${cert.fingerprint256} is not the pinned ${pinned}`), {
                code: 'CERT_NOT_PINNED',
              }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - started }),
        );
        res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERESPONSE', error.message));
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })),
      call.timeoutMs ?? 5_000,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'EREQUEST', error.message));
    req.end(call.body);
  });
}

/** One server-sent event as received: its `event:` name (default "message") and its `data:` text. */
export interface ReceivedEvent {
  event: string;
  data: string;
  at: number;
}

interface Stream {
  events: ReceivedEvent[];
  closed: string | null;
  waiters: Set<() => void>;
  close(): void;
}

const streams = new Map<number, Stream>();
let nextStreamId = 0;

/**
 * Opens a server-sent-events stream (GET, pinned like `request`) and keeps it open in this host;
 * resolves once the answer's headers arrived. Read with `waitForEvent`/`receivedEvents`.
 */
export function subscribe(
  call: Omit<HttpsCall, 'method' | 'body'>,
): Promise<{ ok: true; id: number; status: number } | { ok: false; code: string; message: string }> {
  const pinned = new X509Certificate(call.pinnedCertPem).fingerprint256;
  return new Promise((resolve) => {
    const id = ++nextStreamId;
    const stream: Stream = { events: [], closed: null, waiters: new Set(), close: () => req.destroy() };
    const settle = () => stream.waiters.forEach((waiter) => waiter());
    const req = httpsRequest(
      call.url,
      {
        headers: { accept: 'text/event-stream', ...call.headers },
        agent: false,
        ca: call.pinnedCertPem,
        checkServerIdentity: (_host, cert) =>
          cert.fingerprint256 === pinned ? undefined : new Error(`certificate ${cert.fingerprint256} is not pinned`),
      },
      (res) => {
        clearTimeout(timer);
        streams.set(id, stream);
        resolve({ ok: true, id, status: res.statusCode ?? 0 });
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk.replace(/\r\n/g, '\n');
          let end: number;
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const lines = block.split('\n').filter((line) => !line.startsWith(':'));
            const field = (name: string) =>
              lines
                .filter((line) => line.startsWith(`${name}:`))
                .map((line) => line.slice(name.length + 1).trimStart());
            const data = field('data');
            if (data.length)
              stream.events.push({ event: field('event')[0] ?? 'message', data: data.join('\n'), at: Date.now() });
          }
          settle();
        });
        res.on('close', () => {
          stream.closed ??= 'ended';
          settle();
        });
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })),
      call.timeoutMs ?? 5_000,
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      stream.closed = error.code ?? error.message;
      settle();
      resolve({ ok: false, code: error.code ?? 'EREQUEST', message: error.message });
    });
    req.end();
  });
}

/** Everything stream `id` received so far, and why it closed (null while open). */
export function receivedEvents(id: number): { events: ReceivedEvent[]; closed: string | null } {
  const stream = streams.get(id);
  if (!stream) throw new Error(`no stream ${id}`);
  return { events: stream.events, closed: stream.closed };
}

/**
 * Resolves with the first event on stream `id` named `event` whose data contains `dataIncludes`
 * (already received or arriving within `timeoutMs`); rejects on timeout or when the stream closes.
 */
export function waitForEvent(id: number, event: string, dataIncludes = '', timeoutMs = 5_000): Promise<ReceivedEvent> {
  const stream = streams.get(id);
  if (!stream) throw new Error(`no stream ${id}`);
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = stream.events.find((e) => e.event === event && e.data.includes(dataIncludes));
      if (found) finish(() => resolve(found));
      else if (stream.closed) finish(() => reject(new Error(`stream ${id} closed (${stream.closed}) before ${event}`)));
    };
    const timer = setTimeout(
      () =>
        finish(() => reject(Object.assign(new Error(`no ${event} event within ${timeoutMs} ms`), { code: 'TIMEOUT' }))),
      timeoutMs,
    );
    const finish = (done: () => void) => {
      clearTimeout(timer);
      stream.waiters.delete(check);
      done();
    };
    stream.waiters.add(check);
    check();
  });
}

/** Closes stream `id` (the server sees the client go). */
export function unsubscribe(id: number): void {
  streams.get(id)?.close();
  streams.delete(id);
}
