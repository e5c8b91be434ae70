import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { needOwnerApplications, organisations, users } from '../../../db/schema/index.ts';
import { isLang, translator } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';

/**
 * The organiser approves or rejects a pending application; the organisation becomes (or does not become) a need
 * owner, and the applicant is told by mail in their language. Returns false if it was not pending any more.
 */
export async function decideApplication(
  ctx: Ctx,
  organiserId: string,
  applicationId: string,
  decision: 'approved' | 'rejected',
  reason: string,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [app] = await tx
      .update(needOwnerApplications)
      .set({ status: decision, decisionReason: reason, decidedBy: organiserId, decidedAt: new Date() })
      .where(and(eq(needOwnerApplications.id, applicationId), eq(needOwnerApplications.status, 'pending')))
      .returning();
    if (!app) return false;
    const [org] = await tx
      .update(organisations)
      .set({ isNeedOwner: decision === 'approved' })
      .where(eq(organisations.id, app.organisationId))
      .returning({ id: organisations.id, name: organisations.name, slug: organisations.slug });
    await recordAudit(tx, { actorId: organiserId, action: `organisation.${decision}`, subjectType: 'organisation', subjectId: org.id, details: { reason } });
    const [applicant] = app.applicantId ? await tx.select().from(users).where(eq(users.id, app.applicantId)) : [];
    if (applicant?.email) {
      const t = translator(isLang(applicant.preferredLanguage) ? applicant.preferredLanguage : 'sv');
      const link = `${ctx.config.publicUrl}/organisations/${org.slug}`;
      await enqueueMail(tx, {
        to: applicant.email,
        userId: applicant.id,
        subject: t(decision === 'approved' ? 'mail.approved.subject' : 'mail.rejected.subject', { name: org.name }),
        text: t(decision === 'approved' ? 'mail.approved.body' : 'mail.rejected.body', { name: org.name, reason: reason || '–', link }),
      });
    }
    return true;
  });
}
