import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation } from '../../test/factories.ts';
import { publisherWithUse } from '../../test/publisher-use.ts';
import { challengeDatasets, datasets } from '../../db/schema/index.ts';

/** The cells of the table row headed by `label` (a year or a month), as numbers. */
function rowOf(html: string, label: RegExp): number[] {
  const row = new RegExp(`<tr><th scope="row">(?:<a [^>]*>)?${label.source}(?:</a>)?</th>((?:<td[^>]*>\\d+</td>)+)</tr>`).exec(html);
  assert.ok(row, `a row for ${label}`);
  return [...row[1].matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

const thisYear = String(new Date().getFullYear());

test('a publisher sees how its data is used: per dataset, per year and month, without naming unpublished work; the same as CSV and JSON', async (t) => {
  const app = await build(t);
  const { org, registered, harvested, cites, winner, hidden, unsubmitted } = await publisherWithUse(app);
  const visitor = new Client(app);
  const path = `/organisations/${org.slug}/data-use`;

  const orgPage = await visitor.get(`/organisations/${org.slug}`);
  assert.match(orgPage.body, new RegExp(`<a href="${path}">Så används organisationens data</a>`));
  assert.match(
    (await visitor.get(`/datasets/${registered.id}`)).body,
    new RegExp(`<a href="${path}">Hur data från ${org.name} används</a>`),
    'and from each of its datasets',
  );

  const page = await visitor.get(path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`<h1>Så används data från ${org.name}</h1>`));
  assert.match(page.body, /Datamängder: 5 \(aktiva: 5\)\. Använda, hänvisade till eller kommenterade här: 2\./);
  assert.match(page.body, /Datamängder som inte har använts här än: 3\./);
  // The public solution is named and linked with what it reached; the challenge that cites the data too.
  assert.match(page.body, new RegExp(`<a href="/solutions/${winner.submission.id}">Badkollen</a> – vinnare – förverkligad`));
  assert.match(page.body, new RegExp(`<a href="/challenges/${cites.slug}">Säkrare bad</a>`));
  // The proposal whose gallery is closed is counted, never named; the draft neither; nor the draft challenge.
  assert.match(page.body, /Inlämnade bidrag som inte är publicerade än \(räknas men visas inte\): 1/);
  for (const secret of ['Hemligt bidrag', 'Utkastet', 'Hemlig utmaning', hidden.submission.id, unsubmitted.submission.id])
    assert.ok(!page.body.includes(secret), secret);
  assert.match(page.body, new RegExp(`<a href="/datasets/${registered.id}#reports">1 öppna, 1 besvarade</a>`));
  // Most used first: the registered dataset (two submissions) before the harvested one.
  assert.ok(page.body.indexOf(`use-${registered.id}`) < page.body.indexOf(`use-${harvested.id}`));
  // This year: 1 challenge, 2 submissions, 1 public solution, 1 finalist, 1 winner, 1 realised, 2 reports, 2 requests.
  assert.deepEqual(rowOf(page.body, new RegExp(thisYear)), [1, 2, 1, 1, 1, 1, 2, 2]);
  const month = new Intl.DateTimeFormat('sv-SE', { month: 'long', timeZone: 'Europe/Stockholm' }).format(new Date());
  assert.deepEqual(rowOf(page.body, new RegExp(month)), [1, 2, 1, 1, 1, 1, 2, 2]);
  assert.match(page.body, /Badplatser som GeoJSON/);

  const english = await visitor.get(`${path}?lang=en`);
  assert.match(english.body, new RegExp(`<h1>How data from ${org.name} is used</h1>`));
  assert.match(english.body, /Bathing places/);
  assert.match(english.body, /Submitted proposals not yet published \(counted but not named\): 1/);

  const csv = await visitor.get(`${path}.csv`);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const records: Record<string, string>[] = parse(csv.body, { columns: true });
  assert.equal(records.length, 5, 'every dataset, used or not');
  const reg = records.find((r) => r.dataset_id === registered.id)!;
  assert.deepEqual(
    [reg.challenges, reg.submissions, reg.solutions, reg.finalists, reg.winners, reg.realised, reg.reports_open, reg.reports_answered, reg.requests],
    ['1', '2', '1', '1', '1', '1', '1', '1', '1'],
  );
  assert.equal(reg.dataset_iri, `${app.config.publicUrl}/datasets/${registered.id}`);
  assert.equal(reg.solution_urls, `${app.config.publicUrl}/solutions/${winner.submission.id}`);
  assert.equal(records.find((r) => r.dataset_id === harvested.id)!.dataset_iri, harvested.iri, 'a harvested dataset by its publisher’s IRI');

  const json = await visitor.get(`${path}.json`);
  const doc = JSON.parse(json.body);
  assert.equal(doc.organisation.slug, org.slug);
  assert.equal(doc.datasets.length, 5);
  assert.deepEqual(doc.perYear[0], {
    period: thisYear,
    challenges: 1,
    submitted: 2,
    solutions: 1,
    finalists: 1,
    winners: 1,
    realised: 1,
    reports: 2,
    requests: 2,
  });
  assert.equal(doc.requests.length, 2);
  for (const body of [csv.body, json.body])
    for (const secret of ['Hemligt bidrag', 'Utkastet', 'Hemlig utmaning', hidden.submission.id]) assert.ok(!body.includes(secret), secret);
});

test('the data-use page: odd addresses show a page, never an error; unknown organisations are missing; one that publishes nothing says so; many datasets are paged', async (t) => {
  const app = await build(t);
  const visitor = new Client(app);
  const org = await aNeedOwner(app);
  const author = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, author.id, { titleSv: 'Allt om data' });
  const many = await app.db
    .insert(datasets)
    .values(Array.from({ length: 55 }, (_, i) => ({ organisationId: org.id, key: `d${i}`, iri: '', titleSv: `Datamängd ${String(i).padStart(2, '0')}` })))
    .returning();
  await app.db.insert(challengeDatasets).values(many.map((d) => ({ challengeId: challenge.id, datasetId: d.id })));
  const path = `/organisations/${org.slug}/data-use`;

  const first = await visitor.get(path);
  assert.equal((first.body.match(/<article class="data-use"/g) ?? []).length, 50);
  assert.match(first.body, new RegExp(`href="${path}\\?page=2&amp;year=${thisYear}#per-dataset" rel="next"`));
  const second = await visitor.get(`${path}?page=2`);
  assert.equal((second.body.match(/<article class="data-use"/g) ?? []).length, 5);
  assert.match((await visitor.get(`${path}?page=99999`)).body, /aria-current="page">2</, 'past the end: the last page');

  for (const query of [
    'page=abc',
    'page=0',
    'page=-1',
    'page=1e9',
    'page=1&page=2',
    'page[]=2',
    'year=1800',
    'year=abcd',
    'year=%3Cscript%3E',
    'year=2026&year=2025',
    'lang=xx',
  ]) {
    const res = await visitor.get(`${path}?${query}`);
    assert.equal(res.statusCode, 200, query);
    assert.doesNotMatch(res.body, /<script>/, query);
  }
  for (const suffix of ['', '.csv', '.json']) assert.equal((await visitor.get(`/organisations/no-such-org/data-use${suffix}`)).statusCode, 404, suffix);
  assert.equal((await visitor.get(`/organisations/${'x'.repeat(90)}/data-use`)).statusCode, 404);

  const quiet = await anOrganisation(app, { name: 'Tysta föreningen' });
  const nothing = await visitor.get(`/organisations/${quiet.slug}/data-use`);
  assert.equal(nothing.statusCode, 200);
  assert.match(nothing.body, /Tysta föreningen publicerar inga datamängder här/);
  assert.match(nothing.body, /Inget har hänt med organisationens data här än/);
  assert.equal(JSON.parse((await visitor.get(`/organisations/${quiet.slug}/data-use.json`)).body).datasets.length, 0);
  assert.equal((await visitor.get(`/organisations/${quiet.slug}/data-use.csv`)).body.split('\r\n').filter(Boolean).length, 1, 'a header only');
});
