/**
 * How `call` survives an office server that does not answer: the same request (same idempotency
 * key) is sent again with capped backoff until an answer comes — so a form's promise resolves only
 * when the server answered and the form keeps what was typed meanwhile. Reads give up after a few
 * tries, as before. Pure (sleep and reporting are passed in) so it is tested without a browser.
 */
import type { Result } from '../shared/contract/result';
import {
  type Backoff,
  backoffDelayMs,
  DEFAULT_BACKOFF,
  isReadChannel,
  NO_ANSWER_CODES,
} from '../shared/contract/retry';

export const READ_ATTEMPTS = 3;

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  /** After every try: whether an answer came back (the banner follows this). */
  report(answered: boolean): void;
  backoff?: Backoff;
  readAttempts?: number;
}

const noAnswer = (result: Result<unknown>): boolean => !result.ok && NO_ANSWER_CODES.includes(result.error.code);

export async function sendUntilAnswered<T>(
  channel: string,
  send: () => Promise<Result<T>>,
  deps: RetryDeps,
): Promise<Result<T>> {
  const readAttempts = deps.readAttempts ?? READ_ATTEMPTS;
  const read = isReadChannel(channel);
  let attempt = 1;
  let result = await send();
  deps.report(!noAnswer(result));
  while (noAnswer(result) && !(read && attempt >= readAttempts)) {
    await deps.sleep(backoffDelayMs(attempt, deps.backoff ?? DEFAULT_BACKOFF));
    attempt += 1;
    result = await send();
    deps.report(!noAnswer(result));
  }
  return result;
}
