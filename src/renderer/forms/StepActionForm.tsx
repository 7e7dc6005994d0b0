/**
 * The one action the current step needs, for the role that performs it: built from the step's
 * actions (disposition, checklist, BSrE registration, activation, identity check, passphrase,
 * issuance, handover). The passphrase itself is never asked for. The identity check is done at the
 * Meja Verifikasi; here only its audited fallback, "verifikasi manual", with a reason.
 */
import { type FormEvent, useEffect, useState } from 'react';

import type { ActInput } from '../../shared/contract/schemas';
import type { ApplicationDetail } from '../../shared/domain/application';
import { certificateExpiry } from '../../shared/domain/certificate';
import {
  MANUAL_VERIFICATION_LABELS,
  MANUAL_VERIFICATION_REASONS,
  type ManualVerificationReason,
} from '../../shared/domain/identity-desk';
import type { UserView } from '../../shared/domain/office';
import type { Role } from '../../shared/domain/roles';
import { formatDate, todayIn } from '../../shared/domain/time';
import type { SopStep } from '../../shared/sop/template';
import { call } from '../api';
import { DateInput } from '../components/DateInput';
import { ErrorBanner, Field } from '../components/Field';
import { useApp } from '../state/app-store';
import { CONFLICT_CODES } from './step-conflict';

const DISPOSITION_DEFAULTS: Partial<Record<Role, string>> = {
  kadin: 'Diteruskan kepada Kabid untuk ditelaah dan ditindaklanjuti.',
  kabid: 'Diteruskan kepada Kasi untuk ditindaklanjuti.',
  kasi: 'Diteruskan kepada verifikator untuk pendataan dan pembuatan sertifikat elektronik.',
};

interface Props {
  app: ApplicationDetail;
  step: SopStep;
  onDone: (next: ApplicationDetail) => void;
  /** Another desk moved the application first (a conflict code): the screen re-reads and says who. */
  onConflict?: (stepNo: number) => void;
}

export function StepActionForm({ app, step, onDone, onConflict }: Props) {
  const { user, office } = useApp();
  const today = todayIn(office?.timeZone ?? 'WIB', new Date());
  const has = (a: SopStep['actions'][number]) => step.actions.includes(a);
  const automated = app.bsre.mode !== 'manual';
  const [note, setNote] = useState(has('disposition') && user ? (DISPOSITION_DEFAULTS[user.role] ?? '') : '');
  const [verifiers, setVerifiers] = useState<UserView[]>([]);
  const [verifierId, setVerifierId] = useState('');
  const [ticks, setTicks] = useState<boolean[]>(step.checklist.map(() => false));
  const [registered, setRegistered] = useState(false);
  const [reference, setReference] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [manualReason, setManualReason] = useState<ManualVerificationReason | ''>('');
  const [reason, setReason] = useState('');
  const [seenInPerson, setSeenInPerson] = useState(false);
  const [issuedAt, setIssuedAt] = useState(today);
  const [serial, setSerial] = useState('');
  const [receivedBy, setReceivedBy] = useState(app.applicant.name);
  const [handedOverAt, setHandedOverAt] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!has('assignVerifier')) return;
    void call('users.list', {}).then((r) => {
      if (!r.ok) return;
      const active = r.value.filter((u) => u.role === 'verifikator' && u.active);
      setVerifiers(active);
      if (active[0]) setVerifierId((v) => v || (active[0]?.id ?? ''));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step.no]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: ActInput = { applicationId: app.id, stepNo: step.no, note };
    if (has('assignVerifier')) input.assignVerifierId = verifierId || undefined;
    if (has('checklist')) input.checklist = ticks;
    if (has('bsreRegistration') && registered) input.bsreRegistration = { reference };
    if (has('activation') && confirmed) input.activation = { confirmed: true };
    if (has('passphrase') && confirmed) input.passphrase = { confirmed: true };
    if (has('identityCheck'))
      input.identityCheck = {
        decision: 'match',
        reason: '',
        manual: {
          reason: manualReason as ManualVerificationReason,
          note: reason,
          seenInPerson: seenInPerson as true,
        },
      };
    if (has('issuance')) input.issuance = { issuedAt, serialNumber: serial };
    if (has('handover')) input.handover = { receivedBy, handedOverAt };
    setBusy(true);
    const result = await call('applications.act', input);
    setBusy(false);
    if (result.ok) onDone(result.value);
    else if (onConflict && CONFLICT_CODES.includes(result.error.code)) onConflict(step.no);
    else {
      setError(result.error.message);
      setFields(result.error.fields ?? {});
    }
  };

  return (
    <form className="action-panel" onSubmit={submit} aria-label={`Tindakan langkah ${step.no}`}>
      <h2>Langkah {step.no}: tindakan Anda</h2>
      <p className="muted">{step.activity}</p>
      <ErrorBanner message={error} />
      {has('assignVerifier') && (
        <Field id="assign-verifier" label="Verifikator yang ditugaskan" error={fields.assignVerifierId} required>
          <select id="assign-verifier" value={verifierId} onChange={(e) => setVerifierId(e.target.value)}>
            <option value="">— pilih verifikator —</option>
            {verifiers.map((v) => (
              <option key={v.id} value={v.id}>
                {v.fullName}
              </option>
            ))}
          </select>
        </Field>
      )}
      {has('checklist') && (
        <fieldset className="checklist">
          <legend>Kelengkapan berkas</legend>
          {step.checklist.map((item, i) => (
            <label key={item} className="check">
              <input
                type="checkbox"
                checked={ticks[i] ?? false}
                onChange={(e) => setTicks((t) => t.map((v, j) => (j === i ? e.target.checked : v)))}
              />
              {item}
            </label>
          ))}
          {fields.checklist && (
            <div className="field-error" role="alert">
              {fields.checklist}
            </div>
          )}
        </fieldset>
      )}
      {has('bsreRegistration') && automated && (
        <fieldset>
          <legend>Pendaftaran BSrE</legend>
          <p>
            Data pemohon ({app.applicant.name}, {app.applicant.officialEmail ?? 'email dinas belum ada'}) dikirim ke
            BSrE. BSrE mengirim tautan aktivasi ke email pemohon. Langkah ini selesai setelah BSrE menerima pendaftaran.
          </p>
          {app.bsre.registration?.state === 'failed' && (
            <div className="warning">{app.bsre.registration.lastError}</div>
          )}
        </fieldset>
      )}
      {has('bsreRegistration') && !automated && (
        <fieldset>
          <legend>Pendaftaran BSrE</legend>
          <label className="check">
            <input type="checkbox" checked={registered} onChange={(e) => setRegistered(e.target.checked)} />
            Pemohon sudah didaftarkan ke BSrE dan tautan aktivasi terkirim ke email pemohon
          </label>
          {fields.bsreRegistration && (
            <div className="field-error" role="alert">
              {fields.bsreRegistration}
            </div>
          )}
          <Field id="bsre-reference" label="Nomor/ID pendaftaran BSrE (opsional)">
            <input id="bsre-reference" value={reference} onChange={(e) => setReference(e.target.value)} />
          </Field>
        </fieldset>
      )}
      {(has('activation') || has('passphrase')) && (
        <fieldset>
          <legend>{has('activation') ? 'Aktivasi akun' : 'Passphrase'}</legend>
          <label className="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {has('activation')
              ? 'Pemohon sudah mengaktivasi akun melalui email dari BSrE'
              : 'Pemohon sudah membuat passphrase sendiri melalui tautan email BSrE'}
          </label>
          {has('passphrase') && (
            <p className="hint">
              Passphrase hanya diketahui pemohon. Aplikasi ini tidak pernah meminta atau menyimpannya.
            </p>
          )}
          {(fields['activation.confirmed'] ?? fields['passphrase.confirmed']) && (
            <div className="field-error" role="alert">
              {fields['activation.confirmed'] ?? fields['passphrase.confirmed']}
            </div>
          )}
        </fieldset>
      )}
      {has('identityCheck') && (
        <fieldset>
          <legend>Verifikasi manual (tanpa Meja Verifikasi)</legend>
          <p className="hint">
            Hanya bila kamera rusak atau pemohon membawa KTP digital (IKD). Alasan dicatat di log audit dan dihitung
            dalam laporan fasilitasi.
          </p>
          <Field
            id="manual-reason"
            label="Alasan verifikasi manual"
            error={fields['identityCheck.manual.reason']}
            required
          >
            <select
              id="manual-reason"
              value={manualReason}
              onChange={(e) => setManualReason(e.target.value as ManualVerificationReason | '')}
            >
              <option value="">— pilih alasan —</option>
              {MANUAL_VERIFICATION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {MANUAL_VERIFICATION_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="manual-note"
            label="Keterangan pemeriksaan"
            error={fields['identityCheck.manual.note']}
            hint="Mis.: kamera meja rusak; KTP asli dicocokkan langsung dengan wajah pemohon."
            required
          >
            <textarea id="manual-note" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={seenInPerson} onChange={(e) => setSeenInPerson(e.target.checked)} />
            KTP asli atau KTP digital pemohon sudah saya periksa langsung dan cocok dengan wajah pemohon
          </label>
          {(fields['identityCheck.manual.seenInPerson'] ?? fields['identityCheck.decision']) && (
            <div className="field-error" role="alert">
              {fields['identityCheck.manual.seenInPerson'] ?? fields['identityCheck.decision']}
            </div>
          )}
        </fieldset>
      )}
      {has('issuance') && automated && (
        <fieldset>
          <legend>Sertifikat terbit</legend>
          {app.certificate ? (
            <p>
              Menurut BSrE: terbit {formatDate(app.certificate.issuedAt)}, berlaku hingga{' '}
              <strong>{formatDate(app.certificate.expiresAt)}</strong>.
            </p>
          ) : (
            <p className="warning">Sertifikat belum berstatus ISSUE di BSrE. Tunggu, atau periksa status BSrE.</p>
          )}
        </fieldset>
      )}
      {has('issuance') && !automated && (
        <fieldset>
          <legend>Sertifikat terbit</legend>
          <div className="grid-2">
            <Field
              id="issued-at"
              label="Tanggal terbit"
              error={fields['issuance.issuedAt']}
              required
              hint={issuedAt ? `Berlaku hingga ${formatDate(certificateExpiry(issuedAt))} (2 tahun)` : undefined}
            >
              <DateInput id="issued-at" max={today} value={issuedAt} onChange={setIssuedAt} />
            </Field>
            <Field id="serial" label="Nomor seri sertifikat (opsional)">
              <input id="serial" value={serial} onChange={(e) => setSerial(e.target.value)} />
            </Field>
          </div>
        </fieldset>
      )}
      {has('handover') && (
        <fieldset>
          <legend>Penyerahan</legend>
          <div className="grid-2">
            <Field id="received-by" label="Diterima oleh" error={fields['handover.receivedBy']} required>
              <input id="received-by" value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} />
            </Field>
            <Field id="handed-over-at" label="Tanggal penyerahan" error={fields['handover.handedOverAt']} required>
              <DateInput id="handed-over-at" max={today} value={handedOverAt} onChange={setHandedOverAt} />
            </Field>
          </div>
          <p className="hint">Pemohon akan masuk ke rekap pengguna TTE.</p>
        </fieldset>
      )}
      <Field
        id="step-note"
        label={has('disposition') ? 'Catatan disposisi' : 'Catatan (opsional)'}
        error={fields.note}
        required={has('disposition')}
      >
        <textarea id="step-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="primary big" disabled={busy}>
        {busy
          ? 'Menyimpan…'
          : has('bsreRegistration') && automated
            ? 'Daftarkan ke BSrE'
            : has('identityCheck')
              ? `Selesaikan langkah ${step.no} dengan verifikasi manual`
              : `Selesaikan langkah ${step.no}`}
      </button>
    </form>
  );
}
