/** Puts the core's per-field messages next to the matching react-hook-form fields. */
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import type { AppError } from '../../shared/contract/result';

export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: AppError,
  prefix = '',
): void {
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    setError(field as Path<T>, { type: 'server', message });
  }
}

/** Reads a File as base64 (without the data: prefix) for the contract's upload shape. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Berkas tidak dapat dibaca'));
    reader.readAsDataURL(file);
  });
}
