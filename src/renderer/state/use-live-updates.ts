/**
 * Keeps a screen current: re-reads when a relevant change event arrives (within a moment — a burst
 * of events is one re-read), when the stream comes back after a gap, and every POLL_FALLBACK_MS
 * whatever happens, in case an event was lost.
 */
import { useEffect, useRef } from 'react';

import { type ChangeEvent, POLL_FALLBACK_MS } from '../../shared/contract/transport';
import { onLiveEvent } from '../live-events';

/** Events arriving within this window are read once; well inside the 2-second promise. */
const SETTLE_MS = 250;

export function useLiveUpdates(isRelevant: (event: ChangeEvent) => boolean, reload: () => void): void {
  const latest = useRef({ isRelevant, reload });
  useEffect(() => {
    latest.current = { isRelevant, reload };
  });

  useEffect(() => {
    let pending: number | null = null;
    const soon = () => {
      if (pending !== null) return;
      pending = window.setTimeout(() => {
        pending = null;
        latest.current.reload();
      }, SETTLE_MS);
    };
    const off = onLiveEvent((event) => {
      if (event.kind === 'resync' || latest.current.isRelevant(event)) soon();
    });
    const poll = window.setInterval(() => latest.current.reload(), POLL_FALLBACK_MS);
    return () => {
      off();
      window.clearInterval(poll);
      if (pending !== null) window.clearTimeout(pending);
    };
  }, []);
}
