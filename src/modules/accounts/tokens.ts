import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { userTokens } from '../../db/schema/index.ts';
import { hashToken, newToken } from './sessions.ts';

type Purpose = 'verify_email' | 'reset_password';
const TTL_MS: Record<Purpose, number> = { verify_email: 7 * 24 * 3600 * 1000, reset_password: 3600 * 1000 };

/** Issues a one-time token for a link sent by e-mail; only its hash is stored. */
export async function issueToken(db: Db | Tx, userId: string, purpose: Purpose): Promise<string> {
  const token = newToken();
  await db.insert(userTokens).values({ id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + TTL_MS[purpose]) });
  return token;
}

/**
 * Uses a token and returns its user, or null if it is unknown, used, expired or for another purpose. Every other
 * outstanding link of that person dies with it: each one signs in or sets the password, so an older link found
 * later in a mailbox must not undo what the newer one did. Call it inside the transaction that acts on the token.
 */
export async function consumeToken(db: Db | Tx, token: string, purpose: Purpose): Promise<string | null> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())))
    .returning({ userId: userTokens.userId });
  if (!row) return null;
  await revokeTokens(db, row.userId);
  return row.userId;
}

/** Ends every outstanding e-mailed link of a person (verification and reset), e.g. when the password changes. */
export async function revokeTokens(db: Db | Tx, userId: string): Promise<void> {
  await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));
}

/** Whether a token would be accepted, without using it (to show the reset form only for live links). */
export async function peekToken(db: Db, token: string, purpose: Purpose): Promise<boolean> {
  const [row] = await db
    .select({ id: userTokens.id })
    .from(userTokens)
    .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())));
  return !!row;
}
