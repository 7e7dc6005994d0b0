/**
 * The event loop's lag as the office bench reports it. monitorEventLoopDelay takes one sample per
 * interval, so its percentiles count samples, not time: a one-second stall is one sample among a
 * hundred quiet ones. Node's default interval (10 ms, as prom-client uses) keeps p99 comparable with
 * what others print; beside it, a plain timer adds up the stalls longer than STALL_MS, the share of
 * the phase during which no desk could have been answered.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const LAG_RESOLUTION_MS = 10;
export const STALL_MS = 50;

export interface LagFigures {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** Gaps of more than STALL_MS between two ticks of a 10 ms timer. */
  stalls: number;
  stalledMs: number;
  wallMs: number;
  /** Each stall: when it ended (Date.now(), comparable across processes on this PC) and how long. */
  stallList: { endedAt: number; ms: number }[];
}

export interface LagWatch {
  /** Starts a new phase. */
  reset(): void;
  read(): LagFigures;
  stop(): void;
}

export function watchLoopLag(): LagWatch {
  let histogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  histogram.enable();
  let since = performance.now();
  let last = since;
  let stalls = 0;
  let stalledMs = 0;
  let stallList: { endedAt: number; ms: number }[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - LAG_RESOLUTION_MS;
    if (late > STALL_MS) {
      stalls += 1;
      stalledMs += late;
      if (stallList.length < 10_000) stallList.push({ endedAt: Date.now(), ms: late });
    }
    last = now;
  }, LAG_RESOLUTION_MS);
  timer.unref();
  // The histogram holds the time between two samples; what exceeds the interval is the lag.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
  return {
    reset() {
      histogram.disable();
      histogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
      histogram.enable();
      since = performance.now();
      stalls = 0;
      stalledMs = 0;
      stallList = [];
    },
    read() {
      return {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        samples: histogram.count,
        stalls,
        stalledMs,
        wallMs: performance.now() - since,
        stallList,
      };
    },
    stop() {
      histogram.disable();
      clearInterval(timer);
    },
  };
}
