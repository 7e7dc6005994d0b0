/**
 * The core's change bus: services, the dispatch and background jobs announce what changed (an
 * application, the queue, the recap); hosts pass it on — the Electron shell to its windows, the
 * office server to every desk and browser over its event stream. In memory, best effort: a
 * listener that throws is dropped from this one announcement, never from the core's work.
 */
import type { ChangeEvent } from '../../shared/contract/transport';

export type ChangeListener = (event: ChangeEvent) => void;

export class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A host's listener failing must not fail the action that changed something.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
