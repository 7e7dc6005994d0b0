/**
 * The Admin's side of the clock guard: what the core thinks of the clock, and "the clock is right"
 * — which ends the hold and runs the retention purge that was waiting for it.
 */
import type { ChannelResult } from '../../../shared/contract/channels';
import { clockHold, confirmClock } from '../clock-guard';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { runRetentionPurge } from './retention';

export async function status(ctx: ServiceContext): Promise<ChannelResult<'clock.status'>> {
  return { now: ctx.clock.now().toISOString(), hold: await clockHold(ctx.db) };
}

export async function confirm(ctx: ServiceContext): Promise<ChannelResult<'clock.confirm'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const held = await confirmClock(ctx.db, ctx.clock.now(), caller.userId);
  if (held) await runRetentionPurge(ctx, null);
  return await status(ctx);
}
