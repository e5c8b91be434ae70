import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { Registry, Histogram, Gauge, Counter, collectDefaultMetrics } from 'prom-client';
import { rowsOf } from '../../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
    /** The Prometheus text of every metric, the database-backed ones read now. */
    scrapeMetrics(): Promise<string>;
    /** Where the job runner reports what it did. */
    jobMetrics: JobMetrics;
  }
}

/** What the job runner reports as it works: counted in this process, summed over instances by Prometheus. */
export interface JobMetrics {
  mailDelivered(sent: number, failed: number): void;
  harvestFinished(result: string, seconds: number): void;
}

/** The durable queues in the database, by the job kind that works them off. */
export const QUEUE_KINDS = ['mail', 'harvest'] as const;

/**
 * Prometheus metrics: process defaults, request durations by route pattern (never by raw URL, to bound cardinality),
 * the database pool, the job queues and the outbox (read from the database on each scrape, with queries that the
 * queues' own indexes answer), and mail and harvests as they happen.
 */
export const metricsPlugin = fp(async (app) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  const pool = new Gauge({
    name: 'hack365_db_pool_connections',
    help: 'Database connections of this instance, by state (total, idle, max)',
    labelNames: ['state'],
    registers,
  });
  const poolWaiting = new Gauge({ name: 'hack365_db_pool_waiting_queries', help: 'Queries waiting for a database connection', registers });
  const queueDepth = new Gauge({
    name: 'hack365_job_queue_depth',
    help: 'Jobs waiting in the database, by kind (mail: outbox messages pending; harvest: harvests queued)',
    labelNames: ['kind'],
    registers,
  });
  const queueAge = new Gauge({
    name: 'hack365_job_queue_oldest_age_seconds',
    help: 'Age of the oldest waiting job, by kind (0 when none waits)',
    labelNames: ['kind'],
    registers,
  });
  const outboxMessages = new Gauge({
    name: 'hack365_outbox_messages',
    help: 'Outbox messages not sent, by status (pending: to be tried; failed: given up after the last attempt)',
    labelNames: ['status'],
    registers,
  });
  const outboxRetrying = new Gauge({ name: 'hack365_outbox_retrying_messages', help: 'Pending outbox messages that have failed at least once', registers });
  const mailSent = new Counter({ name: 'hack365_mail_sent_total', help: 'Mails handed to the SMTP server by this instance', registers });
  const mailFailures = new Counter({
    name: 'hack365_mail_send_failures_total',
    help: 'Failed attempts to send a mail from the outbox (each is retried with back-off)',
    registers,
  });
  const harvests = new Histogram({
    name: 'hack365_harvest_duration_seconds',
    help: 'Harvests run by this instance and how long they took, by result (succeeded, failed)',
    labelNames: ['result'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  for (const kind of QUEUE_KINDS) {
    queueDepth.set({ kind }, 0);
    queueAge.set({ kind }, 0);
  }
  mailSent.inc(0);
  mailFailures.inc(0);
  for (const result of ['succeeded', 'failed']) harvests.zero({ result });

  app.decorate('metrics', registry);
  app.decorate('jobMetrics', {
    mailDelivered: (sent: number, failed: number) => {
      mailSent.inc(sent);
      mailFailures.inc(failed);
    },
    harvestFinished: (result: string, seconds: number) => harvests.observe({ result }, seconds),
  } satisfies JobMetrics);
  app.decorate('scrapeMetrics', async () => {
    const stats = app.database.pool();
    for (const state of ['total', 'idle', 'max'] as const) pool.set({ state }, stats[state]);
    poolWaiting.set(stats.waiting);
    try {
      await readQueues(app, { queueDepth, queueAge, outboxMessages, outboxRetrying });
    } catch (err) {
      // A scrape still answers with what it has; the gap in the queue series shows the database trouble.
      app.log.error({ err }, 'metrics: reading the queues failed');
    }
    return registry.metrics();
  });

  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
});

/** Three small aggregates, each over an index on (status, time): outbox_due_idx and harvest_runs_queue_idx. */
async function readQueues(app: FastifyInstance, g: { queueDepth: Gauge; queueAge: Gauge; outboxMessages: Gauge; outboxRetrying: Gauge }) {
  type Row = { key: string; n: number; age: number | null; retrying: number };
  const [outbox, harvest] = await Promise.all([
    rowsOf<Row>(
      app.db,
      sql`select status as key, count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age, count(*) filter (where attempts > 0)::int as retrying
          from outbox where status in ('pending', 'failed') group by status`,
    ),
    rowsOf<Row>(
      app.db,
      sql`select 'queued' as key, count(*)::int as n, extract(epoch from now() - min(queued_at))::float8 as age, 0 as retrying from harvest_runs where status = 'queued'`,
    ),
  ]);
  const pending = outbox.find((r) => r.key === 'pending');
  g.outboxMessages.set({ status: 'pending' }, pending?.n ?? 0);
  g.outboxMessages.set({ status: 'failed' }, outbox.find((r) => r.key === 'failed')?.n ?? 0);
  g.outboxRetrying.set(pending?.retrying ?? 0);
  g.queueDepth.set({ kind: 'mail' }, pending?.n ?? 0);
  g.queueAge.set({ kind: 'mail' }, Math.max(0, Number(pending?.age ?? 0)));
  g.queueDepth.set({ kind: 'harvest' }, harvest[0]?.n ?? 0);
  g.queueAge.set({ kind: 'harvest' }, Math.max(0, Number(harvest[0]?.age ?? 0)));
}
