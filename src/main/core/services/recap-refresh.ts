/**
 * Refreshes the recap of TTE users against BSrE in the background: one status call per holder at
 * a bounded rate, progress the UI can show, and a flag on each holder whose BSrE status disagrees
 * with what the recap expects from its dates (ISSUE until expiry, EXPIRED after). Announces
 * `{kind:'recap'}` on the change bus when a pass ends.
 */
import type { RecapRefreshProgress } from '../../../shared/domain/bsre';
import { todayIn } from '../../../shared/domain/time';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { listHolderIdentities, updateHolderBsre } from '../store/repos/holders';
import { readOffice } from '../store/repos/office';

export function expectedRecapStatus(expiresAt: string, today: string): 'ISSUE' | 'EXPIRED' {
  return expiresAt >= today ? 'ISSUE' : 'EXPIRED';
}

export class RecapRefresher {
  private starting = false;
  private progress: RecapRefreshProgress = {
    running: false,
    done: 0,
    total: 0,
    mismatches: 0,
    failed: 0,
    startedAt: null,
    finishedAt: null,
    message: null,
  };

  constructor(
    private readonly services: Pick<Services, 'db' | 'dataKey' | 'clock' | 'bsre' | 'events'>,
    private readonly logger: Logger,
    /** Pause between two status calls (the rate limit). */
    private readonly intervalMs = 500,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  current(): RecapRefreshProgress {
    return { ...this.progress };
  }

  /** Starts a refresh unless one runs; returns at once with the progress. */
  async start(): Promise<RecapRefreshProgress> {
    if (this.progress.running || this.starting) return this.current();
    const client = this.services.bsre.client();
    if (!client) return { ...this.progress, message: 'Layanan BSrE belum tersambung.' };
    // Taken before the first await: a second start meanwhile must not begin another refresh.
    this.starting = true;
    let holders: Awaited<ReturnType<typeof listHolderIdentities>>;
    try {
      holders = await listHolderIdentities(this.services.db, this.services.dataKey);
    } finally {
      this.starting = false;
    }
    const at = this.services.clock.now().toISOString();
    this.progress = {
      running: true,
      done: 0,
      total: holders.length,
      mismatches: 0,
      failed: 0,
      startedAt: at,
      finishedAt: null,
      message: null,
    };
    void (async () => {
      const today = todayIn((await readOffice(this.services.db))?.timeZone ?? 'WIB', this.services.clock.now());
      for (const h of holders) {
        const result = await client.checkStatus({ nik: h.nik });
        const checkedAt = this.services.clock.now().toISOString();
        if (result.kind === 'ok') {
          const mismatch = result.value.status !== expectedRecapStatus(h.expiresAt, today);
          await updateHolderBsre(this.services.db, h.id, {
            status: result.value.status,
            message: result.value.message,
            checkedAt,
            mismatch,
          });
          if (mismatch) this.progress.mismatches += 1;
        } else {
          this.progress.failed += 1;
          if (result.kind === 'unauthorized' || result.kind === 'unavailable') {
            this.progress.message = `Dihentikan: ${result.message}`;
            break;
          }
        }
        this.progress.done += 1;
        await this.sleep(this.intervalMs);
      }
    })()
      .catch((error: unknown) => {
        this.logger.error('recap refresh failed', error);
        this.progress.message = 'Penyegaran berhenti karena kesalahan aplikasi.';
      })
      .finally(() => {
        this.progress.running = false;
        this.progress.finishedAt = this.services.clock.now().toISOString();
        // The recap screens re-read the holders' BSrE columns once the pass is over.
        this.services.events.emit({ kind: 'recap' });
      });
    return this.current();
  }
}
