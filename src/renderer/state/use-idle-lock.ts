/**
 * Locks the screen after the office's idle minutes without keyboard or pointer activity. The
 * core enforces the same lock on its side; this only makes it visible without waiting for a call.
 */
import { useEffect } from 'react';

import { call } from '../api';
import { useApp } from './app-store';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function useIdleLock(): void {
  const user = useApp((s) => s.user);
  const locked = useApp((s) => s.locked);
  const minutes = useApp((s) => s.office?.idleLockMinutes ?? 15);
  const setLocked = useApp((s) => s.setLocked);

  useEffect(() => {
    if (!user || locked) return;
    let last = Date.now();
    const mark = () => {
      last = Date.now();
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) {
        void call('auth.lock', {});
        setLocked(true);
      }
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, mark));
    };
  }, [user, locked, minutes, setLocked]);
}
