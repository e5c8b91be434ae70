import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aParticipant, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { diversityAnswers, eventPhases, eventRegistrations, events, eventTracks } from '../../db/schema/index.ts';

const mail = await startMailServer();

const eventFields = (organisation: string, challenge: string) => ({
  organisation,
  kind: 'sub_competition',
  titleSv: 'Södertälje hackar vatten',
  titleEn: 'Södertälje hacks water',
  descriptionSv: '24 timmar om vatten.',
  online: 'on',
  teamMin: '1',
  teamMax: '5',
  graceMinutes: '15',
  registrationStart: '2026-12-01T09:00',
  registrationEnd: '2027-01-15T23:59',
  hackingStart: '2027-01-20T09:00',
  hackingEnd: '2027-01-21T09:00',
  challenges: [challenge],
  tracks: 'Konceptlösning | Concept solution\nDigital lösning',
  rulesSv: 'Var schysst.',
});

test('an organisation runs its own event: draft, sent for approval, published by the organiser; edits keep tracks and version the rules', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Södertälje kommun' });
  const editor = await aMember(app, org.id, 'editor');
  const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Rent vatten' });
  const client = await signedIn(app, editor);

  await client.get('/events/new');
  const bad = await client.post('/events', {
    ...eventFields(org.id, challenge.id),
    titleSv: '',
    hackingEnd: '2027-01-19T09:00',
    teamMin: '7',
    organisation: crypto.randomUUID(),
  });
  assert.equal(bad.statusCode, 400);
  for (const field of ['organisation', 'titleSv', 'hackingEnd', 'teamMax']) assert.match(bad.body, new RegExp(`href="#f-${field}"`), field);
  assert.match(bad.body, /value="2026-12-01T09:00"/, 'what was typed is kept');

  const created = await client.post('/events', eventFields(org.id, challenge.id));
  assert.equal(created.statusCode, 303);
  const slug = /\/events\/([^/]+)\/manage/.exec(String(created.headers.location))![1];
  const [event] = await app.db.select().from(events).where(eq(events.slug, slug));
  assert.equal(event.status, 'draft');
  const [registration] = await app.db.select().from(eventPhases).where(eq(eventPhases.eventId, event.id));
  assert.equal(registration.startsAt.toISOString(), '2026-12-01T08:00:00.000Z', 'Stockholm wall-clock time');

  // Drafts are hidden from everyone else; the organisation cannot publish, only send for approval.
  assert.equal((await new Client(app).get(`/events/${slug}`)).statusCode, 404);
  const other = await signedIn(app, await aMember(app, (await aNeedOwner(app)).id, 'owner'));
  assert.equal((await other.get(`/events/${slug}/manage`)).statusCode, 404);
  assert.equal((await client.post(`/events/${slug}/status`, { to: 'published' })).statusCode, 403);
  assert.equal((await client.post(`/events/${slug}/status`, { to: 'pending' })).statusCode, 303);

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.match((await organiser.get('/events')).body, /Södertälje hackar vatten<\/a> \(Väntar på godkännande\)/);
  assert.equal((await organiser.post(`/events/${slug}/status`, { to: 'published' })).statusCode, 303);
  const page = await new Client(app).get(`/events/${slug}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Konceptlösning/);

  // A team picks a track; renaming the tracks keeps its choice, changing the rules raises their version.
  const tracks = await app.db.select().from(eventTracks).where(eq(eventTracks.eventId, event.id));
  await client.get(`/events/${slug}/edit`);
  assert.equal(
    (
      await client.post(`/events/${slug}/edit`, {
        ...eventFields(org.id, challenge.id),
        tracks: 'Koncept | Concept\nDigital | Digital',
        rulesSv: 'Var schysst. Inga bottar.',
      })
    ).statusCode,
    303,
  );
  const after = await app.db.select().from(eventTracks).where(eq(eventTracks.eventId, event.id));
  assert.deepEqual(after.map((tr) => tr.id).sort(), tracks.map((tr) => tr.id).sort());
  assert.equal((await app.db.select().from(events).where(eq(events.id, event.id)))[0].rulesVersion, 2);
});

test('announcements reach everyone registered or waiting, in their language, and show on the event page', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const event = await anEvent(app, { capacity: 1 });
  const first = await aParticipant(app, event);
  const waiting = await aUser(app);
  await app.db.insert(eventRegistrations).values({ eventId: event.id, userId: waiting.id, status: 'waitlisted', rulesVersion: 1, acceptedRulesAt: new Date() });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/events/${event.slug}/manage`);
  const bad = await organiser.post(`/events/${event.slug}/announcements`, { subject: '', body: 'x' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-subject"/);
  assert.equal(
    (await organiser.post(`/events/${event.slug}/announcements`, { subject: 'Ny tid för kickoff', body: 'Vi börjar 10.00 <i>i stället</i>.' })).statusCode,
    303,
  );
  await mail.waitFor((m) => m.to === first.email && /Ny tid för kickoff/.test(m.subject));
  await mail.waitFor((m) => m.to === waiting.email && /Ny tid för kickoff/.test(m.subject));
  const page = await first.client.get(`/events/${event.slug}`);
  assert.match(page.body, /Vi börjar 10\.00 &lt;i>i stället&lt;\/i>\./);
  // A participant cannot announce.
  assert.equal((await first.client.post(`/events/${event.slug}/announcements`, { subject: 'Spam', body: 'Spam spam' })).statusCode, 403);
});

test('diversity answers are voluntary, stored apart from the person, and shown only as totals with small groups hidden', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const people = await Promise.all(Array.from({ length: 7 }, () => aUser(app)));
  for (const [i, person] of people.entries()) {
    const client = await signedIn(app, person);
    await client.get(`/events/${event.slug}`);
    const answers: Record<string, string> = i < 6 ? { gender: 'woman', county: i < 5 ? 'AB' : 'M', firstHackathon: 'yes' } : {};
    assert.equal((await client.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on', ...answers })).statusCode, 303);
  }
  const stored = await app.db.select().from(diversityAnswers).where(eq(diversityAnswers.eventId, event.id));
  assert.equal(stored.length, 6, 'the one who skipped every question left no row');
  assert.ok(!('userId' in stored[0]) && !('registrationId' in stored[0]), 'no link back to a person');

  // A bad answer is refused with a clear error, and nothing is stored.
  const late = await signedIn(app, await aUser(app));
  await late.get(`/events/${event.slug}`);
  const bad = await late.post(`/events/${event.slug}/registration`, { as: 'solo', acceptRules: 'on', gender: 'robot' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-gender"/);

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const manage = await organiser.get(`/events/${event.slug}/manage`);
  assert.match(manage.body, /6 har svarat/);
  assert.match(manage.body, /<td>Kvinna<\/td><td>6<\/td>/);
  assert.match(manage.body, /<td>Stockholm<\/td><td>5<\/td>/);
  assert.match(manage.body, /<td>Skåne<\/td><td>färre än 5<\/td>/);
});
