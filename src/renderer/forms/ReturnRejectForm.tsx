/** Secondary actions on the current step: return to the applicant, or reject — each with a reason. */
import { type FormEvent, useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { CONFLICT_CODES } from './step-conflict';

interface Props {
  app: ApplicationDetail;
  mode: 'return' | 'reject';
  onDone: (next: ApplicationDetail) => void;
  onCancel: () => void;
  /** Another desk moved the application first: the screen re-reads and says who. */
  onConflict?: (stepNo: number) => void;
}

export function ReturnRejectForm({ app, mode, onDone, onCancel, onConflict }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const id = mode === 'return' ? 'return-reason' : 'reject-reason';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { applicationId: app.id, stepNo: app.currentStepNo, reason };
    const result =
      mode === 'return' ? await call('applications.return', input) : await call('applications.reject', input);
    if (result.ok) onDone(result.value);
    else if (onConflict && CONFLICT_CODES.includes(result.error.code)) onConflict(app.currentStepNo);
    else {
      setError(result.error.message);
      setFieldError(result.error.fields?.reason);
    }
  };

  return (
    <form className="action-panel secondary-panel" onSubmit={submit}>
      <h2>{mode === 'return' ? 'Kembalikan kepada pemohon' : 'Tolak permohonan'}</h2>
      <ErrorBanner message={error} />
      <Field
        id={id}
        label={mode === 'return' ? 'Alasan pengembalian (apa yang harus dilengkapi)' : 'Alasan penolakan'}
        error={fieldError}
        required
      >
        <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <div className="actions">
        <button type="submit" className={mode === 'return' ? 'primary' : 'danger'}>
          {mode === 'return' ? 'Kembalikan' : 'Tolak permohonan'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Batal
        </button>
      </div>
    </form>
  );
}
