/**
 * The list of channel names, kept free of zod so the sandboxed preload bundle stays tiny:
 * the preload builds one `window.api` method per name and nothing else.
 */
export const CHANNEL_NAMES = [
  'setup.status',
  'setup.initialize',
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.lock',
  'auth.unlock',
  'office.get',
  'office.update',
  'sop.list',
  'users.list',
  'users.create',
  'users.update',
  'applications.list',
  'applications.get',
  'applications.create',
  'applications.act',
  'applications.return',
  'applications.resubmit',
  'applications.reject',
  'documents.get',
  'holders.list',
  'holders.refreshBsre',
  'holders.refreshProgress',
  'bsre.status',
  'bsre.getSettings',
  'bsre.updateSettings',
  'bsre.testConnection',
  'bsre.checkNik',
  'bsre.refreshApplication',
  'identity.get',
  'identity.consent',
  'identity.captureKtp',
  'identity.confirmFields',
  'identity.captureSelfie',
  'identity.checkFrame',
  'training.state',
  'training.act',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

export function isChannelName(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}
