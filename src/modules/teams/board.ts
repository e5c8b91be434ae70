import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { challenges, teamMembers, teams, teamSeekers, users } from '../../db/schema/index.ts';

/**
 * An event's team board: every team looking for people and every person looking for a team, oldest first. It is read
 * in two queries and kept for a few seconds, then filtered, paged and ranked here: the board is the signed-in page
 * people reload most during a hackathon (each tab, filter and page), and it is the same for all of them. A change
 * made through this process is seen at once (forgetBoard); one made through another instance within BOARD_TTL_MS.
 */
export interface Board {
  teams: BoardTeam[];
  seekers: BoardSeeker[];
}
export type BoardTeam = Awaited<ReturnType<typeof readTeams>>[number];
export type BoardSeeker = Awaited<ReturnType<typeof readSeekers>>[number];

const BOARD_TTL_MS = 5_000;
const boards = new WeakMap<Db, Map<string, { at: number; board: Promise<Board> }>>();

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

export function boardOf(db: Db, eventId: string): Promise<Board> {
  let perEvent = boards.get(db);
  if (!perEvent) boards.set(db, (perEvent = new Map()));
  const hit = perEvent.get(eventId);
  if (hit && Date.now() - hit.at < BOARD_TTL_MS) return hit.board;
  const board = Promise.all([readTeams(db, eventId), readSeekers(db, eventId)]).then(([t, s]) => ({ teams: t, seekers: s }));
  perEvent.set(eventId, { at: Date.now(), board });
  board.catch(() => perEvent.delete(eventId));
  return board;
}

/** After a change to the event's teams, members or board entries. */
export function forgetBoard(db: Db, eventId: string) {
  boards.get(db)?.delete(eventId);
}

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

/** Runs a change to an event's teams or board entries, then forgets the kept board, whether the change went through or not. */
export async function changingBoard<T>(db: Db, eventId: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } finally {
    forgetBoard(db, eventId);
  }
}
