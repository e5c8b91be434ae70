import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { challenges } from './challenges.ts';
import { organisations } from './organisations.ts';
import { submissions } from './submissions.ts';

/** The road from a jury's verdict to a service in use; paused and stopped leave it, with a reason. */
export const realisationStages = ['idea', 'prototype', 'pilot', 'procurement', 'operation', 'paused', 'stopped'] as const;
export type RealisationStage = (typeof realisationStages)[number];
/** How a pilot or a procurement is carried out. */
export const procurementRoutes = ['in_house', 'direct_award', 'innovation_procurement', 'pre_commercial_procurement', 'design_contest', 'other'] as const;
export type ProcurementRoute = (typeof procurementRoutes)[number];
export const evidenceKinds = ['decision', 'repository', 'press_release', 'other'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

const submissionRef = () =>
  uuid('submission_id')
    .notNull()
    .references(() => submissions.id, { onDelete: 'cascade' });

/**
 * A solution's realisation as it stands: the stage of its latest update that set one. Kept beside the history
 * (realisation_updates, never overwritten) so lists, filters and the funnel need not replay it. A solution without a
 * row is still an idea.
 */
export const realisations = pgTable(
  'realisations',
  {
    submissionId: submissionRef().primaryKey(),
    stage: text('stage', { enum: realisationStages }).notNull().default('idea'),
    /** False while the stage is only the team's word; a need owner's update or confirmation makes it true. */
    confirmed: boolean('confirmed').notNull().default(true),
    stageSince: timestamp('stage_since', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('realisations_stage_idx').on(t.stage, t.stageSince)],
);

/** One dated update: news, and perhaps a new stage. Written by the team or by a need owner (organisationId set). */
export const realisationUpdates = pgTable(
  'realisation_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: submissionRef(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The need owner the author wrote for; null when the team wrote it. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** The stage this update sets; null for news that changes no stage. */
    stage: text('stage', { enum: realisationStages }),
    textSv: text('text_sv').notNull().default(''),
    textEn: text('text_en').notNull().default(''),
    links: jsonb('links').$type<string[]>().notNull().default([]),
    evidenceKind: text('evidence_kind', { enum: evidenceKinds }),
    evidenceUrl: text('evidence_url').notNull().default(''),
    route: text('route', { enum: procurementRoutes }),
    /** E.g. the procurement notice's number. */
    reference: text('reference').notNull().default(''),
    /** Why a solution was paused or stopped. */
    reason: text('reason').notNull().default(''),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedOrganisationId: uuid('confirmed_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('realisation_updates_submission_idx').on(t.submissionId, t.createdAt)],
);

export const interestStatuses = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type InterestStatus = (typeof interestStatuses)[number];

/** An organisation wants to take a finished solution forward; accepted, it becomes one of the solution's need owners. */
export const solutionInterests = pgTable(
  'solution_interests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: submissionRef(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull(),
    status: text('status', { enum: interestStatuses }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live interest per organisation and solution: asking twice at once yields one.
    uniqueIndex('solution_interests_live_idx')
      .on(t.submissionId, t.organisationId)
      .where(sql`status in ('pending', 'accepted')`),
    index('solution_interests_org_idx').on(t.organisationId),
    index('solution_interests_decided_idx').on(t.decidedAt),
    index('solution_interests_user_idx').on(t.userId),
  ],
);

/** Another organisation takes up a challenge as its own: a co-owner, listed on the challenge beside its author. */
export const challengeAdoptions = pgTable(
  'challenge_adoptions',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    adoptedBy: uuid('adopted_by').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.organisationId] }), index('challenge_adoptions_org_idx').on(t.organisationId)],
);

export const checkInMonths = [3, 6, 12, 24] as const;
export const checkInStatuses = ['scheduled', 'sent', 'answered', 'skipped'] as const;
export type CheckInStatus = (typeof checkInStatuses)[number];

/** A question to a solution's team and need owners, 3, 6, 12 and 24 months after the event's results. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: submissionRef(),
    months: integer('months').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: checkInStatuses }).notNull().default('scheduled'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    updateId: uuid('update_id').references(() => realisationUpdates.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('check_ins_submission_months_idx').on(t.submissionId, t.months), index('check_ins_due_idx').on(t.status, t.dueAt)],
);

/** One person's link to a check-in: the token's hash only; single use, expiring. */
export const checkInLinks = pgTable(
  'check_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    checkInId: uuid('check_in_id')
      .notNull()
      .references(() => checkIns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('check_in_links_check_in_idx').on(t.checkInId), index('check_in_links_user_idx').on(t.userId)],
);
