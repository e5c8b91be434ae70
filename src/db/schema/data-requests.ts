import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { challenges } from './challenges.ts';
import { events } from './events.ts';
import { datasets } from './datasets.ts';

export const dataRequestStatuses = ['open', 'planned', 'published', 'declined'] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];

/**
 * Data someone asked a publisher for ("the bus stops as GeoJSON"), public like the problem reports. The publisher
 * answers with a status; a published request links the dataset that answers it, a declined one says why.
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    askerId: uuid('asker_id').references(() => users.id, { onDelete: 'set null' }),
    challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    format: text('format').notNull().default(''),
    status: text('status', { enum: dataRequestStatuses }).notNull().default('open'),
    answer: text('answer'),
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('data_requests_organisation_idx').on(t.organisationId, t.createdAt),
    index('data_requests_challenge_idx').on(t.challengeId, t.createdAt),
    index('data_requests_dataset_idx').on(t.datasetId),
    index('data_requests_asker_idx').on(t.askerId),
  ],
);
