import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { consents, userIdentities, users } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { findUserByEmail, normaliseEmail } from '../queries.ts';
import { PRIVACY_NOTICE_VERSION } from '../schema.ts';

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
}

/**
 * The account for an identity from the issuer: linked before, or an existing account whose address the issuer
 * has verified (it gets linked now). Null means a new person, who must consent before an account is made.
 */
export async function findOidcUser({ db }: Ctx, identity: OidcIdentity): Promise<string | null> {
  const [linked] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject), isNull(users.deletedAt)));
  if (linked) return linked.userId;
  if (!identity.email || !identity.emailVerified) return null;
  const user = await findUserByEmail(db, identity.email);
  if (!user) return null;
  await db.insert(userIdentities).values({ issuer: identity.issuer, subject: identity.subject, userId: user.id }).onConflictDoNothing();
  return user.id;
}

/** Creates the account for a new identity once the person has consented to the privacy notice. */
export async function createOidcUser({ db }: Ctx, identity: OidcIdentity, lang: Lang): Promise<string> {
  return db.transaction(async (tx) => {
    // An unverified or taken address is not attached: the person can add one from their profile later.
    const email = identity.email && identity.emailVerified && !(await findUserByEmail(tx, identity.email)) ? normaliseEmail(identity.email) : null;
    const [user] = await tx
      .insert(users)
      .values({ email, name: identity.name || null, emailVerifiedAt: email ? new Date() : null, preferredLanguage: lang })
      .returning({ id: users.id });
    await tx.insert(userIdentities).values({ issuer: identity.issuer, subject: identity.subject, userId: user.id });
    await tx.insert(consents).values({ userId: user.id, kind: 'privacy_notice', version: PRIVACY_NOTICE_VERSION });
    return user.id;
  });
}
