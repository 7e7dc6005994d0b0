/**
 * The API contract: for each channel, its zod input schema, who may call it, and its result type.
 * Both hosts dispatch through this table; the core enforces the roles, the renderer reads them
 * only to hide buttons a role cannot use.
 */
import type { z } from 'zod';

import type { ApplicationDetail, ApplicationSummary } from '../domain/application';
import type { BackupLogEntry, BackupSettingsView } from '../domain/backups';
import type {
  BsreConnectionInfo,
  BsreSettingsView,
  ConnectionTestResult,
  NikStatusCheck,
  RecapRefreshProgress,
  TrainingState,
} from '../domain/bsre';
import type { ClockStatus } from '../domain/clock';
import type { DashboardView } from '../domain/dashboard';
import type { GeneratedFile } from '../domain/files';
import type { IdentityDeskState } from '../domain/identity-desk';
import type { ComposedMessage, MessageLogEntry, SmtpSettingsView } from '../domain/messages';
import type { DeviceView, NetworkStatus, PairingCodeView } from '../domain/network';
import type { Office, SessionInfo, UserView } from '../domain/office';
import type { ErasureResult, PurgeLogEntry, PurgeRunResult, RetentionSettingsView } from '../domain/privacy';
import type { QueueView } from '../domain/queue';
import type { HolderPage, ImportPreview, ImportProgress, RenewalDraft } from '../domain/recap';
import type { FacilitationReport } from '../domain/reports';
import type { Role } from '../domain/roles';
import type {
  CollectiveIntakeResult,
  IntakeSettingsView,
  KtpIntakeReading,
  LetterReading,
  StaffFlagList,
  StaffImportPreview,
  StaffImportResult,
  StaffLookup,
} from '../domain/staff';
import type { FaceHint } from '../identity/frame-quality';
import type { SopTemplate } from '../sop/template';
import * as bk from './backup-schemas';
import type { ChannelName } from './channel-names';
import * as ik from './intake-schemas';
import * as nw from './network-schemas';
import * as p from './privacy-schemas';
import * as r from './records-schemas';
import * as s from './schemas';

/** `public`: no session needed. `any`: any signed-in role. Otherwise the listed roles only. */
export type Access = 'public' | 'any' | readonly Role[];

const staff: readonly Role[] = ['kadin', 'kabid', 'kasi', 'verifikator'];
const desk: readonly Role[] = ['kasi', 'verifikator'];
const trainers: readonly Role[] = ['admin', 'kasi', 'verifikator'];
const leaders: readonly Role[] = ['kadin', 'kabid', 'kasi'];

export const CHANNELS = {
  'setup.status': { input: s.emptySchema, access: 'public' },
  'setup.initialize': { input: s.setupSchema, access: 'public' },
  'auth.login': { input: s.loginSchema, access: 'public' },
  'auth.logout': { input: s.emptySchema, access: 'any' },
  'auth.me': { input: s.emptySchema, access: 'any' },
  'auth.lock': { input: s.emptySchema, access: 'any' },
  'auth.unlock': { input: s.unlockSchema, access: 'any' },
  'office.get': { input: s.emptySchema, access: 'any' },
  'office.update': { input: s.officeSchema, access: ['admin'] },
  'sop.list': { input: s.emptySchema, access: 'any' },
  'users.list': { input: s.emptySchema, access: ['admin', 'kasi'] },
  'users.create': { input: s.newUserSchema, access: ['admin'] },
  'users.update': { input: s.updateUserSchema, access: ['admin'] },
  'applications.list': { input: s.listApplicationsSchema, access: staff },
  'applications.get': { input: s.applicationIdSchema, access: staff },
  'applications.create': { input: s.intakeSchema, access: desk },
  'applications.act': { input: s.actSchema, access: staff },
  'applications.return': { input: s.returnSchema, access: desk },
  'applications.resubmit': { input: s.resubmitSchema, access: desk },
  'applications.reject': { input: s.rejectSchema, access: staff },
  // Kadin and Kabid may open the letter only: the service checks the document's kind.
  'documents.get': { input: s.documentIdSchema, access: staff },
  'holders.list': { input: r.holderPageSchema, access: staff },
  'holders.refreshBsre': { input: s.emptySchema, access: desk },
  'holders.refreshProgress': { input: s.emptySchema, access: staff },
  'bsre.status': { input: s.emptySchema, access: 'any' },
  'bsre.getSettings': { input: s.emptySchema, access: ['admin'] },
  'bsre.updateSettings': { input: s.bsreSettingsSchema, access: ['admin'] },
  'bsre.testConnection': { input: s.emptySchema, access: ['admin'] },
  'bsre.checkNik': { input: s.checkNikSchema, access: desk },
  'bsre.refreshApplication': { input: s.applicationRefSchema, access: staff },
  'bsre.resolveRegistration': { input: s.resolveRegistrationSchema, access: desk },
  'bsre.reportKycRefusal': { input: s.reportKycRefusalSchema, access: desk },
  'identity.get': { input: s.applicationRefSchema, access: desk },
  'identity.consent': { input: s.consentSchema, access: desk },
  'identity.captureKtp': { input: s.captureSchema, access: desk },
  'identity.confirmFields': { input: s.confirmFieldsSchema, access: desk },
  'identity.captureSelfie': { input: s.captureSchema, access: desk },
  'identity.checkFrame': { input: s.captureSchema, access: desk },
  'training.state': { input: s.emptySchema, access: trainers },
  'training.act': { input: s.trainingActSchema, access: trainers },
  'queue.list': { input: r.queueFilterSchema, access: staff },
  'queue.reassign': { input: r.reassignSchema, access: ['kasi'] },
  'dashboard.get': { input: r.dashboardSchema, access: staff },
  'holders.importPreview': { input: r.importPreviewSchema, access: desk },
  'holders.importCommit': { input: r.importCommitSchema, access: desk },
  'holders.importProgress': { input: s.emptySchema, access: desk },
  'holders.export': { input: r.holderExportSchema, access: staff },
  'holders.renewalDraft': { input: r.holderRefSchema, access: desk },
  'reports.facilitation': { input: r.facilitationReportSchema, access: leaders },
  'reports.facilitationFile': { input: r.facilitationFileSchema, access: leaders },
  'printables.get': { input: r.printableSchema, access: staff },
  'messages.compose': { input: r.composeMessageSchema, access: desk },
  'messages.send': { input: r.sendMessageSchema, access: desk },
  'messages.log': { input: r.messageLogSchema, access: staff },
  'messages.getSmtp': { input: s.emptySchema, access: ['admin'] },
  'messages.updateSmtp': { input: r.smtpSettingsSchema, access: ['admin'] },
  'retention.get': { input: s.emptySchema, access: ['admin'] },
  'retention.update': { input: p.retentionUpdateSchema, access: ['admin'] },
  'retention.purgeNow': { input: s.emptySchema, access: ['admin'] },
  'retention.log': { input: p.purgeLogSchema, access: ['admin'] },
  'privacy.export': { input: p.privacyExportSchema, access: ['admin', 'kasi'] },
  'privacy.erase': { input: p.privacyEraseSchema, access: ['admin'] },
  'backup.get': { input: s.emptySchema, access: ['admin'] },
  'backup.update': { input: bk.backupSettingsSchema, access: ['admin'] },
  'backup.run': { input: s.emptySchema, access: ['admin'] },
  'backup.list': { input: bk.backupLogSchema, access: ['admin'] },
  'clock.status': { input: s.emptySchema, access: ['admin'] },
  'clock.confirm': { input: s.emptySchema, access: ['admin'] },
  'staff.importPreview': { input: ik.staffImportPreviewSchema, access: ['admin'] },
  'staff.importCommit': { input: ik.staffImportCommitSchema, access: ['admin'] },
  'staff.lookup': { input: ik.staffLookupSchema, access: desk },
  'staff.flags': { input: s.emptySchema, access: ['admin', 'kasi'] },
  'intake.readKtp': { input: ik.intakeReadKtpSchema, access: desk },
  'intake.readLetter': { input: ik.intakeReadLetterSchema, access: desk },
  'intake.checkFile': { input: ik.intakeCheckFileSchema, access: desk },
  'intake.draftGet': { input: s.emptySchema, access: desk },
  'intake.draftSave': { input: ik.intakeDraftSaveSchema, access: desk },
  'intake.draftClear': { input: s.emptySchema, access: desk },
  'intake.getSettings': { input: s.emptySchema, access: ['admin', 'kasi', 'verifikator'] },
  'intake.updateSettings': { input: ik.intakeSettingsSchema, access: ['admin'] },
  'intake.nextAgenda': { input: s.emptySchema, access: desk },
  'applications.createCollective': { input: ik.collectiveIntakeSchema, access: desk },
  'network.status': { input: s.emptySchema, access: ['admin'] },
  'network.pairingCode': { input: s.emptySchema, access: ['admin'] },
  'network.devices': { input: s.emptySchema, access: ['admin'] },
  'network.revokeDevice': { input: nw.revokeDeviceSchema, access: ['admin'] },
  'network.updateSettings': { input: nw.networkSettingsSchema, access: ['admin'] },
} as const satisfies Record<ChannelName, { input: z.ZodType; access: Access }>;

export interface ChannelResults {
  'setup.status': { initialized: boolean; templates: { id: string; name: string; office: string }[] };
  'setup.initialize': SessionInfo;
  'auth.login': SessionInfo;
  'auth.logout': { loggedOut: true };
  'auth.me': SessionInfo;
  'auth.lock': { locked: true };
  'auth.unlock': SessionInfo;
  'office.get': Office;
  'office.update': Office;
  'sop.list': { activeTemplateId: string; templates: SopTemplate[] };
  'users.list': UserView[];
  'users.create': UserView;
  'users.update': UserView;
  'applications.list': ApplicationSummary[];
  'applications.get': ApplicationDetail;
  'applications.create': ApplicationDetail;
  'applications.act': ApplicationDetail;
  'applications.return': ApplicationDetail;
  'applications.resubmit': ApplicationDetail;
  'applications.reject': ApplicationDetail;
  'documents.get': { id: string; fileName: string; mimeType: string; dataBase64: string };
  'holders.list': HolderPage;
  'holders.refreshBsre': RecapRefreshProgress;
  'holders.refreshProgress': RecapRefreshProgress;
  'bsre.status': BsreConnectionInfo;
  'bsre.getSettings': BsreSettingsView;
  'bsre.updateSettings': BsreSettingsView;
  'bsre.testConnection': ConnectionTestResult;
  'bsre.checkNik': NikStatusCheck;
  'bsre.refreshApplication': ApplicationDetail;
  'bsre.resolveRegistration': ApplicationDetail;
  'bsre.reportKycRefusal': ApplicationDetail;
  'identity.get': IdentityDeskState;
  'identity.consent': IdentityDeskState;
  'identity.captureKtp': IdentityDeskState;
  'identity.confirmFields': IdentityDeskState;
  'identity.captureSelfie': IdentityDeskState;
  'identity.checkFrame': { faces: number; hints: FaceHint[] };
  'training.state': TrainingState;
  'training.act': TrainingState;
  'queue.list': QueueView;
  'queue.reassign': { applicationId: string; verifier: { id: string; name: string } };
  'dashboard.get': DashboardView;
  'holders.importPreview': ImportPreview;
  'holders.importCommit': ImportProgress;
  'holders.importProgress': ImportProgress;
  'holders.export': GeneratedFile;
  'holders.renewalDraft': RenewalDraft;
  'reports.facilitation': FacilitationReport;
  'reports.facilitationFile': GeneratedFile;
  'printables.get': GeneratedFile;
  'messages.compose': ComposedMessage;
  'messages.send': MessageLogEntry;
  'messages.log': MessageLogEntry[];
  'messages.getSmtp': SmtpSettingsView;
  'messages.updateSmtp': SmtpSettingsView;
  'retention.get': RetentionSettingsView;
  'retention.update': RetentionSettingsView;
  'retention.purgeNow': PurgeRunResult;
  'retention.log': PurgeLogEntry[];
  'privacy.export': GeneratedFile;
  'privacy.erase': ErasureResult;
  'backup.get': BackupSettingsView;
  'backup.update': BackupSettingsView;
  'backup.run': BackupLogEntry;
  'backup.list': BackupLogEntry[];
  'clock.status': ClockStatus;
  'clock.confirm': ClockStatus;
  'staff.importPreview': StaffImportPreview;
  'staff.importCommit': StaffImportResult;
  'staff.lookup': StaffLookup;
  'staff.flags': StaffFlagList;
  'intake.readKtp': KtpIntakeReading;
  'intake.readLetter': LetterReading;
  'intake.checkFile': { fileName: string; mimeType: string; size: number; sha256: string };
  'intake.draftGet': { draft: Record<string, unknown> | null; updatedAt: string | null };
  'intake.draftSave': { savedAt: string };
  'intake.draftClear': { cleared: true };
  'intake.getSettings': IntakeSettingsView;
  'intake.updateSettings': IntakeSettingsView;
  'intake.nextAgenda': { agendaNumber: string };
  'applications.createCollective': CollectiveIntakeResult;
  'network.status': NetworkStatus;
  'network.pairingCode': PairingCodeView;
  'network.devices': DeviceView[];
  'network.revokeDevice': DeviceView;
  'network.updateSettings': NetworkStatus;
}

export type ChannelInput<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['input']>;
export type ChannelParsed<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['input']>;
export type ChannelResult<C extends ChannelName> = ChannelResults[C];
