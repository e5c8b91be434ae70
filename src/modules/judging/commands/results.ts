import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { awards, events } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';

export async function giveAward(ctx: Ctx, actorId: string, eventId: string, input: { submissionId: string; name: string; amountSek: number | null; sponsor: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [award] = await tx.insert(awards).values({ eventId, ...input }).returning({ id: awards.id });
    await recordAudit(tx, { actorId, action: 'award.given', subjectType: 'event', subjectId: eventId, details: { award: award.id, ...input } });
  });
}

export async function removeAward(ctx: Ctx, actorId: string, eventId: string, awardId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(awards).where(and(eq(awards.id, awardId), eq(awards.eventId, eventId))).returning({ id: awards.id });
    if (rows.length) await recordAudit(tx, { actorId, action: 'award.removed', subjectType: 'event', subjectId: eventId, details: { award: awardId } });
    return rows.length > 0;
  });
}

export async function setResultsPublished(ctx: Ctx, actorId: string, eventId: string, published: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    // The first publication starts the realisation check-ins' clock; hiding and republishing does not restart it.
    await tx.update(events).set({ resultsPublished: published, ...(published ? { resultsPublishedAt: sql`coalesce(${events.resultsPublishedAt}, now())` } : {}) }).where(eq(events.id, eventId));
    await recordAudit(tx, { actorId, action: published ? 'event.resultsPublished' : 'event.resultsHidden', subjectType: 'event', subjectId: eventId });
  });
}
