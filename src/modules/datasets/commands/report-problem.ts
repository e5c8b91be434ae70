import { and, eq, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { datasetReports, memberships, users, type DatasetProblemKind } from '../../../db/schema/index.ts';
import { isLang, translator } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { enqueueMail } from '../../notifications/outbox.ts';

interface DatasetRef {
  id: string;
  titleSv: string;
  organisationId: string | null;
}

const languageOf = (user: { preferredLanguage: string }) => (isLang(user.preferredLanguage) ? user.preferredLanguage : 'sv');

/**
 * Records a problem with a dataset and tells whoever answers for it: the members of the publishing organisation,
 * or the organiser for datasets of the platform's own sources.
 */
export async function reportProblem(ctx: Ctx, reporterId: string, dataset: DatasetRef, input: { kind: DatasetProblemKind; message: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [report] = await tx.insert(datasetReports).values({ datasetId: dataset.id, reporterId, ...input }).returning({ id: datasetReports.id });
    await recordAudit(tx, { actorId: reporterId, action: 'dataset.problem_reported', subjectType: 'dataset', subjectId: dataset.id, details: { report: report.id, kind: input.kind } });
    const link = `${ctx.config.publicUrl}/dataset-reports`;
    for (const recipient of await answerersOf(ctx, tx, dataset.organisationId)) {
      const t = translator(languageOf(recipient));
      await enqueueMail(tx, {
        to: recipient.email,
        userId: recipient.id,
        subject: t('mail.datasetReport.subject', { title: dataset.titleSv }),
        text: t('mail.datasetReport.body', { title: dataset.titleSv, kind: t(`report.kind.${input.kind}`), message: input.message, link }),
      });
    }
  });
}

async function answerersOf(ctx: Ctx, tx: Tx, organisationId: string | null): Promise<{ id: string | null; email: string; preferredLanguage: string }[]> {
  if (!organisationId) return [{ id: null, email: ctx.config.organiserEmail, preferredLanguage: 'sv' }];
  const members = await tx
    .select({ id: users.id, email: users.email, preferredLanguage: users.preferredLanguage })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNotNull(users.email)));
  return members.flatMap((m) => (m.email ? [{ ...m, email: m.email }] : []));
}

/** Answers (or corrects the answer to) a report, and tells the reporter by e-mail. */
export async function answerReport(ctx: Ctx, actorId: string, report: { id: string; datasetId: string; reporterId: string | null }, dataset: DatasetRef, answer: string): Promise<void> {
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
