/**
 * `GET /api/events`: the live stream of change events for one signed-in session on one desk or
 * browser. Writes `event: change` with the ChangeEvent as data, a comment every 15 s (proxies and
 * the client's watchdog see the line is alive), and ends when the session ends (sign-out, expiry,
 * a revoked device) or the server closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ChangeEvent } from '../../shared/contract/transport';
import type { Core } from '../core/app';

export const HEARTBEAT_MS = 15_000;

export interface EventStreams {
  open(core: Core, token: string, binding: string, req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream (server closing). */
  closeAll(): void;
  readonly count: number;
}

export function createEventStreams(heartbeatMs = HEARTBEAT_MS): EventStreams {
  const ends = new Set<() => void>();
  return {
    open(core, token, binding, req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
      });
      res.write(': terhubung\n\n');
      const stillSignedIn = () => {
        const state = core.services.sessions.inspect(token, Number.MAX_SAFE_INTEGER, binding).state;
        return state === 'active' || state === 'locked';
      };
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        stopWatchingSessions();
        ends.delete(end);
        res.end();
      };
      const unsubscribe = core.events.subscribe((event: ChangeEvent) => {
        if (!stillSignedIn()) return end();
        res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const stopWatchingSessions = core.services.sessions.onEnd((session) => {
        if (session.token === token) end();
      });
      const heartbeat = setInterval(() => (stillSignedIn() ? res.write(': detak\n\n') : end()), heartbeatMs);
      heartbeat.unref();
      ends.add(end);
      req.on('close', end);
    },
    closeAll() {
      for (const end of [...ends]) end();
    },
    get count() {
      return ends.size;
    },
  };
}
