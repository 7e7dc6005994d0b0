/**
 * The core's reader thread (one, kept warm): serves the KTP and letter reading of reader-tasks.ts.
 * Bundled on its own as dist/main/reader-worker.cjs beside core.cjs (scripts/build-main.mjs).
 */
import { WAITED_ON_NICE } from './background-priority';
import { READER_TASKS } from './reader-tasks';
import { serveTasks } from './serve';

// Someone waits at the desk for the card's reading: only a little below the core's loop.
serveTasks(READER_TASKS, WAITED_ON_NICE);
