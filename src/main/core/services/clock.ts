/**
 * The Admin's side of the clock guard: what the core thinks of the clock, and "the clock is right"
 * — which ends the hold and runs the retention purge that was waiting for it.
 */
import type { ChannelResult } from '../../../shared/contract/channels';
import { clockHold, confirmClock } from '../clock-guard';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { runRetentionPurge } from './retention';

export function status(ctx: ServiceContext): ChannelResult<'clock.status'> {
  return { now: ctx.clock.now().toISOString(), hold: clockHold(ctx.db) };
}

export function confirm(ctx: ServiceContext): ChannelResult<'clock.confirm'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const held = confirmClock(ctx.db, ctx.clock.now(), caller.userId);
  if (held) runRetentionPurge(ctx, null);
  return status(ctx);
}
