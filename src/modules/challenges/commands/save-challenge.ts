import type { Static } from 'typebox';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { challenges } from '../../../db/schema/index.ts';
import { uniqueSlug } from '../../../db/slug.ts';
import { changedFields, recordAudit } from '../../audit/audit.ts';
import { splitList } from '../../accounts/schema.ts';
import type { ChallengeForm } from '../schema.ts';
import { forgetChallengeMatches } from '../search.ts';

export type ChallengeInput = Omit<Static<typeof ChallengeForm>, 'organisation'>;

/** Form values → columns: keyword list, empty dates as null, the year-round choice as a boolean. */
function toColumns(input: ChallengeInput) {
  const { keywords, startsOn, endsOn, yearRound, ...texts } = input;
  return { ...texts, keywords: splitList(keywords), startsOn: startsOn || null, endsOn: endsOn || null, yearRound: yearRound === 'yes' };
}

/** Creates a draft; only the organisation and the organiser see it until it is published. */
export async function createChallenge(ctx: Ctx, actorId: string, organisationId: string, input: ChallengeInput): Promise<{ slug: string }> {
  return ctx.db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, challenges, challenges.slug, input.titleSv);
    const [row] = await tx
      .insert(challenges)
      .values({ ...toColumns(input), slug, organisationId })
      .returning({ id: challenges.id });
    await recordAudit(tx, { actorId, action: 'challenge.created', subjectType: 'challenge', subjectId: row.id });
    return { slug };
  });
}

/** Saves changed fields and records which ones changed. */
export async function updateChallenge(ctx: Ctx, actorId: string, challengeId: string, input: ChallengeInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('update');
    const next = toColumns(input);
    const changed = changedFields(before, next);
    if (changed.length === 0) return;
    await tx
      .update(challenges)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(challenges.id, challengeId));
    await recordAudit(tx, { actorId, action: 'challenge.updated', subjectType: 'challenge', subjectId: challengeId, details: { fields: changed } });
  });
  forgetChallengeMatches(ctx.db); // any field may change what a search finds
}
