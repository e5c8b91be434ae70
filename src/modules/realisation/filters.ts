import { sql, type SQL } from 'drizzle-orm';
import { isUuid } from '../../db/ids.ts';
import {
  awards,
  challenges,
  eventPhases,
  events,
  juryRoundEntries,
  juryRounds,
  realisations,
  realisationStages,
  submissionDatasets,
  submissions,
  type RealisationStage,
} from '../../db/schema/index.ts';
import { themeCodes } from '../challenges/themes.ts';

/**
 * The year an event took place: when its first phase after registration began (Stockholm time), else its first
 * phase, else when it was made. Events have no date of their own; their phases do.
 */
export const eventYear = sql<number>`(select extract(year from coalesce(min(p.starts_at) filter (where p.kind not in ('registration', 'follow_up')), min(p.starts_at), ${events.createdAt}) at time zone 'Europe/Stockholm')::int from ${eventPhases} p where p.event_id = ${events.id})`;

export const awardFilters = ['yes', 'finalist'] as const;

/** How finished solutions are filtered, in the gallery, the API and the public funnel. Empty means any. */
export interface SolutionFilter {
  q: string;
  /** An EU data theme of the solution's challenge. */
  theme: string;
  challenge: string;
  dataset: string;
  stage: RealisationStage | '';
  /** 'yes': won an award; 'finalist': reached a final (both once the event's results are published). */
  award: (typeof awardFilters)[number] | '';
  /** An event's slug. */
  event: string;
  year: number | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown) => (typeof one(v) === 'string' ? (one(v) as string).trim() : '');
const within = <T extends string>(values: readonly T[], v: unknown): T | '' => (values.includes(text(v) as T) ? (text(v) as T) : '');

/** Reads a filter from a query string. Unknown values are ignored, as the challenge list does, never an error. */
export function readSolutionFilter(q: Record<string, unknown>): SolutionFilter {
  const year = Number.parseInt(text(q.year), 10);
  return {
    q: text(q.q).slice(0, 200),
    theme: within(themeCodes, q.theme),
    challenge: isUuid(text(q.challenge)) ? text(q.challenge) : '',
    dataset: isUuid(text(q.dataset)) ? text(q.dataset) : '',
    stage: within(realisationStages, q.stage),
    award: within(awardFilters, q.award),
    event: SLUG.test(text(q.event)) ? text(q.event) : '',
    year: year >= 2000 && year <= 2100 ? year : null,
  };
}

/** The filter's query string (without the page), for links that keep it. */
export function filterParams(f: Partial<SolutionFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== '' && v !== null && v !== undefined) params.set(k, String(v));
  return params;
}

/** Final-round entries: the finalists, who count once the event's results are out. */
export const isFinalist = sql`exists (select 1 from ${juryRoundEntries} fe join ${juryRounds} fr on fr.id = fe.round_id where fe.submission_id = ${submissions.id} and fr.kind = 'final')`;
export const hasAward = sql`exists (select 1 from ${awards} aw where aw.submission_id = ${submissions.id})`;

/**
 * The filter as conditions on `submissions` joined with `events` (and `realisations` left-joined for the stage).
 * Jury results count only where the event has published them, so a filter never reveals them early.
 */
export function solutionConditions(f: SolutionFilter): SQL[] {
  const where: SQL[] = [];
  if (f.q) where.push(sql`to_tsvector('swedish', ${submissions.title} || ' ' || ${submissions.pitch}) @@ websearch_to_tsquery('swedish', ${f.q})`);
  if (f.theme) where.push(sql`exists (select 1 from ${challenges} tc where tc.id = ${submissions.challengeId} and ${f.theme} = any(tc.themes))`);
  if (f.challenge) where.push(sql`${submissions.challengeId} = ${f.challenge}`);
  if (f.dataset) where.push(sql`exists (select 1 from ${submissionDatasets} sd where sd.submission_id = ${submissions.id} and sd.dataset_id = ${f.dataset})`);
  if (f.stage) where.push(sql`coalesce(${realisations.stage}, 'idea') = ${f.stage}`);
  if (f.award === 'yes') where.push(sql`${events.resultsPublished} and ${hasAward}`);
  if (f.award === 'finalist') where.push(sql`${events.resultsPublished} and ${isFinalist}`);
  if (f.event) where.push(sql`${events.slug} = ${f.event}`);
  if (f.year) where.push(sql`${eventYear} = ${f.year}`);
  return where;
}

/** A list of ids as one array parameter (however many), for `= any(...)`. Ids come from the database, never typed. */
export const idArray = (ids: string[]) => sql`${`{${ids.filter(isUuid).join(',')}}`}::uuid[]`;
