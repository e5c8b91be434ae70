import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { annualReports, type ReportTexts } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Figures } from './figures.ts';
import { refreshStatistics, storedFigures } from './refresh.ts';

export const emptyTexts: ReportTexts = { summarySv: '', summaryEn: '', lessonsSv: '', lessonsEn: '', nextYearSv: '', nextYearEn: '' };

/** A report as shown: the year's figures beside the year before's, and the organiser's texts. */
export interface Report {
  year: number;
  texts: ReportTexts;
  figures: Figures | null;
  previous: Figures | null;
  publishedAt: string | null;
}

/** The draft: today's stored figures (counted by the job) and the saved texts; and whether a version is published. */
export async function draftReport(db: Db, year: number): Promise<Report & { published: boolean }> {
  const [[row], figures, previous] = await Promise.all([
    db.select().from(annualReports).where(eq(annualReports.year, year)),
    storedFigures(db, String(year)),
    storedFigures(db, String(year - 1)),
  ]);
  return { year, texts: row?.texts ?? emptyTexts, figures, previous, publishedAt: row?.publishedAt?.toISOString() ?? null, published: Boolean(row?.published) };
}

/** The published version exactly as frozen on the day, or null. */
export async function publishedReport(db: Db, year: number): Promise<Report | null> {
  const [row] = await db.select({ published: annualReports.published }).from(annualReports).where(eq(annualReports.year, year));
  return (row?.published as unknown as Report | null) ?? null;
}

export async function saveReportTexts(db: Db, actorId: string, year: number, texts: ReportTexts) {
  await db.transaction(async (tx) => {
    await tx
      .insert(annualReports)
      .values({ year, texts, updatedBy: actorId })
      .onConflictDoUpdate({ target: annualReports.year, set: { texts, updatedBy: actorId, updatedAt: new Date() } });
    await recordAudit(tx, { actorId, action: 'report.saved', subjectType: 'report', subjectId: String(year) });
  });
}

/**
 * Counts everything afresh, then freezes the year's report (figures of the year and the year before, the saved
 * texts) as it stands: `/reports/:year` shows this copy, whatever changes later, until the organiser publishes again.
 */
export async function publishReport(db: Db, actorId: string, year: number): Promise<Report> {
  const all = await refreshStatistics(db);
  const find = (y: number) => all.find((f) => f.year === y) ?? null;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ texts: annualReports.texts }).from(annualReports).where(eq(annualReports.year, year)).for('update');
    const now = new Date();
    const report: Report = { year, texts: row?.texts ?? emptyTexts, figures: find(year), previous: find(year - 1), publishedAt: now.toISOString() };
    const frozen = report as unknown as Record<string, unknown>;
    await tx
      .insert(annualReports)
      .values({ year, texts: report.texts, updatedBy: actorId, published: frozen, publishedBy: actorId, publishedAt: now })
      .onConflictDoUpdate({ target: annualReports.year, set: { published: frozen, publishedBy: actorId, publishedAt: now } });
    await recordAudit(tx, { actorId, action: 'report.published', subjectType: 'report', subjectId: String(year) });
    return report;
  });
}
