/**
 * Node programs on an office host: a TypeScript script started inside a host's namespace (through
 * tsx, as the repo runs its scripts) that the test waits on until it prints a given line, with all
 * its output kept for the failure message; stopped by process group so nothing outlives the test.
 */
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

import { killGroup, type Office } from './netns';
import { AGENT_MARK } from './netns-agent-mark';

const ROOT = resolve(import.meta.dirname, '../..');

export interface StartNodeOptions {
  /** Resolve once stdout or stderr has a line matching this (e.g. /listening on (\S+)/). */
  waitFor?: RegExp;
  /** How long to wait for `waitFor` (default 30 s: tsx compiles on first start). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface NodeOnHost {
  child: ChildProcess;
  /** The `waitFor` match (groups included), or null without `waitFor`. */
  ready: RegExpExecArray | null;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first line matching `pattern` from now on or already printed. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM to the process group, SIGKILL after `graceMs` (default 3 s); resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the process group: no shutdown hook, no flush. */
  kill(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

/**
 * Starts `node --import tsx <script> ...args` in the host's namespace (script relative to the repo
 * root or absolute). Rejects with the captured output if it exits or times out before `waitFor`.
 */
export async function startNode(
  office: Office,
  host: string,
  script: string,
  args: string[] = [],
  opts: StartNodeOptions = {},
): Promise<NodeOnHost> {
  const child = office.run(host, process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.once('exit', () => {
    for (const listener of listeners) listener();
  });

  const label = `${script} on ${host}`;
  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolveLine, reject) => {
      const flags = pattern.flags.includes('m') ? pattern.flags : `${pattern.flags}m`;
      const linePattern = new RegExp(pattern.source, flags.replace('g', ''));
      const check = () => {
        const match = linePattern.exec(output);
        if (match) return done(() => resolveLine(match));
        if (child.exitCode !== null || child.signalCode !== null)
          done(() =>
            reject(new Error(`${label} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${output}`)),
          );
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`${label}: no line ${pattern} within ${timeoutMs} ms:\n${output}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const kill = async () => {
    const gone = exited(child);
    killGroup(child, 'SIGKILL');
    await gone;
  };
  const stop = async (graceMs = 3_000) => {
    const gone = exited(child);
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  };

  let ready: RegExpExecArray | null = null;
  if (opts.waitFor) {
    try {
      ready = await waitForLine(opts.waitFor, opts.timeoutMs ?? 30_000);
    } catch (error) {
      await kill();
      throw error;
    }
  }
  return { child, ready, output: () => output, waitForLine, stop, kill };
}

export interface AgentOnHost {
  node: NodeOnHost;
  /** Calls `fn(...args)` exported by the agent's module, inside the host; args and result are JSON. */
  call<T = unknown>(fn: string, ...args: unknown[]): Promise<T>;
  /** Closes the agent's stdin and stops it. */
  stop(): Promise<void>;
}

/** An error thrown inside the host, with the code it carried (e.g. ECONNREFUSED, ETIMEDOUT). */
export class AgentCallError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly remoteStack: string | undefined,
  ) {
    super(message);
    this.name = 'AgentCallError';
  }
}

/**
 * Starts a long-lived Node process in the host's namespace that imports `modulePath` (relative to
 * the repo root or absolute) and runs its exported functions on `call` — see netns-agent.ts.
 */
export async function startAgent(office: Office, host: string, modulePath: string): Promise<AgentOnHost> {
  const node = await startNode(office, host, 'test/helpers/netns-agent.ts', [resolve(ROOT, modulePath)], {
    waitFor: new RegExp(`^${AGENT_MARK.trim()} \\{"id":"ready"`),
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let buffered = '';
  node.child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line.startsWith(AGENT_MARK)) continue;
      const message = JSON.parse(line.slice(AGENT_MARK.length)) as {
        id: number;
        ok: boolean;
        value?: unknown;
        error?: { message: string; code: unknown; stack?: string };
      };
      const waiter = pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else
        waiter.reject(
          new AgentCallError(
            message.error?.message ?? 'agent call failed',
            typeof message.error?.code === 'string' ? message.error.code : null,
            message.error?.stack,
          ),
        );
    }
  });
  node.child.once('exit', (code, signal) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`agent on ${host} exited (${code ?? signal}):\n${node.output()}`));
    pending.clear();
  });
  let nextId = 0;
  return {
    node,
    call: <T>(fn: string, ...args: unknown[]) =>
      new Promise<T>((resolveCall, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolveCall as (value: unknown) => void, reject });
        node.child.stdin?.write(`${JSON.stringify({ id, fn, args })}\n`);
      }),
    stop: async () => {
      node.child.stdin?.end();
      await node.stop();
    },
  };
}
