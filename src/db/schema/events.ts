import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { challenges } from './challenges.ts';

export const eventKinds = ['hackathon', 'sub_competition', 'final', 'workshop', 'webinar'] as const;
export type EventKind = (typeof eventKinds)[number];
/** An organisation's event waits in 'pending' for the platform organiser's approval before it is published. */
export const eventStatuses = ['draft', 'pending', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
/**
 * The phases of the cycle, in order; an event has the ones its kind allows (events/kinds.ts). A workshop or webinar
 * has a session (the time people attend) instead of hacking. Stored as text without a check, so adding one needs no
 * migration.
 */
export const phaseKinds = ['registration', 'session', 'hacking', 'submission', 'judging', 'final', 'results', 'follow_up'] as const;
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
    /** Minutes after the submission deadline during which the server still accepts a submission. */
    graceMinutes: integer('grace_minutes').notNull().default(0),
    /** The organiser opens the public solution gallery when judging allows. */
    galleryPublished: boolean('gallery_published').notNull().default(false),
    /** The organiser publishes the results (winners, finalists, awards) when judging is done. */
    resultsPublished: boolean('results_published').notNull().default(false),
    /** When the results were first published: realisation check-ins count their months from it. */
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    /** The participants' choice: off until the organiser opens it; counted in the open once closed. */
    voting: text('voting', { enum: ['off', 'open', 'closed'] })
      .notNull()
      .default('off'),
    /** Kept by a trigger on event_registrations (migration 0008), so event pages do not count thousands of rows. */
    registeredCount: integer('registered_count').notNull().default(0),
    waitlistedCount: integer('waitlisted_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_status_idx').on(t.status), index('events_organisation_idx').on(t.organisationId)],
);

/** The column every event part has: its event, removed with it. */
export const eventRef = () =>
  uuid('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' });

export const eventPhases = pgTable(
  'event_phases',
  {
    eventId: eventRef(),
    kind: text('kind', { enum: phaseKinds }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind] }), index('event_phases_time_idx').on(t.startsAt)],
);

export const eventChallenges = pgTable(
  'event_challenges',
  {
    eventId: eventRef(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.challengeId] }), index('event_challenges_challenge_idx').on(t.challengeId)],
);

/** A track within an event's challenges, e.g. concept solution and digital solution. */
export const eventTracks = pgTable(
  'event_tracks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    position: integer('position').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull().default(''),
  },
  (t) => [uniqueIndex('event_tracks_position_idx').on(t.eventId, t.position)],
);

/** A message from the organiser to everyone registered; shown on the event page and sent through the outbox. */
export const eventAnnouncements = pgTable(
  'event_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_announcements_event_idx').on(t.eventId, t.createdAt)],
);

export const genders = ['woman', 'man', 'non_binary', 'self_described', 'prefer_not'] as const;
export const ageBands = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus', 'prefer_not'] as const;
export const occupations = ['student', 'public_sector', 'private_sector', 'academia', 'non_profit', 'unemployed', 'other', 'prefer_not'] as const;

/**
 * Voluntary answers for the programme's diversity statistics. Deliberately without any link to the person or their
 * registration (the registration only records that answers were given), so they can only be read as aggregates.
 */
export const diversityAnswers = pgTable(
  'diversity_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    gender: text('gender', { enum: genders }),
    ageBand: text('age_band', { enum: ageBands }),
    /** Two-letter county code (län), e.g. AB for Stockholm. */
    county: text('county'),
    occupation: text('occupation', { enum: occupations }),
    firstHackathon: boolean('first_hackathon'),
  },
  (t) => [index('diversity_answers_event_idx').on(t.eventId)],
);

/**
 * A person's place at an event: registered, on the waitlist (in order of `queuedAt`), or cancelled. One row per
 * person and event; registering again after cancelling reuses it.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    asTeam: boolean('as_team').notNull().default(false),
    rulesVersion: integer('rules_version').notNull(),
    acceptedRulesAt: timestamp('accepted_rules_at', { withTimezone: true }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Only that diversity answers were given, never which: they are stored apart. */
    diversityAnswered: boolean('diversity_answered').notNull().default(false),
  },
  (t) => [
    uniqueIndex('event_registrations_person_idx').on(t.eventId, t.userId),
    index('event_registrations_queue_idx')
      .on(t.eventId, t.status, t.queuedAt)
      .where(sql`status <> 'cancelled'`),
    index('event_registrations_user_idx').on(t.userId),
  ],
);
