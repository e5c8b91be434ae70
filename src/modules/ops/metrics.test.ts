import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { build, testConfig, type TestApp } from '../../test/app.ts';
import { aUser, signedIn } from '../../test/factories.ts';
import { fixtureServer } from '../../test/fixture-server.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { parsePrometheus, valueOf } from '../../test/prometheus.ts';
import { harvestRuns, harvestSources, outbox } from '../../db/schema/index.ts';
import { enqueueMail } from '../notifications/outbox.ts';

const mail = await startMailServer();
const TOKEN = 'metrics-token-for-tests';

async function scrape(app: TestApp) {
  const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return parsePrometheus(res.body);
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('/metrics shows the database pool, the job queues by kind with the age of the oldest, and the outbox backlog, read from the database', async (t) => {
  const app = await build(t, { config: { metricsToken: TOKEN } });
  await app.db.delete(outbox);
  await app.db
    .update(harvestRuns)
    .set({ status: 'failed' })
    .where(sql`status = 'queued'`);
  const before = await scrape(app);
  for (const family of [
    'hack365_db_pool_connections',
    'hack365_db_pool_waiting_queries',
    'hack365_job_queue_depth',
    'hack365_job_queue_oldest_age_seconds',
    'hack365_outbox_messages',
    'hack365_outbox_retrying_messages',
    'hack365_mail_sent_total',
    'hack365_mail_send_failures_total',
    'hack365_harvest_duration_seconds',
    'http_request_duration_seconds',
  ]) {
    assert.ok(before.has(family), family);
  }
  assert.equal(before.get('hack365_mail_sent_total')!.type, 'counter');
  assert.equal(before.get('hack365_harvest_duration_seconds')!.type, 'histogram');
  assert.equal(valueOf(before, 'hack365_db_pool_connections', { state: 'max' }), app.database.kind === 'pglite' ? 1 : 10);
  assert.ok(valueOf(before, 'hack365_db_pool_connections', { state: 'total' }) >= 1);
  assert.equal(valueOf(before, 'hack365_job_queue_depth', { kind: 'mail' }), 0);
  assert.equal(valueOf(before, 'hack365_job_queue_oldest_age_seconds', { kind: 'mail' }), 0);
  assert.equal(valueOf(before, 'hack365_job_queue_depth', { kind: 'harvest' }), 0);

  // Two mails wait (one for ten minutes), one has been given up; a harvest has waited two minutes.
  await enqueueMail(app.db, { to: 'a@example.org', subject: 'Hej', text: 'Hej' });
  await app.db.insert(outbox).values([
    { toAddress: 'b@example.org', subject: 'Gammal', textBody: 'x', createdAt: new Date(Date.now() - 600_000), attempts: 2 },
    { toAddress: 'c@example.org', subject: 'Död', textBody: 'x', status: 'failed', attempts: 8 },
  ]);
  const [source] = await app.db.insert(harvestSources).values({ title: 'Kö', url: 'https://example.org/catalog' }).returning();
  await app.db.insert(harvestRuns).values({ sourceId: source.id, queuedAt: new Date(Date.now() - 120_000) });
  const after = await scrape(app);
  assert.equal(valueOf(after, 'hack365_job_queue_depth', { kind: 'mail' }), 2);
  assert.ok(valueOf(after, 'hack365_job_queue_oldest_age_seconds', { kind: 'mail' }) >= 600);
  assert.equal(valueOf(after, 'hack365_outbox_messages', { status: 'pending' }), 2);
  assert.equal(valueOf(after, 'hack365_outbox_messages', { status: 'failed' }), 1);
  assert.equal(valueOf(after, 'hack365_outbox_retrying_messages'), 1);
  assert.equal(valueOf(after, 'hack365_job_queue_depth', { kind: 'harvest' }), 1);
  const age = valueOf(after, 'hack365_job_queue_oldest_age_seconds', { kind: 'harvest' });
  assert.ok(age >= 120 && age < 180, String(age));
  await app.db.delete(outbox);
  await app.db.delete(harvestSources);
});

test('mail sent is counted as the delivery job works', async (t) => {
  await (await build(t)).db.delete(outbox);
  const app = await build(t, { config: { metricsToken: TOKEN, smtpUrl: mail.url }, jobs: true });
  const sent = valueOf(await scrape(app), 'hack365_mail_sent_total');
  await enqueueMail(app.db, { to: 'metrics@example.org', subject: 'Räknas', text: 'Hej' });
  await mail.waitFor((m) => m.subject === 'Räknas');
  await until(async () => valueOf(await scrape(app), 'hack365_mail_sent_total') === sent + 1, 'the mail to be counted');
  await until(async () => valueOf(await scrape(app), 'hack365_job_queue_depth', { kind: 'mail' }) === 0, 'the queue to empty');
});

test('a failed send is counted and the mail waits for its retry', async (t) => {
  // An SMTP server that is not there.
  const down = await build(t, { config: { metricsToken: TOKEN, smtpUrl: 'smtp://127.0.0.1:9' }, jobs: true });
  await enqueueMail(down.db, { to: 'retry@example.org', subject: 'Försök igen', text: 'Hej' });
  await until(async () => valueOf(await scrape(down), 'hack365_mail_send_failures_total') >= 1, 'the failure to be counted');
  const families = await scrape(down);
  assert.equal(valueOf(families, 'hack365_outbox_retrying_messages'), 1);
  assert.equal(valueOf(families, 'hack365_mail_sent_total'), 0);
  await down.db.delete(outbox);
});

test('harvests are counted with their durations by result as the job runner finishes them', async (t) => {
  const config = { metricsToken: TOKEN, harvest: { ...testConfig().harvest, timeoutMs: 5000, allowAddresses: ['127.0.0.1'] } };
  const app = await build(t, { config, jobs: true });
  const fixtures = await fixtureServer(t, {
    '/catalog.rdf': {
      body: `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/"><dcat:Catalog rdf:about="http://example.se/catalog"><dcterms:title xml:lang="sv">Katalog</dcterms:title><dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/1"><dcterms:identifier>1</dcterms:identifier><dcterms:title xml:lang="sv">Mätdata</dcterms:title><dcterms:description xml:lang="sv">Mätningar</dcterms:description></dcat:Dataset></dcat:dataset></dcat:Catalog></rdf:RDF>`,
    },
  });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const count = async (result: string) => valueOf(await scrape(app), 'hack365_harvest_duration_seconds', { result }, 'hack365_harvest_duration_seconds_count');
  const [succeeded, failed] = [await count('succeeded'), await count('failed')];
  await organiser.get('/harvest-sources');
  for (const url of [`${fixtures.base}/catalog.rdf`, `${fixtures.base}/missing.rdf`]) {
    const created = await organiser.post('/harvest-sources', { title: `Källa ${url}`, url, kind: 'dcat', schedule: 'manual', organisation: '' });
    assert.equal(created.statusCode, 303);
  }
  await until(async () => (await count('succeeded')) === succeeded + 1 && (await count('failed')) === failed + 1, 'both harvests to be counted');
  const families = await scrape(app);
  assert.ok(valueOf(families, 'hack365_harvest_duration_seconds', { result: 'succeeded' }, 'hack365_harvest_duration_seconds_sum') > 0);
  assert.equal(valueOf(families, 'hack365_job_queue_depth', { kind: 'harvest' }), 0);
});

test('the Grafana dashboard in docs/ queries only metrics the app exposes, and shows every new family', async (t) => {
  const app = await build(t, { config: { metricsToken: TOKEN } });
  await app.inject('/');
  const families = await scrape(app);
  const dashboard = JSON.parse(fs.readFileSync(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8'));
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) => (p.targets ?? []).map((target) => target.expr));
  const used = new Set(
    exprs.flatMap((e) => [...e.matchAll(/\b((?:hack365|http|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1].replace(/_(bucket|sum|count)$/, ''))),
  );
  for (const name of used) assert.ok(families.has(name), `${name} is exposed`);
  for (const name of families.keys()) if (name.startsWith('hack365_')) assert.ok(used.has(name), `${name} is on the dashboard`);
});
