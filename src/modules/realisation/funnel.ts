import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { challenges, events, realisations, realisationUpdates, submissions, teams } from '../../db/schema/index.ts';
import { eventYear, hasAward, isFinalist } from './filters.ts';
import {
  allSolutionsScope,
  byAdvancement,
  currentStage,
  datasetsOfMany,
  idsScope,
  juryResultsOf,
  needOwnersOfMany,
  noJuryResult,
  updateCountsOf,
} from './public-queries.ts';
import { isSolution, roadStages } from './rules.ts';

/** The funnel's steps, from a submitted solution to a service in operation. */
export const funnelSteps = ['submitted', 'finalist', 'awarded', 'prototype', 'pilot', 'procurement', 'operation'] as const;
export type FunnelStep = (typeof funnelSteps)[number];
/** The steps on the realisation road past the idea; a need owner may have confirmed them. */
export const reachedSteps = ['prototype', 'pilot', 'procurement', 'operation'] as const;
export type ReachedStep = (typeof reachedSteps)[number];

export interface FunnelCounts {
  counts: Record<FunnelStep, number>;
  /** Of those at each road step, how many stand there on a need owner's word (their own update or a confirmation). */
  confirmed: Record<ReachedStep, number>;
  paused: number;
  stopped: number;
}
export interface EventFunnel extends FunnelCounts {
  eventId: string;
  slug: string;
  titleSv: string;
  titleEn: string;
  year: number;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const road = list(roadStages);

/**
 * Solutions by stage, per event, in one query grouped by event (years and the whole are sums of these rows: every
 * solution belongs to one event). A solution counts at a road stage when it got at least that far: where its
 * record stands now, or, if paused or stopped, the last road stage its history set. Jury steps count only where the
 * event's results are published.
 */
export async function funnelByEvent(db: Db): Promise<EventFunnel[]> {
  const atLeast = (step: ReachedStep) => list(roadStages.slice(roadStages.indexOf(step)));
  const columns = reachedSteps.map(
    (step) =>
      sql`, count(*) filter (where pos.stage in (${atLeast(step)}))::int as ${sql.identifier(step)}, count(*) filter (where pos.stage in (${atLeast(step)}) and pos.confirmed)::int as ${sql.identifier(`${step}Confirmed`)}`,
  );
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with left_road as (
      select distinct on (u.submission_id) u.submission_id, u.stage, (u.organisation_id is not null or u.confirmed_at is not null) as confirmed
      from ${realisationUpdates} u
      where u.stage in (${road}) and u.submission_id in (select submission_id from ${realisations} where stage in ('paused', 'stopped'))
      order by u.submission_id, u.created_at desc, u.id desc
    )
    select ${events.id} as "eventId", ${events.slug} as slug, ${events.titleSv} as "titleSv", ${events.titleEn} as "titleEn", ${eventYear} as year,
      count(*)::int as submitted,
      count(*) filter (where ${events.resultsPublished} and ${isFinalist})::int as finalist,
      count(*) filter (where ${events.resultsPublished} and ${hasAward})::int as awarded,
      count(*) filter (where r.stage = 'paused')::int as paused,
      count(*) filter (where r.stage = 'stopped')::int as stopped
      ${sql.join(columns)}
    from ${submissions}
      join ${events} on ${events.id} = ${submissions.eventId}
      left join ${realisations} r on r.submission_id = ${submissions.id}
      left join left_road lr on lr.submission_id = ${submissions.id}
      cross join lateral (select
        case when r.stage in (${road}) then r.stage else coalesce(lr.stage, 'idea') end as stage,
        case when r.stage in (${road}) then r.confirmed else coalesce(lr.confirmed, true) end as confirmed) pos
    where ${isSolution}
    group by ${events.id}
    order by year desc, ${events.slug}`,
  );
  return rows.map((r) => ({
    eventId: r.eventId as string,
    slug: r.slug as string,
    titleSv: r.titleSv as string,
    titleEn: r.titleEn as string,
    year: Number(r.year),
    counts: Object.fromEntries(funnelSteps.map((s) => [s, Number(r[s])])) as Record<FunnelStep, number>,
    confirmed: Object.fromEntries(reachedSteps.map((s) => [s, Number(r[`${s}Confirmed`])])) as Record<ReachedStep, number>,
    paused: Number(r.paused),
    stopped: Number(r.stopped),
  }));
}

/** The sum of funnels (a year's events, or all of them). */
export function sumFunnels(rows: FunnelCounts[]): FunnelCounts {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const total: FunnelCounts = { counts: zero(funnelSteps), confirmed: zero(reachedSteps), paused: 0, stopped: 0 };
  for (const r of rows) {
    for (const s of funnelSteps) total.counts[s] += r.counts[s];
    for (const s of reachedSteps) total.confirmed[s] += r.confirmed[s];
    total.paused += r.paused;
    total.stopped += r.stopped;
  }
  return total;
}

export const REALISED_PAGE = 50;

/**
 * The solutions that left the idea stage (paused and stopped ones too), furthest along first, with their challenge,
 * need owners, datasets and jury result: the page's ids first, then their rows and facts, in six queries.
 */
export async function realisedSolutions(db: Db, f: { event: string; year: number | null }, page: number) {
  const where = and(
    isSolution,
    sql`${realisations.stage} <> 'idea'`,
    f.event ? eq(events.slug, f.event) : undefined,
    f.year ? sql`${eventYear} = ${f.year}` : undefined,
  );
  const order = [byAdvancement, desc(realisations.stageSince), asc(submissions.id)];
  const [ids, [{ total }]] = await Promise.all([
    db
      .select({ id: submissions.id })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(where)
      .orderBy(...order)
      .limit(REALISED_PAGE)
      .offset((page - 1) * REALISED_PAGE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(where),
  ]);
  if (!ids.length) return { total, rows: [] };
  const scope = idsScope(ids.map((r) => r.id));
  const [rows, jury, used] = await Promise.all([
    db
      .select({
        id: submissions.id,
        challengeId: submissions.challengeId,
        title: submissions.title,
        teamName: teams.name,
        eventSlug: events.slug,
        eventSv: events.titleSv,
        eventEn: events.titleEn,
        challengeSlug: challenges.slug,
        challengeSv: challenges.titleSv,
        challengeEn: challenges.titleEn,
        ...currentStage,
      })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .innerJoin(realisations, eq(realisations.submissionId, submissions.id))
      .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
      .where(sql`${submissions.id} in (${scope})`)
      .orderBy(...order),
    juryResultsOf(db, scope),
    datasetsOfMany(db, scope),
  ]);
  const owners = await needOwnersOfMany(db, rows, scope);
  return {
    total,
    rows: rows.map((r) => ({ ...r, owners: owners.get(r.id) ?? [], jury: jury.get(r.id) ?? noJuryResult, datasets: used.get(r.id) ?? [] })),
  };
}
export type RealisedItem = Awaited<ReturnType<typeof realisedSolutions>>['rows'][number];

/** The year of every published event, for rows that name only their event. */
async function eventYears(db: Db) {
  const rows = await db.select({ id: events.id, year: eventYear }).from(events).where(eq(events.status, 'published'));
  return new Map(rows.map((r) => [r.id, Number(r.year)]));
}

/**
 * Every solution's realisation as open data, one row each, in seven queries however many there are. Texts are the
 * Swedish ones (the platform's language of record); lists are arrays here and joined with "; " in the CSV.
 */
export async function realisationOpenData(db: Db, base: string) {
  const [rows, years, jury, used, updates] = await Promise.all([
    db
      .select({
        id: submissions.id,
        challengeId: submissions.challengeId,
        title: submissions.title,
        eventId: events.id,
        event: events.slug,
        eventTitle: events.titleSv,
        challenge: challenges.titleSv,
        ...currentStage,
      })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .leftJoin(challenges, eq(challenges.id, submissions.challengeId))
      .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(isSolution)
      .orderBy(asc(events.slug), asc(submissions.submittedAt), asc(submissions.id)),
    eventYears(db),
    juryResultsOf(db, allSolutionsScope),
    datasetsOfMany(db, allSolutionsScope),
    updateCountsOf(db, allSolutionsScope),
  ]);
  const owners = await needOwnersOfMany(db, rows, allSolutionsScope);
  return rows.map((r) => {
    const j = jury.get(r.id) ?? noJuryResult;
    return {
      id: r.id,
      title: r.title,
      event: r.event,
      eventTitle: r.eventTitle,
      year: years.get(r.eventId) ?? null,
      challenge: r.challenge ?? '',
      needOwners: (owners.get(r.id) ?? []).map((o) => o.name),
      stage: r.stage,
      confirmed: r.confirmed,
      stageSince: r.stageSince ? new Date(r.stageSince).toISOString() : null,
      awards: j.awards.map((a) => a.name),
      finalist: j.finalist,
      datasets: (used.get(r.id) ?? []).map((d) => d.titleSv),
      updates: updates.get(r.id) ?? 0,
      url: `${base}/solutions/${r.id}`,
    };
  });
}
export type RealisationRow = Awaited<ReturnType<typeof realisationOpenData>>[number];
