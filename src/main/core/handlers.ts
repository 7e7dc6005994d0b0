/** The channel → service table. Dispatch has already checked session, input and role. */
import type { ChannelName } from '../../shared/contract/channel-names';
import type { ChannelParsed, ChannelResult } from '../../shared/contract/channels';
import type { ServiceContext } from './context';
import * as applications from './services/applications';
import * as auth from './services/auth';
import * as backups from './services/backups';
import * as bsreDesk from './services/bsre-desk';
import * as bsreRegistration from './services/bsre-registration';
import * as bsreSettings from './services/bsre-settings';
import * as clockService from './services/clock';
import * as dashboard from './services/dashboard';
import * as documents from './services/documents';
import * as holders from './services/holders';
import * as identityDesk from './services/identity-desk';
import * as intake from './services/intake';
import * as intakeAssist from './services/intake-assist';
import * as messages from './services/messages';
import * as office from './services/office';
import * as officeNetwork from './services/office-network';
import * as printables from './services/printables';
import * as privacyErase from './services/privacy-erase';
import * as privacyExport from './services/privacy-export';
import * as queue from './services/queue';
import * as recapExport from './services/recap-export';
import * as recapImport from './services/recap-import';
import * as reports from './services/reports';
import * as retention from './services/retention';
import * as setup from './services/setup';
import * as smtpSettings from './services/smtp-settings';
import * as staffDirectory from './services/staff-directory';
import * as training from './services/training';
import * as users from './services/users';
import * as workflow from './services/workflow';

type Handlers = {
  [C in ChannelName]: (ctx: ServiceContext, input: ChannelParsed<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

export const HANDLERS: Handlers = {
  'setup.status': async (ctx) => await setup.setupStatus(ctx),
  'setup.initialize': setup.initialize,
  'auth.login': auth.login,
  'auth.logout': async (ctx) => await auth.logout(ctx),
  'auth.me': async (ctx) => await auth.me(ctx),
  'auth.lock': (ctx) => auth.lock(ctx),
  'auth.unlock': auth.unlock,
  'office.get': async (ctx) => await office.getOffice(ctx),
  'office.update': office.updateOffice,
  'sop.list': async (ctx) => await office.listTemplates(ctx),
  'users.list': async (ctx) => await users.list(ctx),
  'users.create': users.create,
  'users.update': users.update,
  'applications.list': applications.list,
  'applications.get': applications.get,
  'applications.create': intake.createApplication,
  'applications.act': workflow.act,
  'applications.return': workflow.returnToApplicant,
  'applications.resubmit': workflow.resubmit,
  'applications.reject': workflow.reject,
  'documents.get': documents.getDocument,
  'holders.list': holders.list,
  'holders.refreshBsre': async (ctx) => await holders.refreshBsre(ctx),
  'holders.refreshProgress': (ctx) => holders.refreshProgress(ctx),
  'bsre.status': (ctx) => bsreDesk.connection(ctx),
  'bsre.getSettings': async (ctx) => await bsreSettings.getSettings(ctx),
  'bsre.updateSettings': bsreSettings.updateSettings,
  'bsre.testConnection': (ctx) => bsreSettings.testConnection(ctx),
  'bsre.checkNik': bsreDesk.checkNik,
  'bsre.refreshApplication': bsreDesk.refreshApplication,
  'bsre.resolveRegistration': bsreRegistration.resolveRegistration,
  'bsre.reportKycRefusal': bsreRegistration.reportKycRefusal,
  'identity.get': identityDesk.get,
  'identity.consent': identityDesk.consent,
  'identity.captureKtp': identityDesk.captureKtp,
  'identity.confirmFields': identityDesk.confirmFields,
  'identity.captureSelfie': identityDesk.captureSelfie,
  'identity.checkFrame': identityDesk.checkFrame,
  'training.state': (ctx) => training.getState(ctx),
  'training.act': training.act,
  'queue.list': queue.list,
  'queue.reassign': queue.reassign,
  'dashboard.get': dashboard.get,
  'holders.importPreview': recapImport.preview,
  'holders.importCommit': recapImport.commit,
  'holders.importProgress': (ctx) => recapImport.progress(ctx),
  'holders.export': recapExport.exportHolders,
  'holders.renewalDraft': holders.renewalDraft,
  'reports.facilitation': reports.facilitation,
  'reports.facilitationFile': reports.facilitationFile,
  'printables.get': printables.get,
  'messages.compose': messages.compose,
  'messages.send': messages.send,
  'messages.log': messages.log,
  'messages.getSmtp': async (ctx) => await smtpSettings.getSmtp(ctx),
  'messages.updateSmtp': smtpSettings.updateSmtp,
  'retention.get': async (ctx) => await retention.getSettings(ctx),
  'retention.update': retention.updateSettings,
  'retention.purgeNow': async (ctx) => await retention.purgeNow(ctx),
  'retention.log': retention.log,
  'privacy.export': privacyExport.exportNik,
  'privacy.erase': privacyErase.eraseNik,
  'backup.get': async (ctx) => await backups.getSettings(ctx),
  'backup.update': backups.updateSettings,
  'backup.run': (ctx) => backups.run(ctx),
  'backup.list': backups.list,
  'clock.status': async (ctx) => await clockService.status(ctx),
  'clock.confirm': async (ctx) => await clockService.confirm(ctx),
  'staff.importPreview': staffDirectory.importPreview,
  'staff.importCommit': staffDirectory.importCommit,
  'staff.lookup': staffDirectory.lookup,
  'staff.flags': async (ctx) => await staffDirectory.flags(ctx),
  'intake.readKtp': intakeAssist.readKtp,
  'intake.readLetter': intakeAssist.readLetter,
  'intake.checkFile': intakeAssist.checkFile,
  'intake.draftGet': async (ctx) => await intakeAssist.draftGet(ctx),
  'intake.draftSave': intakeAssist.draftSave,
  'intake.draftClear': async (ctx) => await intakeAssist.draftClear(ctx),
  'intake.getSettings': async (ctx) => await intakeAssist.getSettings(ctx),
  'intake.updateSettings': intakeAssist.updateSettings,
  'intake.nextAgenda': async (ctx) => await intakeAssist.nextAgenda(ctx),
  'applications.createCollective': intake.createCollective,
  'network.status': async (ctx) => await officeNetwork.status(ctx),
  'network.pairingCode': async (ctx) => await officeNetwork.pairingCode(ctx),
  'network.devices': async (ctx) => await officeNetwork.devices(ctx),
  'network.revokeDevice': officeNetwork.revokeDevice,
  'network.updateSettings': officeNetwork.updateSettings,
};
