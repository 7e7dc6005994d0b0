/**
 * What a successful call changed, told to the change bus so every window, desk and browser can
 * re-read: the application it touched (and the queue, which lists it), or the recap. Only ids and
 * kinds — never content. Called by the dispatch after a call succeeded (a replay of a stored
 * idempotent answer announces nothing: it changed nothing).
 */
import type { ChannelName } from '../../shared/contract/channel-names';
import type { ChangeEvent } from '../../shared/contract/transport';
import type { ChangeBus } from './events';

/** Channels that move an application (its state, step, evidence, BSrE registration or verifier). */
const APPLICATION_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'applications.create',
  'applications.act',
  'applications.return',
  'applications.resubmit',
  'applications.reject',
  'bsre.refreshApplication',
  'bsre.resolveRegistration',
  'bsre.reportKycRefusal',
  'identity.consent',
  'identity.captureKtp',
  'identity.confirmFields',
  'identity.captureSelfie',
  'queue.reassign',
  'training.act',
]);

const RECAP_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(['holders.importCommit', 'holders.refreshBsre']);

function stringField(value: unknown, field: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' && found !== '' ? found : null;
}

export function changesOf(channel: ChannelName, input: unknown, value: unknown): ChangeEvent[] {
  if (RECAP_CHANNELS.has(channel)) return [{ kind: 'recap' }];
  if (channel === 'applications.createCollective') return [{ kind: 'queue' }];
  if (!APPLICATION_CHANNELS.has(channel)) return [];
  const applicationId =
    stringField(input, 'applicationId') ?? stringField(value, 'applicationId') ?? stringField(value, 'id');
  return applicationId ? [{ kind: 'application', applicationId }, { kind: 'queue' }] : [{ kind: 'queue' }];
}

export function announceChanges(bus: ChangeBus, channel: ChannelName, input: unknown, value: unknown): void {
  for (const event of changesOf(channel, input, value)) bus.emit(event);
}
