/** Printables for one application: lembar disposisi, form permohonan, tanda terima (PDFs made in a worker thread). */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { PRINTABLE_LABELS } from '../../../shared/domain/reports';
import { canSeePersonalData } from '../../../shared/domain/roles';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { readOffice } from '../store/repos/office';
import { listStepEvents } from '../store/repos/step-events';
import { findUserById } from '../store/repos/users';
import { asBuffer } from '../workers/protocol';

const FILE_PREFIX = {
  disposition: 'lembar-disposisi',
  applicationForm: 'formulir-permohonan',
  handoverReceipt: 'tanda-terima',
} as const;

const maskPhone = (phone: string) => (phone.length > 6 ? `${phone.slice(0, 4)}••••${phone.slice(-3)}` : '••••');

function handoverOf(data: Record<string, unknown>): { receivedBy: string; handedOverAt: string } | null {
  const h = data.handover as { receivedBy?: unknown; handedOverAt?: unknown } | undefined;
  return h && typeof h.receivedBy === 'string' && typeof h.handedOverAt === 'string'
    ? { receivedBy: h.receivedBy, handedOverAt: h.handedOverAt }
    : null;
}

export async function get(
  ctx: ServiceContext,
  input: ChannelParsed<'printables.get'>,
): Promise<ChannelResult<'printables.get'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  const app =
    (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ??
    fail('NOT_FOUND', 'Permohonan tidak ditemukan.');
  const events = await listStepEvents(ctx.db, app.id);
  const now = ctx.clock.now().toISOString();
  let bytes: Buffer;
  switch (input.kind) {
    case 'disposition': {
      const verifier = app.assignedVerifierId ? await findUserById(ctx.db, app.assignedVerifierId) : null;
      bytes = asBuffer(
        await ctx.workers.run('printable.disposition', {
          office,
          app,
          events,
          assignedVerifierName: verifier?.fullName ?? null,
        }),
      );
      break;
    }
    case 'applicationForm': {
      const personal = canSeePersonalData(caller.role);
      bytes = asBuffer(
        await ctx.workers.run('printable.applicationForm', {
          office,
          app,
          nik: personal ? app.nik : app.nikMasked,
          phone: personal ? app.phone : maskPhone(app.phone),
          printedAt: now,
        }),
      );
      break;
    }
    case 'handoverReceipt': {
      const event = events.find((e) => e.kind === 'completed' && handoverOf(e.data));
      const handover = event ? handoverOf(event.data) : null;
      if (!event || !handover) fail('NOT_HANDED_OVER');
      const verifier = await findUserById(ctx.db, event.actorId);
      bytes = asBuffer(
        await ctx.workers.run('printable.handoverReceipt', {
          office,
          app,
          handover,
          verifier: verifier ? { fullName: verifier.fullName, nip: verifier.nip } : null,
        }),
      );
      break;
    }
  }
  // Every printable carries the applicant's name and NIP (the form also NIK and phone): audited.
  await writeAudit(ctx.db, {
    at: now,
    userId: caller.userId,
    action: 'printables.generated',
    entity: 'application',
    entityId: app.id,
    detail: {
      kind: input.kind,
      title: PRINTABLE_LABELS[input.kind],
      fullNik: input.kind === 'applicationForm' && canSeePersonalData(caller.role),
    },
  });
  const safeRef = app.referenceNo.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    fileName: `${FILE_PREFIX[input.kind]}-${safeRef}.pdf`,
    mimeType: 'application/pdf',
    dataBase64: bytes.toString('base64'),
  };
}
