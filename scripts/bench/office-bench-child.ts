/**
 * The office server process of `npm run bench -- office`: runs `startBenchServer` alone in its own
 * Node process, so the event-loop lag measured is the server's, not the desks' TLS and JSON work.
 * Speaks to the bench over the IPC channel: 'ready' with the server's address and pairing codes,
 * then answers 'resetLag' / 'readLag' and stops on 'stop'.
 */
import { startBenchServer } from './office-bench-server';

type Request = { type: 'resetLag' } | { type: 'readLag' } | { type: 'stop' };

const desks = Number(process.env['OFFICE_BENCH_DESKS'] ?? 5);
const rows = Number(process.env['OFFICE_BENCH_ROWS'] ?? 0);
const server = await startBenchServer({ desks, rows });
const { resetLag, readLag, close, loggedErrors, ...info } = server;
process.send?.({ type: 'ready', info });
process.on('message', (message: Request) => {
  if (message.type === 'resetLag') {
    resetLag();
    process.send?.({ type: 'lagReset' });
  } else if (message.type === 'readLag') process.send?.({ type: 'lag', lag: readLag(), loggedErrors });
  else if (message.type === 'stop') void close().then(() => process.exit(0));
});
