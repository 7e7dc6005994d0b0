/**
 * The simulator's user table: who is registered, in which lifecycle status, with which certificate.
 * Keyed by NIK and by email (case-insensitive). Everything handed out is a copy, so a test holding a
 * SimUser sees a snapshot, never a live object.
 */
import type { Clock } from '../../clock';
import { maskIdentity } from '../mask';
import { BSRE_STATUSES, type KnownBsreStatus } from '../types';
import type { SimCa } from './ca';
import { activationEmail } from './emails';
import { STATUSES_WITH_CERTIFICATE, transitionFor } from './lifecycle';
import type { SimAction, SimEmail, SimKycRefusal, SimSeed, SimUser, SimUsersApi } from './model';

export interface RegistrationRequest {
  nama: string;
  email: string;
  /** '' when the body had none. */
  nik: string;
  oidInstansi: string | null;
  hasRecommendationLetter: boolean;
}

export type RegistrationResult = { kind: 'created'; user: SimUser } | { kind: 'duplicate'; field: 'nik' | 'email' };

export class SimUserTable implements SimUsersApi {
  private readonly users: SimUser[] = [];
  private readonly sentEmails: SimEmail[] = [];
  private readonly received: { nik: string; email: string }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly ca: SimCa,
  ) {}

  list(): SimUser[] {
    return this.users.map((user) => structuredClone(this.refresh(user)));
  }

  get(nikOrEmail: string): SimUser | undefined {
    const user = this.find(nikOrEmail);
    return user ? structuredClone(this.refresh(user)) : undefined;
  }

  /** At activation the applicant gives the NIK: a user registered by email alone gets it linked here. */
  activate = (nikOrEmail: string, identity?: { nik: string }): SimUser => {
    const nik = identity?.nik.trim() ?? '';
    if (nik !== '') {
      const user = this.refresh(this.require(nikOrEmail));
      transitionFor('activate', user.status, maskIdentity(nikOrEmail));
      const holder = this.find(nik);
      if (holder && holder !== user)
        throw new Error(`Simulator BSrE: NIK ${maskIdentity(nik)} sudah dipakai pengguna lain.`);
      if (user.nik === '') user.nik = nik;
    }
    return this.apply('activate', nikOrEmail);
  };
  verify = (nik: string): SimUser => this.apply('verify', nik);
  issue = (nik: string): SimUser => this.apply('issue', nik);
  expire = (nik: string): SimUser => this.apply('expire', nik);
  renew = (nik: string): SimUser => this.apply('renew', nik);
  suspend = (nik: string): SimUser => this.apply('suspend', nik);
  unsuspend = (nik: string): SimUser => this.apply('unsuspend', nik);
  revoke = (nik: string): SimUser => this.apply('revoke', nik);

  /** Moves a user (by NIK or email) along the lifecycle; throws on an unknown user or a move the lifecycle forbids. */
  apply(action: SimAction, nikOrEmail: string): SimUser {
    const user = this.require(nikOrEmail);
    this.refresh(user);
    const transition = transitionFor(action, user.status, maskIdentity(nikOrEmail));
    const now = this.clock.now();
    if (transition.newCertificate) {
      if (user.certificate) user.previousCertificates.push(user.certificate);
      user.certificate = this.ca.issueLeaf(user, now);
    }
    if (action === 'activate') user.kycRefusal = null;
    this.move(user, action, transition.to, now);
    return structuredClone(user);
  }

  /** BSrE's KYC refused the activation: the status stays where it was, the status message says why. */
  refuseKyc(nikOrEmail: string, reason: SimKycRefusal): SimUser {
    const user = this.require(nikOrEmail);
    user.kycRefusal = reason;
    user.updatedAt = this.clock.now().toISOString();
    return structuredClone(user);
  }

  seed(input: SimSeed): SimUser {
    const status = input.status ?? 'NO_CERTIFICATE';
    if (!BSRE_STATUSES.includes(status) || status === 'NOT_REGISTERED') {
      throw new Error(`Simulator BSrE: status awal ${String(status)} tidak bisa dipakai untuk seed.`);
    }
    const created = this.create({
      nama: input.nama,
      email: input.email,
      nik: input.nik ?? '',
      oidInstansi: input.oidInstansi ?? null,
      hasRecommendationLetter: false,
    });
    if (created.kind === 'duplicate') {
      throw new Error(
        `Simulator BSrE: ${created.field === 'nik' ? 'NIK' : 'email'} ${maskIdentity(created.field === 'nik' ? (input.nik ?? '') : input.email)} sudah terdaftar.`,
      );
    }
    const user = this.require(input.email);
    user.history = [];
    const now = this.clock.now();
    if (STATUSES_WITH_CERTIFICATE.has(status)) {
      // An expired user gets a certificate whose two years are already over.
      const start = status === 'EXPIRED' ? yearsBefore(now, 2) : now;
      user.certificate = this.ca.issueLeaf(user, start);
    }
    this.move(user, 'seed', status, now, null);
    return structuredClone(user);
  }

  /** A registration from the HTTP API: counted, then created in NO_CERTIFICATE with an activation email. */
  register(request: RegistrationRequest): RegistrationResult {
    this.received.push({ nik: request.nik, email: request.email });
    const created = this.create(request);
    if (created.kind === 'created') {
      this.sentEmails.push(activationEmail(created.user, this.clock.now()));
    }
    return created;
  }

  registrationCount(nikOrEmail?: string): number {
    if (nikOrEmail === undefined) return this.received.length;
    const key = nikOrEmail.trim();
    return this.received.filter((r) =>
      key.includes('@') ? r.email.toLowerCase() === key.toLowerCase() : r.nik !== '' && r.nik === key,
    ).length;
  }

  emails(): SimEmail[] {
    return structuredClone(this.sentEmails);
  }

  /** A live lookup for the HTTP handlers (refreshed for the clock). */
  lookup(nikOrEmail: string): SimUser | undefined {
    const user = this.find(nikOrEmail);
    return user ? this.refresh(user) : undefined;
  }

  private create(request: RegistrationRequest): RegistrationResult {
    const nik = request.nik.trim();
    if (nik !== '' && this.find(nik)) return { kind: 'duplicate', field: 'nik' };
    if (this.find(request.email)) return { kind: 'duplicate', field: 'email' };
    const at = this.clock.now().toISOString();
    const user: SimUser = {
      nik,
      email: request.email.trim(),
      nama: request.nama.trim(),
      status: 'NO_CERTIFICATE',
      oidInstansi: request.oidInstansi,
      hasRecommendationLetter: request.hasRecommendationLetter,
      kycRefusal: null,
      registeredAt: at,
      updatedAt: at,
      certificate: null,
      previousCertificates: [],
      history: [{ at, action: 'register', from: 'NOT_REGISTERED', to: 'NO_CERTIFICATE' }],
    };
    this.users.push(user);
    return { kind: 'created', user: structuredClone(user) };
  }

  private find(nikOrEmail: string): SimUser | undefined {
    const key = String(nikOrEmail ?? '').trim();
    if (key === '') return undefined;
    if (key.includes('@')) return this.users.find((u) => u.email.toLowerCase() === key.toLowerCase());
    return this.users.find((u) => u.nik !== '' && u.nik === key);
  }

  private require(nikOrEmail: string): SimUser {
    const user = this.find(nikOrEmail);
    if (!user) throw new Error(`Simulator BSrE: pengguna ${maskIdentity(nikOrEmail)} tidak terdaftar.`);
    return user;
  }

  /** An issued certificate whose notAfter has passed on the injected clock makes the user EXPIRED. */
  private refresh(user: SimUser): SimUser {
    const now = this.clock.now();
    if (user.status === 'ISSUE' && user.certificate && user.certificate.notAfter.getTime() < now.getTime()) {
      this.move(user, 'auto-expire', 'EXPIRED', now);
    }
    return user;
  }

  private move(
    user: SimUser,
    action: SimUser['history'][number]['action'],
    to: KnownBsreStatus,
    now: Date,
    from: KnownBsreStatus | null = user.status,
  ): void {
    const at = now.toISOString();
    user.history.push({ at, action, from, to });
    user.status = to;
    user.updatedAt = at;
  }
}

/** A start date whose 2-year certificate ended about a day before `date`. */
function yearsBefore(date: Date, years: number): Date {
  const start = new Date(date.getTime());
  start.setUTCFullYear(start.getUTCFullYear() - years);
  start.setUTCDate(start.getUTCDate() - 1);
  return start;
}
