/**
 * The only module that knows which transport the renderer runs on: the Electron preload's
 * `window.api` or the web host's HTTP endpoint (live-events.ts reads the change stream with the
 * headers this module makes). Everything else calls `call(channel, input)`. Each `call` is one
 * user action and carries one idempotency key; when the answer is lost on the way (NETWORK_ERROR,
 * or SERVER_UNREACHABLE from a desk) the same call is sent again with the same key, so the core
 * runs it once — an action keeps retrying with backoff until the server answers (the banner says
 * so meanwhile), a read gives up after a few tries (call-retry.ts).
 */
import type { PreloadApi } from '../preload/api-types';
import type { ChannelName } from '../shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../shared/contract/channels';
import { messageFor } from '../shared/contract/errors';
import type { Result } from '../shared/contract/result';
import { isReadChannel } from '../shared/contract/retry';
import {
  HOST_SECRET_HEADER,
  HOST_SECRET_META,
  IDEMPOTENCY_HEADER,
  SESSION_HEADER,
  SESSION_PROBLEM_CODES,
  SIGN_IN_CHANNELS,
} from '../shared/contract/transport';
import { sendUntilAnswered } from './call-retry';
import { reportReachable } from './state/reachability';

const TOKEN_KEY = 'loket.session';

/** 128 random bits, base64url: the core accepts [A-Za-z0-9_-]{16,128}. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function hostSecret(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${HOST_SECRET_META}"]`)?.content ?? '';
}

let actionsInFlight = 0;

/**
 * Whether one of this page's own actions is still waiting for its answer: a screen then does not
 * re-read on a change event — the change may be that very action, whose answer updates the screen.
 */
export function hasActionInFlight(): boolean {
  return actionsInFlight > 0;
}

type Listener = (code: string) => void;
const sessionListeners = new Set<Listener>();

/** Called when a call comes back locked, expired or signed out, so the shell can react. */
export function onSessionProblem(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function preload(): PreloadApi | undefined {
  return (window as unknown as { api?: PreloadApi }).api;
}

/** The headers a browser page sends on every call and on the change stream: its secret and session. */
export function browserHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return { [HOST_SECRET_HEADER]: hostSecret(), ...(token ? { [SESSION_HEADER]: token } : {}) };
}

async function overHttp(channel: string, input: unknown, idempotencyKey: string): Promise<Result<unknown>> {
  try {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDEMPOTENCY_HEADER]: idempotencyKey,
        ...browserHeaders(),
      },
      body: JSON.stringify(input ?? {}),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL_ERROR', message: messageFor('INTERNAL_ERROR') } };
    }
  } catch {
    return { ok: false, error: { code: 'NETWORK_ERROR', message: messageFor('NETWORK_ERROR') } };
  }
}

export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelResult<C>>> {
  const bridge = preload();
  const key = newIdempotencyKey();
  const send = async (): Promise<Result<unknown>> => {
    if (!bridge) return overHttp(channel, input, key);
    try {
      return await (bridge[channel] as (i: unknown, k: string) => Promise<Result<unknown>>)(input, key);
    } catch {
      return { ok: false, error: { code: 'NETWORK_ERROR', message: messageFor('NETWORK_ERROR') } };
    }
  };
  const action = !isReadChannel(channel);
  if (action) actionsInFlight += 1;
  let result: Result<ChannelResult<C>>;
  try {
    result = (await sendUntilAnswered(channel, send, {
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      report: reportReachable,
    })) as Result<ChannelResult<C>>;
  } finally {
    if (action) actionsInFlight -= 1;
  }
  if (result.ok && SIGN_IN_CHANNELS.includes(channel)) {
    sessionStorage.setItem(TOKEN_KEY, (result.value as { token: string }).token);
  }
  if (channel === 'auth.logout') sessionStorage.removeItem(TOKEN_KEY);
  if (!result.ok && SESSION_PROBLEM_CODES.includes(result.error.code) && channel !== 'auth.login') {
    if (result.error.code !== 'SESSION_LOCKED') sessionStorage.removeItem(TOKEN_KEY);
    sessionListeners.forEach((l) => l(result.error.code));
  }
  return result;
}

export function hasStoredSession(): boolean {
  return preload() !== undefined || sessionStorage.getItem(TOKEN_KEY) !== null;
}
