import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { datasetReports, datasets } from '../../db/schema/index.ts';
import type { Actor } from '../../web/policy.ts';
import { isUuid } from '../../db/ids.ts';

export const reportStates = ['open', 'answered', 'all'] as const;
export type ReportState = (typeof reportStates)[number];

const reportRow = {
  id: datasetReports.id,
  datasetId: datasetReports.datasetId,
  reporterId: datasetReports.reporterId,
  kind: datasetReports.kind,
  message: datasetReports.message,
  answer: datasetReports.answer,
  answeredAt: datasetReports.answeredAt,
  createdAt: datasetReports.createdAt,
};

/** Reports on one dataset, newest first; shown on its page without the reporters' names. */
export function reportsOfDataset(db: Db, datasetId: string) {
  return db.select(reportRow).from(datasetReports).where(eq(datasetReports.datasetId, datasetId)).orderBy(desc(datasetReports.createdAt)).limit(50);
}

/**
 * The reports a person answers for: on datasets of their organisations, and for the organiser every report (the
 * platform's own sources have no organisation).
 */
export function reportInbox(db: Db, actor: Actor, state: ReportState) {
  const user = actor.user!;
  const own = user.memberships.map((m) => m.organisationId);
  const scope: SQL | undefined = user.isOrganiser ? undefined : own.length ? inArray(datasets.organisationId, own) : sql`false`;
  const answered = state === 'open' ? isNull(datasetReports.answer) : state === 'answered' ? isNotNull(datasetReports.answer) : undefined;
  return db
    .select({ ...reportRow, titleSv: datasets.titleSv, titleEn: datasets.titleEn, organisationId: datasets.organisationId })
    .from(datasetReports)
    .innerJoin(datasets, eq(datasets.id, datasetReports.datasetId))
    .where(and(scope, answered))
    .orderBy(desc(datasetReports.createdAt))
    .limit(200);
}

/** One report with the dataset it is about. */
export async function findReport(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      report: datasetReports,
      dataset: { id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn, organisationId: datasets.organisationId },
    })
    .from(datasetReports)
    .innerJoin(datasets, eq(datasets.id, datasetReports.datasetId))
    .where(eq(datasetReports.id, id));
  return row ?? null;
}
export type DatasetReport = Awaited<ReturnType<typeof reportsOfDataset>>[number];
export type InboxReport = Awaited<ReturnType<typeof reportInbox>>[number];
