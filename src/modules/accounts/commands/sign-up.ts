import type { Ctx } from '../../../context.ts';
import { consents, users } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { alreadyRegisteredMail, verificationMail } from '../mail.ts';
import { hashPassword } from '../passwords.ts';
import { findUserByEmail, normaliseEmail } from '../queries.ts';
import { PRIVACY_NOTICE_VERSION } from '../schema.ts';
import { issueToken } from '../tokens.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  lang: Lang;
}

/**
 * Creates an unverified account with consent recorded, and mails a verification link. If the address is taken,
 * the owner gets a mail saying so instead, and the caller sees the same outcome: sign-up does not reveal who has an account.
 */
export async function signUp({ db, config }: Ctx, input: SignUpInput): Promise<{ userId: string | null }> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      const mail = alreadyRegisteredMail(input.lang, `${config.publicUrl}/signin`, `${config.publicUrl}/forgot-password`);
      await enqueueMail(tx, { to: email, userId: existing.id, ...mail });
      return { userId: null };
    }
    const [user] = await tx.insert(users).values({ email, name: input.name, passwordHash, preferredLanguage: input.lang }).returning({ id: users.id });
    await tx.insert(consents).values({ userId: user.id, kind: 'privacy_notice', version: PRIVACY_NOTICE_VERSION });
    const token = await issueToken(tx, user.id, 'verify_email');
    const link = `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await enqueueMail(tx, { to: email, userId: user.id, ...verificationMail(input.lang, input.name, link) });
    return { userId: user.id };
  });
}
