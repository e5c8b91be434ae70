import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { build, testConfig, type TestApp } from '../../../test/app.ts';
import { aUser, signedIn } from '../../../test/factories.ts';
import { datasets } from '../../../db/schema/index.ts';
import type { HarvestLimits } from '../../../config.ts';
import { claimHarvest, runHarvest } from './run.ts';
import { harvestCkan } from './ckan.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** A CKAN site on 127.0.0.1: package_search answers with whatever `page` makes of the requested start. */
async function ckanSite(t: TestContext, page: (start: number) => string) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/3/action/package_search') return void res.writeHead(404).end();
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(page(Number(url.searchParams.get('start') ?? 0)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/**
 * A database of the child's own, of the kind this run tests: on PostgreSQL a copy of the migrated template; else
 * PGlite in a directory (whose WebAssembly memory then counts in the child's RSS).
 */
async function childDatabase(t: TestContext): Promise<Record<string, string>> {
  if (process.env.TEST_DB === 'postgres') {
    const name = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    };
    await admin(`create database ${name} template hack365_template`);
    t.after(() => admin(`drop database if exists ${name} with (force)`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    return { DATABASE_URL: url.toString() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-ckan-memory-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  if (process.env.HACK365_PGLITE_TEMPLATE) fs.cpSync(process.env.HACK365_PGLITE_TEMPLATE, dir, { recursive: true });
  return { DATA_DIR: dir, DATABASE_URL: '' };
}

const answer = (count: number, results: unknown[]) => JSON.stringify({ success: true, result: { count, results } });
const pkg = (id: string) => ({
  id,
  name: id,
  title: `Paket ${id}`,
  notes: 'Data',
  resources: [{ id: 'r', url: `https://example.se/${id}.csv`, format: 'CSV' }],
});
/** A site that claims a billion datasets and never runs out of full pages of new ones. */
const endless = (start: number) =>
  answer(
    1e9,
    Array.from({ length: 500 }, (_, i) => pkg(`endless-${start + i}`)),
  );

async function harvestAgain(app: TestApp, client: Awaited<ReturnType<typeof signedIn>>, sourceUrl: string) {
  await client.post(`${sourceUrl}/harvest`, {});
  for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
  return (await client.get(sourceUrl)).body;
}

async function statusOf(app: TestApp, sourceId: string) {
  const rows = await app.db.select({ key: datasets.key, status: datasets.status }).from(datasets).where(eq(datasets.sourceId, sourceId));
  return Object.fromEntries(rows.map((r) => [r.key, r.status]));
}

for (const [cap, limits, message] of [
  ['pages', { ckanMaxPages: 3 }, /gränsen för antal sidor från CKAN-webbplatsen/],
  ['datasets', { maxRecords: 1200 }, /gränsen för antal datamängder/],
] as const) {
  test(`a CKAN site without end is harvested up to the cap on ${cap}, with a warning, and withdraws nothing it did not reach`, async (t) => {
    const harvest: HarvestLimits = { ...testConfig().harvest, allowAddresses: ['127.0.0.1'], ...limits };
    const app = await build(t, { config: { harvest } });
    const organiser = await signedIn(app, await aUser(app, { organiser: true }));
    let site = (_start: number) => answer(3, [pkg('a'), pkg('b'), pkg('c')]);
    const ckan = await ckanSite(t, (start) => site(start));

    await organiser.get('/harvest-sources');
    const created = await organiser.post('/harvest-sources', { title: 'CKAN', url: ckan.base, kind: 'ckan', schedule: 'manual', organisation: '' });
    const sourceUrl = created.headers.location as string;
    const sourceId = sourceUrl.split('/').pop()!;
    for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
    assert.match((await organiser.get(sourceUrl)).body, /3 nya, 0 ändrade, 0 oförändrade, 0 borttagna/);

    site = endless;
    const before = ckan.requests();
    const report = await harvestAgain(app, organiser, sourceUrl);
    const taken = cap === 'pages' ? 1500 : 1200;
    assert.match(
      report,
      new RegExp(`${new Intl.NumberFormat('sv-SE').format(taken)} nya, 0 ändrade, 0 oförändrade, 0 borttagna`),
      'a, b and c are not withdrawn',
    );
    assert.match(report, message);
    assert.equal(ckan.requests() - before, 3, 'no page fetched past the cap');
    const statuses = await statusOf(app, sourceId);
    assert.deepEqual([statuses.a, statuses.b, statuses.c], ['active', 'active', 'active']);

    // A complete harvest still withdraws what is gone.
    site = () => answer(2, [pkg('a'), pkg('b')]);
    assert.match(
      await harvestAgain(app, organiser, sourceUrl),
      new RegExp(`0 nya, 0 ändrade, 2 oförändrade, ${new Intl.NumberFormat('sv-SE').format(taken + 1)} borttagna`),
    );
    assert.equal((await statusOf(app, sourceId)).c, 'withdrawn');
  });
}

test('a CKAN site answering with nonsense gets a clear report, and packages without a usable id are skipped', async (t) => {
  const app = await build(t, { config: { harvest: { ...testConfig().harvest, allowAddresses: ['127.0.0.1'] } } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  let site = () =>
    answer(4, [
      pkg('ok'),
      { id: { nested: true }, title: 7 },
      { id: 'x'.repeat(1000) },
      { id: 'typed', name: 'typed', title: ['not text'], tags: 'bad', resources: [null, 5] },
    ]);
  const ckan = await ckanSite(t, () => site());
  await organiser.get('/harvest-sources');
  const created = await organiser.post('/harvest-sources', { title: 'CKAN', url: ckan.base, kind: 'ckan', schedule: 'manual', organisation: '' });
  const sourceUrl = created.headers.location as string;
  for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
  const page = (await organiser.get(sourceUrl)).body;
  assert.match(page, /2 nya/);
  assert.match(page, /saknar ett användbart id och hoppades över/);
  const [typed] = await app.db.select().from(datasets).where(eq(datasets.key, 'typed'));
  assert.equal(typed.titleSv, 'typed', 'a title that is not text is read as missing; the name stands in');

  site = () => '{"success": true, "result": {"count": 1, "results": "many"}}';
  assert.match(await harvestAgain(app, organiser, sourceUrl), /gick inte att tolka/);
});

test('a hostile CKAN site (huge packages, a billion claimed, pages without end) is harvested in bounded memory', async (t) => {
  // About 11 MB a page: 500 packages, each with 20 kB of ballast the harvest does not keep.
  const ballast = 'x'.repeat(20_000);
  const template = answer(
    1e9,
    Array.from({ length: 500 }, (_, i) => ({ ...pkg(`p@@-${i}`), notes: 'Beskrivning av data. '.repeat(100), extras: [{ key: 'ballast', value: ballast }] })),
  );
  const ckan = await ckanSite(t, (start) => template.replaceAll('@@', String(start)));
  const PAGES = 40;
  const HEAP_MB = 256;

  const env = {
    ...process.env,
    NODE_ENV: 'test',
    ...(await childDatabase(t)),
    HARVEST_ALLOW_ADDRESSES: '127.0.0.1',
    HARVEST_CKAN_MAX_PAGES: String(PAGES),
    LOG_LEVEL: 'silent',
  };
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', path.join(ROOT, 'src/test/measured-cli.ts'), 'harvest', '--ckan', ckan.base],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  assert.equal(code, 0, `the harvest finished (signal ${signal}): ${err.slice(-2000)}${out.slice(-1000)}`);

  const figures = JSON.parse(out.trim().split('\n').pop()!) as { peakHeap: number; peakArrayBuffers: number; heapLimit: number; maxRss: number };
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  t.diagnostic(
    `${PAGES} pages of ${mb(template.length)} MB read; child peak heap ${mb(figures.peakHeap)} MB (limit ${mb(figures.heapLimit)} MB), maxRSS ${mb(figures.maxRss)} MB on ${process.env.TEST_DB ?? 'pglite'}, array buffers at most ${mb(figures.peakArrayBuffers)} MB`,
  );
  assert.ok(figures.peakHeap < HEAP_MB * 1024 * 1024, 'under the heap limit');
  assert.match(out, new RegExp(`${PAGES * 500} new, 0 updated, 0 unchanged, 0 withdrawn`));
  assert.match(out, /warning: The harvest stopped at the limit on pages from the CKAN site/);
  assert.equal(ckan.requests(), PAGES);
});

test('a CKAN site stops being read when the whole harvest’s time or size runs out, not only a page’s', async (t) => {
  const slow = http.createServer((req, res) => {
    const start = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('start') ?? 0);
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(endless(start)), 400);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => slow.close(() => resolve())));
  const base: HarvestLimits = { ...testConfig().harvest, allowAddresses: ['127.0.0.1'] };

  // Each page comes in well within the timeout, but the site as a whole does not.
  await using timed = await harvestCkan(`http://127.0.0.1:${(slow.address() as AddressInfo).port}`, { ...base, timeoutMs: 1000 });
  assert.equal(timed.complete, false);
  assert.equal(timed.problems[0].code, 'ckan_time_cap');
  let kept = 0;
  for await (const _ of timed.records) kept++;
  assert.ok(kept >= 500 && kept % 500 === 0, `what was read before the deadline is kept: ${kept}`);

  // Each page is under HARVEST_MAX_MB, but ten times it is reached after a few pages.
  const ckan = await ckanSite(t, endless);
  const pageBytes = Buffer.byteLength(endless(0));
  await using sized = await harvestCkan(ckan.base, { ...base, maxBytes: Math.ceil(pageBytes * 1.2) });
  assert.equal(sized.complete, false);
  assert.equal(sized.problems[0].code, 'ckan_size_cap');
  assert.ok(ckan.requests() <= 12, `${ckan.requests()} pages read`);
  for await (const _ of sized.records);
});
