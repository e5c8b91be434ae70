import crypto from 'node:crypto';
import { and, eq, isNotNull, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import {
  juries,
  juryAssignments,
  juryCriteria,
  juryRoundEntries,
  juryRounds,
  jurorConflicts,
  jurors,
  juryScores,
  submissions,
  type RoundKind,
} from '../../../db/schema/index.ts';
import { translator } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { assignSubmissions } from '../assignment.ts';
import { conflictsOf, isConflicted } from '../conflicts.ts';
import { criteriaTemplates, type TemplateName } from '../templates.ts';

export interface JuryInput {
  name: string;
  challengeId: string | null;
  trackId: string | null;
  template: TemplateName;
  scaleMax: number;
  jurorsPerSubmission: number;
}

/** A jury with the template's criteria (equal weights, changeable) and its first round. */
export async function createJury(ctx: Ctx, actorId: string, eventId: string, input: JuryInput): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const [jury] = await tx
      .insert(juries)
      .values({
        eventId,
        name: input.name,
        challengeId: input.challengeId,
        trackId: input.trackId,
        scaleMin: 1,
        scaleMax: input.scaleMax,
        jurorsPerSubmission: input.jurorsPerSubmission,
      })
      .returning({ id: juries.id });
    await tx.insert(juryCriteria).values(criteriaTemplates[input.template].map((c, position) => ({ juryId: jury.id, position, ...c, weight: 1 })));
    await tx.insert(juryRounds).values({ juryId: jury.id, kind: 'first' });
    await recordAudit(tx, { actorId, action: 'jury.created', subjectType: 'event', subjectId: eventId, details: { jury: jury.id } });
    return jury.id;
  });
}

export interface CriterionInput {
  id: string;
  nameSv: string;
  nameEn: string;
  guidanceSv: string;
  guidanceEn: string;
  weight: number;
}

/** Saves the criteria's names, guidance and weights (the organiser adapts a template to the challenge). */
export async function saveCriteria(ctx: Ctx, actorId: string, juryId: string, rows: CriterionInput[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    for (const { id, ...fields } of rows)
      await tx
        .update(juryCriteria)
        .set(fields)
        .where(and(eq(juryCriteria.id, id), eq(juryCriteria.juryId, juryId)));
    await recordAudit(tx, {
      actorId,
      action: 'jury.criteria',
      subjectType: 'event',
      subjectId: juryId,
      details: { weights: Object.fromEntries(rows.map((r) => [r.nameSv, r.weight])) },
    });
  });
}

/** Invites by e-mail; the link makes whoever signs in with it a juror of this jury (no other role needed). */
export async function inviteJuror(ctx: Ctx, actorId: string, jury: { id: string; name: string; eventId: string }, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const token = crypto.randomBytes(24).toString('base64url');
    const [row] = await tx
      .insert(jurors)
      .values({ juryId: jury.id, email: email.toLowerCase(), inviteToken: token })
      .onConflictDoNothing()
      .returning({ id: jurors.id });
    if (!row) return;
    const t = translator('sv');
    await enqueueMail(tx, {
      to: email,
      subject: t('mail.jury.invited.subject', { jury: jury.name }),
      text: t('mail.jury.invited.body', { jury: jury.name, link: `${ctx.config.publicUrl}/jury/invitations/${token}` }),
    });
    await recordAudit(tx, { actorId, action: 'jury.invited', subjectType: 'event', subjectId: jury.eventId, details: { jury: jury.id } });
  });
}

/**
 * Attaches the signed-in person to the invited seat. One person holds one seat per jury: a second invitation
 * (to another address) accepted by the same person would give them each submission twice, so it is refused.
 * Conflicts need nothing here: they follow the person's teams and organisations wherever they are asked.
 */
export async function acceptInvitation(ctx: Ctx, userId: string, token: string): Promise<'accepted' | 'gone' | 'seated'> {
  return ctx.db.transaction(async (tx) => {
    const [seat] = await tx
      .select()
      .from(jurors)
      .where(and(eq(jurors.inviteToken, token), isNull(jurors.acceptedAt)))
      .for('update');
    if (!seat) return 'gone';
    const [other] = await tx
      .select({ id: jurors.id })
      .from(jurors)
      .where(and(eq(jurors.juryId, seat.juryId), eq(jurors.userId, userId)));
    if (other) return 'seated';
    await tx.update(jurors).set({ userId, acceptedAt: new Date() }).where(eq(jurors.id, seat.id));
    return 'accepted';
  });
}

/** A juror's declared conflicts, replaced as a whole; audited, since declaring one sets scores aside. */
export async function setConflicts(ctx: Ctx, actorId: string, seat: { id: string; eventId: string }, teamIds: string[]): Promise<void> {
  const jurorId = seat.id;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(jurorConflicts).where(eq(jurorConflicts.jurorId, jurorId));
    if (teamIds.length) await tx.insert(jurorConflicts).values(teamIds.map((teamId) => ({ jurorId, teamId })));
    await recordAudit(tx, {
      actorId,
      action: 'jury.conflictsDeclared',
      subjectType: 'event',
      subjectId: seat.eventId,
      details: { juror: jurorId, teams: teamIds },
    });
  });
}

/**
 * The submissions a first round judges: every submitted one in the jury's scope (its event, and its challenge or
 * track when it has one). The jury's fields may be values or column references (`sql\`jy.event_id\``).
 */
export const inFirstRound = (jury: { eventId: string | SQL; challengeId: string | null | SQL; trackId: string | null | SQL }) =>
  sql`${submissions.eventId} = ${jury.eventId} and ${submissions.status} = 'submitted'
    and (${jury.challengeId}::uuid is null or ${submissions.challengeId} = ${jury.challengeId})
    and (${jury.trackId}::uuid is null or ${submissions.trackId} = ${jury.trackId})`;

/** The submissions a round judges: for the first round, every submitted one in the jury's scope; for the final, the shortlist. */
export async function roundScope(tx: Tx | Ctx['db'], jury: typeof juries.$inferSelect, round: typeof juryRounds.$inferSelect) {
  if (round.kind === 'final') {
    return tx
      .select({ id: submissions.id, teamId: submissions.teamId })
      .from(juryRoundEntries)
      .innerJoin(submissions, eq(submissions.id, juryRoundEntries.submissionId))
      .where(and(eq(juryRoundEntries.roundId, round.id), eq(submissions.status, 'submitted')));
  }
  return tx.select({ id: submissions.id, teamId: submissions.teamId }).from(submissions).where(inFirstRound(jury));
}

/**
 * Assigns the round's submissions to the jury's accepted jurors (k each; every juror in a final), keeping what is
 * already assigned. An assignment whose juror has since become conflicted stays (with its scores, set aside) but no
 * longer counts toward k, so assigning again replaces it. Returns how many submissions fell short of k because of
 * conflicts.
 */
export async function assignRound(
  ctx: Ctx,
  actorId: string,
  jury: typeof juries.$inferSelect,
  round: typeof juryRounds.$inferSelect,
): Promise<{ added: number; short: number }> {
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: juryRounds.id }).from(juryRounds).where(eq(juryRounds.id, round.id)).for('update');
    const scope = await roundScope(tx, jury, round);
    const people = await tx
      .select({ id: jurors.id })
      .from(jurors)
      .where(and(eq(jurors.juryId, jury.id), isNotNull(jurors.acceptedAt)));
    const conflicts = await conflictsOf(tx, jury);
    const held = await tx
      .select({ jurorId: juryAssignments.jurorId, submissionId: juryAssignments.submissionId, teamId: submissions.teamId })
      .from(juryAssignments)
      .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
      .where(eq(juryAssignments.roundId, round.id));
    const existing = held.filter((a) => !conflicts.isConflicted(a.jurorId, a.teamId));
    const k = round.kind === 'final' ? people.length : jury.jurorsPerSubmission;
    const { assignments, short } = assignSubmissions({
      submissions: scope,
      jurors: people.map((p) => ({ id: p.id, conflictTeamIds: new Set(conflicts.of(p.id).keys()) })),
      k,
      existing,
    });
    for (let i = 0; i < assignments.length; i += 1000)
      await tx.insert(juryAssignments).values(assignments.slice(i, i + 1000).map((a) => ({ roundId: round.id, ...a })));
    await recordAudit(tx, {
      actorId,
      action: 'jury.assigned',
      subjectType: 'event',
      subjectId: jury.eventId,
      details: { round: round.id, added: assignments.length, short: short.length },
    });
    return { added: assignments.length, short: short.length };
  });
}

/** Saves a juror's scores (a draft, or submitted); refused once the round is closed, and while the juror is conflicted. */
export async function saveScores(
  ctx: Ctx,
  assignmentId: string,
  scores: Map<string, number>,
  comment: string,
  feedback: string,
  submit: boolean,
): Promise<'saved' | 'closed' | 'conflicted'> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ closedAt: juryRounds.closedAt, jurorId: juryAssignments.jurorId, teamId: submissions.teamId, jury: { id: juries.id, eventId: juries.eventId } })
      .from(juryAssignments)
      .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
      .innerJoin(juries, eq(juries.id, juryRounds.juryId))
      .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
      .where(eq(juryAssignments.id, assignmentId))
      .for('update', { of: juryAssignments });
    if (row.closedAt) return 'closed';
    if (await isConflicted(tx, row.jury, row.jurorId, row.teamId)) return 'conflicted';
    await tx.delete(juryScores).where(eq(juryScores.assignmentId, assignmentId));
    if (scores.size) await tx.insert(juryScores).values([...scores].map(([criterionId, score]) => ({ assignmentId, criterionId, score })));
    await tx
      .update(juryAssignments)
      .set({ comment, feedback, submittedAt: submit ? new Date() : sql`${juryAssignments.submittedAt}` })
      .where(eq(juryAssignments.id, assignmentId));
    return 'saved';
  });
}

export async function closeRound(ctx: Ctx, actorId: string, eventId: string, roundId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(juryRounds)
      .set({ closedAt: new Date() })
      .where(and(eq(juryRounds.id, roundId), isNull(juryRounds.closedAt)));
    await recordAudit(tx, { actorId, action: 'jury.roundClosed', subjectType: 'event', subjectId: eventId, details: { round: roundId } });
  });
}

/** The final round, with the given submissions as its entries (the shortlist). */
export async function shortlist(ctx: Ctx, actorId: string, jury: typeof juries.$inferSelect, submissionIds: string[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [final] = await tx
      .insert(juryRounds)
      .values({ juryId: jury.id, kind: 'final' as RoundKind })
      .onConflictDoUpdate({ target: [juryRounds.juryId, juryRounds.kind], set: { kind: 'final' } })
      .returning();
    await tx.delete(juryRoundEntries).where(eq(juryRoundEntries.roundId, final.id));
    // Assignments for submissions no longer on the shortlist go with them.
    await tx
      .delete(juryAssignments)
      .where(and(eq(juryAssignments.roundId, final.id), submissionIds.length ? notInArray(juryAssignments.submissionId, submissionIds) : undefined));
    if (submissionIds.length) await tx.insert(juryRoundEntries).values(submissionIds.map((submissionId) => ({ roundId: final.id, submissionId })));
    await recordAudit(tx, {
      actorId,
      action: 'jury.shortlisted',
      subjectType: 'event',
      subjectId: jury.eventId,
      details: { jury: jury.id, submissions: submissionIds },
    });
  });
}

/** Moves an unsubmitted assignment to another accepted juror of the jury who has no conflict with the team. */
export async function reassign(
  ctx: Ctx,
  actorId: string,
  jury: typeof juries.$inferSelect,
  assignmentId: string,
  jurorId: string,
): Promise<'moved' | 'refused'> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select({ assignment: juryAssignments, teamId: submissions.teamId, closedAt: juryRounds.closedAt })
      .from(juryAssignments)
      .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
      .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
      .where(and(eq(juryAssignments.id, assignmentId), eq(juryRounds.juryId, jury.id)))
      .for('update', { of: juryAssignments });
    if (!a || a.closedAt || a.assignment.submittedAt) return 'refused';
    const [target] = await tx
      .select()
      .from(jurors)
      .where(and(eq(jurors.id, jurorId), eq(jurors.juryId, jury.id), isNotNull(jurors.acceptedAt)));
    if (!target) return 'refused';
    const conflict = await isConflicted(tx, jury, jurorId, a.teamId);
    const [already] = await tx
      .select()
      .from(juryAssignments)
      .where(
        and(
          eq(juryAssignments.roundId, a.assignment.roundId),
          eq(juryAssignments.jurorId, jurorId),
          eq(juryAssignments.submissionId, a.assignment.submissionId),
        ),
      );
    if (conflict || already) return 'refused';
    await tx.delete(juryScores).where(eq(juryScores.assignmentId, assignmentId));
    await tx.update(juryAssignments).set({ jurorId, comment: '', feedback: '' }).where(eq(juryAssignments.id, assignmentId));
    await recordAudit(tx, {
      actorId,
      action: 'jury.reassigned',
      subjectType: 'event',
      subjectId: jury.eventId,
      details: { assignment: assignmentId, from: a.assignment.jurorId, to: jurorId },
    });
    return 'moved';
  });
}
