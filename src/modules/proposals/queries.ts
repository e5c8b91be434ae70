import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { awards, challengeDatasets, challenges, datasets, events, eventTracks, submissionDatasets, submissions, submissionVersions, teams, users } from '../../db/schema/index.ts';

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
  const [row] = await db.select().from(submissionVersions).where(and(eq(submissionVersions.submissionId, submissionId), eq(submissionVersions.version, version)));
  return row ?? null;
}

/** Catalog datasets by id, for showing a proposal's choices (ids that are not in the catalog drop out). */
export async function datasetTitles(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db.select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn }).from(datasets).where(inArray(datasets.id, valid)).orderBy(asc(datasets.titleSv));
}

/** The datasets the need owner linked to a challenge: the likeliest picks, offered as checkboxes. */
export async function challengeDatasetTitles(db: Db, challengeId: string | null) {
  if (!challengeId) return [];
  return db
    .select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn })
    .from(challengeDatasets)
    .innerJoin(datasets, eq(datasets.id, challengeDatasets.datasetId))
    .where(eq(challengeDatasets.challengeId, challengeId))
    .orderBy(asc(datasets.titleSv));
}

export interface GalleryFilter {
  q: string;
  challenge: string;
  track: string;
  dataset: string;
  /** Only solutions that won an award. */
  awarded: boolean;
  page: number;
}
export const GALLERY_PAGE = 20;

/**
 * Submitted proposals in published galleries (of one event, or all), newest first; Swedish full-text search on title
 * and pitch uses the GIN index on the same expression.
 */
export async function gallery(db: Db, eventId: string | null, f: GalleryFilter) {
  const where: SQL[] = [eq(submissions.status, 'submitted'), eq(events.galleryPublished, true), eq(events.status, 'published')];
  if (eventId) where.push(eq(submissions.eventId, eventId));
  if (f.q) where.push(sql`to_tsvector('swedish', ${submissions.title} || ' ' || ${submissions.pitch}) @@ websearch_to_tsquery('swedish', ${f.q})`);
  if (isUuid(f.challenge)) where.push(eq(submissions.challengeId, f.challenge));
  if (isUuid(f.track)) where.push(eq(submissions.trackId, f.track));
  if (isUuid(f.dataset)) where.push(sql`exists (select 1 from ${submissionDatasets} sd where sd.submission_id = ${submissions.id} and sd.dataset_id = ${f.dataset})`);
  // Awards count once the event has published its results.
  if (f.awarded) where.push(sql`${events.resultsPublished} and exists (select 1 from ${awards} a where a.submission_id = ${submissions.id})`);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: submissions.id,
        title: submissions.title,
        pitch: submissions.pitch,
        submittedAt: submissions.submittedAt,
        teamName: teams.name,
        eventSlug: events.slug,
        eventSv: events.titleSv,
        eventEn: events.titleEn,
        challengeSv: challenges.titleSv,
        challengeEn: challenges.titleEn,
        trackSv: eventTracks.nameSv,
        trackEn: eventTracks.nameEn,
      })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
      .leftJoin(eventTracks, eq(eventTracks.id, submissions.trackId))
      .where(and(...where))
      .orderBy(desc(submissions.submittedAt), asc(submissions.id))
      .limit(GALLERY_PAGE)
      .offset((f.page - 1) * GALLERY_PAGE),
    db
      .select({ total: count() })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(and(...where)),
  ]);
  return { rows, total };
}
export type GalleryItem = Awaited<ReturnType<typeof gallery>>['rows'][number];

/** Challenges that have solutions in published galleries, for the overall gallery's filter. */
export async function galleryChallenges(db: Db, eventId: string | null) {
  return db
    .selectDistinct({ id: challenges.id, titleSv: challenges.titleSv, titleEn: challenges.titleEn })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .innerJoin(challenges, eq(challenges.id, submissions.challengeId))
    .where(and(eq(submissions.status, 'submitted'), eq(events.galleryPublished, true), eventId ? eq(events.id, eventId) : undefined))
    .orderBy(asc(challenges.titleSv));
}

/** A solution as the public sees it: the submitted version, never a later draft; null unless its gallery is public. */
export async function publicSolution(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ submission: submissions, teamName: teams.name, event: events, challengeSv: challenges.titleSv, challengeEn: challenges.titleEn, challengeSlug: challenges.slug, trackSv: eventTracks.nameSv, trackEn: eventTracks.nameEn })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
    .leftJoin(eventTracks, eq(eventTracks.id, submissions.trackId))
    .where(and(eq(submissions.id, id), eq(submissions.status, 'submitted'), eq(events.galleryPublished, true), eq(events.status, 'published')));
  if (!row) return null;
  const version = (await versionOf(db, id, row.submission.submittedVersion!))!;
  return { ...row, content: version.content, datasets: await datasetTitles(db, version.content.datasetIds) };
}
export type PublicSolution = NonNullable<Awaited<ReturnType<typeof publicSolution>>>;
