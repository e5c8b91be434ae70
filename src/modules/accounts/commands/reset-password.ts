import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { sessions, users } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { passwordChangedMail, resetPasswordMail } from '../mail.ts';
import { hashPassword } from '../passwords.ts';
import { findUserByEmail, findUserById } from '../queries.ts';
import { consumeToken, issueToken } from '../tokens.ts';

/** Mails a reset link if the address has an account; says nothing either way. */
export async function requestPasswordReset({ db, config }: Ctx, email: string, lang: Lang): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user?.email) return;
    const token = await issueToken(tx, user.id, 'reset_password');
    const link = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await enqueueMail(tx, { to: user.email, userId: user.id, ...resetPasswordMail(lang, link) });
  });
}

/**
 * Sets a new password from a reset link. Every session of the account ends (whoever had the old password is out),
 * every other reset or verification link dies (consumeToken), and clicking the mailed link proves the address, so it
 * counts as verified.
 */
export async function resetPassword({ db }: Ctx, token: string, password: string, lang: Lang): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'reset_password');
    if (!userId) return null;
    const user = await findUserById(tx, userId);
    if (!user?.email) return null;
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await enqueueMail(tx, { to: user.email, userId, ...passwordChangedMail(lang) });
    return userId;
  });
}
