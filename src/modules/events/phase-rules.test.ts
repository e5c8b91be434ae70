import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aMember, aNeedOwner, anEvent, aRegistrant, aUser, movePhase, signedIn } from '../../test/factories.ts';
import { auditLog, eventPhases, eventRegistrations, events, teamMembers, teams } from '../../db/schema/index.ts';

const overridesOf = (app: TestApp, eventId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'phase.overridden'), eq(auditLog.subjectId, eventId)));

test('registration: refused outside its phase with the date it opens; the organiser registers anyway only with a reason, which the audit log keeps', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, {
    capacity: null,
    phases: [
      ['registration', 24, 48],
      ['hacking', 72, 96],
    ],
  });
  const person = await signedIn(app, await aUser(app));
  const page = await person.get(`/events/${event.slug}`);
  assert.match(page.body, /Anmälan öppnar \d/);
  assert.doesNotMatch(page.body, /action="\/events\/[^"]+\/registration"/, 'no form to a participant while it is closed');
  // A participant's override fields count for nothing.
  const early = await person.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on', override: 'yes', reason: 'Jag vill vara först' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /Anmälan öppnar \d/);
  assert.match(early.body, /href="#f-override"/);

  const organiserUser = await aUser(app, { organiser: true });
  const organiser = await signedIn(app, organiserUser);
  const form = await organiser.get(`/events/${event.slug}`);
  assert.match(form.body, /name="override"/, 'the organiser sees the way to make an exception');
  assert.equal((await organiser.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on' })).statusCode, 409);
  const noReason = await organiser.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on', override: 'yes', reason: ' ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#f-reason"/);
  assert.equal((await app.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))).length, 0);

  assert.equal(
    (
      await organiser.post(`/events/${event.slug}/registration`, {
        as: 'solo',
        acceptRules: 'on',
        override: 'yes',
        reason: 'Arrangörens testkonto inför öppningen',
      })
    ).statusCode,
    303,
  );
  const [registration] = await app.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
  assert.equal(registration.userId, organiserUser.id);
  const [logged] = await overridesOf(app, event.id);
  assert.equal(logged.actorId, organiserUser.id);
  assert.deepEqual([logged.details.rule, logged.details.reason], ['registration', 'Arrangörens testkonto inför öppningen']);
});

test('the gallery is published only after the submission deadline and grace; a need owner is told why, the organiser may go earlier with a reason', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id, 'editor');
  const event = await anEvent(app, {
    organisationId: org.id,
    graceMinutes: 30,
    phases: [
      ['registration', -48, -24],
      ['hacking', -2, 22],
      ['submission', -2, 22],
    ],
  });
  const owner = await signedIn(app, editor);
  const manage = await owner.get(`/events/${event.slug}/manage`);
  assert.match(manage.body, /Galleriet kan publiceras först när inlämningen har stängt/);
  assert.doesNotMatch(manage.body, /Publicera galleriet/, 'no button that would only be refused');
  const refused = await owner.post(`/events/${event.slug}/gallery`, { published: 'yes', override: 'yes', reason: 'Vi vill visa dem nu' });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /Galleriet kan publiceras först när inlämningen har stängt/);

  const organiserUser = await aUser(app, { organiser: true });
  const organiser = await signedIn(app, organiserUser);
  assert.match((await organiser.get(`/events/${event.slug}/manage`)).body, /name="override"/);
  const noReason = await organiser.post(`/events/${event.slug}/gallery`, { published: 'yes', override: 'yes' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Skriv ett skäl till undantaget/);
  const published = async () => (await app.db.select().from(events).where(eq(events.id, event.id)))[0].galleryPublished;
  assert.equal(await published(), false);
  assert.equal(
    (await organiser.post(`/events/${event.slug}/gallery`, { published: 'yes', override: 'yes', reason: 'Visning för pressen under finalen' })).statusCode,
    303,
  );
  assert.equal(await published(), true);
  const [logged] = await overridesOf(app, event.id);
  assert.deepEqual([logged.actorId, logged.details.rule, logged.details.reason], [organiserUser.id, 'gallery', 'Visning för pressen under finalen']);

  // Hidden again, then, past the deadline but within grace, still refused; after grace, published without any exception.
  await owner.post(`/events/${event.slug}/gallery`, { published: 'no' });
  await movePhase(app, event.id, 'submission', -24, -0.25);
  await movePhase(app, event.id, 'hacking', -24, -0.25);
  assert.equal((await owner.post(`/events/${event.slug}/gallery`, { published: 'yes' })).statusCode, 409);
  await movePhase(app, event.id, 'submission', -24, -1);
  await movePhase(app, event.id, 'hacking', -24, -1);
  assert.equal((await owner.post(`/events/${event.slug}/gallery`, { published: 'yes' })).statusCode, 303);
  assert.equal(await published(), true);
  assert.equal((await overridesOf(app, event.id)).length, 1);
});

test("event lists show the event's own dates, not registration's", async (t) => {
  const app = await build(t);
  const event = await anEvent(app, {
    phases: [
      ['registration', -240, 24],
      ['hacking', 48, 72],
      ['submission', 60, 72],
      ['judging', 72, 240],
      ['follow_up', 240, 5000],
    ],
  });
  const [hacking] = await app.db
    .select()
    .from(eventPhases)
    .where(and(eq(eventPhases.eventId, event.id), eq(eventPhases.kind, 'hacking')));
  const [judging] = await app.db
    .select()
    .from(eventPhases)
    .where(and(eq(eventPhases.eventId, event.id), eq(eventPhases.kind, 'judging')));
  const [registration] = await app.db
    .select()
    .from(eventPhases)
    .where(and(eq(eventPhases.eventId, event.id), eq(eventPhases.kind, 'registration')));
  const list = (await new Client(app).get('/events')).body;
  const at = list.indexOf(`href="/events/${event.slug}"`);
  assert.ok(at > list.indexOf('id="events-upcoming"') && at < list.indexOf('id="events-past"'), 'upcoming: hacking has not begun, whatever registration does');
  const card = list.slice(at, list.indexOf('</li>', at));
  assert.match(card, new RegExp(`<time datetime="${hacking.startsAt.toISOString()}">`));
  assert.match(card, new RegExp(`<time datetime="${judging.endsAt.toISOString()}">`), 'to the end of its last phase (follow-up is after the event)');
  assert.doesNotMatch(card, new RegExp(registration.startsAt.toISOString()));
  const page = await new Client(app).get(`/events/${event.slug}`);
  assert.match(page.body, new RegExp(`<dt>När</dt><dd><time datetime="${hacking.startsAt.toISOString()}">`));
});

test('an event kind decides its parts: a workshop has registration and a session, no teams, proposals, gallery or judging', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, {
    capacity: null,
    phases: [
      ['registration', -1, 24],
      ['session', 48, 51],
    ],
  });
  await app.db.update(events).set({ kind: 'workshop' }).where(eq(events.id, event.id));
  const person = await signedIn(app, await aRegistrant(app, event));
  const page = await person.get(`/events/${event.slug}`);
  assert.match(page.body, /Genomförande/);
  for (const part of ['teams', 'solutions', 'results']) assert.doesNotMatch(page.body, new RegExp(`href="/events/${event.slug}/${part}"`), part);
  for (const path of ['teams', 'teams/new', 'solutions', 'results', 'mentors', 'juries'])
    assert.equal((await person.get(`/events/${event.slug}/${path}`)).statusCode, 404, path);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.equal((await organiser.get(`/events/${event.slug}/juries`)).statusCode, 404);
  assert.equal((await organiser.post(`/events/${event.slug}/gallery`, { published: 'yes' })).statusCode, 404);
  const manage = await organiser.get(`/events/${event.slug}/manage`);
  assert.doesNotMatch(manage.body, /Lösningsgalleriet|\/juries"/);
  // A team cannot be made behind the board's back either: the route is missing.
  assert.equal((await person.post(`/events/${event.slug}/teams`, { name: 'Smuggellaget' })).statusCode, 404);
  assert.equal((await app.db.select().from(teams).where(eq(teams.eventId, event.id))).length, 0);
  // Registering as a team means nothing at a workshop: everyone comes on their own.
  const other = await signedIn(app, await aUser(app));
  await other.get(`/events/${event.slug}`);
  assert.equal((await other.post(`/events/${event.slug}/registration`, { as: 'team', acceptRules: 'on' })).statusCode, 303);
  assert.equal(
    (await app.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))).every((r) => !r.asTeam),
    true,
  );
  assert.equal((await app.db.select().from(teamMembers).where(eq(teamMembers.eventId, event.id))).length, 0);
});

test('the event form: a workshop takes no hacking phase; a 24-hour sub-competition hacks 24 hours unless told otherwise', async (t) => {
  const app = await build(t);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fields = {
    organisation: '',
    titleSv: 'Öppna data på en dag',
    titleEn: '',
    descriptionSv: '',
    descriptionEn: '',
    online: 'on',
    place: '',
    teamMin: '1',
    teamMax: '5',
    graceMinutes: '0',
    rulesSv: '',
    rulesEn: '',
    tracks: '',
  };
  assert.match((await organiser.get('/events/new?kind=sub_competition')).body, /<option value="sub_competition" selected>/);
  const workshop = await organiser.post('/events', {
    ...fields,
    kind: 'workshop',
    registrationStart: '2027-01-01T09:00',
    registrationEnd: '2027-01-10T09:00',
    hackingStart: '2027-01-12T09:00',
    hackingEnd: '2027-01-12T12:00',
  });
  assert.equal(workshop.statusCode, 400);
  assert.match(workshop.body, /href="#f-hackingStart">[^<]*Ett evenemang av det här slaget har inte den här fasen/);

  const created = await organiser.post('/events', {
    ...fields,
    kind: 'sub_competition',
    registrationStart: '2027-01-01T09:00',
    registrationEnd: '2027-01-10T09:00',
    hackingStart: '2027-01-12T09:00',
  });
  assert.equal(created.statusCode, 303);
  const slug = /\/events\/([^/]+)\/manage/.exec(String(created.headers.location))![1];
  const [event] = await app.db.select().from(events).where(eq(events.slug, slug));
  const [hacking] = await app.db
    .select()
    .from(eventPhases)
    .where(and(eq(eventPhases.eventId, event.id), eq(eventPhases.kind, 'hacking')));
  assert.equal(hacking.endsAt.getTime() - hacking.startsAt.getTime(), 24 * 3600_000);
  // A hackathon gets no such default: the end is required.
  const hackathon = await organiser.post('/events', { ...fields, kind: 'hackathon', hackingStart: '2027-01-12T09:00' });
  assert.equal(hackathon.statusCode, 400);
  assert.match(hackathon.body, /href="#f-hackingEnd"/);
});

test('cancelling an event is asked first on a page that says what happens; the organiser reinstates it, and both are in the audit log', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const organiserUser = await aUser(app, { organiser: true });
  const organiser = await signedIn(app, organiserUser);
  const manage = await organiser.get(`/events/${event.slug}/manage`);
  assert.match(manage.body, new RegExp(`<a href="/events/${event.slug}/cancel" class="link-warning">Ställ in evenemanget</a>`));
  assert.doesNotMatch(manage.body, /name="to" value="cancelled"/, 'no one-click cancel');
  const ask = await organiser.get(`/events/${event.slug}/cancel`);
  assert.match(ask.body, /Evenemanget visas som inställt/);
  assert.match(ask.body, /<button type="submit" class="button button-warning">Ja, ställ in evenemanget<\/button>/);
  assert.match(ask.body, new RegExp(`<a href="/events/${event.slug}/manage">Nej, gå tillbaka</a>`));

  const status = async () => (await app.db.select().from(events).where(eq(events.id, event.id)))[0].status;
  const bare = await organiser.post(`/events/${event.slug}/status`, { to: 'cancelled' });
  assert.equal(bare.headers.location, `/events/${event.slug}/cancel`, 'without the confirmation, back to the question');
  assert.equal(await status(), 'published');
  assert.equal((await organiser.post(`/events/${event.slug}/status`, { to: 'cancelled', confirm: 'yes' })).statusCode, 303);
  assert.equal(await status(), 'cancelled');
  const cancelled = await organiser.get(`/events/${event.slug}`);
  assert.match(cancelled.body, /Evenemanget är inställt/);
  assert.match(cancelled.body, new RegExp(`href="/events/${event.slug}/manage"`), 'those who run it still reach its management');

  assert.match((await organiser.get(`/events/${event.slug}/manage`)).body, /Återuppta evenemanget/);
  assert.equal((await organiser.post(`/events/${event.slug}/status`, { to: 'published' })).statusCode, 303);
  assert.equal(await status(), 'published');
  const actions = (await app.db.select().from(auditLog).where(eq(auditLog.subjectId, event.id)).orderBy(auditLog.id)).map((r) => [r.action, r.actorId]);
  assert.deepEqual(actions, [
    ['event.cancelled', organiserUser.id],
    ['event.reinstated', organiserUser.id],
  ]);
});
