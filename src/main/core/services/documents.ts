/**
 * Opening a stored document: the desk roles any kind, the Kepala Dinas and Kabid the letter they
 * review (never the KTP, selfie or SK); every view is audited; a purged one answers DOCUMENT_PURGED.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { canOpenDocument } from '../../../shared/domain/roles';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readDocument } from '../store/repos/documents';

export async function getDocument(
  ctx: ServiceContext,
  input: ChannelParsed<'documents.get'>,
): Promise<ChannelResult<'documents.get'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const result = await inTransaction(ctx.db, async () => {
    const doc = (await readDocument(ctx.db, ctx.dataKey, input.id)) ?? fail('NOT_FOUND');
    const allowed = canOpenDocument(caller.role, doc.meta.kind);
    // A refused attempt is audited too (committed), then answered FORBIDDEN.
    await writeAudit(ctx.db, {
      at: ctx.clock.now().toISOString(),
      userId: caller.userId,
      action: allowed ? 'document.view' : 'document.view_refused',
      entity: 'application',
      entityId: doc.meta.applicationId,
      detail: { documentId: doc.meta.id, kind: doc.meta.kind },
    });
    if (!allowed) return null;
    if (doc.meta.purged) fail('DOCUMENT_PURGED');
    return {
      id: doc.meta.id,
      fileName: doc.meta.fileName,
      mimeType: doc.meta.mimeType,
      dataBase64: doc.bytes.toString('base64'),
    };
  });
  return (
    result ??
    fail(
      'FORBIDDEN',
      'Kepala Dinas dan Kabid hanya dapat membuka surat permohonan. KTP, swafoto dan SK dibuka oleh Kasi atau verifikator.',
    )
  );
}
