/**
 * The only module that knows which transport the renderer runs on: the Electron preload's
 * `window.api` or the web host's HTTP endpoint. Everything else calls `call(channel, input)`.
 */
import type { PreloadApi } from '../preload/api-types';
import type { ChannelName } from '../shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../shared/contract/channels';
import { messageFor } from '../shared/contract/errors';
import type { Result } from '../shared/contract/result';

const TOKEN_KEY = 'loket.session';
const SESSION_HEADER = 'x-loket-session';
/** The web host puts its per-run secret in the page it serves; every API call sends it back. */
const HOST_SECRET_HEADER = 'x-loket-host';

function hostSecret(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="loket-host-secret"]')?.content ?? '';
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

async function overHttp(channel: string, input: unknown): Promise<Result<unknown>> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  try {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HOST_SECRET_HEADER]: hostSecret(),
        ...(token ? { [SESSION_HEADER]: token } : {}),
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
  const result = (
    bridge ? await (bridge[channel] as (i: unknown) => Promise<Result<unknown>>)(input) : await overHttp(channel, input)
  ) as Result<ChannelResult<C>>;
  if (result.ok && (channel === 'auth.login' || channel === 'setup.initialize' || channel === 'auth.unlock')) {
    sessionStorage.setItem(TOKEN_KEY, (result.value as { token: string }).token);
  }
  if (channel === 'auth.logout') sessionStorage.removeItem(TOKEN_KEY);
  if (
    !result.ok &&
    ['SESSION_LOCKED', 'SESSION_EXPIRED', 'NOT_AUTHENTICATED', 'ACCOUNT_DISABLED'].includes(result.error.code) &&
    channel !== 'auth.login'
  ) {
    if (result.error.code !== 'SESSION_LOCKED') sessionStorage.removeItem(TOKEN_KEY);
    sessionListeners.forEach((l) => l(result.error.code));
  }
  return result;
}

export function hasStoredSession(): boolean {
  return preload() !== undefined || sessionStorage.getItem(TOKEN_KEY) !== null;
}
