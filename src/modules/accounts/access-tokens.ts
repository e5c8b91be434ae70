import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { accessTokens, memberships, organisations, users, type TokenScope } from '../../db/schema/index.ts';
import type { SessionUser } from '../../web/policy.ts';
import { recordAudit } from '../audit/audit.ts';
import { hashToken, newToken } from './sessions.ts';

/** Recognisable in logs and by secret scanners; the rest is 256 random bits. */
export const TOKEN_PREFIX = 'h365_';
/** Last use is written at most this often: a system calling the API every second need not write every second. */
const TOUCH_AFTER_MS = 60_000;

export interface TokenGrant {
  id: string;
  organisationId: string;
  scopes: TokenScope[];
}

export async function createAccessToken(ctx: Ctx, userId: string, input: { name: string; organisationId: string; scopes: TokenScope[]; days: number }) {
  const token = TOKEN_PREFIX + newToken();
  const expiresAt = new Date(Date.now() + input.days * 24 * 3600_000);
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(accessTokens)
      .values({ tokenHash: hashToken(token), userId, organisationId: input.organisationId, name: input.name, scopes: input.scopes, expiresAt })
      .returning();
    await recordAudit(tx, {
      actorId: userId,
      action: 'token.created',
      subjectType: 'user',
      subjectId: userId,
      details: { token: created.id, name: input.name, organisation: input.organisationId, scopes: input.scopes, expiresAt },
    });
    return created;
  });
  return { token, row };
}

export async function revokeAccessToken(ctx: Ctx, userId: string, id: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(accessTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
      .returning({ id: accessTokens.id });
    if (revoked) await recordAudit(tx, { actorId: userId, action: 'token.revoked', subjectType: 'user', subjectId: userId, details: { token: id } });
    return Boolean(revoked);
  });
}

/** A person's tokens, newest first, with their organisation's name; revoked and expired ones stay listed as such. */
export function accessTokensOf(db: Db, userId: string) {
  return db
    .select({ token: accessTokens, organisation: organisations.name })
    .from(accessTokens)
    .innerJoin(organisations, eq(organisations.id, accessTokens.organisationId))
    .where(eq(accessTokens.userId, userId))
    .orderBy(desc(accessTokens.createdAt));
}

/**
 * The person a bearer token acts for, narrowed to what the token grants: one organisation (and only while the
 * person is still its member), never the organiser's powers. Null for an unknown, revoked or expired token.
 */
export async function loadTokenActor(db: Db, token: string): Promise<{ user: SessionUser; token: TokenGrant } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ token: accessTokens, user: users, role: memberships.role })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .leftJoin(memberships, and(eq(memberships.userId, accessTokens.userId), eq(memberships.organisationId, accessTokens.organisationId)))
    .where(and(eq(accessTokens.tokenHash, hashToken(token)), isNull(accessTokens.revokedAt), gt(accessTokens.expiresAt, sql`now()`), isNull(users.deletedAt)));
  if (!row) return null;
  if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(accessTokens).set({ lastUsedAt: new Date() }).where(eq(accessTokens.id, row.token.id));
  }
  return {
    user: {
      id: row.user.id,
      email: row.user.email ?? '',
      name: row.user.name ?? '',
      isOrganiser: false,
      emailVerified: row.user.emailVerifiedAt !== null,
      preferredLanguage: row.user.preferredLanguage,
      memberships: row.role ? [{ organisationId: row.token.organisationId, role: row.role }] : [],
      unreadNotices: 0,
    },
    token: { id: row.token.id, organisationId: row.token.organisationId, scopes: row.token.scopes as TokenScope[] },
  };
}
