/**
 * Messages between the core and its task worker threads (pool.ts ↔ serve.ts), and how an error
 * crosses the thread boundary: a Failure keeps its stable code, message and field messages, so the
 * dispatch answers exactly as if the work had run on the main thread; anything else keeps its name
 * and message.
 */
import type { ErrorCode } from '../../../shared/contract/errors';
import { Failure } from '../failure';

export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export interface CrossedError {
  name: string;
  message: string;
  code?: ErrorCode;
  fields?: Record<string, string>;
}

export type TaskResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: CrossedError };

/** What the worker sends back for a thrown value. */
export function crossError(error: unknown): CrossedError {
  if (error instanceof Failure)
    return {
      name: 'Failure',
      message: error.message,
      code: error.code,
      ...(error.fields ? { fields: error.fields } : {}),
    };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}

/** The error the caller on the main thread receives. */
export function rebuildError(error: CrossedError): Error {
  if (error.name === 'Failure' && error.code) return new Failure(error.code, error.message, error.fields);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

/** Buffers that own their whole memory can move to the other thread instead of being copied. */
export function transferablesOf(value: unknown, found: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (value instanceof Uint8Array) {
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    if (whole && value.buffer instanceof ArrayBuffer && !found.includes(value.buffer)) found.push(value.buffer);
  } else if (depth < 3 && value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Array.isArray(value) ? value : Object.values(value)) transferablesOf(v, found, depth + 1);
  }
  return found;
}

/** A Uint8Array that crossed a thread back as a Buffer, without a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
