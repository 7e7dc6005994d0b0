/**
 * The BSrE Esign Client Service as the core sees it: settings, the outcomes of a call (never a
 * thrown network error), and the raw response kept with the application for support.
 * Facts and shapes: shared/docs/bsre.md.
 */

/** Status values BSrE returns; any other string is kept raw and treated as "cannot sign". */
export const BSRE_STATUSES = [
  'ISSUE',
  'EXPIRED',
  'RENEW',
  'WAITING_FOR_VERIFICATION',
  'NEW',
  'NO_CERTIFICATE',
  'NOT_REGISTERED',
  'SUSPEND',
  'REVOKE',
] as const;
export type KnownBsreStatus = (typeof BSRE_STATUSES)[number];

export interface BsreSettings {
  /** The office's Esign Client Service, e.g. https://esign.kab.go.id or http://10.0.0.5:8080 */
  baseUrl: string;
  /** http:// is refused unless this is explicitly on. */
  allowHttp: boolean;
  username: string;
  password: string;
  apiVersion: 'v2' | 'v1';
  /** Default /api/v2/user/registration (one library uses /register). */
  registrationPath: string;
  /** Sent with a registration only when `sendOidInstansi` is on. */
  oidInstansi: string;
  /**
   * The juknis body is exactly {nama, email}; every other field is opt-in, off by default, because a
   * strict server refuses a field it does not know.
   */
  sendOidInstansi: boolean;
  /** Send the applicant's NIK with the registration (no public source does). */
  sendNik: boolean;
  /** Attach the recommendation letter as suratRekomendasiBase64 when the application has one. */
  sendRecommendationLetter: boolean;
  timeouts: { statusMs: number; registrationMs: number; chainMs: number; verifyMs: number };
}

/** Exactly what came back, for the application's history (NIK/email masked before logging). */
export interface RawResponse {
  operation: 'status' | 'registration' | 'chain' | 'verify';
  method: string;
  path: string;
  httpStatus: number | null;
  contentType: string | null;
  /** The body as text, cut at 64 KB. */
  body: string;
  at: string;
  durationMs: number;
  attempts: number;
}

export type BsreOutcome<T> =
  /** 2xx with a body we understood. */
  | { kind: 'ok'; value: T; raw: RawResponse }
  /** BSrE answered and said no (4xx business error); `bsreCode` is its 4-digit code when present. */
  | { kind: 'rejected'; httpStatus: number; bsreCode: string | null; message: string; raw: RawResponse }
  /** 401/403: the credentials are wrong, or this computer's IP is not registered with them (juknis §4). */
  | { kind: 'unauthorized'; message: string; raw: RawResponse }
  /** Nothing usable came back and the request surely did not take effect (connection refused, 5xx/429 before reading). */
  | {
      kind: 'unavailable';
      message: string;
      raw: RawResponse | null;
      /** The server's Retry-After (429/503) in ms when it sent one; a poller should wait at least this long. */
      retryAfterMs?: number;
    }
  /** The request was sent but no answer arrived (timeout, dropped connection): it may or may not have taken effect. */
  | { kind: 'unknown'; message: string; raw: RawResponse | null };

export interface StatusResult {
  status: string;
  statusCode: string;
  message: string;
}

export interface RegistrationInput {
  nama: string;
  email: string;
  nik?: string;
  oidInstansi?: string;
  suratRekomendasiBase64?: string;
}

/** A 2xx to a registration. `confirmed` is false for an empty or non-JSON body: sent, to be confirmed by status. */
export interface RegistrationReply {
  body: unknown;
  confirmed: boolean;
}

export interface ChainResult {
  /** PEM certificates, leaf first. */
  certificates: string[];
}

export interface BsreClient {
  checkStatus(identity: { nik: string } | { email: string }): Promise<BsreOutcome<StatusResult>>;
  register(input: RegistrationInput): Promise<BsreOutcome<RegistrationReply>>;
  certificateChain(identity: string): Promise<BsreOutcome<ChainResult>>;
  verifyPdf(pdfBase64: string, password?: string): Promise<BsreOutcome<{ body: unknown }>>;
}
