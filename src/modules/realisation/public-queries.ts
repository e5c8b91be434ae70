import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import {
  awards,
  challengeAdoptions,
  challenges,
  datasets,
  events,
  juryRoundEntries,
  juryRounds,
  organisations,
  realisations,
  realisationUpdates,
  solutionInterests,
  submissionDatasets,
  submissions,
  type RealisationStage,
} from '../../db/schema/index.ts';
import { idArray } from './filters.ts';
import { needOwnersOf, timelineOf, type NeedOwner } from './queries.ts';
import { isSolution } from './rules.ts';

/**
 * Which solutions a batch query covers: a query yielding a column `id`. Lists pass their page's ids; open data passes
 * every solution. Either way each batch query runs once, never once per solution.
 */
export const idsScope = (ids: string[]) => sql`select unnest(${idArray(ids)}) as id`;
export const allSolutionsScope = sql`select ${submissions.id} as id from ${submissions} join ${events} on ${events.id} = ${submissions.eventId} where ${isSolution}`;

/** Where a solution stands, for lists: no record is an idea, and nothing to confirm. */
export const currentStage = {
  stage: sql<RealisationStage>`coalesce(${realisations.stage}, 'idea')`.as('stage'),
  confirmed: sql<boolean>`coalesce(${realisations.confirmed}, true)`.as('confirmed'),
  stageSince: realisations.stageSince,
};
/** Furthest along first: in operation, procurement, pilot, prototype, then paused, stopped, idea. */
export const byAdvancement = sql`array_position(array['operation', 'procurement', 'pilot', 'prototype', 'paused', 'stopped', 'idea'], coalesce(${realisations.stage}, 'idea'))`;

const groupBy = <T extends { submissionId: string }, V>(rows: T[], map: (r: T) => V) => {
  const out = new Map<string, V[]>();
  for (const r of rows) (out.get(r.submissionId) ?? out.set(r.submissionId, []).get(r.submissionId)!).push(map(r));
  return out;
};

/** needOwnersOf for many solutions in one query, in the same order and with the same rule for repeats. */
export async function needOwnersOfMany(db: Db, scope: SQL): Promise<Map<string, NeedOwner[]>> {
  const rows = await rowsOf<NeedOwner & { submissionId: string }>(db, sql`
    with scope as (${scope})
    select x.submission_id as "submissionId", o.id, o.slug, o.name, x.via from (
      select s.id as submission_id, c.organisation_id as id, 'challenge' as via, c.created_at as since
        from ${submissions} s join ${challenges} c on c.id = s.challenge_id where s.id in (select id from scope)
      union all
      select s.id, a.organisation_id, 'adoption', a.created_at
        from ${submissions} s join ${challengeAdoptions} a on a.challenge_id = s.challenge_id where s.id in (select id from scope)
      union all
      select i.submission_id, i.organisation_id, 'interest', i.decided_at
        from ${solutionInterests} i where i.status = 'accepted' and i.submission_id in (select id from scope)
    ) x join ${organisations} o on o.id = x.id
    order by x.submission_id, x.since, o.name`);
  const seen = new Set<string>();
  const firstWay = rows.filter((r) => !seen.has(`${r.submissionId} ${r.id}`) && seen.add(`${r.submissionId} ${r.id}`));
  return groupBy(firstWay, ({ id, slug, name, via }) => ({ id, slug, name, via }));
}

export interface JuryResult {
  finalist: boolean;
  awards: { name: string; amountSek: number | null; sponsor: string }[];
}
export const noJuryResult: JuryResult = { finalist: false, awards: [] };

/** Awards and final places, only of events whose results are published: two queries for any number of solutions. */
export async function juryResultsOf(db: Db, scope: SQL): Promise<Map<string, JuryResult>> {
  const inScope = sql`${submissions.id} in (${scope})`;
  const [given, finalists] = await Promise.all([
    db
      .select({ submissionId: submissions.id, name: awards.name, amountSek: awards.amountSek, sponsor: awards.sponsor })
      .from(awards)
      .innerJoin(submissions, eq(submissions.id, awards.submissionId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(and(inScope, eq(events.resultsPublished, true)))
      .orderBy(asc(awards.createdAt)),
    db
      .selectDistinct({ submissionId: submissions.id })
      .from(juryRoundEntries)
      .innerJoin(juryRounds, eq(juryRounds.id, juryRoundEntries.roundId))
      .innerJoin(submissions, eq(submissions.id, juryRoundEntries.submissionId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(and(inScope, eq(juryRounds.kind, 'final'), eq(events.resultsPublished, true))),
  ]);
  const out = new Map<string, JuryResult>();
  const of = (id: string) => out.get(id) ?? out.set(id, { finalist: false, awards: [] }).get(id)!;
  for (const f of finalists) of(f.submissionId).finalist = true;
  for (const { submissionId, ...award } of given) of(submissionId).awards.push(award);
  return out;
}

export type DatasetTitle = { id: string; titleSv: string; titleEn: string };

/** The catalog datasets each solution's submitted version uses. */
export async function datasetsOfMany(db: Db, scope: SQL): Promise<Map<string, DatasetTitle[]>> {
  const rows = await db
    .select({ submissionId: submissionDatasets.submissionId, id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn })
    .from(submissionDatasets)
    .innerJoin(datasets, eq(datasets.id, submissionDatasets.datasetId))
    .where(sql`${submissionDatasets.submissionId} in (${scope})`)
    .orderBy(asc(datasets.titleSv));
  return groupBy(rows, ({ id, titleSv, titleEn }) => ({ id, titleSv, titleEn }));
}

/** Everything the solution page and the API show of a solution's realisation. */
export async function solutionRecord(db: Db, submissionId: string) {
  const [[record], timeline, owners, jury] = await Promise.all([
    db.select().from(realisations).where(eq(realisations.submissionId, submissionId)),
    timelineOf(db, submissionId),
    needOwnersOf(db, submissionId),
    juryResultsOf(db, idsScope([submissionId])),
  ]);
  return {
    stage: (record?.stage ?? 'idea') as RealisationStage,
    confirmed: record?.confirmed ?? true,
    stageSince: record?.stageSince ?? null,
    timeline,
    owners,
    jury: jury.get(submissionId) ?? noJuryResult,
  };
}
export type SolutionRecord = Awaited<ReturnType<typeof solutionRecord>>;

/** How many solutions a short list shows on a challenge's or an organisation's page, furthest along first. */
export const STAGE_LIST_LIMIT = 50;

/** Solutions matching `owned`, furthest along first (at most STAGE_LIST_LIMIT), and how many there are in all. */
async function stageList(db: Db, owned: SQL) {
  const where = and(owned, isSolution);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: submissions.id, title: submissions.title, eventSlug: events.slug, eventSv: events.titleSv, eventEn: events.titleEn, ...currentStage })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(where)
      .orderBy(byAdvancement, desc(realisations.stageSince), asc(submissions.title))
      .limit(STAGE_LIST_LIMIT),
    db.select({ total: sql<number>`count(*)::int` }).from(submissions).innerJoin(events, eq(events.id, submissions.eventId)).where(where),
  ]);
  return { rows, total };
}
export type StageList = Awaited<ReturnType<typeof stageList>>;

/** A challenge's solutions and how far each has come. */
export const solutionStagesOfChallenge = (db: Db, challengeId: string) => stageList(db, sql`${submissions.challengeId} = ${challengeId}`);

/**
 * The solutions an organisation owns: those of its challenges, of challenges it adopted, and those it took forward
 * (accepted interest).
 */
export const solutionStagesOfOrganisation = (db: Db, organisationId: string) =>
  stageList(
    db,
    sql`(exists (select 1 from ${challenges} oc where oc.id = ${submissions.challengeId} and oc.organisation_id = ${organisationId})
      or exists (select 1 from ${challengeAdoptions} oa where oa.challenge_id = ${submissions.challengeId} and oa.organisation_id = ${organisationId})
      or exists (select 1 from ${solutionInterests} oi where oi.submission_id = ${submissions.id} and oi.organisation_id = ${organisationId} and oi.status = 'accepted'))`,
  );

/** The organisations that adopted a challenge (its co-owners beside its author), in the order they did. */
export async function adoptersOf(db: Db, challengeId: string) {
  return db
    .select({ slug: organisations.slug, name: organisations.name, since: challengeAdoptions.createdAt })
    .from(challengeAdoptions)
    .innerJoin(organisations, eq(organisations.id, challengeAdoptions.organisationId))
    .where(eq(challengeAdoptions.challengeId, challengeId))
    .orderBy(asc(challengeAdoptions.createdAt), asc(organisations.name));
}

/** How many updates each solution's history has. */
export async function updateCountsOf(db: Db, scope: SQL): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: realisationUpdates.submissionId, n: sql<number>`count(*)::int` })
    .from(realisationUpdates)
    .where(sql`${realisationUpdates.submissionId} in (${scope})`)
    .groupBy(realisationUpdates.submissionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
