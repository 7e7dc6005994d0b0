/**
 * Runs inside a host's namespace (started by `startAgent`): imports one module and calls its exported
 * functions on the test's behalf, so a test in the root namespace can act "from desk1" — e.g. send
 * HTTPS requests with the desk's client code — without starting a process per call.
 *
 * Protocol: one JSON object a line on stdin `{ id, fn, args }`; one a line on stdout, prefixed with
 * AGENT_MARK so the module's own logging cannot be mistaken for it: `{ id, ok, value | error }`.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

import { AGENT_MARK } from './netns-agent-mark';

const modulePath = process.argv[2];
if (!modulePath) throw new Error('usage: netns-agent.ts <module>');
const target = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;

const reply = (message: object) => process.stdout.write(`${AGENT_MARK}${JSON.stringify(message)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  let id: unknown = null;
  void (async () => {
    try {
      const call = JSON.parse(line) as { id: unknown; fn: string; args: unknown[] };
      id = call.id;
      const fn = target[call.fn];
      if (typeof fn !== 'function') throw new Error(`${modulePath} has no exported function ${call.fn}`);
      reply({ id, ok: true, value: (await fn(...call.args)) ?? null });
    } catch (error) {
      const e = error as Error & { code?: unknown };
      reply({ id, ok: false, error: { message: e.message ?? String(error), code: e.code ?? null, stack: e.stack } });
    }
  })();
});
reply({ id: 'ready', ok: true, value: process.pid });
