import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { build, testConfig, type TestApp } from '../../../test/app.ts';
import { fixtureServer } from '../../../test/fixture-server.ts';
import { harvestRuns } from '../../../db/schema/index.ts';
import { registerSource } from '../commands/register-source.ts';
import { claimHarvest, HARVEST_LEASE, queueHarvest, runHarvest } from './run.ts';

const catalog = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/">
  <dcat:Catalog rdf:about="http://example.se/c"><dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/1"><dcterms:title xml:lang="sv">Ett</dcterms:title></dcat:Dataset></dcat:dataset></dcat:Catalog>
</rdf:RDF>`;
const config = { harvest: { ...testConfig().harvest, timeoutMs: 5000, allowAddresses: ['127.0.0.1'] } };

async function queued(app: TestApp, url: string) {
  const source = await registerSource(app, null, { title: url, url, kind: 'dcat', schedule: 'manual', organisationId: null });
  return queueHarvest(app.db, source.id, null);
}

async function runRow(app: TestApp, runId: string) {
  const [row] = await app.db
    .select({
      status: harvestRuns.status,
      lockedUntil: harvestRuns.lockedUntil,
      problems: harvestRuns.problems,
      left: sql<number>`extract(epoch from ${harvestRuns.lockedUntil} - now())::float`,
    })
    .from(harvestRuns)
    .where(eq(harvestRuns.id, runId));
  return row;
}

/** What a minute without renewal does to a lease: it runs out. */
const letLeaseRunOut = (app: TestApp, runId: string) =>
  app.db
    .update(harvestRuns)
    .set({ lockedUntil: sql`${harvestRuns.lockedUntil} - make_interval(secs => ${HARVEST_LEASE.seconds + 1})` })
    .where(eq(harvestRuns.id, runId));

test('a harvest whose process died is taken up by another runner when its one-minute lease runs out', async (t) => {
  const app = await build(t, { config });
  const fixtures = await fixtureServer(t, { '/c.rdf': { body: catalog } });
  const runId = await queued(app, `${fixtures.base}/c.rdf`);

  const dead = await claimHarvest(app.db);
  assert.equal(dead?.runId, runId);
  const { left } = await runRow(app, runId);
  assert.ok(left > 50 && left <= 60, `the lease is a minute, not half an hour (${left} s)`);
  assert.equal(await claimHarvest(app.db), null, 'while the lease holds, no one else takes the run');

  // The process died: nothing renews the lease, and a minute later it has run out.
  await letLeaseRunOut(app, runId);
  const taken = await claimHarvest(app.db);
  assert.equal(taken?.runId, runId, 'another runner takes it');
  assert.notEqual(taken.claimedAt, dead!.claimedAt);

  // Were the first process only stalled, its late result is not recorded over the new runner's work.
  const late = await runHarvest(app, dead!);
  assert.deepEqual([late.status, late.problems[0]?.code], ['failed', 'lease_lost']);
  assert.equal((await runRow(app, runId)).status, 'running', 'the late runner changed nothing');
  assert.equal((await runHarvest(app, taken)).status, 'succeeded');
  assert.equal((await runRow(app, runId)).status, 'succeeded');
});

test('a live harvest keeps renewing its lease, so no other runner takes it however long it takes', async (t) => {
  const app = await build(t, { config });
  const fixtures = await fixtureServer(t, { '/slow.rdf': { body: catalog, delayMs: 2500 } });
  const runId = await queued(app, `${fixtures.base}/slow.rdf`);
  const lease = { seconds: 1, renewEveryMs: 200 };
  const claim = await claimHarvest(app.db, { lease });
  assert.ok(claim);

  const running = runHarvest(app, claim, { lease });
  let finished = false;
  void running.then(() => (finished = true));
  const seen: number[] = [];
  while (!finished) {
    await sleep(150);
    const row = await runRow(app, runId);
    if (row.status !== 'running') break;
    seen.push(row.lockedUntil!.getTime());
    assert.equal(await claimHarvest(app.db), null, 'another runner finds the run held');
  }
  assert.equal((await running).status, 'succeeded');
  assert.ok(seen.length >= 10, `watched it run (${seen.length} looks)`);
  const renewals = seen.filter((time, i) => i > 0 && time > seen[i - 1]).length;
  assert.ok(renewals >= 5, `the lease was extended again and again (${renewals} times)`);
  assert.ok(seen.at(-1)! - seen[0] > 1500, 'well past the first lease of one second');
  assert.equal((await runRow(app, runId)).lockedUntil, null, 'a finished run holds no lease');
});

test('a runner that lost its lease to another stops at once', async (t) => {
  const app = await build(t, { config });
  const fixtures = await fixtureServer(t, { '/slow.rdf': { body: catalog, delayMs: 2500 } });
  const runId = await queued(app, `${fixtures.base}/slow.rdf`);
  const lease = { seconds: 60, renewEveryMs: 200 };
  const stalled = (await claimHarvest(app.db, { lease }))!;
  const started = Date.now();
  const running = runHarvest(app, stalled, { lease });
  await sleep(300);

  // As if it had stalled past its lease: the lease runs out and another runner claims the run, in one step.
  const other = await app.db.transaction(async (tx) => {
    await tx
      .update(harvestRuns)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(harvestRuns.id, runId));
    return claimHarvest(tx);
  });
  assert.equal(other?.runId, runId);
  const result = await running;
  assert.equal(result.status, 'failed');
  assert.equal(result.problems[0].code, 'lease_lost');
  assert.ok(Date.now() - started < 2000, 'it stopped fetching rather than wait for the slow answer');
  assert.equal((await runRow(app, runId)).status, 'running', 'the run is the other runner’s, untouched');
});
