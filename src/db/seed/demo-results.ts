import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { awards, events, juryAssignments, juryCriteria, juryRounds, jurors, juryScores, submissions, users } from '../schema/index.ts';
import { assignRound, createJury, shortlist } from '../../modules/judging/commands/jury.ts';
import { findJury } from '../../modules/judging/queries.ts';

/**
 * Hack for Sweden 2025, judged: a jury of three scored the three solutions, the round is closed, two finalists are
 * shortlisted, the winner has an award and the results are published, so a newcomer sees what results look like.
 */
export async function seedDemoResults(ctx: Ctx, organiserId: string) {
  const [event] = await ctx.db.select().from(events).where(eq(events.slug, 'hack-for-sweden-2025'));
  const juryId = await createJury(ctx, organiserId, event.id, {
    name: 'Hack for Sweden 2025: juryn',
    challengeId: null,
    trackId: null,
    template: 'challenge',
    scaleMax: 5,
    jurorsPerSubmission: 3,
  });
  const people = await ctx.db
    .insert(users)
    .values(
      ['Jonas Jurist', 'Karin Kriterie', 'Leo Lagom'].map((name, i) => ({ name, email: `demo-juror-${i + 1}@hack365.test`, emailVerifiedAt: new Date() })),
    )
    .returning({ id: users.id, email: users.email });
  await ctx.db
    .insert(jurors)
    .values(people.map((p, i) => ({ juryId, email: p.email!, userId: p.id, inviteToken: `demo-juror-${i + 1}-${juryId}`, acceptedAt: new Date() })));
  const detail = (await findJury(ctx.db, event.id, juryId))!;
  await assignRound(ctx, organiserId, detail.jury, detail.rounds[0]);
  const criteria = await ctx.db.select().from(juryCriteria).where(eq(juryCriteria.juryId, juryId));
  const assigned = await ctx.db
    .select({ id: juryAssignments.id, title: submissions.title })
    .from(juryAssignments)
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .where(eq(juryAssignments.roundId, detail.rounds[0].id));
  const base: Record<string, number> = { Skogskollen: 5, 'Trygg cykelparkering': 3, Vägkollen: 4 };
  for (const [i, a] of assigned.entries()) {
    await ctx.db
      .insert(juryScores)
      .values(criteria.map((c, j) => ({ assignmentId: a.id, criterionId: c.id, score: Math.max(1, Math.min(5, (base[a.title] ?? 3) - ((i + j) % 2))) })));
    await ctx.db
      .update(juryAssignments)
      .set({ submittedAt: new Date(), feedback: 'Tydligt problem och en genomtänkt plan. Visa gärna mer om hur data hålls aktuella.' })
      .where(eq(juryAssignments.id, a.id));
  }
  await ctx.db.update(juryRounds).set({ closedAt: new Date() }).where(eq(juryRounds.id, detail.rounds[0].id));
  const finalists = await ctx.db.select({ id: submissions.id, title: submissions.title }).from(submissions).where(eq(submissions.eventId, event.id));
  await shortlist(
    ctx,
    organiserId,
    detail.jury,
    finalists.filter((f) => f.title !== 'Trygg cykelparkering').map((f) => f.id),
  );
  const winner = finalists.find((f) => f.title === 'Skogskollen')!;
  await ctx.db.insert(awards).values({ eventId: event.id, submissionId: winner.id, name: 'Bästa lösning', amountSek: 50_000, sponsor: 'Digg' });
  await ctx.db.update(events).set({ resultsPublished: true }).where(eq(events.id, event.id));
}
