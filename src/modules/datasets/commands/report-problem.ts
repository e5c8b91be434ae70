import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { datasetReports, organisations, users, type DatasetProblemKind } from '../../../db/schema/index.ts';
import { isLang, translator } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import { notifyMembers } from '../../notifications/notify.ts';

interface DatasetRef {
  id: string;
  titleSv: string;
  organisationId: string | null;
}

const languageOf = (user: { preferredLanguage: string }) => (isLang(user.preferredLanguage) ? user.preferredLanguage : 'sv');

/**
 * Records a problem with a dataset and tells whoever answers for it: each member of the publishing organisation by a
 * notice (mailed at once or in the weekly digest, as they chose), or by mail the organiser, for datasets of the
 * platform's own sources and of an organisation nobody here speaks for.
 */
export async function reportProblem(ctx: Ctx, reporterId: string, dataset: DatasetRef, input: { kind: DatasetProblemKind; message: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [report] = await tx
      .insert(datasetReports)
      .values({ datasetId: dataset.id, reporterId, ...input })
      .returning({ id: datasetReports.id });
    await recordAudit(tx, {
      actorId: reporterId,
      action: 'dataset.problem_reported',
      subjectType: 'dataset',
      subjectId: dataset.id,
      details: { report: report.id, kind: input.kind },
    });
    const [org] = dataset.organisationId
      ? await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, dataset.organisationId))
      : [];
    const params = { dataset: dataset.titleSv, organisation: org?.name ?? '', problem: input.kind, message: input.message };
    const told = org
      ? await notifyMembers(tx, { organisationId: dataset.organisationId!, kind: 'dataset.reported', path: '/dataset-reports', params, actorId: reporterId })
      : 0;
    if (told) return;
    const t = translator('sv');
    await enqueueMail(tx, {
      to: ctx.config.organiserEmail,
      userId: null,
      subject: t('mail.datasetReport.subject', { title: dataset.titleSv }),
      text: t('mail.datasetReport.body', {
        title: dataset.titleSv,
        kind: t(`report.kind.${input.kind}`),
        message: input.message,
        link: `${ctx.config.publicUrl}/dataset-reports`,
      }),
    });
  });
}

/** Answers (or corrects the answer to) a report, and tells the reporter by e-mail. */
export async function answerReport(
  ctx: Ctx,
  actorId: string,
  report: { id: string; datasetId: string; reporterId: string | null },
  dataset: DatasetRef,
  answer: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(datasetReports).set({ answer, answeredBy: actorId, answeredAt: new Date() }).where(eq(datasetReports.id, report.id));
    await recordAudit(tx, { actorId, action: 'dataset.problem_answered', subjectType: 'dataset', subjectId: report.datasetId, details: { report: report.id } });
    const [reporter] = report.reporterId ? await tx.select().from(users).where(eq(users.id, report.reporterId)) : [];
    if (!reporter?.email) return; // the reporter has deleted the account
    const t = translator(languageOf(reporter));
    await enqueueMail(tx, {
      to: reporter.email,
      userId: reporter.id,
      subject: t('mail.datasetAnswer.subject', { title: dataset.titleSv }),
      text: t('mail.datasetAnswer.body', { title: dataset.titleSv, answer, link: `${ctx.config.publicUrl}/datasets/${dataset.id}#reports` }),
    });
  });
}
