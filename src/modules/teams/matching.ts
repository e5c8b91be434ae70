import type { Board } from './board.ts';
import type { TeamRole } from './schema.ts';

/**
 * Suggested matches on the team board. A suggestion is only as good as its explanation, so every score is a sum of
 * named reasons the page spells out:
 * - roles: the team wants a role the person has (or, between two people, each has a role the other lacks);
 * - challenge: both are interested in the same challenge;
 * - language: both work in a shared language.
 * Ties keep the board's order (who came first).
 */
export type MatchReason = { kind: 'roles'; roles: TeamRole[] } | { kind: 'challenge' } | { kind: 'language'; languages: string[] };

export interface Seeking {
  roles: string[];
  languages: string[];
  challengeId: string | null;
}

const shared = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
const sameChallenge = (a: string | null, b: string | null) => a !== null && a === b;

function best<T>(candidates: { item: T; score: number }[], limit: number): T[] {
  return candidates
    .sort((a, b) => b.score - a.score) // stable: equal scores stay in board order
    .slice(0, limit)
    .map((c) => c.item);
}

/** Teams at the event still looking, ranked for a person looking for a team. */
export function teamsFor(board: Board, me: Seeking, limit = 5) {
  const candidates = [];
  for (const team of board.teams) {
    const roles = shared(team.rolesWanted, me.roles);
    const challenge = sameChallenge(team.challengeId, me.challengeId);
    if (!roles.length && !challenge) continue;
    candidates.push({
      item: { id: team.id, name: team.name, members: team.members, reasons: reasons(roles, challenge, []) },
      score: roles.length * 2 + (challenge ? 2 : 0),
    });
  }
  return best(candidates, limit);
}

/** People on the board, ranked for a team wanting `roles` (or, for another person, the roles that person lacks). */
export function seekersFor(board: Board, want: { roles: string[]; challengeId: string | null; languages: string[]; excludeUser: string }, limit = 5) {
  const candidates = [];
  for (const seeker of board.seekers) {
    if (seeker.userId === want.excludeUser) continue;
    const roles = shared(seeker.roles, want.roles);
    const challenge = sameChallenge(seeker.challengeId, want.challengeId);
    if (!roles.length && !challenge) continue;
    const languages = shared(seeker.languages, want.languages);
    candidates.push({
      item: { userId: seeker.userId, name: seeker.name, roles: seeker.roles, reasons: reasons(roles, challenge, languages) },
      score: roles.length * 2 + (challenge ? 2 : 0) + Math.min(languages.length, 1),
    });
  }
  return best(candidates, limit);
}

function reasons(roles: string[], sameChallenge: boolean, languages: string[]): MatchReason[] {
  const out: MatchReason[] = [];
  if (roles.length) out.push({ kind: 'roles', roles: roles as TeamRole[] });
  if (sameChallenge) out.push({ kind: 'challenge' });
  if (languages.length) out.push({ kind: 'language', languages });
  return out;
}
