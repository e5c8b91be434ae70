import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { challenges } from './challenges.ts';

export const eventKinds = ['hackathon', 'sub_competition', 'final', 'workshop', 'webinar'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
/** The phases of the cycle, in order; an event has the ones it needs. */
export const phaseKinds = ['registration', 'hacking', 'submission', 'judging', 'final', 'results', 'follow_up'] as const;
export type PhaseKind = (typeof phaseKinds)[number];
export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** A hackathon, a 365 sub-competition, a final, or a workshop or webinar on open data. Times are Europe/Stockholm. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    /** The organisation that runs it (with the organiser's approval); null for the platform's own events. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: eventKinds }).notNull(),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en').notNull().default(''),
    descriptionSv: text('description_sv').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    online: boolean('online').notNull().default(true),
    place: text('place').notNull().default(''),
    /** Places for participants; null for no limit. Past it, registrants join the waitlist. */
    capacity: integer('capacity'),
    teamMin: integer('team_min').notNull().default(1),
    teamMax: integer('team_max').notNull().default(6),
    rulesSv: text('rules_sv').notNull().default(''),
    rulesEn: text('rules_en').notNull().default(''),
    /** Raised when the rules or code of conduct change; each registration keeps the version it accepted. */
    rulesVersion: integer('rules_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_status_idx').on(t.status)],
);

export const eventPhases = pgTable(
  'event_phases',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: phaseKinds }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind] }), index('event_phases_time_idx').on(t.startsAt)],
);

export const eventChallenges = pgTable(
  'event_challenges',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.challengeId] })],
);

/**
 * A person's place at an event: registered, on the waitlist (in order of `queuedAt`), or cancelled. One row per
 * person and event; registering again after cancelling reuses it.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    asTeam: boolean('as_team').notNull().default(false),
    rulesVersion: integer('rules_version').notNull(),
    acceptedRulesAt: timestamp('accepted_rules_at', { withTimezone: true }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('event_registrations_person_idx').on(t.eventId, t.userId),
    index('event_registrations_queue_idx').on(t.eventId, t.status, t.queuedAt).where(sql`status <> 'cancelled'`),
  ],
);
