import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Db, type Tx } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import {
  challengeAdoptions,
  challenges,
  events,
  organisations,
  realisations,
  realisationUpdates,
  solutionInterests,
  submissions,
  teamMembers,
  teams,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../web/policy.ts';
import { isSolution } from './rules.ts';

/** A solution with where its realisation stands (a solution without a record is an idea); null if it is not one. */
export async function findSolution(db: Db | Tx, submissionId: string) {
  if (!isUuid(submissionId)) return null;
  const [row] = await db
    .select({
      id: submissions.id,
      title: submissions.title,
      teamId: submissions.teamId,
      teamName: teams.name,
      challengeId: submissions.challengeId,
      eventId: events.id,
      eventSlug: events.slug,
      eventSv: events.titleSv,
      eventEn: events.titleEn,
      stage: sql<string>`coalesce(${realisations.stage}, 'idea')`.as('stage'),
      confirmed: sql<boolean>`coalesce(${realisations.confirmed}, true)`.as('confirmed'),
      stageSince: realisations.stageSince,
    })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
    .where(and(eq(submissions.id, submissionId), isSolution));
  return row ?? null;
}
export type Solution = NonNullable<Awaited<ReturnType<typeof findSolution>>>;

export type OwnerVia = 'challenge' | 'adoption' | 'interest';

/**
 * A solution's need owners: the organisation that posted its challenge, those that adopted the challenge, and those
 * whose interest in the solution the team accepted. Each may update and confirm its realisation.
 */
export async function needOwnersOf(db: Db | Tx, submissionId: string) {
  const rows = await rowsOf<{ id: string; slug: string; name: string; via: OwnerVia }>(
    db,
    sql`
    select o.id, o.slug, o.name, x.via from (
      select c.organisation_id as id, 'challenge' as via, c.created_at as since
        from ${submissions} s join ${challenges} c on c.id = s.challenge_id where s.id = ${submissionId}
      union all
      select a.organisation_id, 'adoption', a.created_at
        from ${submissions} s join ${challengeAdoptions} a on a.challenge_id = s.challenge_id where s.id = ${submissionId}
      union all
      select i.organisation_id, 'interest', i.decided_at
        from ${solutionInterests} i where i.submission_id = ${submissionId} and i.status = 'accepted'
    ) x join ${organisations} o on o.id = x.id
    order by x.since, o.name`,
  );
  // One organisation may own a solution in more than one way; the first way counts.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
export type NeedOwner = Awaited<ReturnType<typeof needOwnersOf>>[number];

/** What the actor may do with a solution's record: write as the team, and as which of its need owners. */
export async function standingOn(db: Db | Tx, actor: Actor, solution: Pick<Solution, 'id' | 'teamId'>, owners: NeedOwner[]) {
  const user = actor.user;
  if (!user) return { teamMember: false, ownerOrganisations: [] as NeedOwner[] };
  const [member] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, solution.teamId), eq(teamMembers.userId, user.id)));
  const mine = new Set(user.memberships.map((m) => m.organisationId));
  return { teamMember: Boolean(member), ownerOrganisations: owners.filter((o) => mine.has(o.id)) };
}
export type Standing = Awaited<ReturnType<typeof standingOn>>;

const confirmers = alias(organisations, 'confirmer');
const writers = alias(organisations, 'writer');

/** The whole history, oldest first: nothing is overwritten, a confirmation is added to the update it confirms. */
export async function timelineOf(db: Db | Tx, submissionId: string) {
  return db
    .select({
      update: realisationUpdates,
      authorName: users.name,
      organisationName: writers.name,
      organisationSlug: writers.slug,
      confirmedByName: confirmers.name,
    })
    .from(realisationUpdates)
    .leftJoin(users, eq(users.id, realisationUpdates.authorId))
    .leftJoin(writers, eq(writers.id, realisationUpdates.organisationId))
    .leftJoin(confirmers, eq(confirmers.id, realisationUpdates.confirmedOrganisationId))
    .where(eq(realisationUpdates.submissionId, submissionId))
    .orderBy(asc(realisationUpdates.createdAt), asc(realisationUpdates.id));
}
export type TimelineEntry = Awaited<ReturnType<typeof timelineOf>>[number];

/** Current stages of many solutions at once (absent = idea), for lists. */
export async function stagesOf(db: Db, submissionIds: string[]) {
  if (!submissionIds.length) return new Map<string, { stage: string; confirmed: boolean }>();
  const rows = await db
    .select({ id: realisations.submissionId, stage: realisations.stage, confirmed: realisations.confirmed })
    .from(realisations)
    .where(inArray(realisations.submissionId, submissionIds));
  return new Map(rows.map((r) => [r.id, { stage: r.stage as string, confirmed: r.confirmed }]));
}
