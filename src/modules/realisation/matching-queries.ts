import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import {
  challengeAdoptions,
  challenges,
  events,
  memberships,
  organisations,
  solutionInterests,
  submissions,
  teamMembers,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../web/policy.ts';
import { recipientColumns } from '../notifications/mail-person.ts';
import { isSolution } from './rules.ts';

export interface OrganisationRef {
  id: string;
  slug: string;
  name: string;
}

/** The approved need owners the actor belongs to (as owner or editor): those it may speak for when matching. */
export async function approvedOrganisationsOf(db: Db | Tx, actor: Actor): Promise<OrganisationRef[]> {
  const ids = actor.user?.memberships.map((m) => m.organisationId) ?? [];
  if (!ids.length) return [];
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.isNeedOwner, true)))
    .orderBy(asc(organisations.name));
}

/** Every interest in a solution, newest first, with the organisation and who wrote it. */
export async function interestsIn(db: Db | Tx, submissionId: string) {
  return db
    .select({ interest: solutionInterests, organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name }, authorName: users.name })
    .from(solutionInterests)
    .innerJoin(organisations, eq(organisations.id, solutionInterests.organisationId))
    .leftJoin(users, eq(users.id, solutionInterests.userId))
    .where(eq(solutionInterests.submissionId, submissionId))
    .orderBy(desc(solutionInterests.createdAt), desc(solutionInterests.id));
}
export type InterestRow = Awaited<ReturnType<typeof interestsIn>>[number];

/** Who to tell about a team's solution: every current member. */
export async function teamRecipients(db: Db | Tx, teamId: string) {
  return db.select(recipientColumns).from(teamMembers).innerJoin(users, eq(users.id, teamMembers.userId)).where(eq(teamMembers.teamId, teamId));
}

/** Who to tell about an organisation's interest: its members. */
export async function organisationRecipients(db: Db | Tx, organisationId: string) {
  return db.select(recipientColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.organisationId, organisationId));
}

/** The organisations that adopted a challenge, in the order they did. */
export async function adoptersOf(db: Db | Tx, challengeId: string) {
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, since: challengeAdoptions.createdAt })
    .from(challengeAdoptions)
    .innerJoin(organisations, eq(organisations.id, challengeAdoptions.organisationId))
    .where(eq(challengeAdoptions.challengeId, challengeId))
    .orderBy(asc(challengeAdoptions.createdAt), asc(organisations.name));
}
export type Adopter = Awaited<ReturnType<typeof adoptersOf>>[number];

export const MATCHES_PER_PAGE = 50;

export interface MatchFilter {
  organisation: string;
  page: number;
}

/** One line of the match log: an organisation took a solution forward (an accepted interest) or adopted a challenge. */
export interface Match {
  kind: 'solution' | 'challenge';
  at: Date;
  organisationSlug: string;
  organisationName: string;
  /** The solution's id or the challenge's slug. */
  target: string;
  titleSv: string;
  titleEn: string;
}

const bySlug = (slug: string) => (slug ? eq(organisations.slug, slug) : undefined);

// Accepted interests in solutions that are still public, and adoptions of challenges that are (drafts never are).
const taken = (db: Db, organisationSlug = '') =>
  db
    .select({
      kind: sql<'solution' | 'challenge'>`'solution'`.as('kind'),
      at: sql<Date>`${solutionInterests.decidedAt}`.as('at'),
      organisationSlug: sql<string>`${organisations.slug}`.as('organisation_slug'),
      organisationName: sql<string>`${organisations.name}`.as('organisation_name'),
      target: sql<string>`${submissions.id}::text`.as('target'),
      titleSv: sql<string>`${submissions.title}`.as('title_sv'),
      titleEn: sql<string>`''`.as('title_en'),
    })
    .from(solutionInterests)
    .innerJoin(organisations, eq(organisations.id, solutionInterests.organisationId))
    .innerJoin(submissions, eq(submissions.id, solutionInterests.submissionId))
    .innerJoin(events, eq(events.id, submissions.eventId))
    .where(and(eq(solutionInterests.status, 'accepted'), isSolution, bySlug(organisationSlug)));

const adopted = (db: Db, organisationSlug = '') =>
  db
    .select({
      kind: sql<'solution' | 'challenge'>`'challenge'`.as('kind'),
      at: sql<Date>`${challengeAdoptions.createdAt}`.as('at'),
      organisationSlug: sql<string>`${organisations.slug}`.as('organisation_slug'),
      organisationName: sql<string>`${organisations.name}`.as('organisation_name'),
      target: sql<string>`${challenges.slug}`.as('target'),
      titleSv: sql<string>`${challenges.titleSv}`.as('title_sv'),
      titleEn: sql<string>`${challenges.titleEn}`.as('title_en'),
    })
    .from(challengeAdoptions)
    .innerJoin(organisations, eq(organisations.id, challengeAdoptions.organisationId))
    .innerJoin(challenges, eq(challenges.id, challengeAdoptions.challengeId))
    .where(and(ne(challenges.status, 'draft'), bySlug(organisationSlug)));

/** The match log, newest first: a page of it (or all of it for open data), optionally one organisation's part. */
export async function matchLog(db: Db, filter: MatchFilter | 'all') {
  const slug = filter === 'all' ? '' : filter.organisation;
  const both = unionAll(taken(db, slug), adopted(db, slug)).as('matches');
  const rows = db.select().from(both).orderBy(desc(both.at), asc(both.organisationName), asc(both.target)).$dynamic();
  const page = filter === 'all' ? null : filter.page;
  const items = (page ? await rows.limit(MATCHES_PER_PAGE).offset((page - 1) * MATCHES_PER_PAGE) : await rows).map(
    (r) => ({ ...r, at: new Date(r.at) }) as Match,
  );
  const [{ total }] = page ? await db.select({ total: count() }).from(both) : [{ total: items.length }];
  return { items, total };
}

/** The organisations that appear in the match log, for its filter. */
export async function organisationsInMatchLog(db: Db): Promise<{ slug: string; name: string }[]> {
  const both = unionAll(taken(db), adopted(db)).as('matches');
  return db.selectDistinct({ slug: both.organisationSlug, name: both.organisationName }).from(both).orderBy(asc(both.organisationName));
}

/** A challenge's adopters as its page lists them, and what the reader may do: adopt it, or give an adoption up. */
export async function ownershipOfChallenge(
  db: Db,
  actor: Actor,
  challenge: { id: string; organisationId: string },
  /** Read already, with the rest of a page that is the same for everyone. */
  known?: Adopter[],
) {
  const [adopters, mine] = await Promise.all([known ?? adoptersOf(db, challenge.id), approvedOrganisationsOf(db, actor)]);
  const adopting = new Set(adopters.map((a) => a.id));
  return {
    adopters,
    mayAdopt: mine.filter((o) => o.id !== challenge.organisationId && !adopting.has(o.id)),
    adoptedByMine: mine.filter((o) => adopting.has(o.id)),
    ownedByMine: mine.filter((o) => o.id === challenge.organisationId),
  };
}
export type Ownership = Awaited<ReturnType<typeof ownershipOfChallenge>>;
