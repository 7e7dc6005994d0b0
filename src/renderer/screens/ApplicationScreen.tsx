/**
 * One application: who applied, where it stands in the SOP, and the one action the caller can take.
 * It follows the office's change events: when another desk moves it, the screen re-reads and says
 * who acted and when (also when this desk's own action lost the race for the same step).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { SERVICE_TYPE_LABELS } from '../../shared/domain/application';
import { completedByBsre } from '../../shared/domain/bsre-status';
import { canOpenDocument, ROLE_LABELS } from '../../shared/domain/roles';
import { formatDate } from '../../shared/domain/time';
import { formatNip } from '../../shared/identity/nip';
import { type SopStep, type SopTemplate, stepOf } from '../../shared/sop/template';
import { call, hasActionInFlight } from '../api';
import { StatusBadge } from '../components/Badges';
import { BsrePanel } from '../components/BsrePanel';
import { DocumentsList } from '../components/DocumentsList';
import { ErrorBanner } from '../components/Field';
import { LetterViewer } from '../components/LetterViewer';
import { MessagesPanel } from '../components/MessagesPanel';
import { PrintablesPanel } from '../components/PrintablesPanel';
import { Timeline } from '../components/Timeline';
import { ResubmitForm } from '../forms/ResubmitForm';
import { ReturnRejectForm } from '../forms/ReturnRejectForm';
import { conflictNotice } from '../forms/step-conflict';
import { StepActionForm } from '../forms/StepActionForm';
import { useApp } from '../state/app-store';
import { useLiveUpdates } from '../state/use-live-updates';

function isInFlight(app: ApplicationDetail): boolean {
  const state = app.bsre.registration?.state;
  return state === 'pending' || state === 'sending' || state === 'unknown';
}

function waitingText(app: ApplicationDetail, step: SopStep): string {
  if (app.bsre.mode !== 'manual' && completedByBsre(step))
    return `Langkah ${step.no} menunggu BSrE: diperbarui otomatis saat status BSrE berubah (${app.bsre.statusLabel}).`;
  return `Menunggu langkah ${step.no} oleh ${ROLE_LABELS[step.actor]}.`;
}

export function ApplicationScreen({ id }: { id: string }) {
  const { user, go, office } = useApp();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const shown = useRef<ApplicationDetail | null>(null);
  const [template, setTemplate] = useState<SopTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secondary, setSecondary] = useState<'return' | 'reject' | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [manual, setManual] = useState(false);

  const load = useCallback(async () => {
    const [detail, templates] = await Promise.all([call('applications.get', { id }), call('sop.list', {})]);
    if (!detail.ok) return setError(detail.error.message);
    if (!templates.ok) return setError(templates.error.message);
    setApp(detail.value);
    setTemplate(templates.value.templates.find((t) => t.id === detail.value.templateId) ?? null);
    return detail.value;
  }, [id]);

  useEffect(() => {
    shown.current = app;
  }, [app]);

  useEffect(() => {
    void load();
  }, [load]);

  const zone = office?.timeZone ?? 'WIB';
  // Another desk acted while this one had the step open: say who and when (our own action is shown already).
  useLiveUpdates(
    (event) => event.kind === 'application' && event.applicationId === id,
    () => {
      // Our own action is on its way (perhaps retrying): its answer, not a re-read, updates the screen.
      if (hasActionInFlight()) return;
      const before = shown.current;
      void load().then((next) => {
        if (!next || !before || !before.allowed.act) return;
        if (next.currentStepNo !== before.currentStepNo || next.status !== before.status)
          setConflict(conflictNotice(next, before.currentStepNo, zone));
      });
    },
  );

  const lostRace = (stepNo: number) => {
    setSecondary(null);
    setManual(false);
    void load().then((next) => next && setConflict(conflictNotice(next, stepNo, zone)));
    window.scrollTo({ top: 0 });
  };

  // While BSrE has the next move (a registration in flight, a BSrE-driven step), follow it on screen.
  const waitingOnBsre = Boolean(
    app && app.bsre.mode !== 'manual' && app.status === 'inProgress' && (isInFlight(app) || app.bsre.nextCheckAt),
  );
  useEffect(() => {
    if (!waitingOnBsre) return;
    const timer = window.setInterval(() => void load(), 3_000);
    return () => window.clearInterval(timer);
  }, [waitingOnBsre, load]);

  if (error) return <ErrorBanner message={error} />;
  if (!app || !template || !user) return <p>Memuat permohonan…</p>;
  const step = stepOf(template, app.currentStepNo);
  const identityStep = Boolean(step?.actions.includes('identityCheck'));

  const updated = (next: ApplicationDetail, message: string) => {
    setApp(next);
    setConflict(null);
    setSecondary(null);
    setManual(false);
    setFlash(message);
    window.scrollTo({ top: 0 });
  };

  // After a step, land on what is next for this user: the same application when its next step is
  // theirs (or BSrE is taking the registration now, or it is finished and the receipt is printed
  // here), otherwise their queue with a note of what they just did.
  const stepDone = (next: ApplicationDetail, doneStepNo: number) => {
    const inFlight = next.currentStepNo === doneStepNo && next.status === 'inProgress';
    if (inFlight) return updated(next, 'Pendaftaran dikirim ke BSrE. Langkah selesai setelah BSrE menerimanya.');
    const message = `Langkah ${doneStepNo} selesai.`;
    const nextStep = stepOf(template, next.currentStepNo);
    if (next.status !== 'inProgress' || next.allowed.act || !nextStep)
      return updated(
        next,
        next.allowed.act ? `${message} Langkah ${next.currentStepNo} berikutnya juga tugas Anda.` : message,
      );
    go({ name: 'queue', notice: `${message} ${next.applicantName}: ${waitingText(next, nextStep)}` });
  };

  return (
    <section className="application">
      <div className="page-head">
        <div>
          <button type="button" className="link" onClick={() => go({ name: 'applications' })}>
            ← Daftar permohonan
          </button>
          <h1>
            {app.applicantName} <StatusBadge status={app.status} />
          </h1>
          <div className="muted">
            {app.referenceNo} · {SERVICE_TYPE_LABELS[app.serviceType]} · {template.office}
          </div>
        </div>
      </div>
      {conflict && (
        <div className="banner banner-warn" role="alert" data-testid="step-conflict">
          {conflict}
        </div>
      )}
      {flash && !conflict && (
        <div className="banner banner-ok" role="status">
          {flash}
        </div>
      )}
      {app.status === 'returned' && (
        <div className="banner banner-warn" role="status">
          Dikembalikan kepada pemohon: {app.returnReason}
        </div>
      )}
      {app.certificate && (
        <div className="banner banner-ok">
          Sertifikat terbit {formatDate(app.certificate.issuedAt)}, berlaku hingga{' '}
          <strong>{formatDate(app.certificate.expiresAt)}</strong>
        </div>
      )}
      <div className="columns">
        <div className="main-col">
          {app.allowed.act && step && !secondary && identityStep && !manual && (
            <div className="action-panel">
              <h2>Langkah {step.no}: verifikasi identitas di Meja Verifikasi</h2>
              <p>Minta persetujuan pemohon, potret KTP dan wajah pemohon, lalu catat keputusan Anda.</p>
              <button type="button" className="primary big" onClick={() => go({ name: 'identityDesk', id: app.id })}>
                Buka Meja Verifikasi
              </button>
            </div>
          )}
          {app.allowed.act && step && !secondary && (
            <>
              {step.actions.includes('disposition') && <LetterViewer documents={app.documents} />}
              {(!identityStep || manual) && (
                <StepActionForm
                  key={`${app.id}-${step.no}`}
                  app={app}
                  step={step}
                  onDone={(next) => stepDone(next, step.no)}
                  onConflict={lostRace}
                />
              )}
              <div className="actions secondary-actions">
                {identityStep && (
                  <button type="button" className="secondary" onClick={() => setManual((m) => !m)}>
                    {manual ? 'Kembali ke Meja Verifikasi' : 'Verifikasi manual (kamera rusak, KTP digital)…'}
                  </button>
                )}
                {app.allowed.return && (
                  <button type="button" className="secondary" onClick={() => setSecondary('return')}>
                    Kembalikan kepada pemohon
                  </button>
                )}
                {app.allowed.reject && (
                  <button type="button" className="secondary danger-text" onClick={() => setSecondary('reject')}>
                    Tolak permohonan
                  </button>
                )}
              </div>
            </>
          )}
          {secondary && (
            <ReturnRejectForm
              app={app}
              mode={secondary}
              onCancel={() => setSecondary(null)}
              onConflict={lostRace}
              onDone={(next) =>
                updated(
                  next,
                  secondary === 'return' ? 'Permohonan dikembalikan kepada pemohon.' : 'Permohonan ditolak.',
                )
              }
            />
          )}
          {app.allowed.resubmit && (
            <ResubmitForm
              app={app}
              onDone={(next) => updated(next, 'Berkas perbaikan diterima; proses dilanjutkan.')}
            />
          )}
          {!app.allowed.act && app.status === 'inProgress' && step && (
            <p className="banner banner-info" role="status">
              {waitingText(app, step)}
            </p>
          )}
          <Timeline app={app} template={template} />
        </div>
        <aside className="side-col">
          <section className="panel">
            <h2>Pemohon</h2>
            <dl className="facts">
              <dt>NIK</dt>
              <dd className="mono">{app.applicant.nik}</dd>
              <dt>NIP</dt>
              <dd className="mono">{formatNip(app.applicant.nip)}</dd>
              <dt>Pangkat/golongan</dt>
              <dd>{app.applicant.rank}</dd>
              <dt>Jabatan</dt>
              <dd>{app.applicant.position}</dd>
              <dt>Unit kerja/OPD</dt>
              <dd>{app.applicant.agency}</dd>
              <dt>Email dinas</dt>
              <dd>{app.applicant.officialEmail ?? (app.applicant.needsOfficialEmail ? 'Perlu dibuat' : '–')}</dd>
              <dt>HP/WhatsApp</dt>
              <dd>{app.applicant.phone}</dd>
              {app.assignedVerifier && (
                <>
                  <dt>Verifikator</dt>
                  <dd>{app.assignedVerifier.name}</dd>
                </>
              )}
            </dl>
          </section>
          <section className="panel">
            <h2>Surat</h2>
            <dl className="facts">
              <dt>Nomor</dt>
              <dd>{app.letter.number}</dd>
              <dt>Tanggal</dt>
              <dd>{formatDate(app.letter.date)}</dd>
              <dt>Perihal</dt>
              <dd>{app.letter.subject}</dd>
              <dt>Nomor agenda</dt>
              <dd>{app.letter.agendaNumber}</dd>
            </dl>
          </section>
          {app.agencyHead && (
            <section className="panel">
              <h2>KA OPD</h2>
              <p>
                {app.agencyHead.name}
                <br />
                <span className="mono">{formatNip(app.agencyHead.nip)}</span>
                <br />
                {app.agencyHead.position}
              </p>
            </section>
          )}
          <BsrePanel app={app} onUpdated={(next) => setApp(next)} />
          <MessagesPanel app={app} />
          <PrintablesPanel app={app} />
          <DocumentsList documents={app.documents} canOpen={(d) => canOpenDocument(user.role, d.kind)} />
        </aside>
      </div>
    </section>
  );
}
