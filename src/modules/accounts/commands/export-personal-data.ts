import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import {
  auditLog,
  consents,
  feedback,
  follows,
  memberships,
  notices,
  organisations,
  outbox,
  sessions,
  userIdentities,
  users,
} from '../../../db/schema/index.ts';

/**
 * Everything stored about a person (GDPR art. 15 and 20), as plain JSON. Secrets are left out:
 * password hash, session and token hashes. New tables that hold personal data must be added here.
 */
export async function exportPersonalData({ db }: Ctx, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const { passwordHash, ...account } = user;
  const [identities, givenConsents, sessionList, orgs, mail, audit, feedbackSent, following, noticeList] = await Promise.all([
    db
      .select({ issuer: userIdentities.issuer, subject: userIdentities.subject, createdAt: userIdentities.createdAt })
      .from(userIdentities)
      .where(eq(userIdentities.userId, userId)),
    db.select({ kind: consents.kind, version: consents.version, givenAt: consents.givenAt }).from(consents).where(eq(consents.userId, userId)),
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db
      .select({ organisation: organisations.name, slug: organisations.slug, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, userId)),
    db
      .select({ to: outbox.toAddress, subject: outbox.subject, text: outbox.textBody, status: outbox.status, createdAt: outbox.createdAt })
      .from(outbox)
      .where(eq(outbox.userId, userId))
      .orderBy(desc(outbox.id)),
    db
      .select({
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        details: auditLog.details,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId))
      .orderBy(desc(auditLog.id)),
    db
      .select({ kind: feedback.kind, message: feedback.message, replyTo: feedback.replyTo, createdAt: feedback.createdAt })
      .from(feedback)
      .where(eq(feedback.userId, userId)),
    db
      .select({ type: follows.targetType, id: follows.targetId, since: follows.createdAt })
      .from(follows)
      .where(eq(follows.userId, userId))
      .orderBy(desc(follows.createdAt)),
    db
      .select({
        kind: notices.kind,
        path: notices.path,
        params: notices.params,
        createdAt: notices.createdAt,
        readAt: notices.readAt,
        mailedAt: notices.mailedAt,
      })
      .from(notices)
      .where(eq(notices.userId, userId))
      .orderBy(desc(notices.id)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...account, hasPassword: passwordHash !== null },
    identities,
    consents: givenConsents,
    sessions: sessionList,
    memberships: orgs,
    mail,
    activity: audit,
    feedback: feedbackSent,
    follows: following,
    notices: noticeList,
  };
}
