import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { challenges } from './challenges.ts';
import { datasets } from './datasets.ts';
import { eventRef, eventTracks } from './events.ts';
import { teams } from './teams.ts';

export const submissionStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const solutionLicences = ['MIT', 'Apache-2.0', 'EUPL-1.2', 'GPL-3.0', 'CC-BY-4.0', 'CC0-1.0', 'other'] as const;

/** The fields of the Hack the Crisis template, as a team writes them. */
export interface ProposalContent {
  title: string;
  pitch: string;
  problem: string;
  solution: string;
  actionPlan: string;
  videoUrl: string;
  technical: string;
  sourceUrl: string;
  demoUrl: string;
  otherSources: string;
  licence: string;
  contactEmail: string;
  datasetIds: string[];
}

/**
 * A team's solution proposal: the working draft lives here; every save is also kept as a version, and submitting
 * records which version was submitted and when.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    teamId: uuid('team_id')
      .notNull()
      .unique()
      .references(() => teams.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    trackId: uuid('track_id').references(() => eventTracks.id, { onDelete: 'set null' }),
    status: text('status', { enum: submissionStatuses }).notNull().default('draft'),
    title: text('title').notNull().default(''),
    pitch: text('pitch').notNull().default(''),
    content: jsonb('content').$type<ProposalContent>().notNull(),
    version: integer('version').notNull().default(1),
    submittedVersion: integer('submitted_version'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('submissions_event_idx').on(t.eventId, t.status),
    // A challenge's solutions (its page, its stages, its owners' records).
    index('submissions_challenge_idx').on(t.challengeId),
    index('submissions_search_idx').using('gin', sql`to_tsvector('swedish', ${t.title} || ' ' || ${t.pitch})`),
  ],
);

export const submissionVersions = pgTable(
  'submission_versions',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ProposalContent>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id, { onDelete: 'set null' }),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.version] })],
);

/** Which catalog datasets a proposal uses: each dataset learns where it was used. */
export const submissionDatasets = pgTable(
  'submission_datasets',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.datasetId] }), index('submission_datasets_dataset_idx').on(t.datasetId)],
);

/** Binary data; PGlite hands back a Uint8Array and node-postgres a Buffer, so both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A solution's one image, as the server re-encoded it (WebP, metadata stripped): a large version for its page and a
 * small one for cards. Kept in the database, not on a disk, so every app instance serves the same bytes. `hash`
 * names the pair: it is the ETag and the version in the image's address.
 */
export const solutionImages = pgTable('solution_images', {
  submissionId: uuid('submission_id')
    .primaryKey()
    .references(() => submissions.id, { onDelete: 'cascade' }),
  altSv: text('alt_sv').notNull().default(''),
  altEn: text('alt_en').notNull().default(''),
  hash: text('hash').notNull(),
  data: bytea('data').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  cardData: bytea('card_data').notNull(),
  cardWidth: integer('card_width').notNull(),
  cardHeight: integer('card_height').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
