/**
 * What every answer of the core must look like, whatever was sent: `{ok:true,value}` or
 * `{ok:false,error:{code,message}}` with a known code and a non-empty Indonesian message.
 * Used by the tests that sweep every channel (access matrix, fuzz).
 */
import { ERROR_MESSAGES } from '../../src/shared/contract/errors';
import type { Result } from '../../src/shared/contract/result';
import { assertIndonesianMessage } from './core-fixture';

export function assertStructuredResult(result: unknown, where: string): asserts result is Result<unknown> {
  if (typeof result !== 'object' || result === null || !('ok' in result))
    throw new Error(`${where}: not a Result: ${String(result)}`);
  const r = result as Record<string, unknown>;
  if (r.ok === true) {
    if (!('value' in r)) throw new Error(`${where}: ok without a value`);
    return;
  }
  if (r.ok !== false) throw new Error(`${where}: ok is ${String(r.ok)}`);
  const error = r.error as Record<string, unknown> | undefined;
  if (typeof error?.code !== 'string' || !(error.code in ERROR_MESSAGES))
    throw new Error(`${where}: unknown error code ${String(error?.code)}`);
  if (typeof error.message !== 'string' || !error.message.trim())
    throw new Error(`${where}: ${error.code} without a message`);
  if (error.fields !== undefined && (typeof error.fields !== 'object' || error.fields === null))
    throw new Error(`${where}: fields is not an object`);
  assertIndonesianMessage(error as unknown as Parameters<typeof assertIndonesianMessage>[0]);
}
