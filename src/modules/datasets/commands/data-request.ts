import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { dataRequests, organisations, type DataRequestStatus } from '../../../db/schema/index.ts';
import { translator, type Lang } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { mailPerson, recipientOf } from '../../notifications/mail-person.ts';
import { notifyFollowers, notifyMembers } from '../../notifications/notify.ts';

export interface NewDataRequest {
  organisationId: string;
  challengeId: string | null;
  eventId: string | null;
  title: string;
  description: string;
  format: string;
}

/** Records a request and tells every member of the publisher (or the organiser). */
export async function requestData(ctx: Ctx, askerId: string, input: NewDataRequest): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dataRequests)
      .values({ ...input, askerId })
      .returning({ id: dataRequests.id });
    await recordAudit(tx, {
      actorId: askerId,
      action: 'data_request.created',
      subjectType: 'organisation',
      subjectId: input.organisationId,
      details: { request: row.id },
    });
    // Each member hears of it by a notice (mailed at once or in the weekly digest, as they chose). A publisher nobody
    // here speaks for (a harvested agency without members) is the organiser's to answer, by mail.
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId));
    const path = `/data-requests/${row.id}`;
    const params = { organisation: org.name, title: input.title, description: input.description, format: input.format || '–' };
    const told = await notifyMembers(tx, { organisationId: input.organisationId, kind: 'dataRequest.created', path, params, actorId: askerId });
    if (!told)
      await mailPerson(tx, { id: null, email: ctx.config.organiserEmail, preferredLanguage: 'sv' }, 'mail.dataRequest', {
        ...params,
        link: `${ctx.config.publicUrl}${path}`,
      });
    return row.id;
  });
}

export interface DataRequestAnswer {
  status: DataRequestStatus;
  answer: string;
  datasetId: string | null;
}

/**
 * Saves the publisher's answer (or a changed one), mails the asker and tells the followers of the challenge and the
 * publisher. Reopening ('open') clears the answer's date but tells no one: there is nothing new to read.
 */
export async function answerDataRequest(
  ctx: Ctx,
  actorId: string,
  request: { id: string; title: string; askerId: string | null; organisationId: string; challengeId: string | null },
  answer: DataRequestAnswer,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const reopened = answer.status === 'open';
    await tx
      .update(dataRequests)
      .set({
        status: answer.status,
        answer: answer.answer || null,
        datasetId: answer.status === 'published' ? answer.datasetId : null,
        answeredBy: actorId,
        answeredAt: reopened ? null : new Date(),
      })
      .where(eq(dataRequests.id, request.id));
    await recordAudit(tx, {
      actorId,
      action: 'data_request.answered',
      subjectType: 'organisation',
      subjectId: request.organisationId,
      details: { request: request.id, status: answer.status },
    });
    if (reopened) return;
    const path = `/data-requests/${request.id}`;
    if (request.askerId && request.askerId !== actorId) {
      await mailPerson(tx, await recipientOf(tx, request.askerId), 'mail.dataRequestAnswer', (lang) => ({
        title: request.title,
        status: statusName(lang, answer.status),
        answer: answer.answer || '–',
        link: `${ctx.config.publicUrl}${path}`,
      }));
    }
    const targets = [
      { type: 'organisation' as const, id: request.organisationId },
      ...(request.challengeId ? [{ type: 'challenge' as const, id: request.challengeId }] : []),
    ];
    await notifyFollowers(tx, { targets, kind: 'dataRequest.answered', path, params: { title: request.title, status: answer.status }, actorId });
  });
}

const statusName = (lang: Lang, status: DataRequestStatus) => translator(lang)(`dataRequest.status.${status}`);
