import { sql } from 'drizzle-orm';
import { events, juryRoundEntries, juryRounds, submissions, type RealisationStage } from '../../db/schema/index.ts';

/** The road in order; paused and stopped stand beside it. */
export const roadStages = ['idea', 'prototype', 'pilot', 'procurement', 'operation'] as const satisfies readonly RealisationStage[];

/** A pilot or a procurement says how it is done (the route) and may carry a reference such as the notice number. */
export const stageTakesRoute = (stage: RealisationStage | null) => stage === 'pilot' || stage === 'procurement';
/** Pausing or stopping needs a reason, so that others can learn from it. */
export const stageNeedsReason = (stage: RealisationStage | null) => stage === 'paused' || stage === 'stopped';

/**
 * Which submissions are solutions with a realisation record: submitted, in a published event, and either in the
 * published gallery or a finalist of an event whose results are out. The one rule for pages, lists and open data.
 */
export const isSolution = sql`(${submissions.status} = 'submitted' and ${events.status} = 'published' and (${events.galleryPublished} or (${events.resultsPublished} and exists (
  select 1 from ${juryRoundEntries} e join ${juryRounds} r on r.id = e.round_id where e.submission_id = ${submissions.id} and r.kind = 'final'))))`;

/** Check-ins stop for a solution stopped, or in operation for a year: there is nothing left to ask. */
export const CHECK_INS_END_AFTER_OPERATION_MONTHS = 12;
