/**
 * Meja Verifikasi: consent → KTP (capture, OCR, cross-checks, confirm) → selfie (face match) →
 * the verifier's decision. Images leave the renderer as soon as they are captured.
 */
import { useCallback, useEffect, useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { CONSENT_PARAGRAPHS, CONSENT_TITLE } from '../../shared/domain/consent';
import type { IdentityDeskState } from '../../shared/domain/identity-desk';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { CameraCapture, type CapturedImage } from '../identity/CameraCapture';
import { EvidencePhotos } from '../identity/EvidencePhotos';
import { FaceResultPanel } from '../identity/FaceResultPanel';
import { KtpReview } from '../identity/KtpReview';
import { useApp } from '../state/app-store';

type Stage = 'consent' | 'ktp' | 'selfie' | 'decision';

function stageOf(s: IdentityDeskState, retakeKtp: boolean, retakeSelfie: boolean): Stage {
  if (!s.consent) return 'consent';
  if (!s.ktp || !s.ktp.confirmed || retakeKtp) return 'ktp';
  if (!s.selfie || retakeSelfie) return 'selfie';
  return 'decision';
}

const STAGES: { id: Stage; label: string }[] = [
  { id: 'consent', label: '1. Persetujuan' },
  { id: 'ktp', label: '2. KTP' },
  { id: 'selfie', label: '3. Swafoto' },
  { id: 'decision', label: '4. Keputusan' },
];

export function IdentityDeskScreen({ id }: { id: string }) {
  const go = useApp((s) => s.go);
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [state, setState] = useState<IdentityDeskState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [retakeKtp, setRetakeKtp] = useState(false);
  const [retakeSelfie, setRetakeSelfie] = useState(false);
  const [decision, setDecision] = useState<'match' | 'mismatch' | ''>('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const load = useCallback(async () => {
    const [a, s] = await Promise.all([call('applications.get', { id }), call('identity.get', { applicationId: id })]);
    if (!a.ok) return setError(a.error.message);
    if (!s.ok) return setError(s.error.message);
    setApp(a.value);
    setState(s.value);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const checkFaces = useCallback(
    async (frame: CapturedImage) => {
      const r = await call('identity.checkFrame', { applicationId: id, image: frame });
      return r.ok ? r.value.hints : [];
    },
    [id],
  );

  const run = async <T,>(
    work: () => Promise<
      { ok: true; value: T } | { ok: false; error: { message: string; fields?: Record<string, string> } }
    >,
    after: (v: T) => void,
  ) => {
    setBusy(true);
    const r = await work();
    setBusy(false);
    if (r.ok) {
      setError(null);
      after(r.value);
    } else setError(r.error.message);
  };

  if (error && !state) return <ErrorBanner message={error} />;
  if (!app || !state) return <p>Memuat meja verifikasi…</p>;
  const stage = stageOf(state, retakeKtp, retakeSelfie);
  const band = state.selfie?.face.band ?? null;
  const departs = decision !== '' && band !== null && (decision === 'match') !== (band === 'cocok');

  const decide = async () => {
    if (!decision) return setReasonError('Pilih sesuai atau tidak sesuai');
    if ((departs || decision === 'mismatch') && !reason.trim()) return setReasonError('Tulis alasan keputusan');
    setReasonError(undefined);
    if (decision === 'match') {
      await run(
        () =>
          call('applications.act', {
            applicationId: app.id,
            stepNo: app.currentStepNo,
            note: reason,
            identityCheck: { decision: 'match', reason },
          }),
        (next) =>
          next.allowed.act
            ? go({ name: 'application', id: app.id })
            : go({
                name: 'queue',
                notice: `Langkah ${app.currentStepNo} selesai. ${app.applicantName}: identitas terverifikasi, lanjut ke langkah ${next.currentStepNo}.`,
              }),
      );
    } else {
      await run(
        () =>
          call('applications.return', {
            applicationId: app.id,
            stepNo: app.currentStepNo,
            reason: `Verifikasi identitas tidak sesuai: ${reason}`,
          }),
        () => go({ name: 'application', id: app.id }),
      );
    }
  };

  const capture = (kind: 'ktp' | 'selfie') => (image: CapturedImage) =>
    void run(
      () => call(kind === 'ktp' ? 'identity.captureKtp' : 'identity.captureSelfie', { applicationId: app.id, image }),
      (next) => {
        setState(next);
        if (kind === 'ktp') setRetakeKtp(false);
        else setRetakeSelfie(false);
      },
    );

  return (
    <section className="stack identity-desk">
      <div className="page-head">
        <div>
          <button type="button" className="link" onClick={() => go({ name: 'application', id: app.id })}>
            ← Kembali ke permohonan
          </button>
          <h1>Meja Verifikasi — {app.applicantName}</h1>
          <div className="muted">
            {app.referenceNo} · langkah {app.currentStepNo}
          </div>
        </div>
      </div>
      <ol className="desk-steps" aria-label="Tahap verifikasi">
        {STAGES.map((s, i) => (
          <li
            key={s.id}
            className={s.id === stage ? 'active' : STAGES.findIndex((x) => x.id === stage) > i ? 'done' : ''}
            aria-current={s.id === stage ? 'step' : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      <ErrorBanner message={error} />
      {!state.stepIsIdentityCheck && (
        <div className="banner banner-info">
          Langkah saat ini bukan verifikasi identitas; hasil di sini disimpan tetapi keputusan dicatat pada langkah
          verifikasi.
        </div>
      )}

      {stage === 'consent' && (
        <div className="panel consent">
          <h2>{CONSENT_TITLE}</h2>
          {CONSENT_PARAGRAPHS.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <label className="check">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> Pemohon telah
            membaca dan menyetujui
          </label>
          <button
            type="button"
            className="primary big"
            disabled={!agreed || busy}
            onClick={() => void run(() => call('identity.consent', { applicationId: app.id, agreed: true }), setState)}
          >
            Pemohon setuju, lanjutkan
          </button>
        </div>
      )}

      {stage === 'ktp' && (
        <>
          {(!state.ktp || retakeKtp) && <CameraCapture mode="card" busy={busy} onCapture={capture('ktp')} />}
          {state.ktp && !retakeKtp && (
            <>
              <KtpReview
                key={state.ktp.documentId}
                ocr={state.ktp.ocr}
                rows={state.ktp.crossCheck}
                confirmed={state.ktp.confirmed}
                busy={busy}
                onConfirm={(fields) =>
                  void run(() => call('identity.confirmFields', { applicationId: app.id, fields }), setState)
                }
                onRetake={() => setRetakeKtp(true)}
              />
              <button type="button" className="secondary" onClick={() => setRetakeKtp(true)}>
                Ulangi foto KTP
              </button>
            </>
          )}
        </>
      )}

      {stage === 'selfie' && (
        <CameraCapture mode="face" busy={busy} onCapture={capture('selfie')} checkFaces={checkFaces} />
      )}

      {stage === 'decision' && state.selfie && state.ktp && (
        <div className="decision-grid">
          <EvidencePhotos
            ktpDocumentId={state.ktp.documentId}
            selfieDocumentId={state.selfie.documentId}
            ktpFaceBox={state.selfie.face.ktpFaceBox}
          />
          <div className="panel decision-panel">
            <FaceResultPanel face={state.selfie.face} />
            <h2>Keputusan verifikator</h2>
            <div role="radiogroup" aria-label="Keputusan verifikasi identitas">
              <label className="check">
                <input
                  type="radio"
                  name="identity-decision"
                  checked={decision === 'match'}
                  onChange={() => setDecision('match')}
                />{' '}
                Sesuai — KTP dan wajah pemohon cocok
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="identity-decision"
                  checked={decision === 'mismatch'}
                  onChange={() => setDecision('mismatch')}
                />{' '}
                Tidak sesuai — kembalikan kepada pemohon
              </label>
            </div>
            <Field
              id="identity-decision-reason"
              label={departs ? 'Alasan (keputusan berbeda dari hasil pencocokan)' : 'Alasan / catatan'}
              error={reasonError}
              required={departs || decision === 'mismatch'}
            >
              <textarea
                id="identity-decision-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            <div className="actions">
              <button
                type="button"
                className="primary big"
                disabled={busy || !state.stepIsIdentityCheck}
                onClick={() => void decide()}
              >
                Simpan keputusan
              </button>
              <button type="button" className="secondary" onClick={() => setRetakeSelfie(true)}>
                Ulangi swafoto
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
