import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { challenges, type ChallengeStatus } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { forgetChallengeMatches } from '../search.ts';

/**
 * Moves a challenge along its lifecycle. The caller has checked that the transition is allowed for this actor;
 * the WHERE on the current status makes a concurrent change lose cleanly instead of skipping a step.
 */
export async function changeChallengeStatus(
  ctx: Ctx,
  actorId: string,
  challenge: { id: string; status: ChallengeStatus },
  to: ChallengeStatus,
): Promise<boolean> {
  const changed = await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(challenges)
      .set({ status: to, updatedAt: new Date(), publishedAt: to === 'published' ? sql`coalesce(${challenges.publishedAt}, now())` : challenges.publishedAt })
      .where(and(eq(challenges.id, challenge.id), eq(challenges.status, challenge.status)))
      .returning({ id: challenges.id });
    if (updated.length === 0) return false;
    await recordAudit(tx, { actorId, action: `challenge.${to}`, subjectType: 'challenge', subjectId: challenge.id, details: { from: challenge.status } });
    return true;
  });
  forgetChallengeMatches(ctx.db); // after the commit, so no request can keep the old matches again
  return changed;
}
