import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { build, testConfig, type TestApp } from '../../../test/app.ts';
import { rowsOf } from '../../../db/client.ts';
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

/** A catalog laid out as dataportal.se's exports are: datasets with nested distributions, each agent described at the end. */
function largeCatalog(size: number, opts: { distributionsAtEnd?: boolean; firstPublisher?: string; lastContactEmail?: boolean } = {}) {
  const distribution = (i: number) =>
    `<dcat:Distribution rdf:about="http://example.se/ds/${i}/d"><dcat:downloadURL rdf:resource="https://example.se/${i}.csv"/><dcterms:format rdf:resource="http://publications.europa.eu/resource/authority/file-type/CSV"/></dcat:Distribution>`;
  const parts = [
    `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="http://example.se/c"><dcterms:title xml:lang="sv">Stor katalog</dcterms:title>\n`,
  ];
  for (let i = 0; i < size; i++) {
    parts.push(
      `<dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/${i}"><dcterms:identifier>ds-${i}</dcterms:identifier><dcterms:title xml:lang="sv">Data ${i}</dcterms:title><dcterms:description xml:lang="sv">Om ${i}</dcterms:description><dcterms:publisher rdf:resource="http://example.se/org/${i % 2}"/><dcat:keyword xml:lang="sv">ord</dcat:keyword><dcat:contactPoint><vcard:Organization rdf:about="http://example.se/contact/${i % 7}"><vcard:fn>Kontakt ${i % 7}</vcard:fn>${opts.lastContactEmail && i === size - 1 ? '<vcard:hasEmail rdf:resource="mailto:ny@example.se"/>' : ''}</vcard:Organization></dcat:contactPoint>${opts.distributionsAtEnd ? `<dcat:distribution rdf:resource="http://example.se/ds/${i}/d"/>` : `<dcat:distribution>${distribution(i)}</dcat:distribution>`}</dcat:Dataset></dcat:dataset>\n`,
    );
  }
  parts.push('</dcat:Catalog>\n');
  parts.push(`<foaf:Agent rdf:about="http://example.se/org/0"><foaf:name>${opts.firstPublisher ?? 'Kommun A'}</foaf:name></foaf:Agent>\n`);
  parts.push('<foaf:Agent rdf:about="http://example.se/org/1"><foaf:name>Kommun B</foaf:name></foaf:Agent>\n');
  if (opts.distributionsAtEnd) for (let i = 0; i < size; i++) parts.push(`${distribution(i)}\n`);
  parts.push('</rdf:RDF>\n');
  return parts.join('');
}

test('a large catalog is written while it is read: publishers described at its end name every dataset, a later change to one is an update, and a catalog whose distributions or a contact’s address come last is read again whole', async (t) => {
  const app = await build(t, { config });
  // 6,000 datasets are about 72,000 statements: the first are mapped and written while the rest is parsed.
  let body = largeCatalog(6000);
  const fixtures = await fixtureServer(t, { '/large.rdf': () => ({ body, type: 'application/rdf+xml' }) });
  const source = await registerSource(app, null, { title: 'stor', url: `${fixtures.base}/large.rdf`, kind: 'dcat', schedule: 'manual', organisationId: null });
  const harvest = async () => {
    const claim = await claimHarvest(app.db, { runId: await queueHarvest(app.db, source.id, null) });
    const result = await runHarvest(app, claim!);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.problems));
    return result as Extract<typeof result, { status: 'succeeded' }>;
  };
  const stored = async (key: string) => {
    const [row] = await rowsOf<{ publisher_name: string; contact_name: string; download_url: string }>(
      app.db,
      sql`select d.publisher_name, d.contact_name, x.download_url from datasets d join distributions x on x.dataset_id = d.id
          where d.source_id = ${source.id} and d.key = ${key}`,
    );
    return row;
  };

  assert.deepEqual((await harvest()).counts, { new: 6000, updated: 0, unchanged: 0, withdrawn: 0 });
  assert.deepEqual(await stored('ds-0'), { publisher_name: 'Kommun A', contact_name: 'Kontakt 0', download_url: 'https://example.se/0.csv' });
  assert.deepEqual(await stored('ds-5999'), { publisher_name: 'Kommun B', contact_name: 'Kontakt 0', download_url: 'https://example.se/5999.csv' });

  // Only the first publisher's name changes, at the very end of the document: its 3,000 datasets are updated.
  body = largeCatalog(6000, { firstPublisher: 'Kommun A (ny)' });
  assert.deepEqual((await harvest()).counts, { new: 0, updated: 3000, unchanged: 3000, withdrawn: 0 });
  assert.equal((await stored('ds-0')).publisher_name, 'Kommun A (ny)');
  assert.equal((await stored('ds-1')).publisher_name, 'Kommun B');

  // Every distribution described after all the datasets: what was mapped early lacked them, so it is read again whole.
  body = largeCatalog(6000, { firstPublisher: 'Kommun A (ny)', distributionsAtEnd: true });
  const whole = await harvest();
  assert.deepEqual(whole.counts, { new: 0, updated: 0, unchanged: 6000, withdrawn: 0 });
  assert.equal((await stored('ds-0')).download_url, 'https://example.se/0.csv');

  // The last dataset gives a contact point an address that the first datasets naming it were mapped without: found
  // at the end of the document, so the whole document is read again, and every dataset of that contact has it.
  body = largeCatalog(6000, { firstPublisher: 'Kommun A (ny)', lastContactEmail: true });
  assert.deepEqual((await harvest()).counts, { new: 0, updated: 858, unchanged: 5142, withdrawn: 0 });
  const [first] = await rowsOf<{ contact_email: string }>(app.db, sql`select contact_email from datasets where source_id = ${source.id} and key = 'ds-0'`);
  assert.equal(first.contact_email, 'ny@example.se');
});
