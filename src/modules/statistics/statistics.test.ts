import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { build, Client } from '../../test/app.ts';
import { aRegistrant, anEvent, aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { challengeDatasets, datasets, diversityAnswers, eventRegistrations, submissionDatasets, users } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';

const DAY = 24;
const lastYear: [import('../../db/schema/index.ts').PhaseKind, number, number][] = [
  ['registration', -DAY * 400, -DAY * 390],
  ['hacking', -DAY * 389, -DAY * 388],
  ['submission', -DAY * 389, -DAY * 388],
];
const yearOfHours = (h: number) =>
  Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + h * 3600_000)));

type Row = { key: string; value: number | null; note: string; url: string | null };
const table = (body: { tables: { id: string; rows: Row[] }[] }, id: string) =>
  Object.fromEntries(body.tables.find((t) => t.id === id)!.rows.map((r) => [r.key, r]));

test('statistics: every figure equals a count made here from the rows this test wrote, per year and over all years; pages, API and CSV agree', async (t) => {
  const app = await build(t);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  // This year: two finished solutions (two members each), one person in both; a dataset cited by one challenge and used by one solution.
  const a = await aSolution(app, { title: 'Badkollen' });
  const b = await aSolution(app, { title: 'Cykelkartan', organisation: a.organisation });
  await app.db
    .insert(eventRegistrations)
    .values({ eventId: b.event.id, userId: a.members[0].id, status: 'registered', rulesVersion: 1, acceptedRulesAt: new Date() });
  await app.db
    .update(users)
    .set({ roles: ['developer', 'student'] })
    .where(eq(users.id, a.members[0].id));
  const [dataset] = await app.db
    .insert(datasets)
    .values({
      key: 'test:badplatser',
      titleSv: 'Badplatser',
      publisherName: 'Havs- och vattenmyndigheten',
      themes: ['ENVI'],
      iri: 'https://example.org/bad',
    } as never)
    .returning();
  await app.db.insert(challengeDatasets).values({ challengeId: a.challenge.id, datasetId: dataset.id });
  await app.db.insert(submissionDatasets).values({ submissionId: a.submission.id, datasetId: dataset.id });
  // Last year: a workshop with three people, one waitlisted (no place), and no solutions.
  const old = await anEvent(app, { capacity: null, phases: lastYear });
  for (let i = 0; i < 2; i++) await aRegistrant(app, old);
  const waiting = await aUser(app);
  await app.db.insert(eventRegistrations).values({ eventId: old.id, userId: waiting.id, status: 'waitlisted', rulesVersion: 1, acceptedRulesAt: new Date() });

  const thisYear = yearOfHours(-DAY * 30);
  const previous = yearOfHours(-DAY * 389);
  // Not counted until the job (or the organiser) counts: pages never count per request.
  assert.equal((await app.inject({ url: `/api/v1/statistics?year=${thisYear}` })).statusCode, 404);
  assert.equal((await organiser.post('/admin/statistics/refresh', {})).statusCode, 303);

  const year = (await app.inject({ url: `/api/v1/statistics?year=${thisYear}` })).json();
  const totals = table(year, 'totals');
  // 4 members of two teams plus one of them also registered at the other event: 4 people, 5 places.
  assert.deepEqual(Object.fromEntries(Object.entries(totals).map(([k, r]) => [k, r.value])), {
    participants: 4,
    registrations: 5,
    teams: 2,
    submitted: 2,
    published: 2,
    events: 2,
    mentoringSessions: 0,
  });
  assert.equal(totals.published.url, `${app.config.publicUrl}/solutions?year=${thisYear}`, 'a figure links to what it counts');
  assert.equal(table(year, 'dataUse').cited.value, 1);
  assert.equal(table(year, 'dataUse').used.value, 1);
  assert.equal(table(year, 'datasetsUsedByPublisher')['Havs- och vattenmyndigheten'].value, 1);
  assert.equal(table(year, 'funnel').submitted.value, 2);
  assert.equal(
    table(year, 'needOwnersByType').municipality?.value ?? table(year, 'needOwnersByType').agency?.value,
    1,
    'one need owner (both challenges are its)',
  );
  assert.deepEqual([table(year, 'roles').developer.value, table(year, 'roles').developer.note], [null, 'fewer_than_5'], 'one developer: a small group');

  const before = (await app.inject({ url: `/api/v1/statistics?year=${previous}` })).json();
  assert.deepEqual(
    [table(before, 'totals').participants.value, table(before, 'totals').registrations.value, table(before, 'totals').published.value],
    [2, 2, 0],
  );
  const all = (await app.inject({ url: '/api/v1/statistics' })).json();
  assert.equal(table(all, 'totals').participants.value, 6, 'unique people over all years');
  assert.deepEqual(Object.keys(table(all, 'byYear')), [String(previous), String(thisYear)]);

  // The page shows the same figures (in both languages) and links them; the CSV carries the same rows.
  const page = await new Client(app).get(`/statistics/${thisYear}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="chart-svg" role="img" aria-labelledby="chart-funnel-title chart-funnel-desc"/);
  assert.match(page.body, new RegExp(`<a href="/solutions\\?year=${thisYear}">2</a>`));
  const en = await new Client(app).get(`/statistics?lang=en`);
  assert.match(en.body, /Participants \(unique people with a place\)/);
  const csv = parse((await app.inject({ url: `/open-data/statistics.csv?scope=${thisYear}` })).body, { columns: true }) as Record<string, string>[];
  assert.equal(csv.find((r) => r.table === 'totals' && r.key === 'participants')!.value, '4');
  assert.equal(csv.find((r) => r.table === 'roles' && r.key === 'developer')!.note, 'fewer_than_5');
  // The OpenAPI document describes the endpoint.
  const openapi = (await app.inject({ url: '/api/openapi.json' })).json();
  assert.ok(openapi.paths['/api/v1/statistics'].get);
  // Open data: the statistics are a dataset of the platform's DCAT catalog, with CSV and JSON of every scope.
  const dcat = (await app.inject({ url: '/datasets/dcat?format=turtle' })).body;
  assert.ok(dcat.includes(`<${app.config.publicUrl}/open-data/statistics>`));
  assert.ok(dcat.includes(`${app.config.publicUrl}/open-data/statistics.csv?scope=every`));
  assert.ok(dcat.includes(`${app.config.publicUrl}/open-data/statistics.json?scope=every`));
  const every = (await app.inject({ url: '/open-data/statistics.json?scope=every' })).json() as { scope: string }[];
  assert.deepEqual(
    every.map((e) => e.scope),
    [String(previous), String(thisYear), 'all'],
  );
  const everyCsv = parse((await app.inject({ url: '/open-data/statistics.csv?scope=every' })).body, { columns: true }) as Record<string, string>[];
  assert.equal(everyCsv.find((r) => r.scope === 'all' && r.table === 'totals' && r.key === 'participants')!.value, '6');
  assert.equal((await app.inject({ url: '/open-data/statistics', headers: { accept: 'text/html' } })).headers.location, '/statistics');
  assert.equal((await app.inject({ url: '/statistics/1999' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/api/v1/statistics?year=abc' })).statusCode, 422);
});

test('diversity: per year and per event, small groups are "fewer than 5" and no suppressed cell can be worked out from the totals', async (t) => {
  const app = await build(t);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const a = await aSolution(app);
  const b = await aSolution(app);
  const answer = (eventId: string, gender: 'woman' | 'man' | 'non_binary', n: number, first: boolean | null = null) =>
    Array.from({ length: n }, () => ({ eventId, gender, firstHackathon: first }));
  await app.db
    .insert(diversityAnswers)
    .values([
      ...answer(a.event.id, 'woman', 7, true),
      ...answer(a.event.id, 'man', 6, false),
      ...answer(a.event.id, 'non_binary', 2),
      ...answer(b.event.id, 'woman', 9),
      ...answer(b.event.id, 'man', 8, true),
    ]);
  await organiser.post('/admin/statistics/refresh', {});
  const year = yearOfHours(-DAY * 30);
  const body = (await app.inject({ url: `/api/v1/statistics?year=${year}` })).json();
  const gender = table(body, 'diversity.gender');
  assert.equal(gender.non_binary.note, 'fewer_than_5');
  // Shares of the respondents, where part and whole are shown: first-time participants (7 + 8 of 32).
  const first = table(body, 'diversity.firstHackathon') as Record<string, Row & { share?: number | null }>;
  if (first.yes.value !== null && first.respondents.value !== null) assert.equal(first.yes.share, Math.round((15 / 32) * 1000) / 10);
  else assert.equal(first.yes.share, null);
  // Subtraction, checked here by brute force: for every question's table of the year, whatever the respondents and
  // the shown cells leave must fit more than one value into each suppressed cell (1–4 if "fewer than 5", 5 or more if hidden).
  for (const q of ['gender', 'ageBand', 'county', 'occupation', 'firstHackathon']) {
    const rows = Object.values(table(body, `diversity.${q}`));
    const [respondents, ...cells] = rows;
    const suppressed = cells.filter((r) => r.value === null);
    if (respondents.value === null || !suppressed.length) continue;
    assert.notEqual(suppressed.length, 1, `${q}: one suppressed cell alone would be the total minus the rest`);
    const left = respondents.value - cells.reduce((s, r) => s + (r.value ?? 0), 0);
    for (const [i, cell] of suppressed.entries()) {
      const possible = new Set<number>();
      const range = (r: Row) => (r.note === 'fewer_than_5' ? [1, 4] : [5, left]);
      const others = suppressed.filter((_, j) => j !== i);
      const [lo, hi] = range(cell);
      for (let v = lo; v <= hi; v++) {
        const rest = left - v;
        const min = others.reduce((s, r) => s + range(r)[0], 0);
        const max = others.reduce((s, r) => s + range(r)[1], 0);
        if (rest >= min && rest <= max) possible.add(v);
      }
      assert.ok(possible.size > 1, `${q}: ${cell.key} could be worked out (${[...possible]})`);
    }
  }
  const page = await new Client(app).get(`/statistics/${year}`);
  assert.match(page.body, /färre än 5/);
  assert.match(page.body, /visas inte/);
  const en = await new Client(app).get(`/statistics/${year}?lang=en`);
  assert.match(en.body, /fewer than 5/);
});
