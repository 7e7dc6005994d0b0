/**
 * `npm run bench -- office [--desks N] [--seconds S] [--quiet S] [--rows R] [--think MS] [--isolate]`:
 * N desks (default 5) over HTTPS doing a busy morning against a real office server in its own process (see
 * office-bench-child.ts). First a quiet phase (the light mix only, no report, backup, OCR or face) as
 * the baseline of this machine at this moment, then the busy phase with the heavy work in flight.
 * Prints p50/p95 per channel as the desks saw them, the server's event-loop lag p50/p99/max, errors
 * by code (expected conflicts apart) and the targets with pass/fail. --isolate then runs each
 * heavy job once alone beside the light mix, to show which one holds the loop.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { LAG_RESOLUTION_MS, type LagFigures, STALL_MS } from './loop-lag';
import type { BenchServerInfo } from './office-bench-server';
import {
  type CallRecord,
  EXPECTED_CONFLICTS,
  HEAVY_JOBS,
  type HeavyJob,
  type Office,
  openOffice,
  runMix,
  warmUp,
} from './office-mix';

export interface OfficeBenchOptions {
  desks: number;
  seconds: number;
  quietSeconds: number;
  rows: number;
  thinkMs: number;
  /** After the busy phase, each heavy job once alone beside the light mix. */
  isolate: boolean;
}

export function officeBenchOptions(argv: string[]): OfficeBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      desks: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '30' },
      quiet: { type: 'string', default: '5' },
      rows: { type: 'string', default: '20000' },
      think: { type: 'string', default: '250' },
      isolate: { type: 'boolean', default: false },
    },
    strict: false,
    allowPositionals: true,
  });
  const number = (name: string, value: unknown, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} harus angka ≥ ${min}`);
    return n;
  };
  return {
    desks: Math.floor(number('desks', values.desks, 1)),
    seconds: number('seconds', values.seconds, 1),
    quietSeconds: number('quiet', values.quiet, 1),
    rows: Math.floor(number('rows', values.rows, 0)),
    thinkMs: number('think', values.think, 0),
    isolate: values.isolate === true,
  };
}

interface ServerProcess {
  info: BenchServerInfo;
  request<T>(type: 'resetLag' | 'readLag', answer: string): Promise<T>;
  stop(): Promise<void>;
}

async function startServerProcess(desks: number, rows: number): Promise<ServerProcess> {
  const profileDir = process.env['OFFICE_BENCH_PROFILE'];
  const child: ChildProcess = fork(join(import.meta.dirname, 'office-bench-child.ts'), [], {
    // OFFICE_BENCH_PROFILE=<dir>: a CPU profile of the server process, to read which code holds its loop.
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    env: { ...process.env, OFFICE_BENCH_DESKS: String(desks), OFFICE_BENCH_ROWS: String(rows) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`office server process ended (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<{ info: BenchServerInfo }>('ready');
  return {
    info: ready.info,
    request<T>(type: 'resetLag' | 'readLag', answer: string) {
      const reply = next<T>(answer);
      child.send({ type });
      return reply;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);

export interface ChannelFigures {
  channel: string;
  calls: number;
  p50: number;
  p95: number;
  max: number;
  failures: number;
}

export function channelFigures(records: CallRecord[]): ChannelFigures[] {
  const by = new Map<string, CallRecord[]>();
  for (const r of records) by.set(r.label, [...(by.get(r.label) ?? []), r]);
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, rs]) => {
      const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
      return {
        channel,
        calls: rs.length,
        p50: percentile(ms, 0.5),
        p95: percentile(ms, 0.95),
        max: ms[ms.length - 1] ?? NaN,
        failures: rs.filter((r) => r.code !== 'ok').length,
      };
    });
}

/** Error codes with their counts, the expected conflicts apart from the rest. */
export function errorCounts(records: CallRecord[]): { expected: Map<string, number>; unexpected: Map<string, number> } {
  const expected = new Map<string, number>();
  const unexpected = new Map<string, number>();
  for (const r of records) {
    if (r.code === 'ok') continue;
    const into = EXPECTED_CONFLICTS.includes(r.code) ? expected : unexpected;
    const key = `${r.code} (${r.channel})`;
    into.set(key, (into.get(key) ?? 0) + 1);
  }
  return { expected, unexpected };
}

const f = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');
const list = (m: Map<string, number>) =>
  m.size === 0
    ? 'none'
    : [...m.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ');

interface Phase {
  records: CallRecord[];
  lag: LagFigures;
  seconds: number;
}

async function phase(
  server: ServerProcess,
  office: Office,
  seconds: number,
  heavy: boolean | HeavyJob,
  thinkMs: number,
): Promise<Phase> {
  await server.request('resetLag', 'lagReset');
  const started = performance.now();
  const records = await runMix(office, { durationMs: seconds * 1000, heavy, thinkMs });
  const { lag } = await server.request<{ lag: LagFigures }>('readLag', 'lag');
  return { records, lag, seconds: (performance.now() - started) / 1000 };
}

function queueP95(records: CallRecord[], onlyHeavy: boolean): number {
  const ms = records
    .filter((r) => r.channel === 'queue.list' && (!onlyHeavy || r.heavyInFlight))
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  return percentile(ms, 0.95);
}

/**
 * Lines the server's stalls up with the heavy calls the desks had sent and not yet seen answered
 * (one clock, Date.now(), on this PC). A stall during two heavy calls counts for both.
 */
export function stallsByHeavyCall(busy: Phase): { label: string; stalls: number; ms: number }[] {
  const heavy = busy.records.filter((r) => r.heavy);
  const rows = new Map<string, { stalls: number; ms: number }>();
  const add = (label: string, ms: number) => {
    const row = rows.get(label) ?? { stalls: 0, ms: 0 };
    row.stalls += 1;
    row.ms += ms;
    rows.set(label, row);
  };
  for (const stall of busy.lag.stallList) {
    const during = new Set(
      heavy.filter((r) => r.sentAt <= stall.endedAt && stall.endedAt <= r.answeredAt).map((r) => r.label),
    );
    if (during.size === 0) add('no heavy call', stall.ms);
    for (const channel of during) add(channel, stall.ms);
  }
  return [...rows.entries()].map(([label, row]) => ({ label, ...row })).sort((a, b) => b.ms - a.ms);
}

export function formatReport(options: OfficeBenchOptions, info: BenchServerInfo, quiet: Phase, busy: Phase): string {
  const out: string[] = [];
  out.push(`\n## Office network — ${options.desks} desks over HTTPS, busy morning`);
  out.push(
    `server: own Node process, real SQLite, BSrE simulator (Mode Latihan), ${info.seeded.applications} past applications + ${info.seeded.holders} holders seeded; think time ${options.thinkMs} ms per desk`,
  );
  out.push(
    `quiet phase ${quiet.seconds.toFixed(1)} s (light mix: intakes, steps, queue/recap reads), busy phase ${busy.seconds.toFixed(1)} s (+ identity desk OCR+face, year report XLSX/PDF and backup in turn)`,
  );
  out.push('\n### Per channel (latency seen by the desk)');
  out.push('| channel | busy calls | busy p50 | busy p95 | busy max | not ok | quiet calls | quiet p50 | quiet p95 |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  const quietBy = new Map(channelFigures(quiet.records).map((c) => [c.channel, c]));
  for (const c of channelFigures(busy.records)) {
    const q = quietBy.get(c.channel);
    out.push(
      `| ${c.channel} | ${c.calls} | ${f(c.p50)} | ${f(c.p95)} | ${f(c.max)} | ${c.failures} | ${q?.calls ?? 0} | ${f(q?.p50 ?? NaN)} | ${f(q?.p95 ?? NaN)} |`,
    );
  }
  out.push(
    `\n### Server event-loop lag (monitorEventLoopDelay every ${LAG_RESOLUTION_MS} ms, that interval subtracted; stalls > ${STALL_MS} ms added up by a timer)`,
  );
  out.push(`| phase | p50 | p99 | max | stalls > ${STALL_MS} ms | time stalled |`);
  out.push('|---|---|---|---|---|---|');
  for (const [name, p] of [
    ['quiet', quiet],
    ['busy', busy],
  ] as const)
    out.push(
      `| ${name} | ${f(p.lag.p50)} | ${f(p.lag.p99)} | ${f(p.lag.max)} | ${p.lag.stalls} | ${f(p.lag.stalledMs)} (${((100 * p.lag.stalledMs) / p.lag.wallMs).toFixed(1)}% of the phase) |`,
    );
  out.push(`\n### Busy phase: server stalls > ${STALL_MS} ms by the heavy call in flight when they ended`);
  out.push('| in flight | stalls | time stalled |');
  out.push('|---|---|---|');
  for (const row of stallsByHeavyCall(busy)) out.push(`| ${row.label} | ${row.stalls} | ${f(row.ms)} |`);
  const quietErrors = errorCounts(quiet.records);
  const busyErrors = errorCounts(busy.records);
  out.push('\n### Errors');
  out.push(`- expected conflicts: quiet ${list(quietErrors.expected)}; busy ${list(busyErrors.expected)}`);
  out.push(`- unexpected: quiet ${list(quietErrors.unexpected)}; busy ${list(busyErrors.unexpected)}`);
  const queueQuiet = queueP95(quiet.records, false);
  const queueBusy = queueP95(busy.records, false);
  const queueHeavy = queueP95(busy.records, true);
  const heavyCalls = busy.records.filter((r) => r.channel === 'queue.list' && r.heavyInFlight).length;
  const unexpected = [...quietErrors.unexpected.values(), ...busyErrors.unexpected.values()].reduce((a, b) => a + b, 0);
  const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
  out.push('\n### Targets (issue 13)');
  out.push('| target | busy | quiet baseline | busy / quiet | result |');
  out.push('|---|---|---|---|---|');
  out.push(
    `| event-loop lag p99 ≤ 50 ms | ${f(busy.lag.p99)} | ${f(quiet.lag.p99)} | ${ratio(busy.lag.p99, quiet.lag.p99)} | ${verdict(busy.lag.p99 <= 50)} |`,
  );
  out.push(
    `| queue.list p95 ≤ 50 ms, heavy work in flight (${heavyCalls} calls) | ${f(queueHeavy)} | ${f(queueQuiet)} | ${ratio(queueHeavy, queueQuiet)} | ${verdict(queueHeavy <= 50)} |`,
  );
  out.push(
    `| queue.list p95, whole busy phase | ${f(queueBusy)} | ${f(queueQuiet)} | ${ratio(queueBusy, queueQuiet)} | – |`,
  );
  out.push(`| no error but the expected conflicts | ${unexpected} unexpected | – | – | ${verdict(unexpected === 0)} |`);
  return out.join('\n');
}

/** Each heavy job alone beside the light mix: which one holds the loop, and for how long. */
export function formatIsolation(alone: [HeavyJob, Phase][]): string {
  const out = [`\n### Each heavy job alone, beside the light mix (--isolate)`];
  out.push('| job | its latency | loop lag p99 | max | time stalled | queue.list p95 | unexpected errors |');
  out.push('|---|---|---|---|---|---|---|');
  for (const [job, p] of alone) {
    const own = p.records.find((r) => r.heavy);
    const unexpected = [...errorCounts(p.records).unexpected.values()].reduce((a, b) => a + b, 0);
    out.push(
      `| ${job} | ${f(own?.ms ?? NaN)} | ${f(p.lag.p99)} | ${f(p.lag.max)} | ${f(p.lag.stalledMs)} | ${f(queueP95(p.records, false))} | ${unexpected} |`,
    );
  }
  return out.join('\n');
}

export async function officeBenchReport(argv: string[]): Promise<string> {
  const options = officeBenchOptions(argv);
  const server = await startServerProcess(options.desks, options.rows);
  try {
    const office = await openOffice(server.info);
    await warmUp(office);
    const quiet = await phase(server, office, options.quietSeconds, false, options.thinkMs);
    const busy = await phase(server, office, options.seconds, true, options.thinkMs);
    const report = formatReport(options, server.info, quiet, busy);
    if (!options.isolate) return report;
    const alone: [HeavyJob, Phase][] = [];
    for (const job of HEAVY_JOBS) alone.push([job, await phase(server, office, 120, job, options.thinkMs)]);
    return `${report}\n${formatIsolation(alone)}`;
  } finally {
    await server.stop();
  }
}
