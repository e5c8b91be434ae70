import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../web/policy.ts';
import {
  challengeDatasets,
  challenges,
  datasets,
  distributions,
  events,
  harvestSources,
  organisations,
  submissionDatasets,
  submissions,
} from '../../db/schema/index.ts';

import { isUuid } from '../../db/ids.ts';
import { isSolution } from '../realisation/rules.ts';

/**
 * The approved organisations (need owners) a person belongs to: those whose data they manage (see canManageData).
 */
export async function approvedOrganisationsOf(db: Db, actor: Actor) {
  const ids = actor.user?.memberships.map((m) => m.organisationId) ?? [];
  if (ids.length === 0) return [];
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, isNeedOwner: organisations.isNeedOwner })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.isNeedOwner, true)))
    .orderBy(asc(organisations.name));
}

/** A dataset with its distributions, its source, and the (non-draft) challenges it is used in. */
export async function findDataset(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      dataset: datasets,
      sourceTitle: harvestSources.title,
      organisationApproved: organisations.isNeedOwner,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(datasets)
    .leftJoin(harvestSources, eq(harvestSources.id, datasets.sourceId))
    .leftJoin(organisations, eq(organisations.id, datasets.organisationId))
    .where(eq(datasets.id, id));
  if (!row) return null;
  const [dists, used, solutions] = await Promise.all([
    db.select().from(distributions).where(eq(distributions.datasetId, id)).orderBy(asc(distributions.position)),
    db
      .select({ slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn, orgName: organisations.name })
      .from(challengeDatasets)
      .innerJoin(challenges, eq(challenges.id, challengeDatasets.challengeId))
      .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
      .where(and(eq(challengeDatasets.datasetId, id), ne(challenges.status, 'draft')))
      .orderBy(desc(challenges.publishedAt)),
    // Finished solutions (`isSolution`) that used it: what its publisher can point to as the value of publishing.
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(submissionDatasets)
      .innerJoin(submissions, eq(submissions.id, submissionDatasets.submissionId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(and(eq(submissionDatasets.datasetId, id), isSolution)),
  ]);
  return {
    ...row.dataset,
    sourceTitle: row.sourceTitle,
    organisationApproved: row.organisationApproved === true,
    organisationSlug: row.organisationSlug,
    organisationName: row.organisationName,
    distributions: dists,
    challenges: used,
    solutionCount: solutions[0].count,
  };
}
export type DatasetDetail = NonNullable<Awaited<ReturnType<typeof findDataset>>>;

const datasetSummary = {
  id: datasets.id,
  titleSv: datasets.titleSv,
  titleEn: datasets.titleEn,
  publisherName: datasets.publisherName,
  status: datasets.status,
};

/** The datasets linked to a challenge. */
export function datasetsOfChallenge(db: Db, challengeId: string) {
  return db
    .select(datasetSummary)
    .from(challengeDatasets)
    .innerJoin(datasets, eq(datasets.id, challengeDatasets.datasetId))
    .where(eq(challengeDatasets.challengeId, challengeId))
    .orderBy(asc(datasets.titleSv));
}

/**
 * Datasets suggested for a challenge: any of the words of its title, summary and keywords (ORed) in Swedish full
 * text against the datasets' titles, keywords and descriptions, ranked by ts_rank, plus a boost for each shared EU
 * theme, so that the subject outweighs a place name both happen to mention; those already linked are left out.
 */
export async function suggestDatasets(db: Db, challenge: { id: string; titleSv: string; summarySv: string; keywords: string[]; themes: string[] }, limit = 8) {
  const text = `${challenge.titleSv} ${challenge.summarySv} ${challenge.keywords.join(' ')}`.toLowerCase();
  const words = [...new Set(text.match(/[a-zåäöéü0-9]{3,}/g) ?? [])].slice(0, 40);
  const tsq = sql`to_tsquery('swedish', ${words.join(' | ') || 'xxxxxxxx'})`;
  const themes = sql`${`{${challenge.themes.join(',')}}`}::text[]`; // theme codes are A–Z only
  const linked = db.select({ id: challengeDatasets.datasetId }).from(challengeDatasets).where(eq(challengeDatasets.challengeId, challenge.id));
  // Weights D, C, B, A: description 0.2, keywords (and the publisher's name, in the same weight) 0.4, title 1.
  const rank = sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', ${datasets.searchVector}, ${tsq}) + 0.3 * cardinality(array(select unnest(${datasets.themes}) intersect select unnest(${themes})))`;
  return db
    .select(datasetSummary)
    .from(datasets)
    .where(
      and(eq(datasets.status, 'active'), sql`(${datasets.searchVector} @@ ${tsq} or ${datasets.themes} && ${themes})`, sql`${datasets.id} not in ${linked}`),
    )
    .orderBy(desc(rank), asc(datasets.id))
    .limit(limit);
}

export async function datasetsExist(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db.select({ id: datasets.id, status: datasets.status }).from(datasets).where(inArray(datasets.id, valid));
}

/** How many of an organisation's datasets its page lists before linking to the whole list. */
export const ORGANISATION_DATASETS_SHOWN = 10;

/**
 * The datasets an organisation publishes, registered here or harvested from its catalogs: the first few by title and
 * how many there are, in one query (datasets_org_idx).
 */
export async function datasetsOfOrganisation(db: Db, organisationId: string) {
  const rows = await db
    .select({
      id: datasets.id,
      titleSv: datasets.titleSv,
      titleEn: datasets.titleEn,
      registered: sql<boolean>`${datasets.sourceId} is null`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(datasets)
    .where(and(eq(datasets.organisationId, organisationId), eq(datasets.status, 'active')))
    .orderBy(asc(datasets.titleSv), asc(datasets.id))
    .limit(ORGANISATION_DATASETS_SHOWN);
  return { rows: rows.map(({ total: _t, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/** An organisation's name by id, for saying whose datasets a filtered list shows. */
export async function organisationNamed(db: Db, id: string) {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}
