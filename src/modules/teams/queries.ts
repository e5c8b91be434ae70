import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { challenges, eventRegistrations, eventTracks, submissions, teamJoinRequests, teamMembers, teams, teamSeekers, users } from '../../db/schema/index.ts';

export type Team = typeof teams.$inferSelect;

/** The team a person is in at an event, if any. */
export async function teamOf(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({ team: teams, isLeader: teamMembers.isLeader })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.eventId, eventId), eq(teamMembers.userId, userId)));
  return row ?? null;
}

/** A team of the event with its members (leader first), challenge, track and proposal status. */
export async function findTeam(db: Db, eventId: string, teamId: string) {
  const [row] = await db
    .select({
      team: teams,
      challengeSv: challenges.titleSv,
      challengeEn: challenges.titleEn,
      challengeSlug: challenges.slug,
      trackSv: eventTracks.nameSv,
      trackEn: eventTracks.nameEn,
      proposalStatus: submissions.status,
    })
    .from(teams)
    .leftJoin(challenges, eq(challenges.id, teams.challengeId))
    .leftJoin(eventTracks, eq(eventTracks.id, teams.trackId))
    .leftJoin(submissions, eq(submissions.teamId, teams.id))
    .where(and(eq(teams.eventId, eventId), eq(teams.id, teamId)));
  if (!row) return null;
  const members = await db
    .select({ userId: teamMembers.userId, name: users.name, isLeader: teamMembers.isLeader, joinedAt: teamMembers.joinedAt })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(sql`${teamMembers.isLeader} desc`, asc(teamMembers.joinedAt));
  return { ...row, members };
}
export type TeamDetail = NonNullable<Awaited<ReturnType<typeof findTeam>>>;

export async function teamByInvite(db: Db, eventId: string, token: string) {
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.eventId, eventId), eq(teams.inviteToken, token)));
  return team ?? null;
}

/** Pending requests to join a team, oldest first, for its leader. */
export async function pendingRequests(db: Db, teamId: string) {
  return db
    .select({ id: teamJoinRequests.id, name: users.name, message: teamJoinRequests.message, createdAt: teamJoinRequests.createdAt })
    .from(teamJoinRequests)
    .innerJoin(users, eq(users.id, teamJoinRequests.userId))
    .where(and(eq(teamJoinRequests.teamId, teamId), eq(teamJoinRequests.status, 'pending')))
    .orderBy(asc(teamJoinRequests.createdAt));
}

export async function hasPendingRequest(db: Db, teamId: string, userId: string) {
  const [row] = await db
    .select({ id: teamJoinRequests.id })
    .from(teamJoinRequests)
    .where(and(eq(teamJoinRequests.teamId, teamId), eq(teamJoinRequests.userId, userId), eq(teamJoinRequests.status, 'pending')));
  return Boolean(row);
}

export async function seekerOf(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select()
    .from(teamSeekers)
    .where(and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)));
  return row ?? null;
}

// Read on every view of the board, so prepared once.
const standing = preparedPerDb((db) => {
  const eventId = sql.placeholder('eventId');
  const userId = sql.placeholder('userId');
  return db
    .select({ status: eventRegistrations.status, team: teams, isLeader: teamMembers.isLeader, seeker: teamSeekers })
    .from(sql`(select 1) as me`)
    .leftJoin(eventRegistrations, and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
    .leftJoin(teamMembers, and(eq(teamMembers.eventId, eventId), eq(teamMembers.userId, userId)))
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .leftJoin(teamSeekers, and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)))
    .prepare('team_standing');
});

/** Where a person stands at an event, in one query: whether they hold a place, their team, their board entry. */
export async function standingAt(db: Db, eventId: string, userId: string) {
  const [row] = await standing(db).execute({ eventId, userId });
  return { holdsPlace: row.status === 'registered', mine: row.team ? { team: row.team, isLeader: row.isLeader === true } : null, seeker: row.seeker };
}
