import { EventEmitter } from 'node:events';
import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { rowsOf, type Db, type Tx } from '../../../db/client.ts';
import {
  datasets,
  harvestRuns,
  harvestSources,
  organisations,
  type HarvestCounts,
  type HarvestProblem,
  type ValidationSummary,
} from '../../../db/schema/index.ts';
import { forgetDatasetSearches } from '../search.ts';
import { ckanBase, harvestCkan } from './ckan.ts';
import { fetchSource, HarvestError, type Fetched } from './fetch.ts';
import { readRdf } from './read-rdf.ts';
import { capRecords, deduplicate, type DatasetRecord } from './record.ts';
import { RecordQueue } from './record-queue.ts';
import { recordsAsDcat } from './record-rdf.ts';
import { SAMPLED_DATASETS } from './sample.ts';
import { storeHarvest } from './store.ts';
import { spool, type Spooled } from './spool.ts';
import { ReadAgainWhole, StreamedDcat, type PublisherNames } from './stream-map.ts';
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
const MAPPING_VERSION = '2';

/**
 * Harvests a source now: fetch to a temporary file, parse it as it streams, then map and write the datasets in
 * chunks, in one transaction, while a worker validates a sample of them. A CKAN site is read page by page into a
 * temporary file of records first. Either stops at HARVEST_MAX_RECORDS (and CKAN at HARVEST_CKAN_MAX_PAGES) with a
 * warning, and then withdraws nothing.
 * A document equal to the one of the last successful harvest is not read again: nothing in it can have changed.
 * Throws a HarvestError (with the problems found so far) when nothing should be written; `signal` (the lease lost)
 * stops it before it writes.
 */
export async function harvestSource(ctx: Ctx, source: HarvestSource, opts: { allowFiles?: boolean; signal?: AbortSignal } = {}): Promise<HarvestResult> {
  const limits = ctx.config.harvest;
  if (source.kind === 'ckan') {
    // Read page by page into a temporary file first, so no transaction stays open while a slow site answers.
    await using ckan = await harvestCkan(source.url, limits, { signal: opts.signal });
    opts.signal?.throwIfAborted();
    // The first datasets, as they are written, are validated as DCAT-AP-SE (the same report as a catalog's).
    const sample: DatasetRecord[] = [];
    let total = 0;
    async function* sampling(records: AsyncIterable<DatasetRecord>) {
      for await (const record of records) {
        if (sample.length < SAMPLED_DATASETS) sample.push(record);
        total++;
        yield record;
      }
    }
    const counts = await storeHarvest(ctx.db, source.id, source.organisationId, sampling(ckan.records), { complete: () => ckan.complete });
    await forgetDatasetSearches(ctx.db);
    const validating = new BackgroundValidation();
    try {
      validating.startWith(recordsAsDcat({ iri: ckanBase(source.url), title: source.title }, sample), total > sample.length);
      const validation = await validating.finish().catch((err: Error) => {
        ckan.problems.push({ level: 'warning', code: 'validation_failed', detail: err.message.slice(0, 300) });
        return null;
      });
      return { counts, problems: ckan.problems, validation, bytes: ckan.bytes, format: 'ckan', documentHash: null };
    } finally {
      validating.abandon();
    }
  }

  const fetched = await fetchSource(source.url, limits, opts);
  await using spooled = await spool(fetched.body);
  const documentHash = `${MAPPING_VERSION}:${spooled.hash}`;
  const previous = await lastSuccess(ctx.db, source.id);
  if (previous?.documentHash === documentHash) return unchangedDocument(ctx.db, source.id, previous, spooled.bytes);

  try {
    return await harvestDocument(ctx, source, fetched, spooled, documentHash, { ...opts, stream: true });
  } catch (err) {
    if (!(err instanceof ReadAgainWhole)) throw err;
    // Something said late in the document changed a dataset already mapped: nothing was kept, so read it again whole.
    return harvestDocument(ctx, source, fetched, spooled, documentHash, { ...opts, stream: false });
  }
}

/**
 * Parses the spooled document and writes its datasets in one transaction, while a worker validates a sample. When
 * `stream`, datasets are mapped and written while the rest of the document is parsed (see StreamedDcat).
 */
async function harvestDocument(
  ctx: Ctx,
  source: HarvestSource,
  fetched: Fetched,
  spooled: Spooled,
  documentHash: string,
  opts: { signal?: AbortSignal; stream: boolean },
): Promise<HarvestResult> {
  const validating = new BackgroundValidation();
  const queue = new RecordQueue();
  const reader = new StreamedDcat((records) => queue.push(records), { stream: opts.stream, evicting: (node, graph) => validating.keep(node, graph) });
  let publishers = (): PublisherNames[] => [];
  let readError: unknown = null;
  const reading = readRdf({ ...fetched, body: spooled.open() }, (quad) => {
    validating.add(quad);
    return reader.add(quad);
  })
    .then((read) => {
      const end = reader.finish();
      publishers = end.publishers;
      queue.end(end.records);
      validating.start(reader.graph);
      return read;
    })
    .catch((err: unknown) => {
      readError = err;
      queue.fail(err as Error);
      throw err;
    });
  reading.catch(() => {}); // awaited below, after the store (whose failure, if it fails first, is the one reported)
  try {
    const problems = reader.problems;
    const taken = capRecords(deduplicate(aborting(queue, opts.signal), problems), ctx.config.harvest.maxRecords, problems);
    const counts = await storeHarvest(ctx.db, source.id, source.organisationId, taken.records, {
      complete: taken.complete,
      publishers: () => publishers(),
    }).catch(async (err: unknown) => {
      // A document that could not be read (or must be read again) is the cause, when it failed first; the store only
      // stopped with it. Otherwise the store's failure is, and the parser waiting for it is stopped.
      const cause = readError;
      queue.stop();
      await reading.catch(() => {});
      throw cause instanceof HarvestError || cause instanceof ReadAgainWhole ? cause : err;
    });
    const read = await reading;
    await forgetDatasetSearches(ctx.db);
    // The datasets are written by now: a validation that fails is reported, and does not fail the harvest.
    const validation = await validating.finish().catch((err: Error) => {
      problems.push({ level: 'warning', code: 'validation_failed', detail: err.message.slice(0, 300) });
      return null;
    });
    return { counts, problems, validation, bytes: read.bytes, format: read.format, documentHash };
  } finally {
    queue.stop();
    validating.abandon();
  }
}

/** The records, until `signal` (the lease lost) says another runner has the run: this one then writes nothing. */
async function* aborting(records: AsyncIterable<DatasetRecord>, signal?: AbortSignal) {
  signal?.throwIfAborted();
  for await (const record of records) {
    signal?.throwIfAborted();
    yield record;
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
async function unchangedDocument(
  db: Db,
  sourceId: string,
  previous: NonNullable<Awaited<ReturnType<typeof lastSuccess>>>,
  bytes: number,
): Promise<HarvestResult> {
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

export interface Lease {
  seconds: number;
  renewEveryMs: number;
}

/**
 * A runner holds a harvest for a minute at a time and renews that every 20 seconds while it works, so a harvest
 * whose process died is taken up by another runner about a minute later.
 */
export const HARVEST_LEASE: Lease = { seconds: 60, renewEveryMs: 20_000 };

const leaseEnd = (lease: Lease) => sql`now() + make_interval(secs => ${lease.seconds})`;

/** A harvest taken by one runner; `claimedAt` tells this claim from a later one of the same run by another runner. */
export interface ClaimedHarvest {
  runId: string;
  source: HarvestSource;
  claimedAt: string;
}

/**
 * Takes the oldest queued harvest (or one whose runner stopped renewing its lease), so that any number of runners
 * can share the queue; or, given `runId`, that run if it is free.
 */
export async function claimHarvest(db: Db | Tx, opts: { runId?: string; lease?: Lease } = {}): Promise<ClaimedHarvest | null> {
  const free = sql`(status = 'queued' or (status = 'running' and locked_until < now()))`;
  const pick = opts.runId
    ? sql`select id from ${harvestRuns} where id = ${opts.runId} and ${free} for update skip locked`
    : sql`select id from ${harvestRuns} where ${free} order by queued_at limit 1 for update skip locked`;
  const [row] = await rowsOf<{ id: string; source_id: string; claimed_at: string }>(
    db,
    sql`
    update ${harvestRuns} set status = 'running', started_at = now(), locked_until = ${leaseEnd(opts.lease ?? HARVEST_LEASE)}
    where id = (${pick})
    returning id, source_id, started_at::text as claimed_at`,
  );
  if (!row) return null;
  const [source] = await db.select().from(harvestSources).where(eq(harvestSources.id, row.source_id));
  return { runId: row.id, source, claimedAt: row.claimed_at };
}

/** This claim of the run, and no later one: a runner that lost its lease changes nothing. */
const held = (claim: ClaimedHarvest) =>
  and(eq(harvestRuns.id, claim.runId), eq(harvestRuns.status, 'running'), sql`${harvestRuns.startedAt} = ${claim.claimedAt}::timestamptz`);

/**
 * Renews the lease every `renewEveryMs` while a harvest runs. Should another runner have taken the run meanwhile
 * (this process stalled past its lease), `signal` aborts, so this one stops instead of working beside it.
 */
function keepLease(db: Db, claim: ClaimedHarvest, lease: Lease) {
  const lost = new AbortController();
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = async () => {
    try {
      const renewed = await db
        .update(harvestRuns)
        .set({ lockedUntil: leaseEnd(lease) })
        .where(held(claim))
        .returning({ id: harvestRuns.id });
      if (renewed.length === 0) lost.abort(new HarvestError('lease_lost'));
    } catch {
      // The database did not answer this time; the lease outlasts two more tries.
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, lease.renewEveryMs);
  timer.unref();
  return {
    signal: lost.signal,
    stop: async () => {
      clearInterval(timer);
      await renewing;
    },
  };
}

/** Runs a claimed harvest, holding its lease, and keeps its report whether it succeeded or failed. */
export async function runHarvest(ctx: Ctx, claim: ClaimedHarvest, opts: { allowFiles?: boolean; lease?: Lease } = {}) {
  const lease = keepLease(ctx.db, claim, opts.lease ?? HARVEST_LEASE);
  try {
    const result = await harvestSource(ctx, claim.source, { allowFiles: opts.allowFiles, signal: lease.signal });
    await lease.stop();
    const recorded = await ctx.db
      .update(harvestRuns)
      .set({
        status: 'succeeded',
        finishedAt: new Date(),
        lockedUntil: null,
        counts: result.counts,
        problems: result.problems.slice(0, 1000),
        validation: result.validation,
        bytes: result.bytes,
        documentHash: result.documentHash,
      })
      .where(held(claim))
      .returning({ id: harvestRuns.id });
    if (recorded.length === 0) return { status: 'failed' as const, problems: [{ level: 'error', code: 'lease_lost' } satisfies HarvestProblem] };
    return { status: 'succeeded' as const, ...result };
  } catch (err) {
    await lease.stop();
    const problem: HarvestProblem =
      err instanceof HarvestError
        ? { level: 'error', code: err.code, detail: err.detail }
        : { level: 'error', code: 'internal', detail: (err as Error).message.slice(0, 300) };
    await ctx.db
      .update(harvestRuns)
      .set({ status: 'failed', finishedAt: new Date(), lockedUntil: null, problems: [problem] })
      .where(held(claim));
    return { status: 'failed' as const, problems: [problem] };
  }
}

/** Queues a harvest of a source and runs it in this process now (the command line), unless a runner has it. */
export async function harvestNow(ctx: Ctx, source: HarvestSource, opts: { allowFiles?: boolean } = {}) {
  const claim = await claimHarvest(ctx.db, { runId: await queueHarvest(ctx.db, source.id, null) });
  if (!claim) return { status: 'failed' as const, problems: [{ level: 'error', code: 'busy' } satisfies HarvestProblem] };
  return runHarvest(ctx, claim, opts);
}

/**
 * Queues the sources whose scheduled time has come, and sets their next time (02:00 Stockholm time). Sources of an
 * organisation that is not (or no longer) approved are not harvested, as its members could not run them by hand.
 */
export async function queueDueHarvests(db: Db): Promise<number> {
  const due = await db
    .select({ id: harvestSources.id, schedule: harvestSources.schedule })
    .from(harvestSources)
    .leftJoin(organisations, eq(organisations.id, harvestSources.organisationId))
    .where(and(lte(harvestSources.nextHarvestAt, sql`now()`), or(isNull(harvestSources.organisationId), eq(organisations.isNeedOwner, true))));
  for (const source of due) {
    await queueHarvest(db, source.id, null);
    await db
      .update(harvestSources)
      .set({ nextHarvestAt: nextHarvestTime(source.schedule) })
      .where(eq(harvestSources.id, source.id));
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
