import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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
    .select({ team: teams, challengeSv: challenges.titleSv, challengeEn: challenges.titleEn, challengeSlug: challenges.slug, trackSv: eventTracks.nameSv, trackEn: eventTracks.nameEn, proposalStatus: submissions.status })
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
  const [team] = await db.select().from(teams).where(and(eq(teams.eventId, eventId), eq(teams.inviteToken, token)));
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
  const [row] = await db.select().from(teamSeekers).where(and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)));
  return row ?? null;
}

/** The total behind an empty page past the end (a page in range gets it from `count(*) over ()`, in one query). */
async function countOf(db: Db, table: typeof teams | typeof teamSeekers, where: SQL[]) {
  const [{ total }] = await db.select({ total: count() }).from(table).where(and(...where));
  return total;
}

export interface BoardFilter {
  role?: string;
  challenge?: string;
  language?: string;
  page: number;
}
export const BOARD_PAGE = 20;

/** Teams looking for people, filtered by a wanted role and a challenge; one page, with the total. */
export async function teamsLooking(db: Db, eventId: string, f: BoardFilter) {
  const where: SQL[] = [eq(teams.eventId, eventId), eq(teams.lookingForMembers, true)];
  if (f.role) where.push(sql`${f.role} = any(${teams.rolesWanted})`);
  if (f.challenge) where.push(eq(teams.challengeId, f.challenge));
  const rows = await db
      .select({
        total: sql<number>`count(*) over ()`.mapWith(Number),
        id: teams.id,
        name: teams.name,
        pitch: teams.pitch,
        rolesWanted: teams.rolesWanted,
        challengeSv: challenges.titleSv,
        challengeEn: challenges.titleEn,
        members: sql<number>`(select count(*)::int from ${teamMembers} where ${teamMembers.teamId} = ${teams.id})`,
      })
      .from(teams)
      .leftJoin(challenges, eq(challenges.id, teams.challengeId))
      .where(and(...where))
      .orderBy(asc(teams.createdAt), asc(teams.id))
      .limit(BOARD_PAGE)
      .offset((f.page - 1) * BOARD_PAGE);
  return { rows, total: rows[0]?.total ?? (f.page > 1 ? await countOf(db, teams, where) : 0) };
}

/** People looking for a team, filtered by role, challenge and language; one page, with the total. */
export async function seekersLooking(db: Db, eventId: string, f: BoardFilter) {
  const where: SQL[] = [eq(teamSeekers.eventId, eventId)];
  if (f.role) where.push(sql`${f.role} = any(${teamSeekers.roles})`);
  if (f.challenge) where.push(eq(teamSeekers.challengeId, f.challenge));
  if (f.language) where.push(sql`${f.language} = any(${teamSeekers.languages})`);
  const rows = await db
      .select({
        total: sql<number>`count(*) over ()`.mapWith(Number),
        userId: teamSeekers.userId,
        name: users.name,
        roles: teamSeekers.roles,
        skills: teamSeekers.skills,
        languages: teamSeekers.languages,
        note: teamSeekers.note,
        challengeSv: challenges.titleSv,
        challengeEn: challenges.titleEn,
      })
      .from(teamSeekers)
      .innerJoin(users, eq(users.id, teamSeekers.userId))
      .leftJoin(challenges, eq(challenges.id, teamSeekers.challengeId))
      .where(and(...where))
      .orderBy(asc(teamSeekers.createdAt), asc(teamSeekers.userId))
      .limit(BOARD_PAGE)
      .offset((f.page - 1) * BOARD_PAGE);
  return { rows, total: rows[0]?.total ?? (f.page > 1 ? await countOf(db, teamSeekers, where) : 0) };
}

/** Where a person stands at an event, in one query: whether they hold a place, their team, their board entry. */
export async function standingAt(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({ status: eventRegistrations.status, team: teams, isLeader: teamMembers.isLeader, seeker: teamSeekers })
    .from(sql`(select 1) as me`)
    .leftJoin(eventRegistrations, and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
    .leftJoin(teamMembers, and(eq(teamMembers.eventId, eventId), eq(teamMembers.userId, userId)))
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .leftJoin(teamSeekers, and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)));
  return { holdsPlace: row.status === 'registered', mine: row.team ? { team: row.team, isLeader: row.isLeader === true } : null, seeker: row.seeker };
}
