/** The Admin's BSrE settings: read (never the password), change (then reconnect), test the connection. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { BsreSettingsView } from '../../../shared/domain/bsre';
import { bsreStatusLabel } from '../../../shared/domain/bsre-status';
import { validateBaseUrl } from '../bsre/client';
import { credentialMessage } from '../bsre/outcomes';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { type BsreSettingsRecord, readBsreSettings, saveBsreSettings } from '../store/repos/bsre-settings';

function view(ctx: ServiceContext, s: BsreSettingsRecord): BsreSettingsView {
  const { password, ...rest } = s;
  const effective = ctx.bsre.mode() === 'manual' ? null : ctx.bsre.effectiveSettings(s).baseUrl || null;
  return { ...rest, hasPassword: Boolean(password), effectiveBaseUrl: effective };
}

export async function getSettings(ctx: ServiceContext): Promise<ChannelResult<'bsre.getSettings'>> {
  return view(ctx, await readBsreSettings(ctx.db, ctx.dataKey));
}

export async function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'bsre.updateSettings'>,
): Promise<ChannelResult<'bsre.updateSettings'>> {
  if (input.mode === 'live') {
    const problem = validateBaseUrl(input.baseUrl, input.allowHttp);
    if (problem) fail('VALIDATION_FAILED', problem, { baseUrl: problem });
  }
  const at = ctx.clock.now().toISOString();
  const saved = await inTransaction(ctx.db, async () => {
    const before = await readBsreSettings(ctx.db, ctx.dataKey);
    const next: BsreSettingsRecord = { ...input, password: input.password ? input.password : before.password };
    await saveBsreSettings(ctx.db, ctx.dataKey, next, at);
    const { password: _p1, ...beforeSafe } = before;
    const { password: _p2, ...afterSafe } = next;
    await writeAudit(ctx.db, {
      at,
      userId: ctx.caller?.userId ?? null,
      action: 'bsre.settings_update',
      entity: 'bsre_settings',
      entityId: '1',
      detail: { before: beforeSafe, after: afterSafe, passwordChanged: Boolean(input.password) },
    });
    return next;
  });
  await ctx.bsre.reload();
  return view(ctx, saved);
}

/**
 * "Uji koneksi": one status call for an identity nobody has; any 200 answer proves the path, the
 * credentials and that this computer's IP is registered with them (juknis §4 binds each credential
 * to the IP of the application that uses it).
 */
export async function testConnection(ctx: ServiceContext): Promise<ChannelResult<'bsre.testConnection'>> {
  const client = ctx.bsre.client();
  const baseUrl =
    ctx.bsre.mode() === 'manual'
      ? null
      : ctx.bsre.effectiveSettings(await readBsreSettings(ctx.db, ctx.dataKey)).baseUrl;
  if (!client)
    return {
      ok: false,
      kind: 'not-connected',
      message: ctx.bsre.problem() ?? 'Mode tanpa integrasi: tidak ada koneksi BSrE untuk diuji.',
      httpStatus: null,
      durationMs: 0,
      baseUrl,
    };
  const started = Date.now();
  const result = await client.checkStatus({ nik: '0000000000000000' });
  const durationMs = Date.now() - started;
  const httpStatus = result.raw?.httpStatus ?? null;
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'bsre.connection_test',
    entity: 'bsre_settings',
    entityId: '1',
    detail: { kind: result.kind, httpStatus },
  });
  if (result.kind === 'ok')
    return {
      ok: true,
      kind: 'ok',
      message: `Tersambung: kredensial dan alamat IP komputer ini diterima oleh Esign Client Service (jawaban uji: ${bsreStatusLabel(result.value.status)}).`,
      httpStatus,
      durationMs,
      baseUrl,
    };
  const messages = {
    rejected: `BSrE menolak permintaan: ${result.message}`,
    unauthorized: `Server terjangkau, tetapi menolak: ${credentialMessage(httpStatus ?? 401)}`,
    unavailable: `Tidak dapat menghubungi BSrE: ${result.message}`,
    unknown: `Tidak ada jawaban dari BSrE: ${result.message}`,
  } as const;
  return { ok: false, kind: result.kind, message: messages[result.kind], httpStatus, durationMs, baseUrl };
}
