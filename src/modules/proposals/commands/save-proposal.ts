import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import {
  eventPhases,
  events,
  submissionDatasets,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  type ProposalContent,
} from '../../../db/schema/index.ts';
import type { FieldErrors } from '../../../web/forms.ts';
import { changedFields, recordAudit } from '../../audit/audit.ts';
import { proposalRefusal } from '../rules.ts';
import { submissionErrors } from '../schema.ts';
import { tellPublishersOfSubmission } from '../../datasets/commands/tell-publishers.ts';
import { recordOverride, type Override, type PhaseRefusal } from '../../events/override.ts';

export type SaveOutcome = { saved: number; submitted: boolean } | { refused: PhaseRefusal } | { errors: FieldErrors };

/**
 * Saves a team's proposal as a new version (a save that changes nothing makes none) and, when asked, submits it:
 * then the whole template must be filled in and the team must be big enough. The server's clock must be between the
 * start of hacking and the deadline plus grace, unless the organiser overrides with a reason (kept in the audit log).
 * The team row is locked, so two members saving at once get two versions, in order.
 */
export async function saveProposal(
  ctx: Ctx,
  userId: string,
  teamId: string,
  content: ProposalContent,
  submit: boolean,
  override: Override | null = null,
): Promise<SaveOutcome> {
  return ctx.db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
    const [event] = await tx.select().from(events).where(eq(events.id, team.eventId));
    const phases = await tx.select().from(eventPhases).where(eq(eventPhases.eventId, event.id));
    const refused = proposalRefusal(phases, event.graceMinutes, new Date());
    if (refused && !override) return { refused };
    if (submit) {
      const errors = submissionErrors(content);
      const [{ size }] = await tx
        .select({ size: sql<number>`count(*)::int` })
        .from(teamMembers)
        .where(eq(teamMembers.teamId, teamId));
      if (size < event.teamMin) errors.action = { key: 'proposal.error.teamTooSmall', params: { min: event.teamMin } };
      if (Object.keys(errors).length) return { errors };
    }
    if (refused && override) await recordOverride(tx, userId, event.id, refused, override, { team: teamId, submit });

    const [current] = await tx.select().from(submissions).where(eq(submissions.teamId, teamId));
    const unchanged = current && changedFields(current.content, content).length === 0;
    let id = current?.id;
    let version = current?.version ?? 1;
    if (!current) {
      [{ id }] = await tx
        .insert(submissions)
        .values({ eventId: event.id, teamId, challengeId: team.challengeId, trackId: team.trackId, content })
        .returning({ id: submissions.id });
    } else if (!unchanged) {
      version = current.version + 1;
      await tx.update(submissions).set({ content, version, updatedAt: new Date() }).where(eq(submissions.id, current.id));
    }
    if (!current || !unchanged) await tx.insert(submissionVersions).values({ submissionId: id!, version, content, savedBy: userId });

    if (submit) {
      await tx
        .update(submissions)
        .set({
          status: 'submitted',
          submittedVersion: version,
          submittedAt: new Date(),
          title: content.title,
          pitch: content.pitch,
          challengeId: team.challengeId,
          trackId: team.trackId,
        })
        .where(eq(submissions.id, id!));
      // The catalog learns which datasets the submitted proposal uses, and their publishers hear of those it newly uses.
      const before = await tx.delete(submissionDatasets).where(eq(submissionDatasets.submissionId, id!)).returning({ datasetId: submissionDatasets.datasetId });
      if (content.datasetIds.length) await tx.insert(submissionDatasets).values(content.datasetIds.map((datasetId) => ({ submissionId: id!, datasetId })));
      const added = content.datasetIds.filter((d) => !before.some((b) => b.datasetId === d));
      await tellPublishersOfSubmission(tx, { datasetIds: added, eventTitle: event.titleSv, actorId: userId });
      await recordAudit(tx, { actorId: userId, action: 'submission.submitted', subjectType: 'submission', subjectId: id!, details: { version } });
    }
    return { saved: version, submitted: submit };
  });
}

/** Withdraws a submitted proposal (before the deadline): it leaves the gallery and judging; the versions stay. */
export async function withdrawProposal(ctx: Ctx, userId: string, teamId: string): Promise<'withdrawn' | 'none' | { refused: PhaseRefusal }> {
  return ctx.db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
    const [event] = await tx.select().from(events).where(eq(events.id, team.eventId));
    const phases = await tx.select().from(eventPhases).where(eq(eventPhases.eventId, event.id));
    const refused = proposalRefusal(phases, event.graceMinutes, new Date());
    if (refused) return { refused };
    const [row] = await tx
      .update(submissions)
      .set({ status: 'withdrawn' })
      .where(and(eq(submissions.teamId, teamId), eq(submissions.status, 'submitted')))
      .returning({ id: submissions.id });
    if (!row) return 'none';
    await tx.delete(submissionDatasets).where(eq(submissionDatasets.submissionId, row.id));
    await recordAudit(tx, { actorId: userId, action: 'submission.withdrawn', subjectType: 'submission', subjectId: row.id });
    return 'withdrawn';
  });
}
