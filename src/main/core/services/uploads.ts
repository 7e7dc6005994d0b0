/**
 * The gate every uploaded file passes before it is sealed: real size after decoding, a real type
 * from the file's own first bytes (a renamed .exe is refused), an extension that agrees with it, and
 * a sound structure (file-structure.ts: no truncated or corrupt file, no pixel bomb).
 */
import { createHash } from 'node:crypto';

import { messageFor } from '../../../shared/contract/errors';
import {
  type AllowedMimeType,
  hasAllowedExtension,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_LABEL,
  sniffMimeType,
} from '../../../shared/contract/files';
import type { UploadInput } from '../../../shared/contract/schemas';
import { DOCUMENT_LABELS } from '../../../shared/sop/template';
import { fail } from '../failure';
import { structureProblem } from './file-structure';

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

const EXTENSIONS: Record<AllowedMimeType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/** Bytes a base64 text decodes to, without decoding it. */
const decodedLength = (base64: string) =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

export function checkUpload(upload: UploadInput, field: string): CheckedUpload {
  const label = DOCUMENT_LABELS[upload.kind];
  if (decodedLength(upload.dataBase64) > MAX_DOCUMENT_BYTES)
    fail('FILE_TOO_LARGE', `${label}: ukuran berkas melebihi batas ${MAX_DOCUMENT_LABEL}.`, {
      [field]: `Ukuran berkas melebihi ${MAX_DOCUMENT_LABEL}`,
    });
  const bytes = Buffer.from(upload.dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY', `${label}: berkas kosong.`, { [field]: 'Berkas kosong' });
  if (bytes.length > MAX_DOCUMENT_BYTES)
    fail('FILE_TOO_LARGE', `${label}: ukuran berkas melebihi batas ${MAX_DOCUMENT_LABEL}.`, {
      [field]: `Ukuran berkas melebihi ${MAX_DOCUMENT_LABEL}`,
    });
  const mimeType = sniffMimeType(bytes);
  if (!mimeType || !hasAllowedExtension(upload.fileName))
    fail('FILE_TYPE_NOT_ALLOWED', `${label}: jenis berkas tidak diizinkan. Gunakan PDF, JPEG, atau PNG.`, {
      [field]: 'Hanya PDF, JPEG, atau PNG',
    });
  if (!EXTENSIONS[mimeType].some((ext) => upload.fileName.toLowerCase().endsWith(ext)))
    fail('FILE_TYPE_NOT_ALLOWED', `${label}: isi berkas tidak sesuai dengan jenis pada namanya (${upload.fileName}).`, {
      [field]: 'Isi berkas tidak sesuai dengan nama berkas',
    });
  const problem = structureProblem(mimeType, bytes);
  if (problem)
    fail(problem.code, `${label}: ${problem.reason}. ${messageFor(problem.code)}`, { [field]: problem.reason });
  return {
    kind: upload.kind,
    fileName: safeFileName(upload.fileName),
    mimeType,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** KTP and selfie captures: only a sound JPEG or PNG image (a PDF is refused before any decoder sees it). */
export function checkImage(upload: UploadInput, field: string): CheckedUpload {
  const checked = checkUpload(upload, field);
  if (checked.mimeType === 'application/pdf')
    fail('FILE_TYPE_NOT_ALLOWED', `${DOCUMENT_LABELS[upload.kind]}: gunakan foto JPEG atau PNG, bukan PDF.`, {
      [field]: 'Hanya JPEG atau PNG',
    });
  return checked;
}
