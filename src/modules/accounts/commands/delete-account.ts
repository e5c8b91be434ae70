import { sql, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { auditLog, consents, feedback, follows, memberships, notices, outbox, sessions, userIdentities, userTokens, users } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { accountDeletedMail } from '../mail.ts';

/**
 * Erases a person (GDPR art. 17). The user row stays as an empty shell so that public content they wrote keeps
 * its author link and shows "deleted user"; everything that identifies them is removed. A last mail confirms it,
 * addressed without a user link so it is not erased with the rest.
 */
export async function deleteAccount({ db }: Ctx, userId: string, lang: Lang): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).for('update');
    if (!user?.email) return;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(userTokens).where(eq(userTokens.userId, userId));
    await tx.delete(userIdentities).where(eq(userIdentities.userId, userId));
    await tx.delete(consents).where(eq(consents.userId, userId));
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    await tx.delete(outbox).where(eq(outbox.userId, userId));
    await tx.delete(feedback).where(eq(feedback.userId, userId));
    await tx.delete(follows).where(eq(follows.userId, userId));
    await tx.delete(notices).where(eq(notices.userId, userId));
    await tx
      .update(users)
      .set({
        email: null,
        name: null,
        passwordHash: null,
        emailVerifiedAt: null,
        isOrganiser: false,
        roles: sql`'{}'::text[]`,
        skills: sql`'{}'::text[]`,
        languages: sql`'{}'::text[]`,
        bio: '',
        deletedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorId: userId, action: 'account.deleted', subjectType: 'user', subjectId: userId });
    await enqueueMail(tx, { to: user.email, ...accountDeletedMail(lang) });
  });
}
