/** A clock the core does not trust until the Admin confirms it (see core/clock-guard.ts). */
export interface ClockHold {
  /** 'behind': more than a day before the newest written instant; 'ahead': more than a week after it. */
  kind: 'behind' | 'ahead';
  /** The clock's time when the jump was seen (UTC ISO). */
  observedAt: string;
  /** The instant it was compared with (UTC ISO). */
  reference: string;
  /** Seen at start, or while the host was running. */
  source: 'start' | 'running';
}

export interface ClockStatus {
  now: string;
  hold: ClockHold | null;
}
