import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';
import { aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { annualReports } from '../../db/schema/index.ts';

const YEAR = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() - 30 * 86_400_000)));
type Table = { id: string; rows: { key: string; value: number | null; previous?: number | null }[] };
const figure = (body: { tables: Table[] }, id: string, key: string) => body.tables.find((t) => t.id === id)!.rows.find((r) => r.key === key)!;

test('annual report: the organiser writes and publishes it; the published copy stays as it was when new data arrives', async (t) => {
  const app = await build(t);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await aSolution(app, { title: 'Badkollen' });
  await organiser.post('/admin/statistics/refresh', {});

  // Not public until published; the draft is the organiser's.
  assert.equal((await app.inject({ url: `/reports/${YEAR}` })).statusCode, 404);
  const draft = await organiser.get(`/admin/reports/${YEAR}`);
  assert.equal(draft.statusCode, 200);
  assert.match(draft.body, /Utkast: årsrapport/);

  // Bad input re-renders the form with what was typed and an error summary; nothing is saved.
  const tooLong = await organiser.post(`/admin/reports/${YEAR}`, { summarySv: 'x'.repeat(20_001), lessonsSv: 'Behåll mig' });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /error-summary/);
  assert.match(tooLong.body, /Behåll mig/);
  assert.equal((await app.db.select().from(annualReports)).length, 0);

  assert.equal(
    (
      await organiser.post(`/admin/reports/${YEAR}`, {
        summarySv: 'Ett år med öppna data.',
        summaryEn: 'A year of open data.',
        lessonsSv: 'Fler kommuner.',
        nextYearSv: 'Fler regioner.',
      })
    ).statusCode,
    303,
  );
  const published = await organiser.post(`/admin/reports/${YEAR}/publish`, {});
  assert.equal(published.headers.location, `/reports/${YEAR}`);

  const frozen = (await app.inject({ url: `/reports/${YEAR}.json` })).json();
  assert.equal(figure(frozen, 'totals', 'published').value, 1);
  assert.equal(frozen.texts.summarySv, 'Ett år med öppna data.');
  const page = await new Client(app).get(`/reports/${YEAR}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Ett år med öppna data\./);
  assert.ok(page.body.includes('<h2>Årets evenemang</h2>'), 'the year’s events are listed');

  // New data arrives and is counted: the statistics change, the published report does not.
  await aSolution(app, { title: 'Cykelkartan' });
  await organiser.post('/admin/statistics/refresh', {});
  await organiser.post(`/admin/reports/${YEAR}`, { summarySv: 'Ändrat utkast.' });
  const live = (await app.inject({ url: `/api/v1/statistics?year=${YEAR}` })).json();
  assert.equal(figure(live, 'totals', 'published').value, 2);
  const still = (await app.inject({ url: `/reports/${YEAR}.json` })).json();
  assert.deepEqual(still, frozen);
  assert.doesNotMatch((await new Client(app).get(`/reports/${YEAR}`)).body, /Ändrat utkast/);
  // The draft shows today's figures; publishing again takes them.
  assert.equal(figure((await organiser.get(`/admin/reports/${YEAR}.json`)).json(), 'totals', 'published').value, 2);
  await organiser.post(`/admin/reports/${YEAR}/publish`, {});
  assert.equal(figure((await app.inject({ url: `/reports/${YEAR}.json` })).json(), 'totals', 'published').value, 2);

  // Every table downloads as CSV and JSON.
  const csv = await app.inject({ url: `/reports/${YEAR}/tables/funnel.csv` });
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(csv.body, /^scope,table,key,value,note,share,previous,url\r\n/);
  assert.equal((await app.inject({ url: `/reports/${YEAR}/tables/funnel.json` })).json().id, 'funnel');
  assert.equal((await app.inject({ url: `/reports/${YEAR}/tables/nothing.json` })).statusCode, 404);
  assert.equal((await app.inject({ url: `/reports/${YEAR}/tables/funnel.xls` })).statusCode, 404);
  assert.equal((await app.inject({ url: '/reports/20x6' })).statusCode, 404);
});
