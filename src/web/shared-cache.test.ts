import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build } from '../test/app.ts';
import { countQueries } from '../test/query-counter.ts';
import { events } from '../db/schema/index.ts';
import { aUser, signedIn } from '../test/factories.ts';
import { aSolution } from '../test/solutions.ts';

test('a signed-in page reads what everyone sees from memory, with no query but the session, and a change through any form is seen on the next request', async (t) => {
  const app = await build(t);
  const { event, members } = await aSolution(app, { title: 'Badkollen i minnet' });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const person = await signedIn(app, members[0]);

  assert.match((await person.get('/solutions')).body, /Badkollen i minnet/);
  const counter = countQueries(app);
  t.after(counter.stop);
  const again = await person.get('/solutions');
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /Badkollen i minnet/);
  assert.equal(counter.count, 1, 'only the session lookup, which also reads the change version');

  const eventPage = await person.get(`/events/${event.slug}`);
  assert.equal(eventPage.statusCode, 200);
  counter.count = 0;
  await person.get(`/events/${event.slug}`);
  const eventQueries = counter.count;
  assert.ok(eventQueries >= 1, 'the page itself is rendered, not replayed');

  // The organiser hides the gallery: the very next signed-in request no longer lists the solution.
  await organiser.get(`/events/${event.slug}/manage`);
  const hidden = await organiser.post(`/events/${event.slug}/gallery`, { published: 'no' });
  assert.equal(hidden.statusCode, 303);
  assert.doesNotMatch((await person.get('/solutions')).body, /Badkollen i minnet/);

  // A change made outside any request (a job, the command line, psql) bumps the version through a trigger.
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, event.id));
  assert.match((await person.get('/solutions')).body, /Badkollen i minnet/);
});

test('on PostgreSQL, a parameterised query asked again runs as a named statement, planned once per connection', async (t) => {
  const app = await build(t);
  if (app.database.kind !== 'postgres') return t.skip('named statements are a PostgreSQL connection feature');
  // One connection's view: pg_prepared_statements lists that session's own statements, so ask on one client.
  const pool = (app.db as unknown as { $client: import('pg').Pool }).$client;
  const client = await pool.connect();
  t.after(() => client.release());
  const text = 'select count(*)::int as n from users where email = $1';
  for (let i = 0; i < 3; i++) await client.query({ text, values: [`nobody-${i}@example.org`] });
  const { rows } = await client.query({ text: 'select name from pg_prepared_statements where statement = $1', values: [text] });
  assert.equal(rows.length, 1, 'named on its second sighting');
  assert.match(rows[0].name, /^a_/);
  // A text with no parameters may hold several statements: it is never named, and still runs.
  const several = await client.query('select 1; select 2');
  assert.ok(several);
});
