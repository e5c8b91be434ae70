import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { datasets, events, realisations, submissionDatasets, submissions, teams } from '../../db/schema/index.ts';
import { latestPublished } from '../challenges/queries.ts';
import { eventsByTense } from '../events/queries.ts';
import { isSolution } from '../realisation/rules.ts';
import { sharedQuery } from '../../web/shared-cache.ts';
import { CONTENT } from '../../web/changes.ts';

/**
 * What the start page shows everyone: open challenges, the next events, solutions on their way, data in use. The
 * same for every reader, so kept while nothing changes (web/shared-cache.ts); events are placed in time to the minute.
 */
export async function homeData(db: Db, now: Date) {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [tenses, { challenges, realised, dataInUse }] = await Promise.all([eventsNow(db, minute.toISOString()), highlights(db)]);
  return { challenges, events: [...tenses.running, ...tenses.upcoming].slice(0, 3), realised, dataInUse };
}
export type HomeData = Awaited<ReturnType<typeof homeData>>;

const eventsNow = sharedQuery((db: Db, minute: string) => eventsByTense(db, new Date(minute)), { reads: CONTENT });

const highlights = sharedQuery(
  async (db: Db) => {
    const [challenges, realised, dataInUse] = await Promise.all([
      latestPublished(db, 4),
      db
        .select({ id: submissions.id, title: submissions.title, team: teams.name, stage: realisations.stage, confirmed: realisations.confirmed })
        .from(submissions)
        .innerJoin(events, eq(events.id, submissions.eventId))
        .innerJoin(teams, eq(teams.id, submissions.teamId))
        .innerJoin(realisations, eq(realisations.submissionId, submissions.id))
        .where(and(isSolution, ne(realisations.stage, 'idea')))
        .orderBy(desc(realisations.stageSince))
        .limit(3),
      db
        .select({
          id: datasets.id,
          titleSv: datasets.titleSv,
          titleEn: datasets.titleEn,
          publisher: datasets.publisherName,
          solutions: sql<number>`count(*)::int`,
        })
        .from(submissionDatasets)
        .innerJoin(submissions, eq(submissions.id, submissionDatasets.submissionId))
        .innerJoin(events, eq(events.id, submissions.eventId))
        .innerJoin(datasets, eq(datasets.id, submissionDatasets.datasetId))
        .where(isSolution)
        .groupBy(datasets.id)
        .orderBy(desc(sql`count(*)`), datasets.titleSv)
        .limit(4),
    ]);
    return { challenges, realised, dataInUse };
  },
  { reads: CONTENT },
);
