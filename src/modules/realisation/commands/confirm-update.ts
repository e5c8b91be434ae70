import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { realisations, realisationUpdates } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { notifyFollowers } from '../../notifications/notify.ts';
import type { Solution } from '../queries.ts';
import { followed, lockRecord } from './post-update.ts';

export type ConfirmResult = 'confirmed' | 'already' | 'not_found';

/**
 * A need owner confirms a stage the team reported. The update keeps who confirmed it and when; if it is still the
 * record's latest stage, the record counts as confirmed. Two confirmations at once: the first wins, the second is told.
 */
export async function confirmUpdate(
  ctx: Ctx,
  w: { actorId: string; organisationId: string; solution: Pick<Solution, 'id' | 'title' | 'challengeId'> },
  updateId: string,
): Promise<ConfirmResult> {
  return ctx.db.transaction(async (tx) => {
    await lockRecord(tx, w.solution.id);
    const [target] = await tx
      .select()
      .from(realisationUpdates)
      .where(
        and(
          eq(realisationUpdates.id, updateId),
          eq(realisationUpdates.submissionId, w.solution.id),
          isNull(realisationUpdates.organisationId),
          isNotNull(realisationUpdates.stage),
        ),
      );
    if (!target) return 'not_found';
    if (target.confirmedAt) return 'already';
    await tx
      .update(realisationUpdates)
      .set({ confirmedBy: w.actorId, confirmedOrganisationId: w.organisationId, confirmedAt: sql`now()` })
      .where(eq(realisationUpdates.id, updateId));
    // Only the latest stage decides whether the record as it stands is confirmed.
    await tx.execute(sql`
      update ${realisations} set confirmed = true, updated_at = now()
      where submission_id = ${w.solution.id} and not exists (
        select 1 from ${realisationUpdates} u where u.submission_id = ${w.solution.id} and u.stage is not null
          and (u.created_at, u.id) > (select t.created_at, t.id from ${realisationUpdates} t where t.id = ${target.id}))`);
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'realisation.confirmed',
      subjectType: 'submission',
      subjectId: w.solution.id,
      details: { update: updateId, organisation: w.organisationId },
    });
    await notifyFollowers(tx, {
      targets: followed(w.solution, w.organisationId),
      kind: 'realisation.confirmed',
      path: `/solutions/${w.solution.id}#update-${updateId}`,
      params: { solution: w.solution.title, stage: target.stage! },
      actorId: w.actorId,
    });
    return 'confirmed';
  });
}
