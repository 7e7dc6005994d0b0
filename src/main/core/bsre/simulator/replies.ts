/**
 * The response shapes the simulator answers with (JSON, Spring-style errors, plain text, HTML) and
 * the plumbing to read a request body and write a reply. Shapes follow shared/docs/bsre.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
  headers,
});

export const text = (status: number, body: string): Reply => ({
  status,
  contentType: 'text/plain;charset=UTF-8',
  body,
});

export const html = (status: number, body: string): Reply => ({ status, contentType: 'text/html;charset=UTF-8', body });

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Spring Boot's default error body: {timestamp, status, error, path}. */
export function spring(status: number, path: string, at: Date, headers?: Record<string, string>): Reply {
  return json(status, { timestamp: at.toISOString(), status, error: REASONS[status] ?? 'Error', path }, headers);
}

/** An nginx-like HTML page: what a proxy in front of the service answers when it is down. */
export function htmlError(status: number): Reply {
  const reason = REASONS[status] ?? 'Error';
  return html(
    status,
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  );
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The whole request body, or null when it is larger than the limit. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  res.end(reply.body);
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
