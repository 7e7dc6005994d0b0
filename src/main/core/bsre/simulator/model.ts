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

export interface SimFaults {
  latencyMs: number;
  unauthorized: boolean;
  tooManyRequests: boolean;
  serverError: 500 | 503 | null;
  /** Accepts and APPLIES the request, then never answers. */
  timeoutAfterReceive: boolean;
  nonJsonBody: boolean;
  /** Applies the request, then destroys the socket. */
  dropConnection: boolean;
  onlyFor?: SimOperation;
  /** How many affected requests are left; undefined = all. */
  remaining?: number;
}

export interface SimUsersApi {
  list(): SimUser[];
  get(nikOrEmail: string): SimUser | undefined;
  activate(nik: string): SimUser;
  verify(nik: string): SimUser;
  issue(nik: string): SimUser;
  expire(nik: string): SimUser;
  renew(nik: string): SimUser;
  suspend(nik: string): SimUser;
  unsuspend(nik: string): SimUser;
  revoke(nik: string): SimUser;
  seed(user: SimSeed): SimUser;
}

export interface BsreSimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
  users: SimUsersApi;
  emails(): SimEmail[];
  faults: { set(f: Partial<SimFaults>): void; clear(): void; current(): SimFaults };
  /** Registration requests that reached the registration handler (duplicates it refused included). */
  registrationCount(nikOrEmail?: string): number;
  /** The simulator CA's certificate (PEM), last in every chain. */
  caCertificatePem: string;
}
