import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { anEvent as anEventWith, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { eventRegistrations } from '../../db/schema/index.ts';
import { register } from './commands/registration.ts';

const mail = await startMailServer();

/** Registration open now (or closed an hour ago), hacking in two days. */
const anEvent = (app: TestApp, opts: { capacity?: number | null; registrationOpen?: boolean; status?: 'draft' | 'published' } = {}) =>
  anEventWith(app, {
    ...opts,
    phases: [
      ['registration', opts.registrationOpen === false ? -10 : -1, opts.registrationOpen === false ? -1 : 24],
      ['hacking', 48, 120],
      ['judging', 120, 168],
    ],
  });

test('the event pages: grouped list, schedule with a countdown readable without JavaScript, a calendar file; drafts stay hidden', async (t) => {
  const app = await build(t);
  const event = await anEvent(app);
  const draft = await anEvent(app, { status: 'draft' });
  const anonymous = new Client(app);

  const list = await anonymous.get('/events');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`href="/events/${event.slug}"`));
  assert.doesNotMatch(list.body, new RegExp(draft.slug));

  const page = await anonymous.get(`/events/${event.slug}`);
  assert.match(page.body, /Anmälan slutar om <strong>0 dagar, 2[23] timmar och \d+ minut(er)?<\/strong>/);
  assert.match(page.body, /Hackande/);
  assert.match(page.body, /0 av 2 platser tagna/);
  assert.match(page.body, /Logga in för att anmäla dig/);
  assert.equal((await anonymous.get(`/events/${draft.slug}`)).statusCode, 404);

  const ics = await anonymous.get(`/events/${event.slug}.ics`);
  assert.match(String(ics.headers['content-type']), /text\/calendar/);
  assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(ics.body.match(/BEGIN:VEVENT/g)?.length, 3, 'one entry a phase');
  assert.match(ics.body, /SUMMARY:Hacka krisen .*: Hackande\r\n/);
  assert.ok(
    ics.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
    'lines folded at 75 octets',
  );
});

test('registration: rules must be accepted; past capacity people wait in line and move up, by e-mail, when someone cancels; closed means closed', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const event = await anEvent(app, { capacity: 1 });
  const [first, second] = [await aUser(app), await aUser(app)];
  const a = await signedIn(app, first);
  await a.get(`/events/${event.slug}`);
  const refused = await a.post(`/events/${event.slug}/registration`, { as: 'solo' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /href="#f-acceptRules"/);

  assert.equal((await a.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on' })).statusCode, 303);
  assert.match((await a.get(`/events/${event.slug}`)).body, /Du är anmäld\./);
  await mail.waitFor((m) => m.to === first.email && /Du är anmäld till/.test(m.subject));

  const b = await signedIn(app, second);
  await b.get(`/events/${event.slug}`);
  assert.equal((await b.post(`/events/${event.slug}/registration`, { as: 'team', acceptRules: 'on' })).statusCode, 303);
  assert.match((await b.get(`/events/${event.slug}`)).body, /Du står på väntelistan/);
  await mail.waitFor((m) => m.to === second.email && /väntelistan/.test(m.subject));
  const [stored] = await app.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, second.id)));
  assert.equal(stored.rulesVersion, 1);
  assert.ok(stored.acceptedRulesAt instanceof Date);
  assert.equal(stored.asTeam, true);

  // Giving up a place is asked first: without the confirmation nothing happens.
  assert.equal((await a.post(`/events/${event.slug}/registration/cancel`)).headers.location, `/events/${event.slug}/registration/cancel`);
  assert.match((await a.get(`/events/${event.slug}/registration/cancel`)).body, /Står någon på väntelistan får den platsen direkt/);
  assert.match((await a.get(`/events/${event.slug}`)).body, /Du är anmäld\./);
  assert.equal((await a.post(`/events/${event.slug}/registration/cancel`, { confirm: 'yes' })).statusCode, 303);
  await mail.waitFor((m) => m.to === second.email && /fått en plats/.test(m.subject));
  assert.match((await b.get(`/events/${event.slug}`)).body, /Du är anmäld\./);

  const closed = await anEvent(app, { registrationOpen: false });
  const c = await signedIn(app, await aUser(app));
  await c.get(`/events/${closed.slug}`);
  const late = await c.post(`/events/${closed.slug}/registration`, { as: 'solo', acceptRules: 'on' });
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /Anmälan stängde /);
  assert.equal(
    (await app.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, closed.id))).length,
    0,
    'the server refuses after the phase ends',
  );
});

test('many registrations at once for the last places never overfill the event', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: 5 });
  const people = await Promise.all(Array.from({ length: 24 }, () => aUser(app)));
  // Everyone at once, and the first person five times over.
  const outcomes = await Promise.all([
    ...people.map((p) => register(app, p.id, event.id, false)),
    ...Array.from({ length: 5 }, () => register(app, people[0].id, event.id, false)),
  ]);
  assert.ok(outcomes.every((o) => o === 'registered' || o === 'waitlisted'));
  const rows = await app.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
  assert.equal(rows.length, 24, 'one registration a person, none lost');
  assert.equal(rows.filter((r) => r.status === 'registered').length, 5);
  assert.equal(rows.filter((r) => r.status === 'waitlisted').length, 19);
});
