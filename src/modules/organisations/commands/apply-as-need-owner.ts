import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { memberships, needOwnerApplications, organisations, type OrganisationType } from '../../../db/schema/index.ts';
import { uniqueSlug } from '../../../db/slug.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { translator } from '../../../web/i18n.ts';

export interface NewOrganisationApplication {
  name: string;
  type: OrganisationType;
  orgNumber: string | null;
  website: string;
  motivation: string;
}

/** Registers an organisation with the applicant as owner and a pending need-owner application for the organiser. */
export async function applyWithNewOrganisation(ctx: Ctx, applicantId: string, input: NewOrganisationApplication): Promise<{ slug: string }> {
  return ctx.db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, organisations, organisations.slug, input.name);
    const [org] = await tx
      .insert(organisations)
      .values({ slug, name: input.name, type: input.type, orgNumber: input.orgNumber, website: input.website })
      .returning({ id: organisations.id });
    await tx.insert(memberships).values({ organisationId: org.id, userId: applicantId, role: 'owner' });
    await submit(ctx, tx, applicantId, org.id, input.name, input.motivation);
    await recordAudit(tx, { actorId: applicantId, action: 'organisation.created', subjectType: 'organisation', subjectId: org.id });
    return { slug };
  });
}

/** An existing organisation (after a rejection, or one created before) applies again. */
export async function applyAgain(ctx: Ctx, applicantId: string, org: { id: string; name: string }, motivation: string): Promise<void> {
  await ctx.db.transaction((tx) => submit(ctx, tx, applicantId, org.id, org.name, motivation));
}

async function submit(ctx: Ctx, tx: Tx, applicantId: string, organisationId: string, name: string, motivation: string) {
  await tx.insert(needOwnerApplications).values({ organisationId, applicantId, motivation });
  await recordAudit(tx, { actorId: applicantId, action: 'organisation.applied', subjectType: 'organisation', subjectId: organisationId });
  const t = translator('sv');
  await enqueueMail(tx, {
    to: ctx.config.organiserEmail,
    subject: t('mail.application.subject', { name }),
    text: t('mail.application.body', { name, motivation, link: `${ctx.config.publicUrl}/admin/applications` }),
  });
}
