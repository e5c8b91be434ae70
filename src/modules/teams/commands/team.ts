import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { teamMembers, teams, teamSeekers } from '../../../db/schema/index.ts';
import { recordAudit, changedFields } from '../../audit/audit.ts';
import { lockForJoining, type MembershipRefusal } from './lock.ts';
import type { TeamRole } from '../schema.ts';

export interface TeamInput {
  name: string;
  pitch: string;
  challengeId: string | null;
  trackId: string | null;
  rolesWanted: TeamRole[];
  lookingForMembers: boolean;
}

export const newInviteToken = () => crypto.randomBytes(18).toString('base64url');

/** Creates a team with its creator as leader; they leave the board's list of people looking. */
export async function createTeam(
  ctx: Ctx,
  userId: string,
  eventId: string,
  input: TeamInput,
): Promise<{ teamId: string } | { refused: MembershipRefusal | 'nameTaken' }> {
  return ctx.db.transaction(async (tx) => {
    const refused = await lockForJoining(tx, eventId, userId, null);
    if (refused) return { refused };
    if (await nameTaken(tx, eventId, input.name, null)) return { refused: 'nameTaken' as const };
    const [team] = await tx
      .insert(teams)
      .values({ eventId, ...input, inviteToken: newInviteToken() })
      .returning({ id: teams.id });
    await tx.insert(teamMembers).values({ teamId: team.id, eventId, userId, isLeader: true });
    await tx.delete(teamSeekers).where(and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)));
    await recordAudit(tx, { actorId: userId, action: 'team.created', subjectType: 'team', subjectId: team.id, details: { event: eventId } });
    return { teamId: team.id };
  });
}

export async function updateTeam(ctx: Ctx, userId: string, team: typeof teams.$inferSelect, input: TeamInput): Promise<'saved' | 'nameTaken'> {
  return ctx.db.transaction(async (tx) => {
    if (await nameTaken(tx, team.eventId, input.name, team.id)) return 'nameTaken';
    const changed = changedFields(team, input);
    if (!changed.length) return 'saved';
    await tx.update(teams).set(input).where(eq(teams.id, team.id));
    await recordAudit(tx, { actorId: userId, action: 'team.updated', subjectType: 'team', subjectId: team.id, details: { changed } });
    return 'saved';
  });
}

async function nameTaken(tx: Tx, eventId: string, name: string, except: string | null) {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.eventId, eventId), sql`lower(${teams.name}) = lower(${name})`, except ? sql`${teams.id} <> ${except}` : undefined));
  return Boolean(row);
}

/** A new invite link; the old one stops working (for a link shared too widely). */
export async function renewInvite(ctx: Ctx, userId: string, teamId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(teams).set({ inviteToken: newInviteToken() }).where(eq(teams.id, teamId));
    await recordAudit(tx, { actorId: userId, action: 'team.inviteRenewed', subjectType: 'team', subjectId: teamId });
  });
}

export interface SeekerInput {
  roles: TeamRole[];
  skills: string[];
  languages: string[];
  challengeId: string | null;
  note: string;
}

/** Puts a person on the board (or updates their entry); only people with a place and no team may look for one. */
export async function saveSeeker(ctx: Ctx, userId: string, eventId: string, input: SeekerInput): Promise<MembershipRefusal | 'saved'> {
  return ctx.db.transaction(async (tx) => {
    const refused = await lockForJoining(tx, eventId, userId, null);
    if (refused) return refused;
    await tx
      .insert(teamSeekers)
      .values({ eventId, userId, ...input })
      .onConflictDoUpdate({ target: [teamSeekers.eventId, teamSeekers.userId], set: input });
    return 'saved';
  });
}

export async function removeSeeker(ctx: Ctx, userId: string, eventId: string): Promise<void> {
  await ctx.db.delete(teamSeekers).where(and(eq(teamSeekers.eventId, eventId), eq(teamSeekers.userId, userId)));
}
