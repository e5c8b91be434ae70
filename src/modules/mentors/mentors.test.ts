import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNull } from 'drizzle-orm';
import { build, type TestApp } from '../../test/app.ts';
import { anEvent, aParticipant, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { datasets, mentorBookings, mentors, mentorSlots, teamMembers, teams } from '../../db/schema/index.ts';
import { toStockholmLocal } from '../../web/time.ts';
import { book, sendMentoringReminders } from './commands/mentoring.ts';

const mail = await startMailServer();

async function aTeam(app: TestApp, event: { id: string; slug: string }, name: string) {
  const lead = await aParticipant(app, event);
  await lead.client.get(`/events/${event.slug}/teams/new`);
  const res = await lead.client.post(`/events/${event.slug}/teams`, { name });
  return { lead, teamId: /\/teams\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1] };
}

test('mentors: the organiser adds one, the mentor publishes times, a team books with a question, the mentor reads the draft, both cancel, reminders go out', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const event = await anEvent(app, {
    capacity: null,
    phases: [
      ['registration', -1, 24],
      ['hacking', -1, 48],
      ['submission', -1, 48],
      ['judging', 48, 96],
    ],
  });
  const mentorUser = await aUser(app, { name: 'Mia Mentor' });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));

  await organiser.get(`/events/${event.slug}/mentors`);
  const bad = await organiser.post(`/events/${event.slug}/mentors`, { email: 'ingen@example.se', expertise: 'Öppna data' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Det finns inget konto med den adressen/);
  assert.equal(
    (
      await organiser.post(`/events/${event.slug}/mentors`, {
        email: mentorUser.email,
        expertise: 'Öppna geodata',
        organisation: 'Lantmäteriet',
        languages: ['sv', 'en'],
      })
    ).statusCode,
    303,
  );
  await mail.waitFor((m) => m.to === mentorUser.email && /Du är mentor på/.test(m.subject));

  const mentor = await signedIn(app, mentorUser);
  await mentor.get(`/events/${event.slug}/mentoring`);
  const past = await mentor.post(`/events/${event.slug}/mentoring/slots`, { startsAt: '2020-01-01T10:00', minutes: '30' });
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /Välj en tid i framtiden/);
  const soon = toStockholmLocal(new Date(Date.now() + 5 * 3600_000));
  assert.equal((await mentor.post(`/events/${event.slug}/mentoring/slots`, { startsAt: soon, minutes: '30' })).statusCode, 303);

  const { lead, teamId } = await aTeam(app, event, 'Kartlaget');
  const [stations] = await app.db
    .insert(datasets)
    .values({
      key: 'laddstolpar',
      iri: '',
      titleSv: 'Laddstolpar i Sverige',
      titleEn: '',
      descriptionSv: '',
      descriptionEn: '',
      contactName: '',
      contactEmail: '',
      publisherName: 'Energimyndigheten',
    })
    .returning();
  await lead.client.post(`/events/${event.slug}/teams/${teamId}/proposal`, {
    title: 'Kartkollen',
    problem: 'Ingen hittar laddstolpar.',
    moreDatasets: `http://localhost/datasets/${stations.id}`,
    action: 'save',
  });
  const page = await lead.client.get(`/events/${event.slug}/mentors`);
  assert.match(page.body, /Mia Mentor/);
  assert.match(page.body, /Öppna geodata/);
  const slotId = /<option value="([0-9a-f-]{36})"/.exec(page.body)![1];
  const noQuestion = await lead.client.post(`/events/${event.slug}/mentors/book`, { slot: slotId, question: '' });
  assert.equal(noQuestion.statusCode, 400);
  assert.match(noQuestion.body, /href="#f-question"/);
  assert.equal((await lead.client.post(`/events/${event.slug}/mentors/book`, { slot: slotId, question: 'Hur får vi fram laddstolpar?' })).statusCode, 303);
  await mail.waitFor((m) => m.to === mentorUser.email && /Kartlaget har bokat dig/.test(m.subject));

  // The mentor sees the booking and can read (not write) the team's draft; another mentor-less person cannot.
  const schedule = await mentor.get(`/events/${event.slug}/mentoring`);
  assert.match(schedule.body, /Kartlaget/);
  assert.match(schedule.body, /Hur får vi fram laddstolpar\?/);
  const draft = await mentor.get(`/events/${event.slug}/teams/${teamId}/proposal`);
  assert.match(draft.body, /Ingen hittar laddstolpar/);
  assert.match(draft.body, new RegExp(`<a href="/datasets/${stations.id}"[^>]*>Laddstolpar i Sverige</a>`), 'with the datasets the draft uses, linked');
  assert.doesNotMatch(draft.body, /<form method="post" action="[^"]*\/proposal"/);
  assert.equal((await mentor.post(`/events/${event.slug}/teams/${teamId}/proposal`, { title: 'Kapat', action: 'save' })).statusCode, 403);
  const stranger = await aParticipant(app, event);
  assert.equal((await stranger.client.get(`/events/${event.slug}/teams/${teamId}/proposal`)).statusCode, 403);
  assert.equal((await stranger.client.post(`/events/${event.slug}/bookings/${crypto.randomUUID()}/cancel`)).statusCode, 404);

  // The personal calendar feed holds the event's phases and the session, for the team and for the mentor; a forged address is missing.
  const feedUrl = new URL(/<code class="break">([^<]+\.ics)<\/code>/.exec((await lead.client.get('/events')).body)![1]).pathname;
  const feed = await new (await import('../../test/app.ts')).Client(app).get(feedUrl);
  assert.match(String(feed.headers['content-type']), /text\/calendar/);
  assert.match(feed.body, /SUMMARY:Mentorstid: Kartlaget med Mia Mentor/);
  assert.match(feed.body, /SUMMARY:Hacka krisen [^\r]*: Hackande/);
  const mentorFeed = new URL(/<code class="break">([^<]+\.ics)<\/code>/.exec((await mentor.get('/events')).body)![1]).pathname;
  assert.match((await mentor.get(mentorFeed)).body, /Mentorstid: Kartlaget/);
  assert.equal((await lead.client.get(feedUrl.replace(/\.[A-Za-z0-9_-]+\.ics$/, '.forged.ics'))).statusCode, 404);

  // Reminders: once, to both sides.
  assert.equal(await sendMentoringReminders(app), 1);
  assert.equal(await sendMentoringReminders(app), 0);
  await mail.waitFor((m) => m.to === lead.email && /Påminnelse: mentorstid/.test(m.subject));
  await mail.waitFor((m) => m.to === mentorUser.email && /Påminnelse: mentorstid/.test(m.subject));

  // The mentor cancels; the team is told and the time is free again.
  const bookingId = /\/bookings\/([0-9a-f-]{36})\/cancel/.exec(schedule.body)![1];
  const strangerCancel = await stranger.client.post(`/events/${event.slug}/bookings/${bookingId}/cancel`);
  assert.equal(strangerCancel.statusCode, 404, 'only the two sides may cancel');
  // Cancelling is asked first, naming the session; the bare POST only leads there.
  assert.match((await mentor.get(`/events/${event.slug}/bookings/${bookingId}/cancel`)).body, /Tiden med Kartlaget .* avbokas och laget får ett mejl/);
  assert.equal(
    (await mentor.post(`/events/${event.slug}/bookings/${bookingId}/cancel`)).headers.location,
    `/events/${event.slug}/bookings/${bookingId}/cancel`,
  );
  assert.equal((await stranger.client.get(`/events/${event.slug}/bookings/${bookingId}/cancel`)).statusCode, 404);
  assert.equal((await mentor.post(`/events/${event.slug}/bookings/${bookingId}/cancel`, { confirm: 'yes' })).statusCode, 303);
  await mail.waitFor((m) => m.to === lead.email && /är avbokad/.test(m.subject));
  assert.match((await lead.client.get(`/events/${event.slug}/mentors`)).body, /1 ledig tid\b/);
});

test('a slot is never booked twice, whatever number of teams try at once', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const mentorUser = await aUser(app);
  const [mentor] = await app.db.insert(mentors).values({ eventId: event.id, userId: mentorUser.id, expertise: 'Allt' }).returning();
  const [slot] = await app.db
    .insert(mentorSlots)
    .values({ mentorId: mentor.id, startsAt: new Date(Date.now() + 3600_000), endsAt: new Date(Date.now() + 5400_000) })
    .returning();
  const contenders = await Promise.all(
    Array.from({ length: 15 }, async (_, i) => {
      const person = await aRegistrant(app, event);
      const [team] = await app.db
        .insert(teams)
        .values({ eventId: event.id, name: `Lag ${i}`, inviteToken: `tok-${event.slug}-${i}` })
        .returning();
      await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: person.id, isLeader: true });
      return { person, team };
    }),
  );
  const outcomes = await Promise.all(contenders.map((c) => book(app, c.person.id, c.team.id, event.id, slot.id, 'Får vi hjälp?')));
  assert.equal(outcomes.filter((o) => o === 'booked').length, 1);
  assert.equal(outcomes.filter((o) => o === 'taken').length, 14);
  assert.equal(
    (
      await app.db
        .select()
        .from(mentorBookings)
        .where(and(eq(mentorBookings.slotId, slot.id), isNull(mentorBookings.cancelledAt)))
    ).length,
    1,
  );
});
