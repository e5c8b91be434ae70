import { and, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { submissions, teamJoinRequests, teamMembers, teams, teamSeekers, users } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { mailPerson, recipientColumns, recipientOf } from '../../notifications/mail-person.ts';
import { lockForJoining, type MembershipRefusal } from './lock.ts';

type Team = typeof teams.$inferSelect;

async function addMember(tx: Tx, team: Team, userId: string, via: string, actorId: string) {
  await tx.insert(teamMembers).values({ teamId: team.id, eventId: team.eventId, userId });
  await tx.delete(teamSeekers).where(and(eq(teamSeekers.eventId, team.eventId), eq(teamSeekers.userId, userId)));
  // Other requests this person has open at the event are moot now.
  await tx
    .update(teamJoinRequests)
    .set({ status: 'withdrawn', decidedAt: new Date() })
    .where(and(eq(teamJoinRequests.userId, userId), eq(teamJoinRequests.status, 'pending'), ne(teamJoinRequests.teamId, team.id)));
  await recordAudit(tx, { actorId, action: 'team.joined', subjectType: 'team', subjectId: team.id, details: { user: userId, via } });
}

/** Joins through the team's invite link (the link is the invitation). */
export async function joinByInvite(ctx: Ctx, userId: string, team: Team): Promise<MembershipRefusal | 'joined'> {
  return ctx.db.transaction(async (tx) => {
    const refused = await lockForJoining(tx, team.eventId, userId, team.id);
    if (refused) return refused;
    await addMember(tx, team, userId, 'link', userId);
    return 'joined';
  });
}

/** Mails the invite link to someone; they join by following it. */
export async function inviteByEmail(ctx: Ctx, userId: string, team: Team, eventSlug: string, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    const [invitee] = await tx.select(recipientColumns).from(users).where(eq(users.email, email.toLowerCase()));
    const link = `${ctx.config.publicUrl}/events/${eventSlug}/teams/join/${team.inviteToken}`;
    await mailPerson(tx, { email, id: invitee?.id ?? null, preferredLanguage: invitee?.preferredLanguage ?? 'sv' }, 'mail.team.invited', {
      team: team.name,
      name: inviter.name ?? '',
      link,
    });
    await recordAudit(tx, { actorId: userId, action: 'team.invited', subjectType: 'team', subjectId: team.id });
  });
}

export async function requestToJoin(ctx: Ctx, userId: string, team: Team, eventSlug: string, message: string): Promise<MembershipRefusal | 'requested'> {
  return ctx.db.transaction(async (tx) => {
    const refused = await lockForJoining(tx, team.eventId, userId, team.id);
    if (refused) return refused;
    const [created] = await tx
      .insert(teamJoinRequests)
      .values({ teamId: team.id, userId, message })
      .onConflictDoNothing()
      .returning({ id: teamJoinRequests.id });
    if (!created) return 'requested';
    const [requester] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    const leader = await leaderOf(tx, team.id);
    await mailPerson(tx, leader, 'mail.team.request', {
      team: team.name,
      name: requester.name ?? '',
      message: message || '–',
      link: `${ctx.config.publicUrl}/events/${eventSlug}/teams/${team.id}`,
    });
    return 'requested';
  });
}

/** The leader accepts (within the size limit, and only if the person is still free) or declines; the person is told. */
export async function decideRequest(
  ctx: Ctx,
  leaderId: string,
  team: Team,
  eventSlug: string,
  requestId: string,
  accept: boolean,
): Promise<MembershipRefusal | 'accepted' | 'declined' | 'gone'> {
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(teamJoinRequests)
      .where(and(eq(teamJoinRequests.id, requestId), eq(teamJoinRequests.teamId, team.id), eq(teamJoinRequests.status, 'pending')))
      .for('update');
    if (!request) return 'gone';
    if (accept) {
      const refused = await lockForJoining(tx, team.eventId, request.userId, team.id);
      if (refused) return refused;
      await addMember(tx, team, request.userId, 'request', leaderId);
    }
    await tx
      .update(teamJoinRequests)
      .set({ status: accept ? 'accepted' : 'declined', decidedAt: new Date() })
      .where(eq(teamJoinRequests.id, request.id));
    const person = await recipientOf(tx, request.userId);
    await mailPerson(tx, person, accept ? 'mail.team.accepted' : 'mail.team.declined', {
      team: team.name,
      link: `${ctx.config.publicUrl}/events/${eventSlug}/teams/${team.id}`,
    });
    return accept ? 'accepted' : 'declined';
  });
}

/** Leadership passes to another member; the one-leader index holds, so the old leader steps down first. */
export async function handOver(ctx: Ctx, leaderId: string, team: Team, memberId: string): Promise<'done' | 'notMember'> {
  return ctx.db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, memberId)));
    if (!member || member.isLeader) return 'notMember';
    await tx
      .update(teamMembers)
      .set({ isLeader: false })
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, leaderId)));
    await tx
      .update(teamMembers)
      .set({ isLeader: true })
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, memberId)));
    await recordAudit(tx, { actorId: leaderId, action: 'team.leaderChanged', subjectType: 'team', subjectId: team.id, details: { to: memberId } });
    const person = await recipientOf(tx, memberId);
    await mailPerson(tx, person, 'mail.team.leader', { team: team.name });
    return 'done';
  });
}

/**
 * A member leaves. A leader with others in the team hands over first; a leader alone dissolves the team, unless it
 * has submitted a proposal (that belongs to the event's record now).
 */
export async function leaveTeam(ctx: Ctx, userId: string, team: Team): Promise<'left' | 'dissolved' | 'handOverFirst' | 'submitted'> {
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, team.id)).for('update');
    const members = await tx.select().from(teamMembers).where(eq(teamMembers.teamId, team.id));
    const me = members.find((m) => m.userId === userId);
    if (!me) return 'left';
    if (me.isLeader && members.length > 1) return 'handOverFirst';
    if (members.length === 1) {
      const [proposal] = await tx.select({ status: submissions.status }).from(submissions).where(eq(submissions.teamId, team.id));
      if (proposal && proposal.status !== 'draft') return 'submitted';
      await tx.delete(teams).where(eq(teams.id, team.id));
      await recordAudit(tx, { actorId: userId, action: 'team.dissolved', subjectType: 'team', subjectId: team.id });
      return 'dissolved';
    }
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)));
    await recordAudit(tx, { actorId: userId, action: 'team.left', subjectType: 'team', subjectId: team.id });
    return 'left';
  });
}

async function leaderOf(tx: Tx, teamId: string) {
  const [leader] = await tx
    .select(recipientColumns)
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.isLeader, true)));
  return leader;
}
