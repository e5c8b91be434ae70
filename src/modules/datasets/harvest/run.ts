import { EventEmitter } from 'node:events';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { rowsOf, type Db } from '../../../db/client.ts';
import { datasets, harvestRuns, harvestSources, type HarvestCounts, type HarvestProblem, type ValidationSummary } from '../../../db/schema/index.ts';
import { forgetDatasetSearches } from '../search.ts';
import { harvestCkan } from './ckan.ts';
import { fetchSource, HarvestError } from './fetch.ts';
import { CompactGraph } from './graph.ts';
import { mapDcat, MAPPED_PREDICATES } from './map-dcat.ts';
import { readRdf } from './read-rdf.ts';
import { storeHarvest } from './store.ts';
import { spool } from './spool.ts';
import { BackgroundValidation } from './validate.ts';

export type HarvestSource = typeof harvestSources.$inferSelect;

export interface HarvestResult {
  counts: HarvestCounts;
  problems: HarvestProblem[];
  validation: ValidationSummary | null;
  bytes: number;
  format: string;
  documentHash: string | null;
}

/** Part of every document hash: bump it when mapping changes, so the same document is read again by the new code. */
const MAPPING_VERSION = '1';

/**
 * Harvests a source now: fetch to a temporary file, parse it as it streams, then map and write the datasets in
 * chunks, in one transaction, while a worker validates a sample of them.
 * A document equal to the one of the last successful harvest is not read again: nothing in it can have changed.
 * Throws a HarvestError (with the problems found so far) when nothing should be written.
 */
export async function harvestSource(ctx: Ctx, source: HarvestSource, opts: { allowFiles?: boolean } = {}): Promise<HarvestResult> {
  if (source.kind === 'ckan') {
    const ckan = await harvestCkan(source.url, ctx.config.harvest);
    const counts = await storeHarvest(ctx.db, source.id, source.organisationId, ckan.records);
    forgetDatasetSearches(ctx.db);
    return { counts, problems: ckan.problems, validation: null, bytes: ckan.bytes, format: 'ckan', documentHash: null };
  }

  const fetched = await fetchSource(source.url, ctx.config.harvest, opts);
  await using spooled = await spool(fetched.body);
  const documentHash = `${MAPPING_VERSION}:${spooled.hash}`;
  const previous = await lastSuccess(ctx.db, source.id);
  if (previous?.documentHash === documentHash) return unchangedDocument(ctx.db, source.id, previous, spooled.bytes);

  const graph = new CompactGraph(MAPPED_PREDICATES);
  const validating = new BackgroundValidation();
  try {
    const read = await readRdf({ ...fetched, body: spooled.open() }, (quad) => {
      graph.add(quad);
      validating.add(quad);
    });
    validating.start(graph);
    const mapped = mapDcat(graph);
    const counts = await storeHarvest(ctx.db, source.id, source.organisationId, mapped.records);
    forgetDatasetSearches(ctx.db);
    // The datasets are written by now: a validation that fails is reported, and does not fail the harvest.
    const validation = await validating.finish().catch((err: Error) => {
      mapped.problems.push({ level: 'warning', code: 'validation_failed', detail: err.message.slice(0, 300) });
      return null;
    });
    return { counts, problems: mapped.problems, validation, bytes: read.bytes, format: read.format, documentHash };
  } finally {
    validating.abandon();
  }
}

async function lastSuccess(db: Db, sourceId: string) {
  const [run] = await db
    .select({ documentHash: harvestRuns.documentHash, problems: harvestRuns.problems, validation: harvestRuns.validation })
    .from(harvestRuns)
    .where(and(eq(harvestRuns.sourceId, sourceId), eq(harvestRuns.status, 'succeeded')))
    .orderBy(desc(harvestRuns.finishedAt))
    .limit(1);
  return run ?? null;
}

/** The report of a harvest whose document had not changed: every dataset unchanged, the last report's findings. */
async function unchangedDocument(db: Db, sourceId: string, previous: NonNullable<Awaited<ReturnType<typeof lastSuccess>>>, bytes: number): Promise<HarvestResult> {
  const [{ active }] = await db
    .select({ active: sql<number>`count(*)::int` })
    .from(datasets)
    .where(and(eq(datasets.sourceId, sourceId), eq(datasets.status, 'active')));
  return {
    counts: { new: 0, updated: 0, unchanged: active, withdrawn: 0 },
    problems: previous.problems,
    validation: previous.validation,
    bytes,
    format: 'unchanged',
    documentHash: previous.documentHash,
  };
}

/** Fires when a harvest is queued, so this process's job runner starts it at once. */
export const harvestSignal = new EventEmitter();

/** Queues a harvest of a source, unless one is already waiting or running; returns the run's id. */
export async function queueHarvest(db: Db, sourceId: string, requestedBy: string | null): Promise<string> {
  const [waiting] = await db
    .select({ id: harvestRuns.id })
    .from(harvestRuns)
    .where(and(eq(harvestRuns.sourceId, sourceId), inArray(harvestRuns.status, ['queued', 'running'])))
    .limit(1);
  if (waiting) return waiting.id;
  const [run] = await db.insert(harvestRuns).values({ sourceId, requestedBy }).returning({ id: harvestRuns.id });
  harvestSignal.emit('queued');
  return run.id;
}

const LEASE = sql`now() + interval '30 minutes'`;

/** Takes the oldest queued harvest (or one whose runner died), so that any number of runners can share the queue. */
export async function claimHarvest(db: Db): Promise<{ runId: string; source: HarvestSource } | null> {
  const [row] = await rowsOf<{ id: string; source_id: string }>(db, sql`
    update ${harvestRuns} set status = 'running', started_at = now(), locked_until = ${LEASE}
    where id = (select id from ${harvestRuns}
      where status = 'queued' or (status = 'running' and locked_until < now())
      order by queued_at limit 1 for update skip locked)
    returning id, source_id`);
  if (!row) return null;
  const [source] = await db.select().from(harvestSources).where(eq(harvestSources.id, row.source_id));
  return { runId: row.id, source };
}

/** Runs a claimed harvest and keeps its report, whether it succeeded or failed. */
export async function runHarvest(ctx: Ctx, runId: string, source: HarvestSource, opts: { allowFiles?: boolean } = {}) {
  try {
    const result = await harvestSource(ctx, source, opts);
    await ctx.db
      .update(harvestRuns)
      .set({ status: 'succeeded', finishedAt: new Date(), lockedUntil: null, counts: result.counts, problems: result.problems.slice(0, 1000), validation: result.validation, bytes: result.bytes, documentHash: result.documentHash })
      .where(eq(harvestRuns.id, runId));
    return { status: 'succeeded' as const, ...result };
  } catch (err) {
    const problem: HarvestProblem =
      err instanceof HarvestError ? { level: 'error', code: err.code, detail: err.detail } : { level: 'error', code: 'internal', detail: (err as Error).message.slice(0, 300) };
    await ctx.db.update(harvestRuns).set({ status: 'failed', finishedAt: new Date(), lockedUntil: null, problems: [problem] }).where(eq(harvestRuns.id, runId));
    return { status: 'failed' as const, problems: [problem] };
  }
}

/** Queues the sources whose scheduled time has come, and sets their next time (02:00 Stockholm time). */
export async function queueDueHarvests(db: Db): Promise<number> {
  const due = await db
    .select({ id: harvestSources.id, schedule: harvestSources.schedule })
    .from(harvestSources)
    .where(lte(harvestSources.nextHarvestAt, sql`now()`));
  for (const source of due) {
    await queueHarvest(db, source.id, null);
    await db.update(harvestSources).set({ nextHarvestAt: nextHarvestTime(source.schedule) }).where(eq(harvestSources.id, source.id));
  }
  return due.length;
}

/** The next nightly (02:00 in Stockholm) or weekly time; null for sources harvested by hand only. */
export function nextHarvestTime(schedule: HarvestSource['schedule']) {
  if (schedule === 'manual') return null;
  const days = schedule === 'weekly' ? '7 days' : '1 day';
  return sql`(date_trunc('day', now() at time zone 'Europe/Stockholm') + interval '${sql.raw(days)}' + interval '2 hours') at time zone 'Europe/Stockholm'`;
}

export async function latestRuns(db: Db, sourceId: string, limit = 10) {
  return db.select().from(harvestRuns).where(eq(harvestRuns.sourceId, sourceId)).orderBy(desc(harvestRuns.queuedAt)).limit(limit);
}
