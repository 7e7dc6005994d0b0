/** The trainer's panel in Mode Latihan: simulated activation emails and moving a simulated user along. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { TrainingState } from '../../../shared/domain/bsre';
import { canSeePersonalData } from '../../../shared/domain/roles';
import { maskNik } from '../../../shared/identity/nik';
import type { BsreSimulator } from '../bsre/simulator';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import {
  getApplication,
  latestApplicationIdForEmail,
  markDueForEmail,
  markDueForNik,
} from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';

function simulatorOf(ctx: ServiceContext): BsreSimulator {
  if (ctx.bsre.mode() !== 'training') fail('TRAINING_ONLY');
  return ctx.bsre.simulator() ?? fail('TRAINING_ONLY');
}

function state(ctx: ServiceContext, sim: BsreSimulator): TrainingState {
  const personal = ctx.caller ? canSeePersonalData(ctx.caller.role) : false;
  return {
    users: sim.users.list().map((u) => ({
      nik: personal ? u.nik : maskNik(u.nik),
      name: u.nama,
      email: u.email,
      status: u.status,
      certificateNotAfter: u.certificate ? u.certificate.notAfter.toISOString() : null,
    })),
    emails: sim.emails().map((e) => ({ to: e.to, subject: e.subject, body: e.body, at: e.at })),
  };
}

export function getState(ctx: ServiceContext): ChannelResult<'training.state'> {
  return state(ctx, simulatorOf(ctx));
}

export async function act(
  ctx: ServiceContext,
  input: ChannelParsed<'training.act'>,
): Promise<ChannelResult<'training.act'>> {
  const sim = simulatorOf(ctx);
  const user = sim.users.get(input.email);
  if (!user) fail('NOT_FOUND', 'Pengguna simulasi dengan email ini belum terdaftar di simulator.');
  try {
    if (input.action === 'activate') {
      // The juknis registers by {nama, email}: the applicant gives the NIK when activating.
      const appId = user.nik ? null : await latestApplicationIdForEmail(ctx.db, user.email);
      const nik = appId ? ((await getApplication(ctx.db, ctx.dataKey, appId))?.nik ?? '') : '';
      sim.users.activate(user.email, nik ? { nik } : undefined);
    } else sim.users[input.action](user.email);
  } catch (error) {
    fail('VALIDATION_FAILED', `Tidak bisa: ${error instanceof Error ? error.message : String(error)}`);
  }
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'training.act',
    entity: 'bsre_simulator',
    entityId: null,
    detail: { action: input.action },
  });
  const now = ctx.clock.now().toISOString();
  await markDueForEmail(ctx.db, user.email, now);
  const linked = sim.users.get(user.email)?.nik ?? '';
  if (linked) await markDueForNik(ctx.db, ctx.dataKey, linked, now);
  await ctx.jobs.runOnce();
  return state(ctx, sim);
}
