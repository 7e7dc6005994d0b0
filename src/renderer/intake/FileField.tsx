/**
 * One document's file field at intake. The file is checked in the browser (size, type) and then by
 * the core exactly as the save will check it (real type from the bytes, sound structure), so a
 * refused file shows the refusal on its own field at once — no ✓, the reason, and nothing kept.
 */
import { useState } from 'react';

import {
  ALLOWED_MIME_TYPES,
  hasAllowedExtension,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_LABEL,
} from '../../shared/contract/files';
import type { UploadInput } from '../../shared/contract/schemas';
import { DOCUMENT_LABELS, type DocumentKind } from '../../shared/sop/template';
import { call } from '../api';
import { Field } from '../components/Field';
import { fileToBase64 } from '../forms/server-errors';
import { useFileChecks } from './file-checks';

interface Props {
  id: string;
  kind: DocumentKind;
  required: boolean;
  value: UploadInput | undefined;
  /** An error from the save (the core refused this file), shown like a local one. */
  error?: string | undefined;
  /** Images only (the KTP scan read by OCR). */
  accept?: 'any' | 'image';
  note?: string | null;
  onChange: (upload: UploadInput | undefined) => void;
}

export function FileField({ id, kind, required, value, error, accept = 'any', note, onChange }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const checks = useFileChecks();

  const pick = async (file: File | undefined) => {
    const end = checks?.begin();
    try {
      await read(file);
    } finally {
      end?.();
    }
  };

  const read = async (file: File | undefined) => {
    setProblem(null);
    onChange(undefined);
    if (!file) return;
    const types: readonly string[] = accept === 'image' ? ['image/jpeg', 'image/png'] : ALLOWED_MIME_TYPES;
    let local: string | null = null;
    if (file.size === 0) local = 'Berkas kosong';
    else if (file.size > MAX_DOCUMENT_BYTES) local = `Ukuran berkas melebihi ${MAX_DOCUMENT_LABEL}`;
    else if (!hasAllowedExtension(file.name) || !types.includes(file.type))
      local = accept === 'image' ? 'Hanya foto/pindaian JPEG atau PNG' : 'Hanya PDF, JPEG, atau PNG';
    if (local) return setProblem(local);
    const upload: UploadInput = {
      kind,
      fileName: file.name,
      mimeType: file.type,
      dataBase64: await fileToBase64(file),
    };
    setChecking(true);
    const checked = await call('intake.checkFile', { file: upload });
    setChecking(false);
    if (!checked.ok) return setProblem(checked.error.fields?.file ?? checked.error.message);
    onChange(upload);
  };

  const shown = problem ?? error;
  const hint = checking
    ? 'Memeriksa berkas…'
    : value && !shown
      ? `✓ ${value.fileName}`
      : accept === 'image'
        ? `JPEG/PNG, maks. ${MAX_DOCUMENT_LABEL}`
        : `PDF/JPEG/PNG, maks. ${MAX_DOCUMENT_LABEL}`;
  return (
    <Field
      id={id}
      label={`${DOCUMENT_LABELS[kind]}${required ? '' : ' (opsional)'}`}
      required={required}
      error={shown ?? undefined}
      hint={
        <>
          {hint}
          {note && <span className="file-note"> · {note}</span>}
        </>
      }
    >
      <input
        id={id}
        type="file"
        accept={
          accept === 'image'
            ? '.jpg,.jpeg,.png,image/jpeg,image/png'
            : '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'
        }
        aria-invalid={shown ? true : undefined}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
    </Field>
  );
}
