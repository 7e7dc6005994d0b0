/** Staff accounts. The password hash never leaves this module's callers in the core. */
import type { UserView } from '../../../../shared/domain/office';
import type { Role } from '../../../../shared/domain/roles';
import type { Db } from '../db';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  nip: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: string;
}

/** The actor of steps the app completes itself from BSrE's answers (migration 3; cannot sign in). */
export const SYSTEM_USER_ID = 'system-bsre';

export interface UserRecord extends UserView {
  passwordHash: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  nip: r.nip,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
  passwordHash: r.password_hash,
});

export function toUserView(u: UserRecord): UserView {
  const { passwordHash: _hidden, ...view } = u;
  return view;
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | null> {
  const row = (await db.prepare('SELECT * FROM users WHERE id = ?').get(id)) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/**
 * The signed-in caller and the office's idle-lock minutes in one read: every call of a signed-in
 * desk needs both, and on PostgreSQL each read is a round trip to the server.
 */
export async function findCallerWithIdleLock(
  db: Db,
  id: string,
): Promise<{ user: UserRecord; idleLockMinutes: number | null } | null> {
  const row = (await db
    .prepare(
      'SELECT users.*, (SELECT idle_lock_minutes FROM office WHERE id = 1) AS office_idle_lock_minutes FROM users WHERE id = ?',
    )
    .get(id)) as (UserRow & { office_idle_lock_minutes: number | null }) | undefined;
  return row ? { user: toUser(row), idleLockMinutes: row.office_idle_lock_minutes } : null;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | null> {
  const row = (await db.prepare('SELECT * FROM users WHERE username = ? AND id <> ?').get(username, SYSTEM_USER_ID)) as
    UserRow | undefined;
  return row ? toUser(row) : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (
    (await db.prepare('SELECT * FROM users WHERE id <> ? ORDER BY role, full_name').all(SYSTEM_USER_ID)) as UserRow[]
  ).map(toUser);
}

export async function countUsers(db: Db): Promise<number> {
  return ((await db.prepare('SELECT COUNT(*) AS n FROM users WHERE id <> ?').get(SYSTEM_USER_ID)) as { n: number }).n;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  return (
    (await db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1").get()) as { n: number }
  ).n;
}

export async function insertUser(db: Db, u: UserRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO users (id, username, full_name, nip, role, password_hash, active, created_at)
     VALUES (@id, @username, @fullName, @nip, @role, @passwordHash, @active, @createdAt)`,
    )
    .run({ ...u, active: u.active ? 1 : 0 });
}

export async function updateUser(db: Db, u: UserRecord): Promise<void> {
  await db
    .prepare(
      'UPDATE users SET full_name = @fullName, role = @role, active = @active, password_hash = @passwordHash WHERE id = @id',
    )
    .run({
      ...u,
      active: u.active ? 1 : 0,
    });
}
