/**
 * The change stream over HTTP: `GET /api/events` answered as server-sent events — `event: change`
 * with the ChangeEvent as data, and a comment heartbeat every 15 s so clients notice a dead link.
 * Only for a signed-in session (checked by the caller). The streams are tracked so a host can end
 * them when it closes (an open stream would otherwise keep the server from closing).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ChangeBus } from '../core/events';

export const HEARTBEAT_MS = 15_000;

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly bus: ChangeBus,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  serve(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(': loket\n\n');
    this.open.add(res);
    const unsubscribe = this.bus.subscribe((event) => {
      res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.heartbeatMs);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', end);
    res.on('close', end);
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
