/**
 * The privacy export's file (JSON, then base64 for the channel), made in a task worker thread:
 * the documents' bytes — the bulk of the file — are turned into base64 there, and so is the whole
 * JSON text, so a person with many scanned documents never stalls the other desks.
 */
export interface PrivacyExportBody {
  applications: { documents: { dataBase64: Uint8Array | string | null }[] }[];
  [key: string]: unknown;
}

/** Replaces each document's bytes by their base64 in place (the key order stays) and returns the file as base64. */
export function privacyExportFile(body: PrivacyExportBody): string {
  for (const a of body.applications)
    for (const d of a.documents)
      if (d.dataBase64 instanceof Uint8Array)
        d.dataBase64 = Buffer.from(d.dataBase64.buffer, d.dataBase64.byteOffset, d.dataBase64.byteLength).toString(
          'base64',
        );
  return Buffer.from(JSON.stringify(body, null, 2), 'utf8').toString('base64');
}
