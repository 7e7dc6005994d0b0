/**
 * Services throw `Failure` for expected refusals (wrong role, missing document …); dispatch turns
 * it into a Result with the stable code. Anything else thrown is an internal error.
 */
import { type ErrorCode, messageFor } from '../../shared/contract/errors';

export class Failure extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? messageFor(code));
    this.name = 'Failure';
  }
}

export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): never {
  throw new Failure(code, message, fields);
}
