import crypto from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aMember, anEvent, aNeedOwner, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { countQueries } from '../../test/query-counter.ts';
import {
  checkIns,
  eventRegistrations,
  follows,
  invitations,
  juries,
  juryAssignments,
  juryRounds,
  jurors,
  memberships,
  mentorBookings,
  mentors,
  mentorSlots,
  notices,
  solutionInterests,
  teamJoinRequests,
  teamMembers,
  teams,
  users,
} from '../../db/schema/index.ts';

const hours = (h: number) => new Date(Date.now() + h * 3600_000);
const token = () => crypto.randomBytes(12).toString('hex');

/**
 * A person with something in every part of My page, each thing named after its owner so that a stranger's things
 * would show by name: a solution's team (and a request to join it), an upcoming event with a pending request of their
 * own, a jury seat with work and an invitation to another, mentoring as team and as mentor, check-ins for their
 * team's solution and their organisation's, invitations, follows and a notice.
 */
async function aBusyPerson(app: TestApp, name: string) {
  const s = await aSolution(app, { title: `${name}s lösning` });
  const person = s.members[0];
  const upcoming = await anEvent(app, { capacity: null });
  await app.db
    .update(teams)
    .set({ name: `${name}s lag` })
    .where(eq(teams.id, s.team.id));
  const leader = await aRegistrant(app, upcoming);
  const [otherTeam] = await app.db
    .insert(teams)
    .values({ eventId: upcoming.id, name: `Laget ${name} vill in i`, inviteToken: token() })
    .returning();
  await app.db.insert(teamMembers).values({ teamId: otherTeam.id, eventId: upcoming.id, userId: leader.id, isLeader: true });
  await app.db
    .insert(eventRegistrations)
    .values({ eventId: upcoming.id, userId: person.id, status: 'registered', rulesVersion: 1, acceptedRulesAt: new Date() });
  await app.db.insert(teamJoinRequests).values({ teamId: otherTeam.id, userId: person.id });
  const asker = await aUser(app, { name: `${name}s frågare` });
  await app.db.insert(teamJoinRequests).values({ teamId: s.team.id, userId: asker.id });

  // Jury: a seat with one assignment waiting, and an invitation by e-mail to another jury.
  const other = await aSolution(app, { title: `Bidrag ${name} bedömer` });
  const [jury] = await app.db
    .insert(juries)
    .values({ eventId: other.event.id, name: `${name}s jury` })
    .returning();
  const [round] = await app.db.insert(juryRounds).values({ juryId: jury.id, kind: 'first' }).returning();
  const [seat] = await app.db
    .insert(jurors)
    .values({ juryId: jury.id, email: person.email, userId: person.id, inviteToken: token(), acceptedAt: new Date() })
    .returning();
  await app.db.insert(juryAssignments).values({ roundId: round.id, jurorId: seat.id, submissionId: other.submission.id });
  const [invitingJury] = await app.db
    .insert(juries)
    .values({ eventId: other.event.id, name: `${name}s nästa jury` })
    .returning();
  const juryToken = token();
  await app.db.insert(jurors).values({ juryId: invitingJury.id, email: person.email, inviteToken: juryToken });

  // Mentoring: the team booked a mentor; the person mentors another team.
  const mentor = await aUser(app, { name: `${name}s mentor` });
  const [m] = await app.db.insert(mentors).values({ eventId: s.event.id, userId: mentor.id, expertise: 'Data' }).returning();
  const [slot] = await app.db
    .insert(mentorSlots)
    .values({ mentorId: m.id, startsAt: hours(24), endsAt: hours(25) })
    .returning();
  await app.db.insert(mentorBookings).values({ slotId: slot.id, teamId: s.team.id, question: 'Hur?' });
  const [asMentor] = await app.db.insert(mentors).values({ eventId: other.event.id, userId: person.id, expertise: 'Kartor' }).returning();
  const [mySlot] = await app.db
    .insert(mentorSlots)
    .values({ mentorId: asMentor.id, startsAt: hours(48), endsAt: hours(49) })
    .returning();
  await app.db
    .update(teams)
    .set({ name: `Laget ${name} mentorerar` })
    .where(eq(teams.id, other.team.id));
  await app.db.insert(mentorBookings).values({ slotId: mySlot.id, teamId: other.team.id, question: 'Vad?' });

  // Check-ins: the team's, and one for a solution of an organisation the person belongs to.
  const owned = await aSolution(app, { title: `${name}s organisations lösning` });
  await app.db.insert(memberships).values({ organisationId: owned.organisation.id, userId: person.id, role: 'editor' });
  await app.db.insert(checkIns).values([
    { submissionId: s.submission.id, months: 3, dueAt: hours(-1), status: 'sent', sentAt: hours(-1) },
    { submissionId: owned.submission.id, months: 6, dueAt: hours(-2), status: 'sent', sentAt: hours(-2) },
    // Answered and future ones are not due.
    { submissionId: s.submission.id, months: 6, dueAt: hours(24 * 90), status: 'scheduled' },
    { submissionId: owned.submission.id, months: 3, dueAt: hours(-24 * 90), status: 'answered', answeredAt: hours(-24 * 80) },
  ]);

  // Invitations, interest in the team's solution, follows and a notice.
  const org = await aNeedOwner(app, { name: `${name}s inbjudande organisation` });
  await app.db.insert(invitations).values({ id: token(), organisationId: org.id, email: person.email, role: 'editor', expiresAt: hours(24) });
  const interested = await aNeedOwner(app, { name: `${name}s intressent` });
  await app.db.insert(solutionInterests).values({ submissionId: s.submission.id, organisationId: interested.id, message: 'Vi vill ta den vidare.' });
  await app.db.insert(follows).values([
    { userId: person.id, targetType: 'challenge', targetId: s.challenge.id },
    { userId: person.id, targetType: 'organisation', targetId: org.id },
    { userId: person.id, targetType: 'solution', targetId: other.submission.id },
  ]);
  await app.db
    .insert(notices)
    .values({ userId: person.id, kind: 'realisation.stage', path: `/solutions/${s.submission.id}`, params: { solution: `${name}s nyhet`, stage: 'pilot' } });
  return { person, s, upcoming, otherTeam, jury, juryToken, org, other, owned };
}

test('My page shows each section for a person, links to the work, and nothing of a stranger', async (t) => {
  const app = await build(t);
  const ada = await aBusyPerson(app, 'Ada');
  const bo = await aBusyPerson(app, 'Bo');
  const client = await signedIn(app, ada.person);

  const home = await client.get('/events');
  assert.match(home.body, /<a href="\/me">Mitt Hack for Sweden<\/a>/);
  const queries = countQueries(app);
  const page = await client.get('/me');
  queries.stop();
  assert.equal(page.statusCode, 200);
  assert.equal(queries.count, 2, 'the session, then every section in one statement');
  const body = page.body;
  assert.match(body, /<h1>Mitt Hack for Sweden<\/h1>/);
  assert.match(body, /<a href="\/account">Mitt konto: profil och inställningar<\/a>/);

  // Events, upcoming before past, with the team, its proposal and the solution's stage.
  const upcomingAt = body.indexOf(`/events/${ada.upcoming.slug}"`);
  const pastAt = body.indexOf(`/events/${ada.s.event.slug}"`);
  assert.ok(upcomingAt > 0 && pastAt > upcomingAt, 'upcoming first');
  assert.match(body, /Kommande · Du är anmäld/);
  assert.match(body, new RegExp(`<a href="/events/${ada.upcoming.slug}/teams">Hitta ett lag</a>`));
  assert.match(body, /Avslutat · Du är anmäld/);
  const teamPath = `/events/${ada.s.event.slug}/teams/${ada.s.team.id}`;
  assert.match(
    body,
    new RegExp(
      `Lag: <a href="${teamPath}">Adas lag</a> · Förslag: <a href="${teamPath}/proposal">inlämnat</a> · <a href="/solutions/${ada.s.submission.id}">Adas lösning</a> \\(Idé\\)`,
    ),
  );

  // Jury work, linked; the invitation to the next jury links to its page.
  assert.match(body, /<strong>Adas jury<\/strong>/);
  assert.match(body, /Tilldelade bidrag: 1\. Väntar på din bedömning: 1\./);
  assert.match(body, /<a href="\/jury">Till juryarbetet<\/a>/);
  assert.match(body, new RegExp(`<a href="/jury/invitations/${ada.juryToken}">Inbjudan till juryn Adas nästa jury`));

  // Mentoring, both ways.
  assert.match(body, new RegExp(`<a href="/events/${ada.s.event.slug}/mentors">Mentorstid med Adas mentor</a>`));
  assert.match(body, new RegExp(`<a href="/events/${ada.other.event.slug}/mentoring">Du mentorerar laget Laget Ada mentorerar</a>`));

  // Check-ins due, for the team's solution and the organisation's, each linking to the update form.
  assert.match(body, new RegExp(`<a href="/solutions/${ada.s.submission.id}/updates/new">Adas lösning: hur går det 3 månader efter evenemanget\\?</a>`));
  assert.match(body, new RegExp(`<a href="/solutions/${ada.owned.submission.id}/updates/new">Adas organisations lösning: hur går det 6 månader`));
  assert.equal(body.match(/\/updates\/new"/g)?.length, 2, 'neither the scheduled nor the answered one');

  // Invitations and requests, both ways.
  assert.match(body, /Inbjudan att gå med i Adas inbjudande organisation\./);
  assert.match(body, new RegExp(`<a href="/events/${ada.upcoming.slug}/teams/${ada.otherTeam.id}">Din förfrågan att gå med i Laget Ada vill in i`));
  assert.match(body, new RegExp(`<a href="${teamPath}">Adas frågare vill gå med i ditt lag Adas lag</a>`));
  assert.match(body, new RegExp(`<a href="/solutions/${ada.s.submission.id}">Adas intressent vill ta Adas lösning vidare`));

  // What I follow, and the latest notice.
  assert.match(body, new RegExp(`Utmaning: <a href="/challenges/${ada.s.challenge.slug}">`));
  assert.match(body, new RegExp(`Organisation: <a href="/organisations/${ada.org.slug}">Adas inbjudande organisation</a>`));
  assert.match(body, new RegExp(`Lösning: <a href="/solutions/${ada.other.submission.id}">Bidrag Ada bedömer</a>`));
  assert.match(body, /Adas nyhet: nytt steg – Pilot/);

  // Nothing of Bo's, by name or by link.
  assert.doesNotMatch(body, /Bos (lag|lösning|jury|nästa|mentor|frågare|nyhet|inbjudande|intressent|organisations)|Bo (bedömer|vill in|mentorerar)/);
  for (const id of [bo.s.submission.id, bo.s.team.id, bo.juryToken, bo.upcoming.slug, bo.owned.submission.id]) assert.ok(!body.includes(id), id);

  // In English.
  const english = await client.get('/me?lang=en');
  assert.match(english.body, /<h1>My Hack for Sweden<\/h1>/);
  assert.match(english.body, /Upcoming · You are registered/);
  assert.match(english.body, /Adas nyhet: new stage – Pilot/);
});

test('My page for someone new: every section says there is nothing yet; not signed in, it asks for a sign-in', async (t) => {
  const app = await build(t);
  const person = await aUser(app);
  const page = await (await signedIn(app, person)).get('/me');
  assert.equal(page.body.match(/Inget just nu\./g)?.length, 7);
  const anonymous = await new Client(app).get('/me');
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /^\/signin/);
});

test('invitations by e-mail show only for a confirmed address', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Väntande organisation' });
  const member = await aMember(app, org.id);
  const person = await aUser(app);
  await app.db
    .insert(invitations)
    .values({ id: token(), organisationId: org.id, email: person.email, role: 'editor', expiresAt: hours(24), invitedBy: member.id });
  const client = await signedIn(app, person);
  assert.match((await client.get('/me')).body, /Inbjudan att gå med i Väntande organisation/);
  await app.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, person.id));
  assert.doesNotMatch((await client.get('/me')).body, /Väntande organisation/);
});
