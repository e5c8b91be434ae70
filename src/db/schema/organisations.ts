import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const organisationTypes = ['agency', 'municipality', 'region', 'company', 'nonprofit', 'academia'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    type: text('type', { enum: organisationTypes }).notNull(),
    orgNumber: text('org_number'),
    description: text('description').notNull().default(''),
    website: text('website').notNull().default(''),
    // Set when the organiser approves a need-owner application; only then may members publish challenges.
    isNeedOwner: boolean('is_need_owner').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One organisation per organisationsnummer; foreign organisations have none.
    uniqueIndex('organisations_org_number_key').on(t.orgNumber),
  ],
);

export const memberRoles = ['owner', 'editor'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: memberRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const applicationStatuses = ['pending', 'approved', 'rejected'] as const;

/** An organisation's application to become a need owner (behovsägare), decided by the organiser. */
export const needOwnerApplications = pgTable(
  'need_owner_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    applicantId: uuid('applicant_id').references(() => users.id, { onDelete: 'set null' }),
    motivation: text('motivation').notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('pending'),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('need_owner_applications_status_idx').on(t.status, t.createdAt), index('need_owner_applications_org_idx').on(t.organisationId)],
);

/** An invitation by e-mail to join an organisation; the link carries a token whose hash is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('invitations_org_idx').on(t.organisationId)],
);

/** What a personal access token may do through the API; nothing else is open to a token. */
export const tokenScopes = ['challenges:write', 'datasets:write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/**
 * Personal access tokens: an organisation's systems act through the API as the person who made the token, for one
 * organisation and within its scopes. Shown once, stored as its SHA-256, expiring, revocable, with its last use.
 */
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId)],
);
