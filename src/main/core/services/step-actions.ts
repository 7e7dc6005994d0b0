/**
 * What each kind of step action requires and records. `collectStepData` checks that the input
 * covers every action of the current step and returns the data to keep in the step history.
 */
import type { ChannelParsed } from '../../../shared/contract/channels';
import { certificateExpiry } from '../../../shared/domain/certificate';
import type { FaceMatchResult } from '../../../shared/domain/identity';
import type { Office } from '../../../shared/domain/office';
import { todayIn } from '../../../shared/domain/time';
import type { SopStep } from '../../../shared/sop/template';
import { fail } from '../failure';
import type { Db } from '../store/db';
import type { BsreMode } from '../store/repos/bsre-settings';
import type { IdentityCheckRecord } from '../store/repos/identity-checks';
import { findUserById } from '../store/repos/users';
import type { Issuance } from './step-transition';
import { type CheckedUpload, checkUpload } from './uploads';

export interface StepOutcome {
  data: Record<string, unknown>;
  /** In training/live mode the registration goes to BSrE through the outbox instead of completing now. */
  registrationRequest?: boolean;
  assignVerifierId?: string;
  issuance?: Issuance;
  handover?: { receivedBy: string; handedOverAt: string };
  selfie?: CheckedUpload;
  /** Set when the identity step was completed by "verifikasi manual" (audited on its own). */
  manualIdentity?: { reason: string; note: string };
}

type ActInput = ChannelParsed<'applications.act'>;

export interface BsreContext {
  mode: BsreMode;
  /** The certificate as BSrE reported it (training/live mode), if it is issued. */
  issued: Issuance | null;
  /** The identity desk's record for this application, if the verifier used it. */
  identity?: IdentityCheckRecord | null;
  /** When the application was last returned: desk evidence from before then does not count. */
  lastReturnedAt?: string | null;
}

interface DeskEvidence {
  record: IdentityCheckRecord;
  ktpDocumentId: string;
  selfieDocumentId: string;
  face: FaceMatchResult;
}

/**
 * The identity step's evidence from the desk: consent, the KTP image with its confirmed fields,
 * the selfie and the face result, all on this application and newer than its last return.
 * Anything missing refuses the step (IDENTITY_EVIDENCE_MISSING), whatever the renderer sent.
 */
export function deskEvidence(record: IdentityCheckRecord | null, lastReturnedAt: string | null): DeskEvidence {
  const current = record && (!lastReturnedAt || record.consentAt > lastReturnedAt) ? record : null;
  const missing = [
    !current && 'persetujuan pemohon',
    !current?.ktpDocumentId && 'foto KTP',
    !current?.confirmedAt && 'konfirmasi data KTP',
    !current?.selfieDocumentId && 'swafoto',
    !current?.face && 'hasil pencocokan wajah',
  ].filter((m): m is string => typeof m === 'string');
  if (!current || !current.ktpDocumentId || !current.selfieDocumentId || !current.face || missing.length > 0)
    fail(
      'IDENTITY_EVIDENCE_MISSING',
      `Verifikasi identitas belum lengkap di Meja Verifikasi (belum ada: ${missing.join(', ')}). Selesaikan di Meja Verifikasi, atau pilih verifikasi manual dengan alasan.`,
      { 'identityCheck.decision': `Belum ada: ${missing.join(', ')}` },
    );
  return {
    record: current,
    ktpDocumentId: current.ktpDocumentId,
    selfieDocumentId: current.selfieDocumentId,
    face: current.face,
  };
}

/** What is kept of a face match next to the decision: scores, thresholds, model — no images. */
export function faceSummary(face: FaceMatchResult) {
  return {
    distance: face.distance,
    band: face.band,
    thresholds: face.thresholds,
    modelVersion: face.modelVersion,
    nearIdentical: face.nearIdentical,
    screenSuspected: face.screenSuspected === true,
    selfieFaceCount: face.selfieFaceCount,
  };
}

export async function collectStepData(
  db: Db,
  office: Office,
  now: Date,
  step: SopStep,
  input: ActInput,
  receivedOn: string,
  bsre: BsreContext,
): Promise<StepOutcome> {
  const automated = bsre.mode !== 'manual';
  const outcome: StepOutcome = { data: {} };
  const missing = (field: string, message: string): never => fail('VALIDATION_FAILED', message, { [field]: message });
  const today = todayIn(office.timeZone, now);

  for (const action of step.actions) {
    switch (action) {
      case 'intake':
        fail('STEP_MISMATCH', 'Langkah penerimaan surat dicatat saat permohonan dibuat.');
        break;
      case 'disposition':
        if (!input.note.trim()) missing('note', 'Isi catatan disposisi');
        outcome.data.disposition = input.note;
        break;
      case 'assignVerifier': {
        const id = input.assignVerifierId ?? missing('assignVerifierId', 'Pilih verifikator yang ditugaskan');
        const verifier = await findUserById(db, id);
        if (!verifier || verifier.role !== 'verifikator' || !verifier.active)
          missing('assignVerifierId', 'Pilih verifikator aktif');
        outcome.assignVerifierId = id;
        outcome.data.assignedVerifier = { id, name: verifier?.fullName };
        break;
      }
      case 'checklist': {
        const ticks = input.checklist ?? [];
        const unchecked = step.checklist.filter((_, i) => ticks[i] !== true);
        if (ticks.length !== step.checklist.length || unchecked.length > 0)
          fail(
            'REQUIREMENTS_INCOMPLETE',
            `Kelengkapan belum terpenuhi: ${unchecked.join('; ')}. Lengkapi, atau kembalikan berkas kepada pemohon.`,
            { checklist: 'Semua butir kelengkapan harus dicentang' },
          );
        outcome.data.checklist = step.checklist.map((item) => ({ item, ok: true }));
        break;
      }
      case 'bsreRegistration': {
        if (automated) {
          outcome.registrationRequest = true;
          outcome.data.bsreRegistration = { requestedAt: now.toISOString(), mode: bsre.mode };
          break;
        }
        const reg = input.bsreRegistration ?? missing('bsreRegistration', 'Konfirmasi pendaftaran ke BSrE');
        outcome.data.bsreRegistration = { reference: reg.reference, recordedManually: true };
        break;
      }
      case 'activation':
        if (automated) fail('BSRE_DRIVEN_STEP');
        if (!input.activation?.confirmed)
          missing('activation.confirmed', 'Konfirmasi bahwa pemohon sudah aktivasi akun');
        outcome.data.activation = { confirmed: true };
        break;
      case 'passphrase':
        if (automated) fail('BSRE_DRIVEN_STEP');
        if (!input.passphrase?.confirmed)
          missing('passphrase.confirmed', 'Konfirmasi bahwa pemohon sudah membuat passphrase sendiri');
        outcome.data.passphrase = { confirmedByApplicant: true };
        break;
      case 'identityCheck': {
        const check =
          input.identityCheck ?? missing('identityCheck.decision', 'Pilih hasil verifikasi KTP dan swafoto');
        if (check.decision !== 'match')
          fail(
            'REQUIREMENTS_INCOMPLETE',
            'Foto KTP dan swafoto dinyatakan tidak sesuai: kembalikan atau tolak permohonan.',
            { 'identityCheck.decision': 'Tidak sesuai' },
          );
        if (check.manual) {
          if (check.selfie) outcome.selfie = checkUpload(check.selfie, 'identityCheck.selfie');
          outcome.manualIdentity = { reason: check.manual.reason, note: check.manual.note };
          outcome.data.identityCheck = {
            decision: check.decision,
            method: 'manual',
            manual: { reason: check.manual.reason, note: check.manual.note, seenInPerson: true },
            reason: check.reason,
            selfieStored: Boolean(check.selfie),
          };
          break;
        }
        const desk = deskEvidence(bsre.identity ?? null, bsre.lastReturnedAt ?? null);
        if (check.selfie)
          fail('VALIDATION_FAILED', 'Swafoto diambil di Meja Verifikasi, bukan diunggah pada formulir langkah.', {
            'identityCheck.selfie': 'Ambil swafoto di Meja Verifikasi',
          });
        if (desk.face.band !== 'cocok' && !check.reason.trim())
          missing(
            'identityCheck.reason',
            desk.face.band === null
              ? 'Wajah tidak dapat dibandingkan: tulis alasan keputusan sesuai'
              : 'Hasil pencocokan wajah bukan "cocok": tulis alasan keputusan sesuai',
          );
        outcome.data.identityCheck = {
          decision: check.decision,
          method: 'desk',
          reason: check.reason,
          selfieStored: true,
          identityCheckId: desk.record.id,
          consentAt: desk.record.consentAt,
          ktpDocumentId: desk.ktpDocumentId,
          selfieDocumentId: desk.selfieDocumentId,
          fieldsConfirmed: true,
          face: faceSummary(desk.face),
        };
        break;
      }
      case 'issuance': {
        if (automated) {
          outcome.issuance = bsre.issued ?? fail('BSRE_NOT_ISSUED');
          outcome.data.issuance = { ...outcome.issuance, source: 'bsre' };
          break;
        }
        const issuance = input.issuance ?? missing('issuance.issuedAt', 'Isi tanggal terbit sertifikat');
        if (issuance.issuedAt > today) missing('issuance.issuedAt', 'Tanggal terbit tidak boleh setelah hari ini');
        if (issuance.issuedAt < receivedOn)
          missing('issuance.issuedAt', 'Tanggal terbit tidak boleh sebelum permohonan diterima');
        outcome.issuance = {
          issuedAt: issuance.issuedAt,
          expiresAt: certificateExpiry(issuance.issuedAt),
          serialNumber: issuance.serialNumber || null,
        };
        outcome.data.issuance = outcome.issuance;
        break;
      }
      case 'handover': {
        const handover = input.handover ?? missing('handover.receivedBy', 'Isi data penyerahan sertifikat');
        if (handover.handedOverAt > today)
          missing('handover.handedOverAt', 'Tanggal penyerahan tidak boleh setelah hari ini');
        if (handover.handedOverAt < (outcome.issuance?.issuedAt ?? receivedOn))
          missing('handover.handedOverAt', 'Tanggal penyerahan tidak boleh sebelum sertifikat terbit');
        outcome.handover = handover;
        outcome.data.handover = handover;
        break;
      }
    }
  }
  if (input.note.trim() && !outcome.data.disposition) outcome.data.note = input.note;
  return outcome;
}
