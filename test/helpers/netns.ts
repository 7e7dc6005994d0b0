/**
 * An "office LAN" made of Linux network namespaces, so the office-network proof can run the server,
 * each desk and each browser on its own host with its own address on one machine (issue 13, "Proof").
 *
 * Layout of one office: a LAN namespace `<prefix>-lan` holding a bridge `br0`; per host a namespace
 * `<prefix>-<host>` whose `eth0` (a veth) is plugged into the bridge as port `p-<host>`. No interface
 * is ever created in the root namespace and no host has a default route: the office is reachable only
 * from inside itself, and only the office subnet and loopback are ever used. Everything is root-only
 * (CI runs as root); `requireNetns()` fails with a plain message otherwise — tests never skip.
 */
import { type ChildProcess, execFile, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

import { z } from 'zod';

export const IP = existsSync('/usr/sbin/ip') ? '/usr/sbin/ip' : 'ip';
/** Every namespace this harness makes starts with this; `lkt-<pid>-<n>-…` lets a sweep spot dead runs. */
export const NETNS_PREFIX = 'lkt';
/** The office subnet (a /24 inside every office; offices never see each other, so they may share it). */
export const OFFICE_SUBNET = '10.213.0';
const FIRST_HOST_OCTET = 11;

const hostName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,11}$/, 'host names: a lower-case letter, then up to 11 letters or digits');
const officeOptions = z.object({
  hosts: z
    .array(hostName)
    .min(1)
    .max(200)
    .refine((names) => new Set(names).size === names.length, 'host names must be unique'),
});
export type OfficeOptions = z.input<typeof officeOptions>;

export interface OfficeHost {
  name: string;
  /** The namespace name (for `ip netns exec <ns>` / `ip -n <ns>`). */
  ns: string;
  /** The host's IPv4 address on the office LAN, e.g. 10.213.0.11. */
  address: string;
  /** The host's own interface inside `ns` (always `eth0`). */
  vethHost: string;
  /** The bridge's port for this host inside the LAN namespace; `cutLink` sets it down. */
  vethLan: string;
}

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Office {
  /** The LAN namespace holding the bridge. */
  lanNs: string;
  hosts: OfficeHost[];
  host(name: string): OfficeHost;
  /**
   * Spawns `cmd args` inside the host's namespace (`ip netns exec`), in its own process group. The
   * child is killed by `destroy()` if still running. `opts` are node's spawn options.
   */
  run(host: string, cmd: string, args?: string[], opts?: SpawnOptions): ChildProcess;
  /** Runs `cmd args` inside the host's namespace to the end; never rejects on a non-zero exit. */
  exec(host: string, cmd: string, args?: string[], opts?: { timeoutMs?: number; input?: string }): Promise<ExecResult>;
  /** Pulls the host's cable at the switch: its bridge port goes down, its eth0 loses carrier. */
  cutLink(host: string): Promise<void>;
  /** Plugs the cable back in (the bridge forwards at once: no STP). */
  restoreLink(host: string): Promise<void>;
  /** Registers a clean-up to run (last in, first out) by `destroy()`, before the namespaces go. */
  onDestroy(cleanup: () => Promise<void> | void): void;
  /** Kills every process in the office's namespaces and deletes them; safe to call twice. */
  destroy(): Promise<void>;
}

/** Runs `ip …` (or any command) and resolves with its outcome; never rejects on a non-zero exit. */
export function execCommand(
  cmd: string,
  args: string[],
  opts: { timeoutMs?: number; input?: string } = {},
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        const code = failure ? (typeof failure.code === 'number' ? failure.code : null) : 0;
        resolve({
          code,
          signal: failure?.signal ?? null,
          stdout: String(stdout),
          stderr: String(stderr) || (failure && code === null ? failure.message : ''),
        });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** `ip args…`, throwing with the command and its stderr when it fails. */
async function ip(...args: string[]): Promise<string> {
  const result = await execCommand(IP, args);
  if (result.code !== 0) throw new Error(`${IP} ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
  return result.stdout;
}

let probeCounter = 0;

/** Why network namespaces cannot be used here, or null when they can (root and a working `ip netns`). */
export async function netnsUnavailableReason(): Promise<string | null> {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return `network namespaces need root (uid is ${process.getuid?.()})`;
  const probe = `${NETNS_PREFIX}-${process.pid}-0-probe${++probeCounter}`;
  const added = await execCommand(IP, ['netns', 'add', probe]);
  if (added.code !== 0)
    return `\`${IP} netns add\` failed (is iproute2 installed?): ${added.stderr.trim() || `exit ${added.code}`}`;
  const inside = await execCommand(IP, ['netns', 'exec', probe, IP, 'link', 'set', 'lo', 'up']);
  await execCommand(IP, ['netns', 'del', probe]);
  if (inside.code !== 0) return `\`${IP} netns exec\` failed: ${inside.stderr.trim() || `exit ${inside.code}`}`;
  return null;
}

/** True when this process may make namespaces (root, Linux, `ip netns` works). */
export async function canUseNetns(): Promise<boolean> {
  return (await netnsUnavailableReason()) === null;
}

/** Throws a plain explanation when namespaces are unavailable, so the test fails instead of skipping. */
export async function requireNetns(): Promise<void> {
  const reason = await netnsUnavailableReason();
  if (reason)
    throw new Error(
      `The office-network tests need Linux network namespaces: ${reason}. CI runs them as root (.ci/run); ` +
        'run them as root on Linux (`sudo npx vitest run --config vitest.e2e.config.ts test/netns`).',
    );
}

export async function listNamespaces(): Promise<string[]> {
  const out = await ip('netns', 'list');
  return out
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Kills every process inside a namespace (SIGKILL), then deletes it. Missing namespaces are fine. */
async function deleteNamespace(ns: string): Promise<void> {
  const pids = await execCommand(IP, ['netns', 'pids', ns]);
  for (const pid of pids.stdout.split('\n').map(Number).filter(Boolean)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await execCommand(IP, ['netns', 'del', ns]);
}

/**
 * Removes namespaces left by earlier runs that died without `destroy()`: ours by prefix, and only
 * when the pid in the name is no longer running (a parallel test file's office is left alone).
 */
export async function sweepStaleOffices(): Promise<string[]> {
  const stale = (await listNamespaces()).filter((ns) => {
    const match = new RegExp(`^${NETNS_PREFIX}-(\\d+)-`).exec(ns);
    return match && !isAlive(Number(match[1]));
  });
  for (const ns of stale) await deleteNamespace(ns);
  return stale;
}

let officeCounter = 0;

/** Makes an office LAN with one namespace per host; call `destroy()` in afterAll. */
export async function createOffice(options: OfficeOptions): Promise<Office> {
  const { hosts: names } = officeOptions.parse(options);
  await requireNetns();
  await sweepStaleOffices();

  const prefix = `${NETNS_PREFIX}-${process.pid}-${++officeCounter}`;
  const lanNs = `${prefix}-lan`;
  const hosts: OfficeHost[] = names.map((name, index) => ({
    name,
    ns: `${prefix}-${name}`,
    address: `${OFFICE_SUBNET}.${FIRST_HOST_OCTET + index}`,
    vethHost: 'eth0',
    vethLan: `p-${name}`,
  }));
  const children = new Set<ChildProcess>();
  const cleanups: (() => Promise<void> | void)[] = [];
  let destroyed: Promise<void> | null = null;

  const byName = (name: string): OfficeHost => {
    const host = hosts.find((h) => h.name === name);
    if (!host) throw new Error(`no host "${name}" in this office (hosts: ${names.join(', ')})`);
    return host;
  };

  const destroy = (): Promise<void> =>
    (destroyed ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch {
          /* clean-up goes on: the namespaces must go whatever happened */
        }
      }
      for (const child of children) killGroup(child, 'SIGKILL');
      for (const ns of [...hosts.map((h) => h.ns), lanNs]) await deleteNamespace(ns);
    })());

  try {
    await ip('netns', 'add', lanNs);
    await ip('-n', lanNs, 'link', 'set', 'lo', 'up');
    await ip('-n', lanNs, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
    await ip('-n', lanNs, 'link', 'set', 'br0', 'up');
    for (const host of hosts) {
      await ip('netns', 'add', host.ns);
      await ip('-n', host.ns, 'link', 'set', 'lo', 'up');
      await ip(
        '-n',
        host.ns,
        'link',
        'add',
        host.vethHost,
        'type',
        'veth',
        'peer',
        'name',
        host.vethLan,
        'netns',
        lanNs,
      );
      await ip('-n', lanNs, 'link', 'set', host.vethLan, 'master', 'br0');
      await ip('-n', lanNs, 'link', 'set', host.vethLan, 'up');
      await ip('-n', host.ns, 'addr', 'add', `${host.address}/24`, 'dev', host.vethHost);
      await ip('-n', host.ns, 'link', 'set', host.vethHost, 'up');
    }
  } catch (error) {
    await destroy();
    throw error;
  }

  const run = (name: string, cmd: string, args: string[] = [], opts: SpawnOptions = {}): ChildProcess => {
    const child = spawn(IP, ['netns', 'exec', byName(name).ns, cmd, ...args], { detached: true, ...opts });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };

  const setPort = async (name: string, state: 'up' | 'down') => {
    await ip('-n', lanNs, 'link', 'set', byName(name).vethLan, state);
  };

  return {
    lanNs,
    hosts,
    host: byName,
    run,
    exec: (name, cmd, args = [], opts = {}) => execCommand(IP, ['netns', 'exec', byName(name).ns, cmd, ...args], opts),
    cutLink: (name) => setPort(name, 'down'),
    restoreLink: (name) => setPort(name, 'up'),
    onDestroy: (cleanup) => void cleanups.push(cleanup),
    destroy,
  };
}

/** Signals a child's whole process group (children are spawned detached, so it leads one). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}
