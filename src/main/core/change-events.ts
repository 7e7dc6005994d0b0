/**
 * Which change events a successful mutating call announces (see events.ts): the application it
 * names (in its input or its result) and the queue; the recap after an import or a BSrE refresh.
 * Only ids leave here, never content.
 */
import type { ChannelName } from '../../shared/contract/channel-names';
import type { ChangeEvent } from '../../shared/contract/transport';
import { usesIdempotency } from './idempotency';

const RECAP_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(['holders.importCommit', 'holders.refreshBsre']);
const QUEUE_PREFIXES = ['applications.', 'queue.', 'identity.', 'bsre.'];

const stringField = (value: unknown, field: string): string | null => {
  if (!value || typeof value !== 'object') return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' && found.length > 0 ? found : null;
};

/** The application a call names: `applicationId` in its input or result, or the id of an application result. */
function applicationOf(channel: ChannelName, input: unknown, value: unknown): string | null {
  return (
    stringField(input, 'applicationId') ??
    stringField(value, 'applicationId') ??
    (channel.startsWith('applications.') ? stringField(value, 'id') : null)
  );
}

/** Read-only channels announce nothing (a re-read on an event must not announce another). */
export function changeEventsFor(channel: ChannelName, input: unknown, value: unknown): ChangeEvent[] {
  if (!usesIdempotency(channel)) return [];
  const events: ChangeEvent[] = [];
  const applicationId = applicationOf(channel, input, value);
  if (applicationId) events.push({ kind: 'application', applicationId });
  if (applicationId || QUEUE_PREFIXES.some((prefix) => channel.startsWith(prefix))) events.push({ kind: 'queue' });
  if (RECAP_CHANNELS.has(channel)) events.push({ kind: 'recap' });
  return events;
}
