import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { solutionInterests } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { mailPerson } from '../../notifications/mail-person.ts';
import { notifyFollowers } from '../../notifications/notify.ts';
import { organisationRecipients, teamRecipients, type OrganisationRef } from '../matching-queries.ts';
import type { Solution } from '../queries.ts';
import { followed } from './post-update.ts';

type SolutionRef = Pick<Solution, 'id' | 'title' | 'teamId' | 'challengeId'>;

/**
 * An approved organisation says it wants to take a solution forward; every member of the team is told by mail. One
 * live interest per organisation and solution (a unique index): asking twice, even at the same moment, yields one.
 */
export async function expressInterest(
  ctx: Ctx,
  w: { actorId: string; actorName: string; solution: SolutionRef; organisation: OrganisationRef },
  message: string,
): Promise<'created' | 'already'> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(solutionInterests)
      .values({ submissionId: w.solution.id, organisationId: w.organisation.id, userId: w.actorId, message })
      .onConflictDoNothing({ target: [solutionInterests.submissionId, solutionInterests.organisationId], where: sql`status in ('pending', 'accepted')` })
      .returning({ id: solutionInterests.id });
    if (!row) return 'already';
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'interest.expressed',
      subjectType: 'submission',
      subjectId: w.solution.id,
      details: { interest: row.id, organisation: w.organisation.id },
    });
    const params = {
      name: w.actorName,
      organisation: w.organisation.name,
      solution: w.solution.title,
      message,
      link: `${ctx.config.publicUrl}/solutions/${w.solution.id}/interests`,
    };
    for (const person of await teamRecipients(tx, w.solution.teamId)) await mailPerson(tx, person, 'interest.mail.received', params);
    return 'created';
  });
}

/** The pending interest, locked: of two decisions at once the second finds it decided and changes nothing. */
async function lockPending(tx: Tx, solutionId: string, interestId: string) {
  const [row] = await tx
    .select()
    .from(solutionInterests)
    .where(and(eq(solutionInterests.id, interestId), eq(solutionInterests.submissionId, solutionId), eq(solutionInterests.status, 'pending')))
    .for('update');
  return row ?? null;
}

/**
 * The team accepts or declines. Accepted, the organisation is one of the solution's need owners from now on (see
 * needOwnersOf): it may write and confirm the record, its members are told, and so are the followers. Declined, the
 * organisation is told and may ask again later.
 */
export async function decideInterest(
  ctx: Ctx,
  w: { actorId: string; solution: SolutionRef; organisation: OrganisationRef },
  interestId: string,
  accept: boolean,
): Promise<'accepted' | 'declined' | 'gone'> {
  return ctx.db.transaction(async (tx) => {
    const interest = await lockPending(tx, w.solution.id, interestId);
    if (!interest || interest.organisationId !== w.organisation.id) return 'gone';
    const status = accept ? 'accepted' : 'declined';
    await tx
      .update(solutionInterests)
      .set({ status, decidedBy: w.actorId, decidedAt: sql`now()` })
      .where(eq(solutionInterests.id, interest.id));
    await recordAudit(tx, {
      actorId: w.actorId,
      action: `interest.${status}`,
      subjectType: 'submission',
      subjectId: w.solution.id,
      details: { interest: interest.id, organisation: interest.organisationId },
    });
    const params = { organisation: w.organisation.name, solution: w.solution.title, link: `${ctx.config.publicUrl}/solutions/${w.solution.id}` };
    for (const person of await organisationRecipients(tx, interest.organisationId)) await mailPerson(tx, person, `interest.mail.${status}`, params);
    if (accept) {
      await notifyFollowers(tx, {
        targets: followed(w.solution, interest.organisationId),
        kind: 'solution.taken',
        path: `/solutions/${w.solution.id}`,
        params: { solution: w.solution.title, organisation: w.organisation.name },
        actorId: w.actorId,
      });
    }
    return status;
  });
}

/** The organisation takes back an interest the team has not answered yet. */
export async function withdrawInterest(ctx: Ctx, w: { actorId: string; solution: SolutionRef }, interestId: string): Promise<'withdrawn' | 'gone'> {
  return ctx.db.transaction(async (tx) => {
    const interest = await lockPending(tx, w.solution.id, interestId);
    if (!interest) return 'gone';
    await tx
      .update(solutionInterests)
      .set({ status: 'withdrawn', decidedBy: w.actorId, decidedAt: sql`now()` })
      .where(eq(solutionInterests.id, interest.id));
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'interest.withdrawn',
      subjectType: 'submission',
      subjectId: w.solution.id,
      details: { interest: interest.id, organisation: interest.organisationId },
    });
    return 'withdrawn';
  });
}
