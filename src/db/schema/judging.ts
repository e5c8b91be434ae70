import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { challenges } from './challenges.ts';
import { eventRef, eventTracks } from './events.ts';
import { submissions } from './submissions.ts';
import { teams } from './teams.ts';

export const roundKinds = ['first', 'final'] as const;
export type RoundKind = (typeof roundKinds)[number];

/** A jury for an event's challenge (and track), with its scale and how many jurors judge each submission. */
export const juries = pgTable('juries', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventId: eventRef(),
  challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
  trackId: uuid('track_id').references(() => eventTracks.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  scaleMin: integer('scale_min').notNull().default(1),
  scaleMax: integer('scale_max').notNull().default(5),
  jurorsPerSubmission: integer('jurors_per_submission').notNull().default(3),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const juryCriteria = pgTable(
  'jury_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull().default(''),
    guidanceSv: text('guidance_sv').notNull().default(''),
    guidanceEn: text('guidance_en').notNull().default(''),
    weight: integer('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('jury_criteria_position_idx').on(t.juryId, t.position)],
);

/** A round of judging; scores are locked when it closes. */
export const juryRounds = pgTable(
  'jury_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: roundKinds }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('jury_rounds_kind_idx').on(t.juryId, t.kind)],
);

/** The submissions a final round judges: the shortlist. (A first round judges every submission in the jury's scope.) */
export const juryRoundEntries = pgTable(
  'jury_round_entries',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => juryRounds.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
  },
  // Whether a submission is a finalist (part of which submissions count as solutions) is asked per submission.
  (t) => [primaryKey({ columns: [t.roundId, t.submissionId] }), index('jury_round_entries_submission_idx').on(t.submissionId)],
);

/** A juror: invited by e-mail, linked to an account when they accept (they need no other role). */
export const jurors = pgTable(
  'jurors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    inviteToken: text('invite_token').notNull().unique(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('jurors_jury_email_idx').on(t.juryId, t.email), index('jurors_user_idx').on(t.userId)],
);

/** A juror's declared conflict with a team: they are never assigned its submission. */
export const jurorConflicts = pgTable(
  'juror_conflicts',
  {
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.jurorId, t.teamId] })],
);

export const juryAssignments = pgTable(
  'jury_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => juryRounds.id, { onDelete: 'cascade' }),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** For the jury and the organiser only. */
    comment: text('comment').notNull().default(''),
    /** Shown to the team, without the juror's name. */
    feedback: text('feedback').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jury_assignments_idx').on(t.roundId, t.jurorId, t.submissionId),
    index('jury_assignments_submission_idx').on(t.submissionId),
    index('jury_assignments_juror_idx').on(t.jurorId),
  ],
);

export const juryScores = pgTable(
  'jury_scores',
  {
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => juryAssignments.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => juryCriteria.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterionId] })],
);

export const awards = pgTable(
  'awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    amountSek: integer('amount_sek'),
    sponsor: text('sponsor').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('awards_event_idx').on(t.eventId), index('awards_submission_idx').on(t.submissionId)],
);

/** The participants' choice: one vote per verified account and event (the unique index holds it). */
export const votes = pgTable(
  'votes',
  {
    eventId: eventRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('votes_submission_idx').on(t.submissionId), index('votes_user_idx').on(t.userId)],
);
