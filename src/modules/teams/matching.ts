import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import type { TeamRole } from './schema.ts';

/**
 * Suggested matches on the team board. A suggestion is only as good as its explanation, so every score is a sum of
 * named reasons the page spells out:
 * - roles: the team wants a role the person has (or, between two people, each has a role the other lacks);
 * - challenge: both are interested in the same challenge;
 * - language: both work in a shared language.
 */
export type MatchReason = { kind: 'roles'; roles: TeamRole[] } | { kind: 'challenge' } | { kind: 'language'; languages: string[] };

export interface Seeking {
  roles: string[];
  languages: string[];
  challengeId: string | null;
}

const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;
const overlap = (column: SQL, values: string[]) => sql`array(select unnest(${column}) intersect select unnest(${textArray(values)}))`;

/** Teams at the event still looking, ranked for a person looking for a team. */
export async function teamsFor(db: Db, eventId: string, me: Seeking, limit = 5) {
  const roles = overlap(sql`t.roles_wanted`, me.roles);
  const rows = await rowsOf<{ id: string; name: string; roles: string[]; same_challenge: boolean; members: number }>(db, sql`
    select t.id, t.name, ${roles} as roles, (t.challenge_id = ${me.challengeId}) is true as same_challenge,
           (select count(*)::int from team_members m where m.team_id = t.id) as members
    from teams t
    where t.event_id = ${eventId} and t.looking_for_members
      and (cardinality(${roles}) > 0 or (t.challenge_id = ${me.challengeId}) is true)
    order by cardinality(${roles}) * 2 + ((t.challenge_id = ${me.challengeId}) is true)::int * 2 desc, t.created_at
    limit ${limit}`);
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.members, reasons: reasons(r.roles, r.same_challenge, []) }));
}

/** People on the board, ranked for a team wanting `rolesWanted` (or, with `complementing`, for another person). */
export async function seekersFor(db: Db, eventId: string, want: { roles: string[]; challengeId: string | null; languages: string[]; excludeUser: string }, limit = 5) {
  const roles = overlap(sql`s.roles`, want.roles);
  const languages = overlap(sql`s.languages`, want.languages);
  const rows = await rowsOf<{ user_id: string; name: string; roles: string[]; languages: string[]; same_challenge: boolean; all_roles: string[] }>(db, sql`
    select s.user_id, u.name, ${roles} as roles, ${languages} as languages, (s.challenge_id = ${want.challengeId}) is true as same_challenge, s.roles as all_roles
    from team_seekers s join users u on u.id = s.user_id
    where s.event_id = ${eventId} and s.user_id <> ${want.excludeUser}
      and (cardinality(${roles}) > 0 or (s.challenge_id = ${want.challengeId}) is true)
    order by cardinality(${roles}) * 2 + ((s.challenge_id = ${want.challengeId}) is true)::int * 2 + least(cardinality(${languages}), 1) desc, s.created_at
    limit ${limit}`);
  return rows.map((r) => ({ userId: r.user_id, name: r.name, roles: r.all_roles, reasons: reasons(r.roles, r.same_challenge, r.languages) }));
}

function reasons(roles: string[], sameChallenge: boolean, languages: string[]): MatchReason[] {
  const out: MatchReason[] = [];
  if (roles.length) out.push({ kind: 'roles', roles: roles as TeamRole[] });
  if (sameChallenge) out.push({ kind: 'challenge' });
  if (languages.length) out.push({ kind: 'language', languages });
  return out;
}
