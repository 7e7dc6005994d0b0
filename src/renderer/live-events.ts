/**
 * The change stream as the renderer sees it, whatever the transport: in Electron the main process
 * pushes change events (`window.loketHost.onChange`); in a browser this module reads
 * `GET api/events` with fetch streaming — EventSource cannot send the session and host-secret
 * headers — one stream for the whole page, reconnecting with backoff. Listeners also hear
 * `{ kind: 'resync' }` when the stream comes back after a gap, since events may have been missed.
 */
import { backoffDelayMs } from '../shared/contract/retry';
import { SseReader } from '../shared/contract/sse-reader';
import { type ChangeEvent, EVENTS_PATH, SESSION_HEADER } from '../shared/contract/transport';
import { browserHeaders } from './api';

export type LiveEvent = ChangeEvent | { kind: 'resync' };
type Listener = (event: LiveEvent) => void;

const listeners = new Set<Listener>();
let stream: { stop(): void } | null = null;

function announce(event: LiveEvent): void {
  for (const listener of listeners) listener(event);
}

function isChangeEvent(value: unknown): value is ChangeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'queue' || kind === 'recap') return true;
  return kind === 'application' && typeof (value as { applicationId?: unknown }).applicationId === 'string';
}

function readBrowserStream(): { stop(): void } {
  let stopped = false;
  let controller: AbortController | null = null;
  let attempt = 0;
  let hadGap = false;

  async function readOnce(): Promise<void> {
    const headers = browserHeaders();
    // No session yet (sign-in screen): nothing to follow; try again later.
    if (!headers[SESSION_HEADER]) return;
    controller = new AbortController();
    const response = await fetch(EVENTS_PATH.replace(/^\//, ''), { headers, signal: controller.signal });
    if (!response.ok || !response.body) return;
    attempt = 0;
    if (hadGap) announce({ kind: 'resync' });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const sse = new SseReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const message of sse.push(value)) {
        if (message.event !== 'change') continue;
        try {
          const parsed: unknown = JSON.parse(message.data);
          if (isChangeEvent(parsed)) announce(parsed);
        } catch {
          // Skipped; the next event or the polling fallback still comes.
        }
      }
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await readOnce();
      } catch {
        // The server went away or the stream broke: reconnect after a pause.
      }
      if (stopped) return;
      hadGap = true;
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, { baseMs: 1_000, maxMs: 30_000 })));
    }
  })();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}

/** Follows the change stream while at least one screen listens. */
export function onLiveEvent(listener: Listener): () => void {
  const host = window.loketHost;
  if (host) {
    const offChange = host.onChange(listener);
    const offReach = host.onReachability((reachable) => reachable && listener({ kind: 'resync' }));
    return () => {
      offChange();
      offReach();
    };
  }
  listeners.add(listener);
  if (!stream && window.api === undefined) stream = readBrowserStream();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stream?.stop();
      stream = null;
    }
  };
}
