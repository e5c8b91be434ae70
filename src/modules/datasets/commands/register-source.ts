import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { harvestSources } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { nextHarvestTime, type HarvestSource } from '../harvest/run.ts';

export interface SourceInput {
  title: string;
  url: string;
  kind: HarvestSource['kind'];
  schedule: HarvestSource['schedule'];
  organisationId: string | null;
}

/** Registers a harvest source (or returns the one already registered for that address and organisation). */
export async function registerSource(ctx: Ctx, actorId: string | null, input: SourceInput): Promise<HarvestSource> {
  const sameOwner = input.organisationId ? eq(harvestSources.organisationId, input.organisationId) : isNull(harvestSources.organisationId);
  const [existing] = await ctx.db
    .select()
    .from(harvestSources)
    .where(and(eq(harvestSources.url, input.url), sameOwner));
  if (existing) return existing;
  return ctx.db.transaction(async (tx) => {
    const [source] = await tx
      .insert(harvestSources)
      .values({ ...input, createdBy: actorId, nextHarvestAt: nextHarvestTime(input.schedule) })
      .returning();
    await recordAudit(tx, {
      actorId,
      action: 'harvest_source.created',
      subjectType: 'organisation',
      subjectId: input.organisationId ?? 'platform',
      details: { url: input.url },
    });
    return source;
  });
}
