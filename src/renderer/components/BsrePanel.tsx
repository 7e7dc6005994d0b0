/**
 * Where the application stands at BSrE: last status in Bahasa Indonesia (the raw value and code only
 * under "Rincian teknis"), when it was checked, BSrE's message, the registration request and the
 * verifier's decisions on it, and BSrE's KYC refusals.
 */
import { useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { BSRE_MODE_LABELS, REGISTRATION_STATE_LABELS } from '../../shared/domain/bsre';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { useApp } from '../state/app-store';
import { KycRefusals } from './KycRefusals';
import { RegistrationDecisions } from './RegistrationDecisions';

export function BsrePanel({
  app,
  onUpdated,
}: {
  app: ApplicationDetail;
  onUpdated: (next: ApplicationDetail) => void;
}) {
  const office = useApp((s) => s.office);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const b = app.bsre;
  if (b.mode === 'manual') return null;

  const refresh = async () => {
    setBusy(true);
    const result = await call('bsre.refreshApplication', { applicationId: app.id });
    setBusy(false);
    if (result.ok) {
      setError(null);
      onUpdated(result.value);
    } else setError(result.error.message);
  };

  return (
    <section className="panel" aria-label="Status BSrE">
      <h2>Status BSrE</h2>
      <p className="muted">{BSRE_MODE_LABELS[b.mode]}</p>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="bsre-status">{b.statusLabel}</dd>
        <dt>Diperiksa</dt>
        <dd>{b.checkedAt ? formatDateTime(b.checkedAt, office?.timeZone) : 'Belum pernah'}</dd>
        {b.message && (
          <>
            <dt>Pesan BSrE</dt>
            <dd>{b.message}</dd>
          </>
        )}
        {b.registration && (
          <>
            <dt>Pendaftaran</dt>
            <dd data-testid="bsre-registration">
              {REGISTRATION_STATE_LABELS[b.registration.state]}
              {b.registration.lastError && b.registration.state !== 'done' && (
                <div className="warning">{b.registration.lastError}</div>
              )}
            </dd>
          </>
        )}
      </dl>
      <RegistrationDecisions app={app} onUpdated={onUpdated} />
      <KycRefusals app={app} onUpdated={onUpdated} />
      {b.status && (
        <details className="muted">
          <summary>Rincian teknis</summary>
          <dl className="facts">
            <dt>Status BSrE (asli)</dt>
            <dd className="mono">{b.status}</dd>
            {b.statusCode && (
              <>
                <dt>Kode</dt>
                <dd className="mono">{b.statusCode}</dd>
              </>
            )}
          </dl>
        </details>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="secondary" onClick={() => void refresh()} disabled={busy}>
        {busy ? 'Memeriksa…' : 'Periksa status BSrE sekarang'}
      </button>
    </section>
  );
}
