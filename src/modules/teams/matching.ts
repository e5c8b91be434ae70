import { sql } from 'drizzle-orm';
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

/** Teams at the event still looking, ranked for a person looking for a team. */
export async function teamsFor(db: Db, eventId: string, me: Seeking, limit = 5) {
  const wanted = textArray(me.roles);
  // `&&` (overlap) narrows the rows with a cheap test first; the intersection is worked out only for those.
  const rows = await rowsOf<{ id: string; name: string; roles: string[]; same_challenge: boolean; members: number }>(db, sql`
    select t.id, t.name, m.roles, (t.challenge_id = ${me.challengeId}) is true as same_challenge,
           (select count(*)::int from team_members tm where tm.team_id = t.id) as members
    from teams t
    cross join lateral (select array(select unnest(t.roles_wanted) intersect select unnest(${wanted})) as roles) m
    where t.event_id = ${eventId} and t.looking_for_members and (t.roles_wanted && ${wanted} or t.challenge_id = ${me.challengeId})
    order by cardinality(m.roles) * 2 + ((t.challenge_id = ${me.challengeId}) is true)::int * 2 desc, t.created_at
    limit ${limit}`);
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.members, reasons: reasons(r.roles, r.same_challenge, []) }));
}

/** People on the board, ranked for a team wanting `roles` (or, for another person, the roles that person lacks). */
export async function seekersFor(db: Db, eventId: string, want: { roles: string[]; challengeId: string | null; languages: string[]; excludeUser: string }, limit = 5) {
  const wanted = textArray(want.roles);
  const spoken = textArray(want.languages);
  const rows = await rowsOf<{ user_id: string; name: string; roles: string[]; languages: string[]; same_challenge: boolean; all_roles: string[] }>(db, sql`
    select s.user_id, u.name, m.roles, m.languages, (s.challenge_id = ${want.challengeId}) is true as same_challenge, s.roles as all_roles
    from team_seekers s
    join users u on u.id = s.user_id
    cross join lateral (
      select array(select unnest(s.roles) intersect select unnest(${wanted})) as roles,
             array(select unnest(s.languages) intersect select unnest(${spoken})) as languages
    ) m
    where s.event_id = ${eventId} and s.user_id <> ${want.excludeUser} and (s.roles && ${wanted} or s.challenge_id = ${want.challengeId})
    order by cardinality(m.roles) * 2 + ((s.challenge_id = ${want.challengeId}) is true)::int * 2 + least(cardinality(m.languages), 1) desc, s.created_at
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
