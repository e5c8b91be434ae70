import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { challenges, dataRequests, datasets, events, organisations, type DataRequestStatus } from '../../db/schema/index.ts';
import type { Actor } from '../../web/policy.ts';
import { isUuid } from '../../db/ids.ts';

export const requestFilters = ['open', 'answered', 'all'] as const;
export type RequestFilter = (typeof requestFilters)[number];

/** What a list shows of a request: never who asked (requests are public, askers are not). */
const listRow = {
  id: dataRequests.id,
  title: dataRequests.title,
  format: dataRequests.format,
  status: dataRequests.status,
  createdAt: dataRequests.createdAt,
  answeredAt: dataRequests.answeredAt,
  organisationName: organisations.name,
  organisationSlug: organisations.slug,
};

/** Requests to one publisher, newest first (its organisation page). */
export function requestsToOrganisation(db: Db, organisationId: string) {
  return db
    .select(listRow)
    .from(dataRequests)
    .innerJoin(organisations, eq(organisations.id, dataRequests.organisationId))
    .where(eq(dataRequests.organisationId, organisationId))
    .orderBy(desc(dataRequests.createdAt))
    .limit(50);
}

/** Requests made for one challenge, to whichever publishers (the challenge page). */
export function requestsForChallenge(db: Db, challengeId: string) {
  return db
    .select(listRow)
    .from(dataRequests)
    .innerJoin(organisations, eq(organisations.id, dataRequests.organisationId))
    .where(eq(dataRequests.challengeId, challengeId))
    .orderBy(desc(dataRequests.createdAt))
    .limit(50);
}

/** The requests a person answers for: to their organisations, and for the organiser all of them. */
export function requestInbox(db: Db, actor: Actor, filter: RequestFilter) {
  const user = actor.user!;
  const own = user.memberships.map((m) => m.organisationId);
  const scope: SQL | undefined = user.isOrganiser ? undefined : own.length ? inArray(dataRequests.organisationId, own) : sql`false`;
  const state = filter === 'open' ? eq(dataRequests.status, 'open') : filter === 'answered' ? ne(dataRequests.status, 'open') : undefined;
  return db
    .select(listRow)
    .from(dataRequests)
    .innerJoin(organisations, eq(organisations.id, dataRequests.organisationId))
    .where(and(scope, state))
    .orderBy(desc(dataRequests.createdAt))
    .limit(200);
}

/** One request with its publisher and what it is tied to; null for anything that is not a request's id. */
export async function findDataRequest(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      request: dataRequests,
      organisation: { id: organisations.id, name: organisations.name, slug: organisations.slug },
      challenge: { slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn },
      event: { slug: events.slug, titleSv: events.titleSv, titleEn: events.titleEn },
      dataset: { id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn },
    })
    .from(dataRequests)
    .innerJoin(organisations, eq(organisations.id, dataRequests.organisationId))
    .leftJoin(challenges, eq(challenges.id, dataRequests.challengeId))
    .leftJoin(events, eq(events.id, dataRequests.eventId))
    .leftJoin(datasets, eq(datasets.id, dataRequests.datasetId))
    .where(eq(dataRequests.id, id));
  return row ?? null;
}

/** The publisher's datasets to pick from when a request is published (newest first). */
export function datasetChoices(db: Db, organisationId: string) {
  return db
    .select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn })
    .from(datasets)
    .where(eq(datasets.organisationId, organisationId))
    .orderBy(desc(datasets.firstSeenAt))
    .limit(500);
}

/** A challenge or event a request may be tied to: only public ones, since requests are shown on public pages. */
export async function publicChallenge(db: Db, id: string | undefined) {
  if (!id || !isUuid(id)) return null;
  const [row] = await db
    .select({ id: challenges.id, slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn })
    .from(challenges)
    .where(and(eq(challenges.id, id), ne(challenges.status, 'draft')));
  return row ?? null;
}
export async function publicEvent(db: Db, id: string | undefined) {
  if (!id || !isUuid(id)) return null;
  const [row] = await db
    .select({ id: events.id, slug: events.slug, titleSv: events.titleSv, titleEn: events.titleEn })
    .from(events)
    .where(and(eq(events.id, id), inArray(events.status, ['published', 'cancelled'])));
  return row ?? null;
}

/** Every request, for the open-data files: no askers, no answerers. */
export function allDataRequests(db: Db) {
  return db
    .select({
      id: dataRequests.id,
      title: dataRequests.title,
      description: dataRequests.description,
      format: dataRequests.format,
      status: dataRequests.status,
      answer: dataRequests.answer,
      publisher: organisations.slug,
      publisherName: organisations.name,
      challenge: challenges.slug,
      event: events.slug,
      dataset: dataRequests.datasetId,
      createdAt: dataRequests.createdAt,
      answeredAt: dataRequests.answeredAt,
    })
    .from(dataRequests)
    .innerJoin(organisations, eq(organisations.id, dataRequests.organisationId))
    .leftJoin(challenges, eq(challenges.id, dataRequests.challengeId))
    .leftJoin(events, eq(events.id, dataRequests.eventId))
    .orderBy(desc(dataRequests.createdAt));
}

export type DataRequestSummary = Awaited<ReturnType<typeof requestsToOrganisation>>[number];
export type DataRequestDetail = NonNullable<Awaited<ReturnType<typeof findDataRequest>>>;
export type { DataRequestStatus };
