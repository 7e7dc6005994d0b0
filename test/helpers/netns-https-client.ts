/**
 * An HTTPS client for an office host, loaded by netns-agent.ts inside a desk's namespace. It trusts
 * exactly one certificate (the server's, as a paired desk pins it): the chain must end in that
 * certificate and its SHA-256 fingerprint must match, whatever name or address is in it.
 */
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';

export interface HttpsCall {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM of the only certificate accepted; the request fails on any other. */
  pinnedCertPem: string;
  /** Abort when no complete answer arrived within this many ms (default 5000). */
  timeoutMs?: number;
}

export type HttpsOutcome =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number }
  | { ok: false; code: string; message: string; ms: number };

/** One request on a fresh connection (no keep-alive pool, so a cut link cannot be hidden by reuse). */
export function request(call: HttpsCall): Promise<HttpsOutcome> {
  const started = Date.now();
  const pinned = new X509Certificate(call.pinnedCertPem).fingerprint256;
  return new Promise((resolve) => {
    const fail = (code: string, message: string) => resolve({ ok: false, code, message, ms: Date.now() - started });
    const req = httpsRequest(
      call.url,
      {
        method: call.method ?? 'GET',
        headers: call.headers,
        agent: false,
        ca: call.pinnedCertPem,
        checkServerIdentity: (_host, cert) =>
          cert.fingerprint256 === pinned
            ? undefined
            : Object.assign(new Error(`certificate ${cert.fingerprint256} is not the pinned ${pinned}`), {
                code: 'CERT_NOT_PINNED',
              }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - started }),
        );
        res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERESPONSE', error.message));
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })),
      call.timeoutMs ?? 5_000,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'EREQUEST', error.message));
    req.end(call.body);
  });
}
