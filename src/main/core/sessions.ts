/**
 * Signed-in sessions, held in memory by the host process: a random token per login, an idle lock
 * after the office's configured minutes, and a hard expiry. Restarting the app signs everyone out.
 */
import { randomBytes } from 'node:crypto';

import type { Role } from '../../shared/domain/roles';
import type { Clock } from './clock';

export interface Session {
  token: string;
  userId: string;
  role: Role;
  createdAt: number;
  lastActivity: number;
  locked: boolean;
  /** What the session is bound to (call-origin.ts bindingOf): 'local', 'desk:<id>' or 'browser:<id>'. */
  binding: string;
}

export const SESSION_MAX_HOURS = 12;

export type SessionState =
  | { state: 'missing' }
  | { state: 'expired' }
  | { state: 'locked'; session: Session }
  | { state: 'active'; session: Session };

export type SessionEndListener = (session: Session) => void;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly endListeners = new Set<SessionEndListener>();
  constructor(private readonly clock: Clock) {}

  /** Told about every session that ends (sign-out, expiry, revoked device): open event streams close. */
  onEnd(listener: SessionEndListener): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private drop(session: Session): void {
    this.sessions.delete(session.token);
    for (const listener of this.endListeners) {
      try {
        listener(session);
      } catch {
        // A host's listener failing must not keep a session alive.
      }
    }
  }

  create(userId: string, role: Role, binding = 'local'): Session {
    const now = this.clock.now().getTime();
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      userId,
      role,
      createdAt: now,
      lastActivity: now,
      locked: false,
      binding,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /**
   * Looks the token up, applying expiry and the idle lock; does not count as activity. With a
   * `binding`, a token bound to another device or browser is treated as missing (a stolen token is
   * useless elsewhere).
   */
  inspect(token: string | null | undefined, idleLockMinutes: number, binding?: string): SessionState {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) return { state: 'missing' };
    if (binding !== undefined && session.binding !== binding) return { state: 'missing' };
    const now = this.clock.now().getTime();
    if (now - session.createdAt > SESSION_MAX_HOURS * 3_600_000) {
      this.drop(session);
      return { state: 'expired' };
    }
    if (now - session.lastActivity > idleLockMinutes * 60_000) session.locked = true;
    return session.locked ? { state: 'locked', session } : { state: 'active', session };
  }

  touch(session: Session): void {
    session.lastActivity = this.clock.now().getTime();
  }

  lock(session: Session): void {
    session.locked = true;
  }

  unlock(session: Session): void {
    session.locked = false;
    this.touch(session);
  }

  end(token: string): void {
    const session = this.sessions.get(token);
    if (session) this.drop(session);
  }

  /** Signs a user out everywhere (deactivated, role changed, password reset). */
  endAllFor(userId: string): void {
    for (const s of [...this.sessions.values()]) if (s.userId === userId) this.drop(s);
  }

  /** Ends every session bound to `binding` (a revoked device). */
  endAllBound(binding: string): void {
    for (const s of [...this.sessions.values()]) if (s.binding === binding) this.drop(s);
  }

  /** Ends the sessions `predicate` picks (browser sign-in switched off). */
  endWhere(predicate: (session: Session) => boolean): void {
    for (const s of [...this.sessions.values()]) if (predicate(s)) this.drop(s);
  }
}
