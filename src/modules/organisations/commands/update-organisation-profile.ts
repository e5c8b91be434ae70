import type { Static } from 'typebox';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { organisations } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { OrganisationProfileForm } from '../schema.ts';

/** Updates the public profile and records who changed what in the audit log, in one transaction. */
export async function updateOrganisationProfile(
  { db }: Ctx,
  actorId: string,
  organisationId: string,
  changes: Static<typeof OrganisationProfileForm>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for('update');
    const changed = Object.fromEntries(Object.entries(changes).filter(([k, v]) => before[k as keyof typeof before] !== v));
    if (Object.keys(changed).length === 0) return;
    await tx.update(organisations).set(changed).where(eq(organisations.id, organisationId));
    await recordAudit(tx, {
      actorId,
      action: 'organisation.updated',
      subjectType: 'organisation',
      subjectId: organisationId,
      details: { fields: Object.keys(changed) },
    });
  });
}
