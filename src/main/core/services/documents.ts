/** Opening a stored document: only for the desk roles, and every view is audited; a purged one answers DOCUMENT_PURGED. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readDocument } from '../store/repos/documents';

export function getDocument(
  ctx: ServiceContext,
  input: ChannelParsed<'documents.get'>,
): ChannelResult<'documents.get'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return inTransaction(ctx.db, () => {
    const doc = readDocument(ctx.db, ctx.dataKey, input.id) ?? fail('NOT_FOUND');
    if (doc.meta.purged) fail('DOCUMENT_PURGED');
    writeAudit(ctx.db, {
      at: ctx.clock.now().toISOString(),
      userId: caller.userId,
      action: 'document.view',
      entity: 'application',
      entityId: doc.meta.applicationId,
      detail: { documentId: doc.meta.id, kind: doc.meta.kind },
    });
    return {
      id: doc.meta.id,
      fileName: doc.meta.fileName,
      mimeType: doc.meta.mimeType,
      dataBase64: doc.bytes.toString('base64'),
    };
  });
}
