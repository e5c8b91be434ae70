import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { eventRegistrations, events, teamMembers, teams } from '../../../db/schema/index.ts';

export type MembershipRefusal = 'noPlace' | 'alreadyInTeam' | 'full';

/**
 * Checks, under locks, that a person may join a team at an event: they hold a place, are in no team yet, and the
 * team has room. The person's registration row is locked first and the team row second, always in that order, so
 * concurrent joins of one person (to any team) and concurrent joins of one team (by anyone) each queue up, and the
 * size limit holds on every path. The database's own unique index on (event, person) stays as the backstop.
 */
export async function lockForJoining(tx: Tx, eventId: string, userId: string, teamId: string | null): Promise<MembershipRefusal | null> {
  const [place] = await tx
    .select({ status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
    .for('update');
  if (place?.status !== 'registered') return 'noPlace';
  const [already] = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.eventId, eventId), eq(teamMembers.userId, userId)));
  if (already) return 'alreadyInTeam';
  if (!teamId) return null;
  await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
  const [{ size, max }] = await tx
    .select({ size: sql<number>`(select count(*)::int from ${teamMembers} where ${teamMembers.teamId} = ${teamId})`, max: events.teamMax })
    .from(events)
    .where(eq(events.id, eventId));
  return size >= max ? 'full' : null;
}
