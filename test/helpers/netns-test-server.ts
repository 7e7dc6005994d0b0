/**
 * A stand-in office server for the netns harness self-test: HTTPS on `--bind`/`--port` with the given
 * certificate. Every answer names the client's address (`x-peer`); `/` serves a page naming the server; `/slow?ms=N` says on stdout that it got the
 * request, then answers after N ms (so a test can cut the link mid-request). Prints
 * "listening on https://<address>:<port>/" once ready; SIGTERM closes it. `/events` is a
 * server-sent-events stream; `/poke?what=x` sends every open stream `event: changed` naming x and the
 * poking client (a change made at one desk, seen live at another).
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { parseArgs } from 'node:util';

import { z } from 'zod';

const { values } = parseArgs({
  options: {
    bind: { type: 'string' },
    port: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string', default: 'office' },
  },
});
const args = z
  .object({
    bind: z.ipv4(),
    port: z.coerce.number().int().min(0).max(65535),
    cert: z.string().min(1),
    key: z.string().min(1),
    name: z.string().regex(/^[A-Za-z0-9 -]{1,40}$/),
  })
  .parse(values);

let answered = 0;
const listeners = new Set<ServerResponse>();
const server = createServer({ cert: readFileSync(args.cert), key: readFileSync(args.key) }, (req, res) => {
  const url = new URL(req.url ?? '/', 'https://office');
  const peer = req.socket.remoteAddress ?? '?';
  res.setHeader('x-peer', peer);
  if (url.pathname === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }).write(': open\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
    return;
  }
  if (url.pathname === '/poke') {
    const data = JSON.stringify({ what: url.searchParams.get('what') ?? '', by: peer });
    for (const listener of listeners) listener.write(`event: changed\ndata: ${data}\n\n`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`poked ${listeners.size}`);
    return;
  }
  if (url.pathname === '/slow') {
    const ms = z.coerce
      .number()
      .int()
      .min(0)
      .max(60_000)
      .parse(url.searchParams.get('ms') ?? '1000');
    const id = url.searchParams.get('id') ?? '-';
    console.log(`request /slow id=${id}`);
    setTimeout(() => {
      answered += 1;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`slow done id=${id}`);
      console.log(`answered /slow id=${id} total=${answered}`);
    }, ms);
    return;
  }
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html lang="id"><head><title>${args.name}</title></head><body><h1>${args.name}</h1><p id="peer">${peer}</p></body></html>`,
    );
});
server.listen(args.port, args.bind, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  console.log(`listening on https://${args.bind}:${port}/`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
