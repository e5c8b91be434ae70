import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { challenges, teamMembers, teams, teamSeekers, users } from '../../db/schema/index.ts';
import { sharedQuery } from '../../web/shared-cache.ts';
import { CONTENT_AND_ACTIVITY } from '../../web/changes.ts';

/**
 * An event's team board: every team looking for people and every person looking for a team, oldest first. It is read
 * in two queries and kept while nothing changes (web/shared-cache.ts), then filtered, paged and ranked here: the board
 * is the signed-in page people reload most during a hackathon (each tab, filter and page), and it is the same for all
 * of them. A change through any instance is seen on the next request.
 */
export interface Board {
  teams: BoardTeam[];
  seekers: BoardSeeker[];
}
export type BoardTeam = Awaited<ReturnType<typeof readTeams>>[number];
export type BoardSeeker = Awaited<ReturnType<typeof readSeekers>>[number];

function readTeams(db: Db, eventId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      pitch: teams.pitch,
      rolesWanted: teams.rolesWanted,
      challengeId: teams.challengeId,
      challengeSv: challenges.titleSv,
      challengeEn: challenges.titleEn,
      members: sql<number>`(select count(*)::int from ${teamMembers} where ${teamMembers.teamId} = ${teams.id})`,
    })
    .from(teams)
    .leftJoin(challenges, eq(challenges.id, teams.challengeId))
    .where(sql`${teams.eventId} = ${eventId} and ${teams.lookingForMembers}`)
    .orderBy(asc(teams.createdAt), asc(teams.id));
}

function readSeekers(db: Db, eventId: string) {
  return db
    .select({
      userId: teamSeekers.userId,
      name: users.name,
      roles: teamSeekers.roles,
      skills: teamSeekers.skills,
      languages: teamSeekers.languages,
      note: teamSeekers.note,
      challengeId: teamSeekers.challengeId,
      challengeSv: challenges.titleSv,
      challengeEn: challenges.titleEn,
    })
    .from(teamSeekers)
    .innerJoin(users, eq(users.id, teamSeekers.userId))
    .leftJoin(challenges, eq(challenges.id, teamSeekers.challengeId))
    .where(eq(teamSeekers.eventId, eventId))
    .orderBy(asc(teamSeekers.createdAt), asc(teamSeekers.userId));
}

export const boardOf = sharedQuery(
  async (db: Db, eventId: string): Promise<Board> => {
    const [t, s] = await Promise.all([readTeams(db, eventId), readSeekers(db, eventId)]);
    return { teams: t, seekers: s };
  },
  { reads: CONTENT_AND_ACTIVITY },
);

export interface BoardFilter {
  role?: string;
  challenge?: string;
  language?: string;
  page: number;
}
export const BOARD_PAGE = 20;

function page<T>(rows: T[], f: BoardFilter) {
  return { rows: rows.slice((f.page - 1) * BOARD_PAGE, f.page * BOARD_PAGE), total: rows.length };
}

/** Teams looking for people, filtered by a wanted role and a challenge; one page, with the total. */
export function teamsLooking(board: Board, f: BoardFilter) {
  return page(
    board.teams.filter((t) => (!f.role || t.rolesWanted.includes(f.role)) && (!f.challenge || t.challengeId === f.challenge)),
    f,
  );
}

/** People looking for a team, filtered by role, challenge and language; one page, with the total. */
export function seekersLooking(board: Board, f: BoardFilter) {
  return page(
    board.seekers.filter(
      (s) => (!f.role || s.roles.includes(f.role)) && (!f.challenge || s.challengeId === f.challenge) && (!f.language || s.languages.includes(f.language)),
    ),
    f,
  );
}
