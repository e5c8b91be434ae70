import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { users } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { verificationMail } from '../mail.ts';
import { consumeToken, issueToken } from '../tokens.ts';
import { findUserById } from '../queries.ts';

/** Marks the address verified if the token is live; returns the user id, or null. */
export async function verifyEmail({ db }: Ctx, token: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email');
    if (!userId) return null;
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
    return userId;
  });
}

export async function resendVerification({ db, config }: Ctx, userId: string, lang: Lang): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user?.email || user.emailVerifiedAt) return;
    const token = await issueToken(tx, user.id, 'verify_email');
    const link = `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await enqueueMail(tx, { to: user.email, userId: user.id, ...verificationMail(lang, user.name ?? '', link) });
  });
}
