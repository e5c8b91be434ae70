import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import {
  challengeDatasets,
  challenges,
  datasets,
  events,
  eventTracks,
  realisations,
  solutionImages,
  submissions,
  submissionVersions,
  teams,
  users,
} from '../../db/schema/index.ts';
import { eventYear, idArray, solutionConditions, type SolutionFilter } from '../realisation/filters.ts';
import { currentStage } from '../realisation/public-queries.ts';
import { isSolution } from '../realisation/rules.ts';
import { sharedQuery } from '../../web/shared-cache.ts';
import { CONTENT } from '../../web/changes.ts';
import type { ImageMeta } from './image-queries.ts';

export async function proposalOf(db: Db, teamId: string) {
  const [row] = await db.select().from(submissions).where(eq(submissions.teamId, teamId));
  return row ?? null;
}
export type Proposal = typeof submissions.$inferSelect;

export async function versionsOf(db: Db, submissionId: string) {
  return db
    .select({ version: submissionVersions.version, savedAt: submissionVersions.savedAt, savedBy: users.name })
    .from(submissionVersions)
    .leftJoin(users, eq(users.id, submissionVersions.savedBy))
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(desc(submissionVersions.version));
}

export async function versionOf(db: Db, submissionId: string, version: number) {
  const [row] = await db
    .select()
    .from(submissionVersions)
    .where(and(eq(submissionVersions.submissionId, submissionId), eq(submissionVersions.version, version)));
  return row ?? null;
}

/** Catalog datasets by id, for showing a proposal's choices (ids that are not in the catalog drop out). */
export async function datasetTitles(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db
    .select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn })
    .from(datasets)
    .where(inArray(datasets.id, valid))
    .orderBy(asc(datasets.titleSv));
}

/** The datasets the need owner linked to a challenge: the likeliest picks, offered as checkboxes. */
export const challengeDatasetTitles = sharedQuery(
  async (db: Db, challengeId: string | null) => {
    if (!challengeId) return [];
    return db
      .select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn })
      .from(challengeDatasets)
      .innerJoin(datasets, eq(datasets.id, challengeDatasets.datasetId))
      .where(eq(challengeDatasets.challengeId, challengeId))
      .orderBy(asc(datasets.titleSv));
  },
  { reads: CONTENT },
);

/** The gallery's filter: the filter every list of solutions takes, the event's track, and the page. */
export interface GalleryFilter extends SolutionFilter {
  track: string;
  page: number;
}
export const GALLERY_PAGE = 20;

/**
 * Finished solutions (`isSolution`), of one event (whose gallery must then be published) or of all, newest first,
 * with where each one's realisation stands. Swedish full-text search on title and pitch uses the GIN index on the
 * same expression. A deferred join: the page's ids first, then only their 20 rows joined with the rest.
 */
export const gallery = sharedQuery(findGallery, { reads: CONTENT });
async function findGallery(db: Db, eventId: string | null, f: GalleryFilter, pageSize = GALLERY_PAGE) {
  const where: SQL[] = [isSolution, ...solutionConditions(f)];
  if (eventId) where.push(eq(submissions.eventId, eventId), eq(events.galleryPublished, true));
  if (isUuid(f.track)) where.push(eq(submissions.trackId, f.track));
  const newestFirst = [desc(submissions.submittedAt), asc(submissions.id)];
  const [ids, [{ total }]] = await Promise.all([
    db
      .select({ id: submissions.id })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(and(...where))
      .orderBy(...newestFirst)
      .limit(pageSize)
      .offset((f.page - 1) * pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(and(...where)),
  ]);
  return {
    rows: await galleryRows(
      db,
      ids.map((r) => r.id),
      newestFirst,
    ),
    total,
  };
}

/** The image's sizes and alt text, or null without one (a left join's nulls made one value). */
const imageOrNull = sql<ImageMeta | null>`case when ${solutionImages.hash} is null then null else json_build_object(
  'hash', ${solutionImages.hash}, 'altSv', ${solutionImages.altSv}, 'altEn', ${solutionImages.altEn}, 'width', ${solutionImages.width},
  'height', ${solutionImages.height}, 'cardWidth', ${solutionImages.cardWidth}, 'cardHeight', ${solutionImages.cardHeight}) end`;

function galleryRows(db: Db, ids: string[], order: SQL[]) {
  return db
    .select({
      id: submissions.id,
      challengeId: submissions.challengeId,
      title: submissions.title,
      pitch: submissions.pitch,
      submittedAt: submissions.submittedAt,
      teamName: teams.name,
      eventSlug: events.slug,
      eventSv: events.titleSv,
      eventEn: events.titleEn,
      year: eventYear,
      challengeSlug: challenges.slug,
      challengeSv: challenges.titleSv,
      challengeEn: challenges.titleEn,
      trackSv: eventTracks.nameSv,
      trackEn: eventTracks.nameEn,
      ...currentStage,
      image: imageOrNull,
    })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
    .leftJoin(eventTracks, eq(eventTracks.id, submissions.trackId))
    .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
    .leftJoin(solutionImages, eq(solutionImages.submissionId, submissions.id))
    .where(sql`${submissions.id} = any(${idArray(ids)})`)
    .orderBy(...order);
}
export type GalleryItem = Awaited<ReturnType<typeof galleryRows>>[number];

/** Most challenges the overall gallery's filter lists; past this it lists those of the chosen event. */
export const CHALLENGE_OPTIONS = 50;

/**
 * Challenges that have finished solutions, for the overall gallery's filter: of the chosen event (by slug) or of all,
 * by title, at most CHALLENGE_OPTIONS and one more (so the page knows there were more), the chosen challenge first
 * whatever its title. At a hundred times Hack the Crisis, 1,200 challenges have solutions: listed whole, their
 * options were 126 KB of every gallery page, and no one scrolls such a list.
 */
export const galleryChallenges = sharedQuery(
  async (db: Db, eventSlug: string, chosen: string) =>
    db
      .select({ id: challenges.id, titleSv: challenges.titleSv, titleEn: challenges.titleEn })
      .from(challenges)
      .where(
        sql`exists (select 1 from ${submissions} join ${events} on ${events.id} = ${submissions.eventId} where ${submissions.challengeId} = ${challenges.id} and ${isSolution}
        ${eventSlug ? sql`and ${events.slug} = ${eventSlug}` : sql``})`,
      )
      .orderBy(...(isUuid(chosen) ? [sql`(${challenges.id} = ${chosen}) desc`] : []), asc(challenges.titleSv))
      .limit(CHALLENGE_OPTIONS + 1),
  { reads: CONTENT },
);

/** Events that have finished solutions, newest first, with their years: the filters of the gallery and the funnel. */
export const galleryEvents = sharedQuery(
  async (db: Db) =>
    db
      .select({ slug: events.slug, titleSv: events.titleSv, titleEn: events.titleEn, year: eventYear })
      .from(events)
      .where(and(eq(events.status, 'published'), sql`exists (select 1 from ${submissions} where ${submissions.eventId} = ${events.id} and ${isSolution})`))
      .orderBy(desc(eventYear), asc(events.slug)),
  { reads: CONTENT },
);

/** A solution as the public sees it: the submitted version, never a later draft; null unless it is a solution (`isSolution`). */
export async function publicSolution(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      submission: submissions,
      teamName: teams.name,
      event: events,
      year: eventYear,
      challengeSv: challenges.titleSv,
      challengeEn: challenges.titleEn,
      challengeSlug: challenges.slug,
      trackSv: eventTracks.nameSv,
      trackEn: eventTracks.nameEn,
      image: imageOrNull,
    })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
    .leftJoin(eventTracks, eq(eventTracks.id, submissions.trackId))
    .leftJoin(solutionImages, eq(solutionImages.submissionId, submissions.id))
    .where(and(eq(submissions.id, id), isSolution));
  if (!row) return null;
  const version = (await versionOf(db, id, row.submission.submittedVersion!))!;
  return { ...row, content: version.content, datasets: await datasetTitles(db, version.content.datasetIds) };
}
export type PublicSolution = NonNullable<Awaited<ReturnType<typeof publicSolution>>>;
