import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { events, submissions, teamMembers, votes } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';

export type VoteOutcome = 'voted' | 'alreadyVoted' | 'ownTeam' | 'closed' | 'unverified' | 'notInGallery';

/**
 * A vote for the participants' choice: while voting is open, by a verified account, for a submitted proposal of the
 * event that is not the voter's own team's. The primary key (event, person) makes a second vote impossible.
 */
export async function castVote(ctx: Ctx, voter: { id: string; emailVerified: boolean }, eventId: string, submissionId: string): Promise<VoteOutcome> {
  if (!voter.emailVerified) return 'unverified';
  return ctx.db.transaction(async (tx) => {
    const [event] = await tx.select({ voting: events.voting }).from(events).where(eq(events.id, eventId));
    if (event?.voting !== 'open') return 'closed';
    const [s] = await tx
      .select({ teamId: submissions.teamId })
      .from(submissions)
      .where(and(eq(submissions.id, submissionId), eq(submissions.eventId, eventId), eq(submissions.status, 'submitted')));
    if (!s) return 'notInGallery';
    const [own] = await tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, s.teamId), eq(teamMembers.userId, voter.id)));
    if (own) return 'ownTeam';
    const [vote] = await tx.insert(votes).values({ eventId, userId: voter.id, submissionId }).onConflictDoNothing().returning({ eventId: votes.eventId });
    if (!vote) return 'alreadyVoted';
    await recordAudit(tx, { actorId: voter.id, action: 'vote.cast', subjectType: 'event', subjectId: eventId });
    return 'voted';
  });
}

export async function setVoting(ctx: Ctx, actorId: string, eventId: string, state: 'off' | 'open' | 'closed'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(events).set({ voting: state }).where(eq(events.id, eventId));
    await recordAudit(tx, { actorId, action: `vote.${state}`, subjectType: 'event', subjectId: eventId });
  });
}

/** The count, per submission, most votes first; shown only once voting has closed. */
export async function voteCounts(db: Db, eventId: string) {
  return db
    .select({ submissionId: votes.submissionId, title: submissions.title, votes: sql<number>`count(*)::int` })
    .from(votes)
    .innerJoin(submissions, eq(submissions.id, votes.submissionId))
    .where(eq(votes.eventId, eventId))
    .groupBy(votes.submissionId, submissions.title)
    .orderBy(sql`count(*) desc`, submissions.title);
}

export async function voteOf(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({ submissionId: votes.submissionId })
    .from(votes)
    .where(and(eq(votes.eventId, eventId), eq(votes.userId, userId)));
  return row?.submissionId ?? null;
}
