/**
 * One holder at a time, handed over in arrival order: the SQLite store's single connection is shared
 * by every request, so while one transaction is open across awaits every other statement waits
 * here rather than slipping into it. `holder` is checked and taken in the same synchronous step,
 * which is what keeps a statement from landing between a BEGIN and its COMMIT.
 */
export class Gate<H extends object> {
  holder: H | null = null;
  private waiters: (() => void)[] = [];

  /** Resolves when the current holder lets go (the caller checks again: another may have taken it). */
  released(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  take(holder: H): void {
    this.holder = holder;
  }

  release(): void {
    this.holder = null;
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
