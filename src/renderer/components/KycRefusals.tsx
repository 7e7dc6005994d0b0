/**
 * BSrE's KYC refusals at activation (Dukcapil name/NIK, liveness, WhatsApp number, expired link):
 * each named with what to do next, and a form for the verifier to record one BSrE reported in its
 * portal or by email.
 */
import { useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { KYC_REFUSAL_LABELS, KYC_REFUSAL_REASONS, type KycRefusalReason } from '../../shared/domain/kyc';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { useApp } from '../state/app-store';

export function KycRefusals({
  app,
  onUpdated,
}: {
  app: ApplicationDetail;
  onUpdated: (next: ApplicationDetail) => void;
}) {
  const office = useApp((s) => s.office);
  const role = useApp((s) => s.user?.role);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<KycRefusalReason>('nameMismatch');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // KYC happens at activation, after BSrE has the registration.
  const desk = (role === 'verifikator' || role === 'kasi') && app.bsre.registration?.state === 'done';
  const refusals = app.bsre.kycRefusals;

  const save = async () => {
    const result = await call('bsre.reportKycRefusal', { applicationId: app.id, reason, note });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setOpen(false);
    setNote('');
    onUpdated(result.value);
  };

  if (refusals.length === 0 && !desk) return null;

  return (
    <div className="stack" data-testid="bsre-kyc">
      {refusals.map((r) => (
        <div key={`${r.at}-${r.reason}`} className="banner banner-warn" role="status">
          <strong>Ditolak KYC BSrE: {r.label}</strong> (
          {r.source === 'bsre' ? 'dari status BSrE' : 'dicatat verifikator'}, {formatDateTime(r.at, office?.timeZone)})
          <div>{r.advice}</div>
          {r.note && r.note !== r.label && <div className="muted">Keterangan: {r.note}</div>}
        </div>
      ))}
      {desk && !open && (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Catat penolakan KYC BSrE
        </button>
      )}
      {desk && open && (
        <div className="stack">
          <div className="field">
            <label htmlFor="kyc-reason">Alasan penolakan</label>
            <select id="kyc-reason" value={reason} onChange={(e) => setReason(e.target.value as KycRefusalReason)}>
              {KYC_REFUSAL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {KYC_REFUSAL_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kyc-note">Keterangan (opsional)</label>
            <input id="kyc-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()}>
              Simpan penolakan
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
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
