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
}

export const SESSION_MAX_HOURS = 12;

export type SessionState =
  | { state: 'missing' }
  | { state: 'expired' }
  | { state: 'locked'; session: Session }
  | { state: 'active'; session: Session };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly clock: Clock) {}

  create(userId: string, role: Role): Session {
    const now = this.clock.now().getTime();
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      userId,
      role,
      createdAt: now,
      lastActivity: now,
      locked: false,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** Looks the token up, applying expiry and the idle lock; does not count as activity. */
  inspect(token: string | null | undefined, idleLockMinutes: number): SessionState {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) return { state: 'missing' };
    const now = this.clock.now().getTime();
    if (now - session.createdAt > SESSION_MAX_HOURS * 3_600_000) {
      this.sessions.delete(session.token);
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
    this.sessions.delete(token);
  }

  /** Signs a user out everywhere (deactivated, role changed, password reset). */
  endAllFor(userId: string): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }
}
