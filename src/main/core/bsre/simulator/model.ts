/**
 * The simulator's data shapes, shared by the user table, the HTTP server, the operator API and the
 * tests. Kept apart so none of those has to import another just for a type.
 */
import type { KnownBsreStatus } from '../types';
import type { SimCertificate } from './ca';

export type { SimCertificate } from './ca';

/** Operator actions that move a user along the lifecycle (bsre.md). */
export const SIM_ACTIONS = [
  'activate',
  'verify',
  'issue',
  'expire',
  'renew',
  'suspend',
  'unsuspend',
  'revoke',
] as const;
export type SimAction = (typeof SIM_ACTIONS)[number];

export interface SimHistoryEntry {
  at: string;
  action: SimAction | 'register' | 'seed' | 'auto-expire';
  from: KnownBsreStatus | null;
  to: KnownBsreStatus;
}

export interface SimUser {
  /** '' when registered by email only (the v2 registration body may omit the NIK). */
  nik: string;
  email: string;
  nama: string;
  status: KnownBsreStatus;
  oidInstansi: string | null;
  hasRecommendationLetter: boolean;
  registeredAt: string;
  updatedAt: string;
  /** Why BSrE's own KYC at activation refused this user, if it did (shown in the status message). */
  kycRefusal: SimKycRefusal | null;
  /** The current certificate (kept after expiry, suspension and revocation). */
  certificate: SimCertificate | null;
  previousCertificates: SimCertificate[];
  history: SimHistoryEntry[];
}

/** What `users.seed` takes: a user placed directly in any state, certificate issued when the state has one. */
export interface SimSeed {
  nama: string;
  email: string;
  nik?: string;
  status?: KnownBsreStatus;
  oidInstansi?: string | null;
}

export interface SimEmail {
  to: string;
  nik: string;
  subject: string;
  body: string;
  /** The fake link inside the body (on the reserved .invalid domain, so it can never resolve). */
  activationLink: string;
  at: string;
}

export type SimOperation = 'status' | 'registration' | 'chain' | 'verify';

/** BSrE's KYC at activation (since 2025): Dukcapil data match and its own liveness check. */
export const SIM_KYC_REFUSALS = ['name', 'nik', 'liveness'] as const;
export type SimKycRefusal = (typeof SIM_KYC_REFUSALS)[number];

/**
 * How the simulator behaves where production is known or a server may differ (bsre.md, "From the
 * official juknis and production"). The defaults are production as seen live.
 */
export interface SimBehaviour {
  /** A well-formed 16-digit NIK nobody registered. Production: NO_CERTIFICATE (2021); the old simulator: NOT_REGISTERED. */
  unknownNik: 'NO_CERTIFICATE' | 'NOT_REGISTERED';
  /** An email nobody registered. Default NOT_REGISTERED (2011); NO_CERTIFICATE is a server that cannot tell. */
  unknownEmail: 'NOT_REGISTERED' | 'NO_CERTIFICATE';
  /** Refuse a registration body with any field but nama and email (HTTP 400), as a strict server would. */
  strictRegistration: boolean;
}

/** Replies to a registration that no source shows but a server may send (all HTTP 200). */
export const SIM_REGISTRATION_REPLIES = ['error', 'successFalse', 'statusCode', 'empty'] as const;
export type SimRegistrationReply = (typeof SIM_REGISTRATION_REPLIES)[number];

export interface SimFaults {
  latencyMs: number;
  unauthorized: boolean;
  tooManyRequests: boolean;
  serverError: 500 | 503 | null;
  /** Accepts and APPLIES the request, then never answers. */
  timeoutAfterReceive: boolean;
  /** Accepts the request and never answers, WITHOUT applying it (lost between the relay and BSrE central). */
  timeoutBeforeApply: boolean;
  nonJsonBody: boolean;
  /** 403: the credentials are fine but this caller's IP is not registered at the Esign Client Service. */
  forbidden: boolean;
  /**
   * A registration answered with HTTP 200 and: `error` {error, status_code} (not applied),
   * `successFalse` {success:false, message} (not applied), `statusCode` {status_code:"2002", message}
   * (not applied), `empty` an empty body (applied).
   */
  registrationReply: SimRegistrationReply | null;
  /** Applies the request, then destroys the socket. */
  dropConnection: boolean;
  onlyFor?: SimOperation;
  /** How many affected requests are left; undefined = all. */
  remaining?: number;
}

export interface SimUsersApi {
  list(): SimUser[];
  get(nikOrEmail: string): SimUser | undefined;
  /** The applicant activates; `nik` links the NIK they give at activation to a user registered by email. */
  activate(nikOrEmail: string, identity?: { nik: string }): SimUser;
  verify(nik: string): SimUser;
  issue(nik: string): SimUser;
  expire(nik: string): SimUser;
  renew(nik: string): SimUser;
  suspend(nik: string): SimUser;
  unsuspend(nik: string): SimUser;
  revoke(nik: string): SimUser;
  seed(user: SimSeed): SimUser;
  /** BSrE's KYC refused the user's activation (Dukcapil name/NIK mismatch, liveness failed); status stays. */
  refuseKyc(nikOrEmail: string, reason: SimKycRefusal): SimUser;
}

export interface BsreSimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
  users: SimUsersApi;
  emails(): SimEmail[];
  faults: { set(f: Partial<SimFaults>): void; clear(): void; current(): SimFaults };
  /** Production-like by default; each switch shows the client another server. */
  behaviour: { set(b: Partial<SimBehaviour>): void; reset(): void; current(): SimBehaviour };
  /** Registration requests that reached the registration handler (duplicates it refused included). */
  registrationCount(nikOrEmail?: string): number;
  /** The simulator's issuing CA (PEM), second in every chain. */
  caCertificatePem: string;
  /** The simulator's root CA (PEM), last in every chain. */
  rootCertificatePem: string;
}
