/**
 * The verifier's in-person check: consent first, then the KTP capture (stored sealed, read by OCR,
 * cross-checked), the fields the verifier confirms (they fill the application), and the selfie
 * compared with the KTP portrait. Images go into the sealed document store; the renderer keeps none.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { CONSENT_VERSION } from '../../../shared/domain/consent';
import type { IdentityDeskState } from '../../../shared/domain/identity-desk';
import { faceHints } from '../../../shared/identity/frame-quality';
import { crossCheckKtp } from '../../../shared/identity/ktp/cross-check';
import { nameAfterCardConfirmation } from '../../../shared/intake/bsre-name';
import { stepOf } from '../../../shared/sop/template';
import type { ServiceContext } from '../context';
import { fail, Failure } from '../failure';
import { inTransaction } from '../store/db';
import { type ApplicationRecord, getApplication, updateApplicantIdentity } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertDocument, readDocument } from '../store/repos/documents';
import { type IdentityCheckRecord, latestIdentityCheck, saveIdentityCheck } from '../store/repos/identity-checks';
import { readIntakeKtpReading } from '../store/repos/intake';
import { templateFor } from './application-view';
import { newId } from './ids';
import { checkImage } from './uploads';

/** Runs an engine on an image; an image the decoder cannot read is the user's problem, not a crash. */
async function onImage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Failure) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'FaceEngineError') throw error;
    fail('IMAGE_UNREADABLE');
  }
}

async function openApplication(ctx: ServiceContext, id: string): Promise<ApplicationRecord> {
  const app = (await getApplication(ctx.db, ctx.dataKey, id)) ?? fail('NOT_FOUND');
  if (app.status === 'completed' || app.status === 'rejected') fail('APPLICATION_CLOSED');
  if (app.status === 'returned') fail('APPLICATION_RETURNED');
  return app;
}

/**
 * Inside the transaction that records an OCR or face result: the application is read again, and
 * if it was returned, rejected, completed or moved to another step while the engine ran — or the
 * desk session was replaced — nothing is stored.
 */
async function stillOpen(
  ctx: ServiceContext,
  before: ApplicationRecord,
  check: IdentityCheckRecord,
): Promise<ApplicationRecord> {
  const now = await openApplication(ctx, before.id);
  if (now.currentStepNo !== before.currentStepNo) fail('STEP_MISMATCH');
  const current = await latestIdentityCheck(ctx.db, ctx.dataKey, before.id);
  if (!current || current.id !== check.id)
    fail('STEP_MISMATCH', 'Sesi Meja Verifikasi diganti saat gambar diproses. Ambil ulang fotonya.');
  return now;
}

function stateOf(ctx: ServiceContext, app: ApplicationRecord, check: IdentityCheckRecord | null): IdentityDeskState {
  const step = stepOf(templateFor(ctx, app.templateId), app.currentStepNo);
  return {
    applicationId: app.id,
    stepIsIdentityCheck: app.status === 'inProgress' && Boolean(step?.actions.includes('identityCheck')),
    consent: check ? { at: check.consentAt, version: check.consentVersion } : null,
    ktp:
      check?.ktpDocumentId && check.ocr
        ? {
            documentId: check.ktpDocumentId,
            ocr: check.ocr,
            crossCheck: crossCheckKtp({
              ocr: check.ocr.fields,
              form: { nik: app.nik, name: app.applicantName, nip: app.nip },
            }),
            confirmed: check.confirmed,
          }
        : null,
    selfie: check?.selfieDocumentId && check.face ? { documentId: check.selfieDocumentId, face: check.face } : null,
  };
}

async function requireConsent(ctx: ServiceContext, app: ApplicationRecord): Promise<IdentityCheckRecord> {
  return (
    (await latestIdentityCheck(ctx.db, ctx.dataKey, app.id)) ??
    fail('VALIDATION_FAILED', 'Persetujuan pemohon belum dicatat. Minta persetujuan sebelum memotret KTP atau wajah.')
  );
}

async function storeImage(
  ctx: ServiceContext,
  app: ApplicationRecord,
  kind: 'ktp' | 'selfie',
  image: ChannelParsed<'identity.captureKtp'>['image'],
  at: string,
): Promise<{ id: string; bytes: Buffer }> {
  const checked = checkImage({ kind, ...image }, 'image');
  const id = newId();
  await insertDocument(
    ctx.db,
    ctx.dataKey,
    {
      id,
      applicationId: app.id,
      kind,
      fileName: checked.fileName,
      mimeType: checked.mimeType,
      size: checked.bytes.length,
      sha256: checked.sha256,
      uploadedAt: at,
      uploadedBy: ctx.caller?.userId ?? '',
    },
    checked.bytes,
  );
  return { id, bytes: checked.bytes };
}

export async function get(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.get'>,
): Promise<ChannelResult<'identity.get'>> {
  const app = (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND');
  return stateOf(ctx, app, await latestIdentityCheck(ctx.db, ctx.dataKey, app.id));
}

export async function consent(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.consent'>,
): Promise<ChannelResult<'identity.consent'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await inTransaction(ctx.db, async () => {
    const app = await openApplication(ctx, input.applicationId);
    const at = ctx.clock.now().toISOString();
    // The KTP scan read at intake (#15): the desk starts from it; the verifier may still retake it.
    const fromIntake = await readIntakeKtpReading(ctx.db, ctx.dataKey, app.id);
    const check: IdentityCheckRecord = {
      id: newId(),
      applicationId: app.id,
      consentAt: at,
      consentVersion: CONSENT_VERSION,
      consentRecordedBy: caller.userId,
      ktpDocumentId: fromIntake?.documentId ?? null,
      ocr: fromIntake?.ocr ?? null,
      // Not described at intake: the decision describes the card itself (the slower path) then.
      ktpFace: null,
      confirmed: null,
      confirmedAt: null,
      selfieDocumentId: null,
      face: null,
      createdAt: at,
      updatedAt: at,
    };
    await saveIdentityCheck(ctx.db, ctx.dataKey, check);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'identity.consent',
      entity: 'application',
      entityId: app.id,
      detail: { version: CONSENT_VERSION },
    });
    return stateOf(ctx, app, check);
  });
}

export async function captureKtp(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.captureKtp'>,
): Promise<ChannelResult<'identity.captureKtp'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const app = await openApplication(ctx, input.applicationId);
  const started = await requireConsent(ctx, app);
  const bytes = checkImage({ kind: 'ktp', ...input.image }, 'image').bytes;
  // The portrait is described now (in parallel with OCR) so the selfie decision needs only the selfie.
  const [ocr, ktpFace] = await Promise.all([
    onImage(() => ctx.identity.readKtp(bytes, { names: [app.applicantName] })),
    ctx.identity.describeKtpFace(bytes).catch(() => null), // the decision describes the card itself then
  ]);
  return await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    await stillOpen(ctx, app, started);
    const check = await requireConsent(ctx, app);
    const stored = await storeImage(ctx, app, 'ktp', input.image, at);
    // A new KTP image makes an earlier face score stale: the selfie is compared again with this card.
    const next = {
      ...check,
      ktpDocumentId: stored.id,
      ocr,
      ktpFace,
      confirmed: null,
      confirmedAt: null,
      selfieDocumentId: null,
      face: null,
      updatedAt: at,
    };
    await saveIdentityCheck(ctx.db, ctx.dataKey, next);
    const confidences = Object.fromEntries(
      Object.entries(ocr.fields).map(([k, f]) => [k, Math.round(f.confidence * 100) / 100]),
    );
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'identity.ktp_captured',
      entity: 'application',
      entityId: app.id,
      detail: { documentId: stored.id, engine: ocr.engine, confidences },
    });
    return stateOf(ctx, app, next);
  });
}

export async function confirmFields(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.confirmFields'>,
): Promise<ChannelResult<'identity.confirmFields'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await inTransaction(ctx.db, async () => {
    const app = await openApplication(ctx, input.applicationId);
    const check = await requireConsent(ctx, app);
    if (!check.ocr) fail('VALIDATION_FAILED', 'KTP belum dipotret atau diunggah.');
    const at = ctx.clock.now().toISOString();
    // The card's upper-case name never replaces the same name as written (with gelar, in its own case).
    const name = nameAfterCardConfirmation(app.applicantName, input.fields.nama);
    const changed = input.fields.nik !== app.nik || name !== app.applicantName;
    if (changed) await updateApplicantIdentity(ctx.db, ctx.dataKey, app.id, { nik: input.fields.nik, name, at });
    const next = { ...check, confirmed: input.fields, confirmedAt: at, updatedAt: at };
    await saveIdentityCheck(ctx.db, ctx.dataKey, next);
    const corrected = Object.entries(input.fields)
      .filter(([k, v]) => (check.ocr?.fields[k as keyof typeof check.ocr.fields]?.value ?? '') !== v)
      .map(([k]) => k);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'identity.fields_confirmed',
      entity: 'application',
      entityId: app.id,
      detail: { corrected, applicationUpdated: changed },
    });
    return stateOf(ctx, (await getApplication(ctx.db, ctx.dataKey, app.id)) ?? app, next);
  });
}

export async function captureSelfie(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.captureSelfie'>,
): Promise<ChannelResult<'identity.captureSelfie'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const app = await openApplication(ctx, input.applicationId);
  const check = await requireConsent(ctx, app);
  if (!check.ktpDocumentId)
    fail('VALIDATION_FAILED', 'Potret atau unggah KTP terlebih dahulu; swafoto dibandingkan dengan foto pada KTP.');
  const ktp = (await readDocument(ctx.db, ctx.dataKey, check.ktpDocumentId)) ?? fail('NOT_FOUND');
  const selfieBytes = checkImage({ kind: 'selfie', ...input.image }, 'image').bytes;
  const face = await onImage(() => ctx.identity.compareFaces(ktp.bytes, selfieBytes, check.ktpFace));
  return await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    await stillOpen(ctx, app, check);
    const current = await requireConsent(ctx, app);
    if (current.ktpDocumentId !== check.ktpDocumentId)
      fail('VALIDATION_FAILED', 'Foto KTP diganti saat swafoto diproses. Ambil ulang swafoto.');
    const stored = await storeImage(ctx, app, 'selfie', input.image, at);
    const next = { ...current, selfieDocumentId: stored.id, face, updatedAt: at };
    await saveIdentityCheck(ctx.db, ctx.dataKey, next);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'identity.selfie_captured',
      entity: 'application',
      entityId: app.id,
      detail: {
        documentId: stored.id,
        distance: face.distance,
        band: face.band,
        thresholds: face.thresholds,
        modelVersion: face.modelVersion,
        nearIdentical: face.nearIdentical,
        screenSuspected: face.screenSuspected === true,
        selfieFaceCount: face.selfieFaceCount,
      },
    });
    return stateOf(ctx, app, next);
  });
}

/** Live selfie hints from a small preview frame: no face, several faces, face too small. Not stored. */
export async function checkFrame(
  ctx: ServiceContext,
  input: ChannelParsed<'identity.checkFrame'>,
): Promise<ChannelResult<'identity.checkFrame'>> {
  const app = await openApplication(ctx, input.applicationId);
  await requireConsent(ctx, app);
  const bytes = checkImage({ kind: 'selfie', ...input.image }, 'image').bytes;
  const found = await onImage(() => ctx.identity.detectFaces(bytes));
  return { faces: found.faceHeights.length, hints: faceHints(found.frameHeight, found.faceHeights) };
}
