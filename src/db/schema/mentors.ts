import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { eventRef } from './events.ts';
import { teams } from './teams.ts';
import { textList } from './columns.ts';

/** A mentor at an event: their expertise, organisation and languages. */
export const mentors = pgTable(
  'mentors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expertise: text('expertise').notNull(),
    organisation: text('organisation').notNull().default(''),
    languages: textList('languages'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mentors_event_user_idx').on(t.eventId, t.userId), index('mentors_user_idx').on(t.userId)],
);

export const mentorSlots = pgTable(
  'mentor_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('mentor_slots_time_idx').on(t.mentorId, t.startsAt)],
);

/**
 * A team's booking of a slot. The partial unique index is what makes double booking impossible: two concurrent
 * bookings of one slot cannot both be live, whatever the application does.
 */
export const mentorBookings = pgTable(
  'mentor_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => mentorSlots.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    bookedBy: uuid('booked_by').references(() => users.id, { onDelete: 'set null' }),
    question: text('question').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mentor_bookings_live_idx')
      .on(t.slotId)
      .where(sql`cancelled_at is null`),
    index('mentor_bookings_team_idx').on(t.teamId),
  ],
);
