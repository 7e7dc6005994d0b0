/**
 * The verifier's decision on a BSrE registration the app cannot settle alone: check the email at
 * BSrE again, send it again, or record that BSrE has it (seen in the BSrE portal) with a reason.
 */
import { useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { REGISTRATION_DECISION_LABELS, type RegistrationDecision } from '../../shared/domain/bsre';
import { call } from '../api';

export function RegistrationDecisions({
  app,
  onUpdated,
}: {
  app: ApplicationDetail;
  onUpdated: (next: ApplicationDetail) => void;
}) {
  const registration = app.bsre.registration;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);
  const [reason, setReason] = useState('');
  if (!registration || registration.decisions.length === 0) return null;

  const decide = async (action: RegistrationDecision) => {
    setBusy(true);
    const result = await call('bsre.resolveRegistration', { applicationId: app.id, action, reason });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fields?.reason ?? result.error.message);
      return;
    }
    setError(null);
    setMarking(false);
    setReason('');
    onUpdated(result.value);
  };

  return (
    <div className="stack" data-testid="bsre-registration-decisions">
      <p className="hint">
        Buka portal BSrE dengan akun verifikator dan cari email <strong>{registration.email}</strong>. Bila belum ada,
        pilih “{REGISTRATION_DECISION_LABELS.resend}”; bila sudah ada, pilih “
        {REGISTRATION_DECISION_LABELS.markRegistered}” dan tulis alasannya.
      </p>
      <div className="actions">
        {registration.decisions.includes('recheck') && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void decide('recheck')}>
            {REGISTRATION_DECISION_LABELS.recheck}
          </button>
        )}
        {registration.decisions.includes('resend') && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void decide('resend')}>
            {REGISTRATION_DECISION_LABELS.resend}
          </button>
        )}
        {registration.decisions.includes('markRegistered') && !marking && (
          <button type="button" className="secondary" disabled={busy} onClick={() => setMarking(true)}>
            {REGISTRATION_DECISION_LABELS.markRegistered}
          </button>
        )}
      </div>
      {marking && (
        <div className="field">
          <label htmlFor="bsre-mark-reason">Alasan (apa yang terlihat di portal BSrE)</label>
          <textarea id="bsre-mark-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void decide('markRegistered')}>
              Simpan: sudah terdaftar di BSrE
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setMarking(false)}>
              Batal
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
