import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { build, Client, type TestApp } from '../test/app.ts';
import { countQueries } from '../test/query-counter.ts';
import { rowsOf } from '../db/client.ts';
import { submissions, teams } from '../db/schema/index.ts';
import { anEvent, aUser, openForRegistration, signedIn } from '../test/factories.ts';
import { aSolution } from '../test/solutions.ts';
import { emptyContent } from '../modules/proposals/schema.ts';

const sequences = async (app: TestApp) => {
  const [row] = await rowsOf<{ content: string; activity: string; drafts: string }>(
    app.db,
    sql`select c.last_value::text as content, a.last_value::text as activity, d.last_value::text as drafts
      from change_version c, change_version_activity a, change_version_drafts d`,
  );
  return { content: Number(row.content), activity: Number(row.activity), drafts: Number(row.drafts) };
};

test('what participants do all through a hackathon (register, save a draft) keeps the kept lists; a submitted proposal shows on the next request', async (t) => {
  const app = await build(t);
  const { event, members } = await aSolution(app, { title: 'Badkollen' });
  const person = await signedIn(app, members[0]);
  const open = await anEvent(app, { capacity: 10, phases: openForRegistration });
  const newcomer = await signedIn(app, await aUser(app));
  // A new team is content (its name shows with its solution): made before the lists are first read.
  const [team] = await app.db
    .insert(teams)
    .values({ eventId: event.id, name: 'Utkastlaget', inviteToken: crypto.randomBytes(16).toString('hex') })
    .returning();

  assert.match((await person.get('/solutions')).body, /Badkollen/);
  await person.get('/challenges');
  const visitor = new Client(app);
  await visitor.get('/solutions');
  assert.equal((await visitor.get('/solutions')).headers['x-page-cache'], 'hit');
  const counter = countQueries(app);
  t.after(counter.stop);

  // A registration through the form: activity (the event's count of places moves with it, and is activity too).
  await newcomer.get(`/events/${open.slug}`);
  assert.equal((await newcomer.post(`/events/${open.slug}/registration`, { as: 'solo', acceptRules: 'on' })).statusCode, 303);
  // A team's draft, saved (written here directly: the form's journey is tested with proposals).
  const [draft] = await app.db
    .insert(submissions)
    .values({ eventId: event.id, teamId: team.id, title: 'Utkastet', pitch: 'Ännu inte klart.', content: emptyContent() })
    .returning();
  await app.db.update(submissions).set({ pitch: 'Snart klart.' }).where(eq(submissions.id, draft.id));

  counter.count = 0;
  assert.match((await person.get('/solutions')).body, /Badkollen/);
  await person.get('/challenges');
  assert.equal(counter.count, 2, 'each list still kept: only the session lookups ran');
  assert.equal((await visitor.get('/solutions')).headers['x-page-cache'], 'hit', 'and the page kept for anonymous visitors');

  // Submitting is content: the gallery lists the new solution at once.
  await app.db.update(submissions).set({ status: 'submitted', submittedAt: new Date(), submittedVersion: 1 }).where(eq(submissions.id, draft.id));
  counter.count = 0;
  const after = (await person.get('/solutions')).body;
  assert.match(after, /Utkastet/, 'a change of content is seen on the next request');
  assert.ok(counter.count > 1, 'the list was read again');
  const anonymous = await visitor.get('/solutions');
  assert.equal(anonymous.headers['x-page-cache'], undefined);
  assert.match(anonymous.body, /Utkastet/);
});

test('a form’s write moves, after its commit, the kinds it changed and no other', async (t) => {
  const app = await build(t);
  const open = await anEvent(app, { capacity: 10, phases: openForRegistration });
  const newcomer = await signedIn(app, await aUser(app));
  await newcomer.get(`/events/${open.slug}`);

  const before = await sequences(app);
  assert.equal((await newcomer.post(`/events/${open.slug}/registration`, { as: 'solo', acceptRules: 'on' })).statusCode, 303);
  const registered = await sequences(app);
  assert.equal(registered.content, before.content, 'a registration is not content');
  assert.equal(registered.drafts, before.drafts);
  // Once by the triggers (the registration and the event's count) before the commit, once more after it.
  assert.ok(registered.activity >= before.activity + 2, `activity moved after the commit too (${before.activity} → ${registered.activity})`);

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/events/${open.slug}/manage`);
  assert.equal((await organiser.post(`/events/${open.slug}/gallery`, { published: 'no' })).statusCode, 303);
  const cancelled = await sequences(app);
  assert.ok(cancelled.content > registered.content, 'an event changed is content');
  assert.equal(cancelled.activity, registered.activity, 'and not activity');
});
