import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * The programme's figures, counted by the statistics job (and on publishing a report), one row per scope: 'all' and
 * each year ('2025'). Pages, the API and the open data read one row by its key instead of counting thousands of rows
 * per request. `figures` is the shape `Figures` of modules/statistics/figures.ts.
 */
export const statisticsSnapshots = pgTable('statistics_snapshots', {
  scope: text('scope').primaryKey(),
  figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The texts the organiser writes for a year's report, side by side in Swedish and English. */
export interface ReportTexts {
  summarySv: string;
  summaryEn: string;
  lessonsSv: string;
  lessonsEn: string;
  nextYearSv: string;
  nextYearEn: string;
}

/**
 * The organiser's annual report: the draft texts, and once published a frozen copy of the whole report (figures of
 * the year and the year before as they were on the day, texts at that moment), which `/reports/:year` shows.
 */
export const annualReports = pgTable('annual_reports', {
  year: integer('year').primaryKey(),
  texts: jsonb('texts').$type<ReportTexts>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** The report as published; null while it is a draft. Publishing again replaces it. */
  published: jsonb('published').$type<Record<string, unknown>>(),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});
