/**
 * Background threads yield the CPU to the core's event loop. On Linux a nice value belongs to one
 * thread (NPTL), so a worker that lowers its own priority leaves the main thread — the one every
 * desk waits on — at the normal one; threads it starts (tesseract's) inherit the lower one. Elsewhere
 * the same call would lower the whole process (Windows: its priority class), so it is Linux only.
 */
import { getPriority, setPriority } from 'node:os';
import { threadId } from 'node:worker_threads';

/** The nice value of a background thread: below normal, not idle (a report still finishes promptly). */
export const BACKGROUND_NICE = 10;
/** The face engine: someone stands at the desk waiting for its decision, so only a little below. */
export const WAITED_ON_NICE = 5;

/** Lowers the calling thread's priority where that touches only this thread; true when it did. */
export function lowerThreadPriority(nice = BACKGROUND_NICE, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    if (getPriority(0) < nice) setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}

/** Which thread answers and at what nice value: diagnostics, and the proof that the work left the main thread. */
export function threadDiagnostics(): { threadId: number; nice: number } {
  return { threadId, nice: getPriority(0) };
}
