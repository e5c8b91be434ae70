import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { checkIns, realisations, realisationUpdates } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { notifyFollowers } from '../../notifications/notify.ts';
import type { Solution } from '../queries.ts';
import type { UpdateInput } from '../schema.ts';

/** Locks a solution's record, making it (as an idea) on first use, so concurrent writers take turns. */
export async function lockRecord(tx: Tx, submissionId: string) {
  await tx.insert(realisations).values({ submissionId }).onConflictDoNothing();
  const [row] = await tx.select().from(realisations).where(eq(realisations.submissionId, submissionId)).for('update');
  return row;
}

/**
 * Adds a dated update to a solution's history and, when it names a stage, moves the record there. A need owner's
 * word is confirmed as written; the team's stands as "reported by the team" until a need owner confirms it.
 */
export async function postUpdate(
  ctx: Ctx,
  w: { actorId: string; organisationId: string | null; solution: Pick<Solution, 'id' | 'title' | 'challengeId'> },
  input: UpdateInput,
  tx?: Tx,
) {
  const run = async (tx: Tx) => {
    const record = await lockRecord(tx, w.solution.id);
    const [update] = await tx
      .insert(realisationUpdates)
      .values({ submissionId: w.solution.id, authorId: w.actorId, organisationId: w.organisationId, ...input })
      .returning();
    if (input.stage) {
      await tx
        .update(realisations)
        .set({
          stage: input.stage,
          // The team naming the stage it is already at does not undo a need owner's confirmation.
          confirmed: w.organisationId !== null || (input.stage === record.stage && record.confirmed),
          stageSince: input.stage === record.stage ? record.stageSince : sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(realisations.submissionId, w.solution.id));
    } else {
      await tx
        .update(realisations)
        .set({ updatedAt: sql`now()` })
        .where(eq(realisations.submissionId, w.solution.id));
    }
    // Whoever writes answers the check-in that is waiting, however they came: by its link or by this page.
    await tx
      .update(checkIns)
      .set({ status: 'answered', answeredAt: sql`now()`, answeredBy: w.actorId, updateId: update.id })
      .where(and(eq(checkIns.submissionId, w.solution.id), eq(checkIns.status, 'sent')));
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'realisation.updated',
      subjectType: 'submission',
      subjectId: w.solution.id,
      details: { update: update.id, stage: input.stage, organisation: w.organisationId },
    });
    const stageChanged = input.stage !== null && input.stage !== record.stage;
    await notifyFollowers(tx, {
      targets: followed(w.solution, w.organisationId),
      kind: stageChanged ? 'realisation.stage' : 'realisation.update',
      path: `/solutions/${w.solution.id}#update-${update.id}`,
      params: { solution: w.solution.title, stage: input.stage ?? record.stage },
      actorId: w.actorId,
    });
    return update;
  };
  return tx ? run(tx) : ctx.db.transaction(run);
}

/** What a change to a solution concerns, for its followers: the solution, its challenge, the organisation acting. */
export function followed(s: Pick<Solution, 'id' | 'challengeId'>, organisationId: string | null) {
  return [
    { type: 'solution' as const, id: s.id },
    ...(s.challengeId ? [{ type: 'challenge' as const, id: s.challengeId }] : []),
    ...(organisationId ? [{ type: 'organisation' as const, id: organisationId }] : []),
  ];
}
