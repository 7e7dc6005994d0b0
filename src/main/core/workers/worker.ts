/**
 * The core's task worker thread (pool.ts starts a few): serves the tasks of tasks.ts. Bundled on
 * its own as dist/main/task-worker.cjs beside core.cjs (scripts/build-main.mjs).
 */
import { serveTasks } from './serve';
import { TASKS } from './tasks';

serveTasks(TASKS);
