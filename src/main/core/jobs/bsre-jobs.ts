/**
 * The BSrE side of the core's background work (started by jobs/index.ts): the outbox worker and the status poller on
 * timers, never two passes of the same job at once, and a `kick` to run now (after a request).
 */
import { outsideAnyCall } from '../call-origin';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { processOutbox } from '../services/bsre-outbox-worker';
import { StatusPoller } from '../services/bsre-poller';

export interface BsreJobOptions {
  outboxEveryMs?: number;
  pollEveryMs?: number;
}

export interface BsreJobs {
  kick(): void;
  /** Runs both jobs once and waits for them (tests and the "check now" button). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** A job that never overlaps itself: a call while it runs joins the running pass. */
function serial(job: () => Promise<unknown>) {
  let running: Promise<void> | null = null;
  return {
    run(): Promise<void> {
      running ??= job()
        .then(() => undefined)
        .finally(() => {
          running = null;
        });
      return running;
    },
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}

export function startBsreJobs(services: Services, logger: Logger, options: BsreJobOptions = {}): BsreJobs {
  const poller = new StatusPoller(services, logger);
  const outbox = serial(() => processOutbox(services, logger));
  const poll = serial(() => poller.pollDue());
  const swallow = (p: Promise<void>) => p.catch((error: unknown) => logger.error('background job failed', error));
  const timers = [
    setInterval(() => void swallow(outbox.run()), options.outboxEveryMs ?? 2_000),
    setInterval(() => void swallow(poll.run()), options.pollEveryMs ?? 5_000),
  ];
  timers.forEach((t) => t.unref());
  return {
    // The pass a request wakes is the server's own work, not the requesting desk's.
    kick: () => outsideAnyCall(() => void swallow(outbox.run())),
    runOnce: async () => {
      await outbox.run();
      await poll.run();
    },
    stop: async () => {
      timers.forEach(clearInterval);
      await Promise.allSettled([outbox.idle(), poll.idle()]);
    },
  };
}
