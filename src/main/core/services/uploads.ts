/**
 * The gate every uploaded file passes before it is sealed: real size after decoding, a real type
 * from the file's own first bytes (a renamed .exe is refused), and an allowed extension.
 */
import { createHash } from 'node:crypto';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_LABEL, hasAllowedExtension, sniffMimeType, type AllowedMimeType } from '../../../shared/contract/files';
import type { UploadInput } from '../../../shared/contract/schemas';
import { DOCUMENT_LABELS } from '../../../shared/sop/template';
import { fail } from '../failure';

export interface CheckedUpload {
  kind: UploadInput['kind'];
  fileName: string;
  mimeType: AllowedMimeType;
  bytes: Buffer;
  sha256: string;
}

/** Keeps a stored file name printable and free of path separators. */
function safeFileName(name: string): string {
  return [...name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
}

export function checkUpload(upload: UploadInput, field: string): CheckedUpload {
  const label = DOCUMENT_LABELS[upload.kind];
  const bytes = Buffer.from(upload.dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY', `${label}: berkas kosong.`, { [field]: 'Berkas kosong' });
  if (bytes.length > MAX_DOCUMENT_BYTES)
    fail('FILE_TOO_LARGE', `${label}: ukuran berkas melebihi batas ${MAX_DOCUMENT_LABEL}.`, { [field]: `Ukuran berkas melebihi ${MAX_DOCUMENT_LABEL}` });
  const mimeType = sniffMimeType(bytes);
  if (!mimeType || !hasAllowedExtension(upload.fileName))
    fail('FILE_TYPE_NOT_ALLOWED', `${label}: jenis berkas tidak diizinkan. Gunakan PDF, JPEG, atau PNG.`, { [field]: 'Hanya PDF, JPEG, atau PNG' });
  return {
    kind: upload.kind,
    fileName: safeFileName(upload.fileName),
    mimeType,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
