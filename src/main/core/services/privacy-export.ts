/**
 * Access on the data subject's request (UU 27/2022 art. 7): one JSON file with everything the
 * office holds on a NIK — applications with the letter, step history, identity check results and
 * scores, documents (bytes while not purged), recap rows and the message log — found through the
 * blind indexes. The export itself is audited (without the NIK). The JSON file (documents in
 * base64) is made in a worker thread; the data key never leaves the main thread.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { maskNik } from '../../../shared/identity/nik';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { mapInOrder } from '../store/in-order';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { listDocuments, readDocument } from '../store/repos/documents';
import { getHolder } from '../store/repos/holders';
import { latestIdentityCheck } from '../store/repos/identity-checks';
import { listMessageLog } from '../store/repos/messages';
import { readOffice } from '../store/repos/office';
import { applicationsOfNik, holdersOfNik } from '../store/repos/privacy';
import { listStepEvents } from '../store/repos/step-events';
import { transferablesOf } from '../workers/protocol';

const MESSAGE_LIMIT = 1000;

async function applicationExport(ctx: ServiceContext, id: string) {
  const a = (await getApplication(ctx.db, ctx.dataKey, id)) ?? fail('NOT_FOUND');
  const check = await latestIdentityCheck(ctx.db, ctx.dataKey, id);
  const { bsre, ...fields } = a;
  return {
    ...fields,
    bsreStatus: bsre,
    steps: (await listStepEvents(ctx.db, id)).map((e) => ({
      stepNo: e.stepNo,
      kind: e.kind,
      actorRole: e.actorRole,
      actorName: e.actorName ?? '',
      at: e.at,
      startedAt: e.startedAt,
      note: e.note,
      data: e.data,
    })),
    identityCheck: check
      ? {
          consentAt: check.consentAt,
          consentVersion: check.consentVersion,
          ocr: check.ocr,
          confirmed: check.confirmed,
          confirmedAt: check.confirmedAt,
          face: check.face,
          ktpDocumentId: check.ktpDocumentId,
          selfieDocumentId: check.selfieDocumentId,
        }
      : null,
    documents: await mapInOrder(await listDocuments(ctx.db, id), async (d) => {
      const bytes = d.purged ? null : ((await readDocument(ctx.db, ctx.dataKey, d.id))?.bytes ?? null);
      return {
        id: d.id,
        kind: d.kind,
        fileName: d.fileName,
        mimeType: d.mimeType,
        size: d.size,
        sha256: d.sha256,
        uploadedAt: d.uploadedAt,
        purged: d.purged ?? null,
        // Turned into base64 with the whole file in the worker thread (reports/privacy-export-json.ts).
        dataBase64: bytes,
      };
    }),
  };
}

export async function exportNik(
  ctx: ServiceContext,
  input: ChannelParsed<'privacy.export'>,
): Promise<ChannelResult<'privacy.export'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  // Read in one transaction (one consistent picture); the file is made in a worker thread; then audited.
  const gathered = await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    const apps = await applicationsOfNik(ctx.db, ctx.dataKey, input.nik);
    const holderRefs = await holdersOfNik(ctx.db, ctx.dataKey, input.nik);
    if (apps.length === 0 && holderRefs.length === 0) fail('PRIVACY_NOTHING_HELD');
    const applications = await mapInOrder(apps, async (a) => await applicationExport(ctx, a.id));
    const holders = await mapInOrder(
      holderRefs,
      async (h) => (await getHolder(ctx.db, ctx.dataKey, h.id)) ?? fail('NOT_FOUND'),
    );
    const messages = new Map<string, Awaited<ReturnType<typeof listMessageLog>>[number]>();
    for (const a of apps)
      for (const m of await listMessageLog(ctx.db, ctx.dataKey, {
        applicationId: a.id,
        limit: MESSAGE_LIMIT,
        reveal: true,
      }))
        messages.set(m.id, m);
    for (const h of holderRefs)
      for (const m of await listMessageLog(ctx.db, ctx.dataKey, { holderId: h.id, limit: MESSAGE_LIMIT, reveal: true }))
        messages.set(m.id, m);
    const body = {
      format: 'loket-tte/ekspor-data-pribadi',
      version: 1,
      exportedAt: at,
      exportedBy: caller.fullName,
      office: (await readOffice(ctx.db))?.name ?? '',
      basis:
        'UU 27/2022 tentang Pelindungan Data Pribadi: hak subjek data untuk mengakses dan memperoleh salinan data pribadinya.',
      nik: input.nik,
      applications,
      holders,
      messages: [...messages.values()].sort((x, y) => x.at.localeCompare(y.at)),
    };
    return { at, body, apps, holderRefs, messages: messages.size };
  });
  const { at, body, apps, holderRefs } = gathered;
  const documentBytes = body.applications.flatMap((a) => a.documents.map((d) => d.dataBase64));
  const dataBase64 = await ctx.workers.run('privacy.exportFile', body, transferablesOf(documentBytes));
  await writeAudit(ctx.db, {
    at,
    userId: caller.userId,
    action: 'privacy.exported',
    entity: 'privacy',
    entityId: null,
    detail: {
      nikMasked: maskNik(input.nik),
      applications: apps.map((a) => a.id),
      holders: holderRefs.map((h) => h.id),
      messages: gathered.messages,
    },
  });
  const stamp = at.slice(0, 10);
  return {
    fileName: `data-pribadi-${maskNik(input.nik).replace(/[^0-9A-Za-z]+/g, '_')}-${stamp}.json`,
    mimeType: 'application/json',
    dataBase64,
  };
}
