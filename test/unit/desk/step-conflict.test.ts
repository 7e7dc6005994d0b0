// Two desks on one step: the losing desk's sentence names who acted on that step, what they did and
// when, in the office's zone; conflict codes are the ones the core answers for a moved application.
import { describe, expect, it } from 'vitest';

import { CONFLICT_CODES, conflictNotice } from '../../../src/renderer/forms/step-conflict';
import { ERROR_MESSAGES } from '../../../src/shared/contract/errors';
import type { ApplicationDetail, StepEvent } from '../../../src/shared/domain/application';

const event = (stepNo: number, kind: StepEvent['kind'], actorName: string, at: string): StepEvent => ({
  id: `${stepNo}-${at}`,
  stepNo,
  kind,
  actorName,
  actorRole: 'verifikator',
  at,
  startedAt: at,
  elapsedMinutes: 1,
  standardMinutes: 10,
  note: '',
  data: {},
});
// Only the events matter to the sentence.
const withEvents = (events: StepEvent[]) => ({ events }) as unknown as ApplicationDetail;

describe('conflictNotice', () => {
  it('names the actor, what they did to the step and when', () => {
    const app = withEvents([
      event(5, 'completed', 'Rina', '2026-03-02T02:00:00.000Z'),
      event(6, 'completed', 'Budi Santoso', '2026-03-02T03:05:00.000Z'),
      event(7, 'completed', 'Ani', '2026-03-02T04:00:00.000Z'),
    ]);
    const text = conflictNotice(app, 6, 'WIB');
    expect(text).toContain('Langkah 6 sudah dicatat oleh Budi Santoso (Verifikator)');
    expect(text).toContain('10:05 WIB');
    expect(text).toContain('Tidak ada yang tersimpan dua kali');
  });

  it('falls back to the latest move when the step itself has no event (returned, rejected)', () => {
    const app = withEvents([
      event(3, 'completed', 'Rina', '2026-03-02T02:00:00.000Z'),
      event(4, 'rejected', 'Kasi Dewi', '2026-03-02T05:30:00.000Z'),
    ]);
    expect(conflictNotice(app, 5, 'WITA')).toContain(
      'Langkah 4 sudah ditolak oleh Kasi Dewi (Verifikator) pada 2 Maret 2026 13:30 WITA',
    );
    expect(conflictNotice(withEvents([]), 2)).toContain('diubah dari meja lain');
  });

  it('uses codes the core really answers', () => {
    for (const code of CONFLICT_CODES) expect(code in ERROR_MESSAGES, code).toBe(true);
  });
});
