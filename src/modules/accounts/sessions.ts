import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared.ts';
import type { Db } from '../../db/client.ts';
import { memberships, notices, sessions, users } from '../../db/schema/index.ts';
import { UNREAD_CAP, type SessionUser } from '../../web/policy.ts';
import { versionColumn, versionRead } from '../../web/changes.ts';

export const SESSION_COOKIE = 'hack365_session';
/** The signed CSRF secret (@fastify/csrf-protection); replaced at sign-in, cleared at sign-out. */
export const CSRF_COOKIE = 'hack365_csrf';
/** An OpenID Connect sign-in under way, and a first-time identity waiting for consent (both under /auth/oidc). */
export const OIDC_FLOW_COOKIE = 'hack365_oidc_flow';
export const OIDC_PENDING_COOKIE = 'hack365_oidc_pending';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** last_seen is written at most this often, so reading pages does not write on every request. */
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

export async function createSession(db: Db, userId: string, userAgent = ''): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    userAgent: userAgent.slice(0, 300),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  return token;
}

// Runs on every signed-in request, so it is prepared once rather than planned each time.
const sessionUser = preparedPerDb((db) =>
  db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isOrganiser: users.isOrganiser,
      emailVerifiedAt: users.emailVerifiedAt,
      preferredLanguage: users.preferredLanguage,
      lastSeenAt: sessions.lastSeenAt,
      memberships: sql<{ organisationId: string; role: 'owner' | 'editor' }[]>`coalesce((
        select json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role))
        from ${memberships} m where m.user_id = ${users.id}), '[]'::json)`,
      // In the same round trip as the session, for the header on every page; capped, so a backlog costs no more.
      unreadNotices: sql<number>`(select count(*)::int from (select 1 from ${notices} n where n.user_id = ${users.id} and n.read_at is null limit ${sql.raw(String(UNREAD_CAP))}) x)`,
      // And what the page's caches check against, so they cost no round trip of their own.
      version: versionColumn,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), sql`${sessions.expiresAt} > now()`, sql`${users.deletedAt} is null`))
    .prepare('session_user'),
);

/** The signed-in person for a cookie token, with memberships, in one query; null when unknown or expired. */
export async function loadSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const id = hashToken(token);
  const [row] = await sessionUser(db).execute({ id });
  if (!row) return null;
  versionRead(db, row.version);
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .where(eq(sessions.id, id));
  }
  return {
    id: row.id,
    email: row.email ?? '',
    name: row.name ?? '',
    isOrganiser: row.isOrganiser,
    emailVerified: row.emailVerifiedAt !== null,
    preferredLanguage: row.preferredLanguage,
    memberships: row.memberships,
    unreadNotices: row.unreadNotices,
  };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, new Date())).returning({ id: sessions.id });
  return gone.length;
}
