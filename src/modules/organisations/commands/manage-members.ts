import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { invitations, memberships, type MemberRole } from '../../../db/schema/index.ts';
import { translator, type Lang } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { hashToken, newToken } from '../../accounts/sessions.ts';
import { normaliseEmail } from '../../accounts/queries.ts';

const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

/** Mails an invitation link; whoever opens it signed in (with any account) joins with the given role. */
export async function inviteMember(ctx: Ctx, inviterId: string, org: { id: string; name: string }, email: string, role: MemberRole, lang: Lang): Promise<void> {
  const token = newToken();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(invitations).values({
      id: hashToken(token),
      organisationId: org.id,
      email: normaliseEmail(email),
      role,
      invitedBy: inviterId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    await recordAudit(tx, { actorId: inviterId, action: 'organisation.invited', subjectType: 'organisation', subjectId: org.id, details: { role } });
    const t = translator(lang);
    const link = `${ctx.config.publicUrl}/invitations/${token}`;
    await enqueueMail(tx, {
      to: normaliseEmail(email),
      subject: t('mail.invitation.subject', { name: org.name }),
      text: t('mail.invitation.body', { name: org.name, link }),
    });
  });
}

/** Joins the organisation from an invitation; null when the link is unknown, used or expired. */
export async function acceptInvitation(ctx: Ctx, userId: string, token: string): Promise<{ organisationId: string } | null> {
  return ctx.db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
      .returning();
    if (!invitation) return null;
    await tx
      .insert(memberships)
      .values({ organisationId: invitation.organisationId, userId, role: invitation.role })
      .onConflictDoUpdate({ target: [memberships.organisationId, memberships.userId], set: { role: invitation.role } });
    await recordAudit(tx, { actorId: userId, action: 'organisation.joined', subjectType: 'organisation', subjectId: invitation.organisationId });
    return { organisationId: invitation.organisationId };
  });
}

export type RemoveResult = 'removed' | 'last_owner' | 'not_member';

/** Removes a member; the last owner stays, so an organisation is never left without one. */
export async function removeMember(ctx: Ctx, actorId: string, organisationId: string, userId: string): Promise<RemoveResult> {
  return ctx.db.transaction(async (tx) => {
    // Lock the organisation's memberships so two removals cannot both pass the last-owner check.
    const members = await tx.select().from(memberships).where(eq(memberships.organisationId, organisationId)).for('update');
    const target = members.find((m) => m.userId === userId);
    if (!target) return 'not_member';
    if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) return 'last_owner';
    await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
    await recordAudit(tx, { actorId, action: 'organisation.member_removed', subjectType: 'organisation', subjectId: organisationId });
    return 'removed';
  });
}
