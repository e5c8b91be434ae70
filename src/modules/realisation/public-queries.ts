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

const groupBy = <T, V>(rows: T[], key: (r: T) => string, map: (r: T) => V) => {
  const out = new Map<string, V[]>();
  for (const r of rows) (out.get(key(r)) ?? out.set(key(r), []).get(key(r))!).push(map(r));
  return out;
};

/**
 * needOwnersOf for many solutions, in the same order and with the same rule for repeats. Challenge owners (author and
 * adopters) are read per challenge, so the work grows with the challenges, not with the thousands of solutions;
 * `scope` (the same solutions) bounds the accepted interests.
 */
export async function needOwnersOfMany(db: Db, solutions: { id: string; challengeId: string | null }[], scope: SQL): Promise<Map<string, NeedOwner[]>> {
  type Row = NeedOwner & { key: string; since: Date | string | null };
  const challengeIds = [...new Set(solutions.flatMap((s) => (s.challengeId ? [s.challengeId] : [])))];
  const [byChallenge, taken] = await Promise.all([
    rowsOf<Row>(
      db,
      sql`
      select c.id as key, o.id, o.slug, o.name, 'challenge' as via, c.created_at as since
        from ${challenges} c join ${organisations} o on o.id = c.organisation_id where c.id = any(${idArray(challengeIds)})
      union all
      select a.challenge_id, o.id, o.slug, o.name, 'adoption', a.created_at
        from ${challengeAdoptions} a join ${organisations} o on o.id = a.organisation_id where a.challenge_id = any(${idArray(challengeIds)})`,
    ),
    rowsOf<Row>(
      db,
      sql`
      select i.submission_id as key, o.id, o.slug, o.name, 'interest' as via, i.decided_at as since
      from ${solutionInterests} i join ${organisations} o on o.id = i.organisation_id
      where i.status = 'accepted' and i.submission_id in (${scope})`,
    ),
  ]);
  const challengeOwners = groupBy(
    byChallenge,
    (r) => r.key,
    (r) => r,
  );
  const takers = groupBy(
    taken,
    (r) => r.key,
    (r) => r,
  );
  const time = (r: Row) => (r.since ? new Date(r.since).getTime() : Infinity);
  const out = new Map<string, NeedOwner[]>();
  for (const { id, challengeId } of solutions) {
    const all = [...(challengeOwners.get(challengeId ?? '') ?? []), ...(takers.get(id) ?? [])].sort(
      (a, b) => time(a) - time(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    // One organisation may own a solution in more than one way; the first way counts.
    const seen = new Set<string>();
    out.set(
      id,
      all.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(({ id, slug, name, via }) => ({ id, slug, name, via })),
    );
  }
  return out;
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
  return groupBy(
    rows,
    (r) => r.submissionId,
    ({ id, titleSv, titleEn }) => ({ id, titleSv, titleEn }),
  );
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
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(where),
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
    // Sets first (its challenges, its adoptions, its accepted interests: a few rows each), then one pass over solutions.
    sql`(${submissions.challengeId} in (select id from ${challenges} where organisation_id = ${organisationId} union select challenge_id from ${challengeAdoptions} where organisation_id = ${organisationId})
      or ${submissions.id} in (select submission_id from ${solutionInterests} where organisation_id = ${organisationId} and status = 'accepted'))`,
  );

/** How many updates each solution's history has. */
export async function updateCountsOf(db: Db, scope: SQL): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: realisationUpdates.submissionId, n: sql<number>`count(*)::int` })
    .from(realisationUpdates)
    .where(sql`${realisationUpdates.submissionId} in (${scope})`)
    .groupBy(realisationUpdates.submissionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
