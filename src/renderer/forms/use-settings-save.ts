/**
 * The save step every settings form shares: send the values, show the core's message and put its
 * per-field errors on the fields, or mark the form saved and hand the stored view back.
 */
import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

import type { Result } from '../../shared/contract/result';
import { applyServerErrors } from './server-errors';

export function useSettingsSave<F extends FieldValues, V extends FieldValues, R>(
  form: UseFormReturn<F, unknown, V>,
  save: (values: V) => Promise<Result<R>>,
  onSaved: (stored: R) => void | Promise<void>,
) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = form.handleSubmit(async (values) => {
    setSaved(false);
    const r = await save(values);
    if (!r.ok) {
      setError(r.error.message);
      applyServerErrors(form.setError, r.error);
      return;
    }
    setError(null);
    setSaved(true);
    await onSaved(r.value);
  });
  return { error, setError, saved, submit };
}
