import { desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import {
  challengeDatasets,
  challenges,
  dataRequests,
  datasetReports,
  datasets,
  events,
  realisations,
  submissionDatasets,
  submissions,
} from '../../db/schema/index.ts';
import { hasAward, isFinalist } from '../realisation/filters.ts';
import { isSolution } from '../realisation/rules.ts';

/**
 * How a publisher's datasets (registered here, or harvested from its sources: both carry its organisation_id) were
 * used. What counts, and what may be named, on this page, its downloads and in the mail to its members:
 * - a challenge cites a dataset when it links it and is past its draft (its page is public);
 * - a submission used a dataset when its submitted version named it, in a published event. Every one is counted; it is
 *   named (and linked) only once it is a solution (`isSolution`: in a published gallery, or a finalist with the results
 *   out), since a proposal before the gallery opens is the team's, not yet public;
 * - finalists and winners count only once the event's results are out; realised means a solution past the idea stage
 *   (as `/realised` lists them);
 * - problem reports (open, answered) on the datasets, and the data requests made to the publisher.
 */

const solutionFacts = sql`
  ${isSolution} as sol,
  (${events.resultsPublished} and ${isFinalist}) as fin,
  (${events.resultsPublished} and ${hasAward}) as won,
  (${isSolution} and coalesce(${realisations.stage}, 'idea') <> 'idea') as realised`;
const usedSubmissions = sql`${submissions} join ${events} on ${events.id} = ${submissions.eventId} left join ${realisations} on ${realisations.submissionId} = ${submissions.id}`;
const counted = sql`${submissions.status} = 'submitted' and ${events.status} = 'published'`;

export interface DatasetUse {
  id: string;
  iri: string;
  sourceId: string | null;
  titleSv: string;
  titleEn: string;
  status: string;
  challenges: { slug: string; titleSv: string; titleEn: string }[];
  submitted: number;
  solutions: { id: string; title: string; finalist: boolean; winner: boolean; realised: boolean }[];
  finalists: number;
  winners: number;
  realised: number;
  reportsOpen: number;
  reportsAnswered: number;
  requests: number;
}

/**
 * Every dataset of the organisation with its use, most used first, in one query (each kind of use aggregated once
 * per dataset, then joined). `used` keeps only datasets with any use; `limit`/`offset` page them; `total` is the
 * number of rows before paging.
 */
export async function datasetUse(
  db: Db,
  organisationId: string,
  opts: { used: boolean; limit?: number; offset?: number },
): Promise<{ rows: DatasetUse[]; total: number }> {
  const rows = await rowsOf<DatasetUse & { total: number }>(
    db,
    sql`
    with cited as (
      select cd.dataset_id, json_agg(json_build_object('slug', c.slug, 'titleSv', c.title_sv, 'titleEn', c.title_en) order by c.slug) as list
      from ${challengeDatasets} cd join ${datasets} d on d.id = cd.dataset_id join ${challenges} c on c.id = cd.challenge_id
      where d.organisation_id = ${organisationId} and c.status <> 'draft'
      group by cd.dataset_id),
    used as (
      select sd.dataset_id, count(*)::int as submitted,
        count(*) filter (where f.fin)::int as finalists, count(*) filter (where f.won)::int as winners, count(*) filter (where f.realised)::int as realised,
        coalesce(json_agg(json_build_object('id', ${submissions.id}, 'title', ${submissions.title}, 'finalist', f.fin, 'winner', f.won, 'realised', f.realised)
          order by ${submissions.submittedAt}, ${submissions.id}) filter (where f.sol), '[]') as list
      from ${submissionDatasets} sd join ${datasets} d on d.id = sd.dataset_id join ${usedSubmissions} on ${submissions.id} = sd.submission_id
        cross join lateral (select ${solutionFacts}) f
      where d.organisation_id = ${organisationId} and ${counted}
      group by sd.dataset_id),
    rep as (
      select r.dataset_id, count(*) filter (where r.answer is null)::int as open, count(*) filter (where r.answer is not null)::int as answered
      from ${datasetReports} r join ${datasets} d on d.id = r.dataset_id where d.organisation_id = ${organisationId} group by r.dataset_id),
    req as (
      select dataset_id, count(*)::int as n from ${dataRequests}
      where organisation_id = ${organisationId} and dataset_id is not null group by dataset_id),
    -- Only the datasets some use names, when asked: then the cost follows the use, not the size of the catalogue.
    ds as (
      select id, iri, source_id, title_sv, title_en, status from ${datasets} where organisation_id = ${organisationId}
      ${opts.used ? sql`and id in (select dataset_id from cited union all select dataset_id from used union all select dataset_id from rep union all select dataset_id from req)` : sql``})
    select ds.id, ds.iri, ds.source_id as "sourceId", ds.title_sv as "titleSv", ds.title_en as "titleEn", ds.status,
      coalesce(cited.list, '[]') as challenges, coalesce(used.submitted, 0) as submitted, coalesce(used.list, '[]') as solutions,
      coalesce(used.finalists, 0) as finalists, coalesce(used.winners, 0) as winners, coalesce(used.realised, 0) as realised,
      coalesce(rep.open, 0) as "reportsOpen", coalesce(rep.answered, 0) as "reportsAnswered", coalesce(req.n, 0) as requests,
      count(*) over ()::int as total
    from ds left join cited on cited.dataset_id = ds.id left join used on used.dataset_id = ds.id
      left join rep on rep.dataset_id = ds.id left join req on req.dataset_id = ds.id
    order by coalesce(used.realised, 0) desc, coalesce(used.winners, 0) desc, coalesce(used.finalists, 0) desc, coalesce(used.submitted, 0) desc,
      coalesce(json_array_length(cited.list), 0) desc, coalesce(rep.open, 0) + coalesce(rep.answered, 0) + coalesce(req.n, 0) desc, ds.title_sv, ds.id
    ${opts.limit !== undefined ? sql`limit ${opts.limit} offset ${opts.offset ?? 0}` : sql``}`,
  );
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** How many datasets the organisation publishes, active and withdrawn. */
export async function datasetCounts(db: Db, organisationId: string): Promise<{ all: number; active: number }> {
  const [row] = await rowsOf<{ all: number; active: number }>(
    db,
    sql`select count(*)::int as all, count(*) filter (where status = 'active')::int as active from ${datasets} where organisation_id = ${organisationId}`,
  );
  return row;
}

export const periodColumns = ['challenges', 'submitted', 'solutions', 'finalists', 'winners', 'realised', 'reports', 'requests'] as const;
export type PeriodColumn = (typeof periodColumns)[number];
export interface PeriodTotals extends Record<PeriodColumn, number> {
  /** 'YYYY' for a year, 'YYYY-MM' for a month (Stockholm time). */
  period: string;
}

/**
 * Totals per year and per month (Stockholm time), in one query with grouping sets. Each thing is counted once in the
 * period it happened: a challenge when it cited the first of the datasets (linked, or published if later), a
 * submission when it was submitted (once, however many of the datasets it used), a report or request when made.
 */
export async function useOverTime(db: Db, organisationId: string): Promise<{ years: PeriodTotals[]; months: PeriodTotals[] }> {
  const rows = await rowsOf<Omit<PeriodTotals, 'period'> & { year: string; month: string | null }>(
    db,
    sql`
    with happened as (
      select 'challenge' as kind, min(greatest(cd.added_at, coalesce(c.published_at, cd.added_at))) as at, false as sol, false as fin, false as won, false as realised
      from ${challengeDatasets} cd join ${datasets} d on d.id = cd.dataset_id join ${challenges} c on c.id = cd.challenge_id
      where d.organisation_id = ${organisationId} and c.status <> 'draft'
      group by c.id
      union all
      select 'submission', coalesce(${submissions.submittedAt}, ${submissions.updatedAt}), f.sol, f.fin, f.won, f.realised
      from ${usedSubmissions} cross join lateral (select ${solutionFacts}) f
      where ${counted} and ${submissions.id} in (
        select sd.submission_id from ${submissionDatasets} sd join ${datasets} d on d.id = sd.dataset_id where d.organisation_id = ${organisationId})
      union all
      select 'report', r.created_at, false, false, false, false
      from ${datasetReports} r join ${datasets} d on d.id = r.dataset_id where d.organisation_id = ${organisationId}
      union all
      select 'request', created_at, false, false, false, false from ${dataRequests} where organisation_id = ${organisationId}
    ),
    dated as (select *, to_char(at at time zone 'Europe/Stockholm', 'YYYY') as year, to_char(at at time zone 'Europe/Stockholm', 'YYYY-MM') as month from happened)
    select year, month,
      count(*) filter (where kind = 'challenge')::int as challenges,
      count(*) filter (where kind = 'submission')::int as submitted,
      count(*) filter (where kind = 'submission' and sol)::int as solutions,
      count(*) filter (where kind = 'submission' and fin)::int as finalists,
      count(*) filter (where kind = 'submission' and won)::int as winners,
      count(*) filter (where kind = 'submission' and realised)::int as realised,
      count(*) filter (where kind = 'report')::int as reports,
      count(*) filter (where kind = 'request')::int as requests
    from dated
    group by grouping sets ((year), (year, month))
    order by year desc, month desc nulls first`,
  );
  const years: PeriodTotals[] = [];
  const months: PeriodTotals[] = [];
  for (const { year, month, ...counts } of rows) {
    if (month) months.push({ ...counts, period: month });
    else years.push({ ...counts, period: year });
  }
  return { years, months };
}

export type UseOverTime = Awaited<ReturnType<typeof useOverTime>>;

/** Every request made to the publisher, newest first, for the downloads: never who asked or answered. */
export function requestsToPublisher(db: Db, organisationId: string) {
  return db
    .select({
      id: dataRequests.id,
      title: dataRequests.title,
      format: dataRequests.format,
      status: dataRequests.status,
      datasetId: dataRequests.datasetId,
      createdAt: dataRequests.createdAt,
      answeredAt: dataRequests.answeredAt,
    })
    .from(dataRequests)
    .where(eq(dataRequests.organisationId, organisationId))
    .orderBy(desc(dataRequests.createdAt));
}
