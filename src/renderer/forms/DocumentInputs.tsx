/**
 * One file input per document kind the template asks for, with the size and type checked at
 * once in the browser (the core checks again, by the file's real bytes).
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
import { Field } from '../components/Field';
import { fileToBase64 } from './server-errors';

export type DocumentSlots = Partial<Record<DocumentKind, UploadInput>>;

interface Props {
  documents: { kind: DocumentKind; required: boolean }[];
  value: DocumentSlots;
  onChange: (next: DocumentSlots) => void;
  errors?: Partial<Record<DocumentKind, string>>;
  idPrefix?: string;
}

export function DocumentInputs({ documents, value, onChange, errors, idPrefix = 'doc' }: Props) {
  const [local, setLocal] = useState<Partial<Record<DocumentKind, string>>>({});

  const pick = async (kind: DocumentKind, file: File | undefined) => {
    const next = { ...value };
    delete next[kind];
    if (!file) return onChange(next);
    let problem: string | null = null;
    if (file.size === 0) problem = 'Berkas kosong';
    else if (file.size > MAX_DOCUMENT_BYTES) problem = `Ukuran berkas melebihi ${MAX_DOCUMENT_LABEL}`;
    else if (!hasAllowedExtension(file.name) || !(ALLOWED_MIME_TYPES as readonly string[]).includes(file.type))
      problem = 'Hanya PDF, JPEG, atau PNG';
    setLocal((l) => ({ ...l, [kind]: problem ?? undefined }));
    if (problem) return onChange(next);
    next[kind] = { kind, fileName: file.name, mimeType: file.type, dataBase64: await fileToBase64(file) };
    onChange(next);
  };

  return (
    <div className="grid-2">
      {documents.map((d) => {
        const id = `${idPrefix}-${d.kind}`;
        return (
          <Field
            key={d.kind}
            id={id}
            label={`${DOCUMENT_LABELS[d.kind]}${d.required ? '' : ' (opsional)'}`}
            required={d.required}
            error={local[d.kind] ?? errors?.[d.kind]}
            hint={value[d.kind] ? `✓ ${value[d.kind]?.fileName}` : `PDF/JPEG/PNG, maks. ${MAX_DOCUMENT_LABEL}`}
          >
            <input
              id={id}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              onChange={(e) => void pick(d.kind, e.target.files?.[0])}
            />
          </Field>
        );
      })}
    </div>
  );
}
