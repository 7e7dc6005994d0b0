/**
 * The type of `window.api` as the preload builds it: one method per contract channel, each
 * resolving to that channel's Result. Type-only, so any host (or the renderer) can import it.
 */
import type { ChannelName } from '../shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../shared/contract/channels';
import type { Result } from '../shared/contract/result';

export type PreloadApi = {
  /** `idempotencyKey`: one per user action; a retry of that action sends the same key. */
  [C in ChannelName]: (input: ChannelInput<C>, idempotencyKey?: string) => Promise<Result<ChannelResult<C>>>;
};
