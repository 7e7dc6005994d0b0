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
}

type ActInput = ChannelParsed<'applications.act'>;

export interface BsreContext {
  mode: BsreMode;
  /** The certificate as BSrE reported it (training/live mode), if it is issued. */
  issued: Issuance | null;
  /** The identity desk's record for this application, if the verifier used it. */
  identity?: IdentityCheckRecord | null;
}

/** What is kept of a face match next to the decision: scores, thresholds, model — no images. */
export function faceSummary(face: FaceMatchResult) {
  return {
    distance: face.distance,
    band: face.band,
    thresholds: face.thresholds,
    modelVersion: face.modelVersion,
    nearIdentical: face.nearIdentical,
    selfieFaceCount: face.selfieFaceCount,
  };
}

export function collectStepData(
  db: Db,
  office: Office,
  now: Date,
  step: SopStep,
  input: ActInput,
  receivedOn: string,
  bsre: BsreContext,
): StepOutcome {
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
        const verifier = findUserById(db, id);
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
        const desk = bsre.identity;
        const band = desk?.face?.band ?? null;
        if (band !== null && band !== 'cocok' && !check.reason.trim())
          missing('identityCheck.reason', 'Hasil pencocokan wajah bukan "cocok": tulis alasan keputusan sesuai');
        if (check.selfie) outcome.selfie = checkUpload(check.selfie, 'identityCheck.selfie');
        outcome.data.identityCheck = {
          decision: check.decision,
          reason: check.reason,
          selfieStored: Boolean(check.selfie) || Boolean(desk?.selfieDocumentId),
          ...(desk
            ? { identityCheckId: desk.id, consentAt: desk.consentAt, fieldsConfirmed: Boolean(desk.confirmedAt) }
            : {}),
          ...(desk?.face ? { face: faceSummary(desk.face) } : {}),
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
