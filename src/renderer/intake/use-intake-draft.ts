/**
 * Nothing typed at intake is lost: the form is saved as a draft in the core (sealed in the store,
 * never in the browser's storage) a moment after each change, restored when the form opens again
 * (after a reload or a lost connection), and the browser asks before the page is left.
 */
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';

import { call } from '../api';
import type { IntakeFormInput, IntakeFormValues } from './intake-form';

const SAVE_AFTER_MS = 600;

export function useIntakeDraft(
  form: UseFormReturn<IntakeFormInput, unknown, IntakeFormValues>,
  enabled: boolean,
): {
  restoredAt: string | null;
  savedAt: string | null;
  discard: () => Promise<void>;
  /** After the save: the core has deleted the draft; stop saving it again. */
  stop: () => void;
  ready: boolean;
} {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [ready, setReady] = useState(!enabled);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const pending = useRef<Record<string, unknown> | null>(null);
  /** The save on its way to the core, if any: it may land after the intake deleted the draft. */
  const inFlight = useRef<Promise<unknown> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void call('intake.draftGet', {}).then((r) => {
      if (!live) return;
      if (r.ok && r.value.draft) {
        form.reset(
          { ...form.getValues(), ...(r.value.draft as Partial<IntakeFormInput>) },
          { keepDefaultValues: true },
        );
        setRestoredAt(r.value.updatedAt);
      }
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [enabled, form]);

  useEffect(() => {
    if (!enabled || !ready) return;
    const sub = form.watch((values) => {
      if (stopped.current) return;
      dirty.current = true;
      pending.current = values as Record<string, unknown>;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        pending.current = null;
        const saving = call('intake.draftSave', { draft: values as Record<string, unknown> }).then((r) => {
          if (r.ok) {
            dirty.current = false;
            setSavedAt(r.value.savedAt);
          }
        });
        inFlight.current = saving;
        void saving.finally(() => {
          if (inFlight.current === saving) inFlight.current = null;
        });
      }, SAVE_AFTER_MS);
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!form.formState.isDirty && !dirty.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      sub.unsubscribe();
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current) clearTimeout(timer.current);
      // Leaving the screen with a change not yet saved: save it now.
      if (pending.current && !stopped.current) void call('intake.draftSave', { draft: pending.current });
      pending.current = null;
    };
  }, [enabled, ready, form]);

  const discard = async () => {
    stopped.current = true;
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    dirty.current = false;
    await call('intake.draftClear', {});
    setRestoredAt(null);
    setSavedAt(null);
    stopped.current = false;
  };

  const stop = () => {
    stopped.current = true;
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    // A save sent just before the intake was saved can reach the core after the intake deleted the
    // draft and write it back: once it has landed, delete the draft again.
    const late = inFlight.current;
    if (late) void late.then(() => call('intake.draftClear', {}));
  };

  return { restoredAt, savedAt, discard, stop, ready };
}
