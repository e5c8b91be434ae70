import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { challenges } from './challenges.ts';
import { eventRef, eventTracks } from './events.ts';
import { textList } from './columns.ts';

export const joinRequestStatuses = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

/** A team at an event, working on one challenge and track. The invite token is the secret in its invite link. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: eventRef(),
    challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    trackId: uuid('track_id').references(() => eventTracks.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    pitch: text('pitch').notNull().default(''),
    /** Shown on the team board while the team is looking for people. */
    lookingForMembers: boolean('looking_for_members').notNull().default(true),
    rolesWanted: textList('roles_wanted'),
    inviteToken: text('invite_token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('teams_event_name_idx').on(t.eventId, sql`lower(${t.name})`),
    index('teams_event_idx').on(t.eventId),
    index('teams_challenge_idx').on(t.challengeId),
  ],
);

/**
 * Membership. The event is repeated here so the database itself keeps a person in at most one team per event,
 * and exactly one leader per team.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    eventId: eventRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isLeader: boolean('is_leader').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    uniqueIndex('team_members_one_team_per_event_idx').on(t.eventId, t.userId),
    uniqueIndex('team_members_one_leader_idx')
      .on(t.teamId)
      .where(sql`is_leader`),
    // A person's own pages (/me, check-ins, invitations) and account deletion look teams up by person.
    index('team_members_user_idx').on(t.userId),
  ],
);

export const teamJoinRequests = pgTable(
  'team_join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    status: text('status', { enum: joinRequestStatuses }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('team_join_requests_pending_idx')
      .on(t.teamId, t.userId)
      .where(sql`status = 'pending'`),
    index('team_join_requests_user_idx').on(t.userId),
  ],
);

/** A person on the team board, looking for a team at an event. */
export const teamSeekers = pgTable(
  'team_seekers',
  {
    eventId: eventRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roles: textList('roles'),
    skills: textList('skills'),
    languages: textList('languages'),
    challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('team_seekers_user_idx').on(t.userId)],
);
