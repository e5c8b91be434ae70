import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Db, Tx } from '../../../db/client.ts';
import { awards, events, juries, juryAssignments, juryRounds } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { recordOverride, type Override, type PhaseRefusal } from '../../events/override.ts';
import { tellPublishersOfSolutions } from '../../datasets/commands/tell-publishers.ts';

export async function giveAward(
  ctx: Ctx,
  actorId: string,
  eventId: string,
  input: { submissionId: string; name: string; amountSek: number | null; sponsor: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [award] = await tx
      .insert(awards)
      .values({ eventId, ...input })
      .returning({ id: awards.id });
    await recordAudit(tx, { actorId, action: 'award.given', subjectType: 'event', subjectId: eventId, details: { award: award.id, ...input } });
  });
}

export async function removeAward(ctx: Ctx, actorId: string, eventId: string, awardId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(awards)
      .where(and(eq(awards.id, awardId), eq(awards.eventId, eventId)))
      .returning({ id: awards.id });
    if (rows.length) await recordAudit(tx, { actorId, action: 'award.removed', subjectType: 'event', subjectId: eventId, details: { award: awardId } });
    return rows.length > 0;
  });
}

/**
 * Why results (and with them the awards) may not be published yet, or null when they may: judging is done when a
 * round of the event's juries is closed (`jury_rounds.closed_at`, which locks its scores) and no round with jurors
 * assigned is still open. A round nobody was assigned to (a final judged on stage, say) has nothing to wait for.
 */
export async function resultsRefusal(db: Db | Tx, eventId: string): Promise<PhaseRefusal | null> {
  const [{ closed, open }] = await db
    .select({
      closed: sql<number>`count(*) filter (where ${juryRounds.closedAt} is not null)::int`,
      open: sql<number>`count(*) filter (where ${juryRounds.closedAt} is null and exists (select 1 from ${juryAssignments} a where a.round_id = ${juryRounds.id}))::int`,
    })
    .from(juryRounds)
    .innerJoin(juries, eq(juries.id, juryRounds.juryId))
    .where(eq(juries.eventId, eventId));
  if (open > 0) return { rule: 'results', key: 'phase.results.judging' };
  if (closed === 0) return { rule: 'results', key: 'phase.results.noJudging' };
  return null;
}

/** Publishes or hides the results; publishing waits for judging to close unless the organiser overrides with a reason. */
export async function setResultsPublished(
  ctx: Ctx,
  actorId: string,
  eventId: string,
  published: boolean,
  override: Override | null = null,
): Promise<'done' | { refused: PhaseRefusal }> {
  return ctx.db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (published && !event.resultsPublished) {
      const refused = await resultsRefusal(tx, eventId);
      if (refused && !override) return { refused };
      if (refused && override) await recordOverride(tx, actorId, eventId, refused, override);
    }
    // The first publication starts the realisation check-ins' clock; hiding and republishing does not restart it.
    await tx
      .update(events)
      .set({ resultsPublished: published, ...(published ? { resultsPublishedAt: sql`coalesce(${events.resultsPublishedAt}, now())` } : {}) })
      .where(eq(events.id, eventId));
    if (published) await tellPublishersOfSolutions(tx, eventId, actorId); // finalists become public solutions
    await recordAudit(tx, { actorId, action: published ? 'event.resultsPublished' : 'event.resultsHidden', subjectType: 'event', subjectId: eventId });
    return 'done';
  });
}
