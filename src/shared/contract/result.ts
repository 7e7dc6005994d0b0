/**
 * The one answer shape of every channel on both hosts: a value, or an error that is data
 * (a stable code the renderer maps to Indonesian text, plus per-field messages for forms).
 */
import type { ErrorCode } from './errors';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-separated) → message, for validation errors shown next to the field. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
