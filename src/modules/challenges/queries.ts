import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { challenges, follows, organisations, type ChallengeStatus } from '../../db/schema/index.ts';
import { sharedQuery } from '../../web/shared-cache.ts';
import { CONTENT } from '../../web/changes.ts';
import { requestsForChallenge } from '../datasets/data-requests.ts';
import { datasetsOfChallenge } from '../datasets/queries.ts';
import { challengeResults } from '../judging/results.ts';
import { adoptersOf } from '../realisation/matching-queries.ts';
import { solutionStagesOfChallenge } from '../realisation/public-queries.ts';

// Everything but the generated search columns, which pages never show.
const { searchVector: _v, searchText: _t, ...challengeColumns } = getTableColumns(challenges);

const challengeBySlug = preparedPerDb((db) =>
  db
    .select({
      challenge: challengeColumns,
      organisation: organisations,
      following: sql<boolean>`exists (select 1 from ${follows} f where f.user_id = ${sql.placeholder('reader')}::uuid
        and f.target_type = 'challenge' and f.target_id = ${challenges.id})`,
    })
    .from(challenges)
    .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
    .where(eq(challenges.slug, sql.placeholder('slug')))
    .prepare('challenge_by_slug'),
);

/**
 * A challenge with its organisation and, given a reader, whether they follow it (null for no reader): the
 * challenge's page asks for all of it in one query.
 */
export async function findChallengeBySlug(db: Db, slug: string, readerId: string | null = null) {
  const [row] = await challengeBySlug(db).execute({ slug, reader: readerId });
  return row ? { ...row, following: readerId ? row.following : null } : null;
}
export type ChallengeWithOrganisation = NonNullable<Awaited<ReturnType<typeof findChallengeBySlug>>>;

/**
 * What a challenge's page shows everyone alike (its datasets, results, solutions' stages, data requests and
 * adopters): seven statements, kept until anything changes (sharedQuery), so a signed-in reader's page asks only for
 * the challenge, whether they follow it and their own organisations.
 */
export const challengePageParts = sharedQuery(
  async (db: Db, challengeId: string) => {
    const [linked, results, stages, requests, adopters] = await Promise.all([
      datasetsOfChallenge(db, challengeId),
      challengeResults(db, challengeId),
      solutionStagesOfChallenge(db, challengeId),
      requestsForChallenge(db, challengeId),
      adoptersOf(db, challengeId),
    ]);
    return { linked, results, stages, requests, adopters };
  },
  { reads: CONTENT },
);

/** An organisation's challenges for its profile page; drafts only when the viewer may see them. */
export async function challengesOfOrganisation(db: Db, organisationId: string, includeDrafts: boolean) {
  const statuses: ChallengeStatus[] = includeDrafts ? ['draft', 'published', 'closed', 'archived'] : ['published', 'closed', 'archived'];
  return db
    .select({ slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn, status: challenges.status })
    .from(challenges)
    .where(and(eq(challenges.organisationId, organisationId), inArray(challenges.status, statuses)))
    .orderBy(desc(challenges.updatedAt))
    .limit(200);
}

/** Published challenges, newest first: the Atom feed's latest 50, or all of them for the open-data export. */
export async function latestPublished(db: Db, limit: number | 'all' = 50) {
  const query = db
    .select({ challenge: challengeColumns, organisation: { name: organisations.name, slug: organisations.slug } })
    .from(challenges)
    .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
    .where(eq(challenges.status, 'published'))
    // Spelled as the index is (challenges_status_published_idx), so the newest are read from it rather than sorted.
    .orderBy(sql`${challenges.publishedAt} desc nulls last`, sql`${challenges.id} desc nulls last`)
    .$dynamic();
  return limit === 'all' ? query : query.limit(limit);
}
