import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** What a person can follow: a solution (a submission), a challenge or an organisation. */
export const followTargets = ['solution', 'challenge', 'organisation'] as const;
export type FollowTarget = (typeof followTargets)[number];

export const follows = pgTable(
  'follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: followTargets }).notNull(),
    targetId: uuid('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index('follows_target_idx').on(t.targetType, t.targetId)],
);

/** How a person wants notices by mail: each at once, a weekly digest, or none (the notice list still has them). */
export const noticeMailModes = ['immediate', 'weekly', 'off'] as const;
export type NoticeMailMode = (typeof noticeMailModes)[number];

/**
 * A notice to one person about something they follow. The text is rendered from `kind` and `params` in the reader's
 * language when shown or mailed, so a notice reads right whichever language they later choose.
 */
export const notices = pgTable(
  'notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Where the notice leads: a path on this site. */
    path: text('path').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Set when the notice went out by mail, alone or in a digest. */
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [
    index('notices_user_idx').on(t.userId, t.createdAt),
    index('notices_unmailed_idx')
      .on(t.userId)
      .where(sql`mailed_at is null`),
  ],
);
