import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aParticipant, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { linkIn, startMailServer } from '../../test/mail-server.ts';
import { teamMembers, teams } from '../../db/schema/index.ts';
import { joinByInvite } from './commands/membership.ts';

const mail = await startMailServer();
const teamIdIn = (location: unknown) => /\/teams\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? assert.fail(`no team in ${location}`);

test('teams: create, invite by link and e-mail, ask to join and be accepted, hand over, leave; one team a person; sizes hold', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const org = await aNeedOwner(app);
  const owner = await aMember(app, org.id, 'owner');
  const challenge = await aChallenge(app, org, owner.id, { titleSv: 'Cyklar i Södertälje' });
  const event = await anEvent(app, { capacity: null, teamMax: 3, challengeIds: [challenge.id], tracks: ['Konceptlösning', 'Digital lösning'] });
  const [lead, second, third, fourth] = await Promise.all([1, 2, 3, 4].map(() => aParticipant(app, event)));

  // Bad input re-renders with the summary; a challenge of another event is refused, not stored.
  await lead.client.get(`/events/${event.slug}/teams/new`);
  const bad = await lead.client.post(`/events/${event.slug}/teams`, { name: 'x', challenge: crypto.randomUUID() });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-name"/);
  assert.match(bad.body, /href="#f-challenge"|Välj ett av alternativen/);

  const created = await lead.client.post(`/events/${event.slug}/teams`, {
    name: 'Cykelgänget',
    pitch: 'Säkrare cykelvägar',
    challenge: challenge.id,
    track: event.tracks[1].id,
    rolesWanted: ['designer'],
    lookingForMembers: 'on',
  });
  assert.equal(created.statusCode, 303);
  const teamId = teamIdIn(created.headers.location);
  const page = await lead.client.get(`/events/${event.slug}/teams/${teamId}`);
  assert.match(page.body, /Cykelgänget/);
  assert.match(page.body, /Digital lösning/);
  const invite = /\/teams\/join\/([A-Za-z0-9_-]+)/.exec(page.body)![1];

  // The same name (any case) is taken at the event.
  await second.client.get(`/events/${event.slug}/teams/new`);
  const dup = await second.client.post(`/events/${event.slug}/teams`, { name: 'CYKELGÄNGET' });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /redan ett lag med det namnet/);

  // By e-mail: the invitee follows the link in the mail and joins.
  assert.equal((await lead.client.post(`/events/${event.slug}/teams/${teamId}/invitations`, { email: second.email })).statusCode, 303);
  const invited = await mail.waitFor((m) => m.to === second.email && /Inbjudan till laget Cykelgänget/.test(m.subject));
  const link = linkIn(invited.text, `/events/${event.slug}/teams/join/`);
  assert.match((await second.client.get(link)).body, /Gå med i laget/);
  assert.equal((await second.client.post(link)).headers.location, `/events/${event.slug}/teams/${teamId}`);

  // Asking to join: the leader is mailed, accepts, the person is told.
  await third.client.get(`/events/${event.slug}/teams/${teamId}`);
  const asked = await third.client.post(`/events/${event.slug}/teams/${teamId}/requests`, { message: 'Jag är designer <b>!</b>' });
  assert.equal(asked.statusCode, 303);
  await mail.waitFor((m) => m.to === lead.email && /vill gå med i Cykelgänget/.test(m.subject));
  const leaderView = await lead.client.get(`/events/${event.slug}/teams/${teamId}`);
  assert.match(leaderView.body, /Jag är designer &lt;b>!&lt;\/b>/, 'the message is escaped');
  const requestId = /\/requests\/([0-9a-f-]{36})"/.exec(leaderView.body)![1];
  // Only the leader decides.
  assert.equal((await second.client.post(`/events/${event.slug}/teams/${teamId}/requests/${requestId}`, { decision: 'accept' })).statusCode, 403);
  assert.equal((await lead.client.post(`/events/${event.slug}/teams/${teamId}/requests/${requestId}`, { decision: 'accept' })).statusCode, 303);
  await mail.waitFor((m) => m.to === third.email && /Du är med i Cykelgänget/.test(m.subject));

  // Full at three: the invite link refuses the fourth, on the page and on the server.
  await fourth.client.get(`/events/${event.slug}/teams/join/${invite}`);
  const refused = await fourth.client.post(`/events/${event.slug}/teams/join/${invite}`);
  assert.equal(refused.statusCode, 303);
  assert.match((await fourth.client.get(String(refused.headers.location))).body, /Laget är fullt\./);
  assert.equal((await app.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId))).length, 3);

  // One team a person: the second member cannot start another team at the event.
  const again = await second.client.post(`/events/${event.slug}/teams`, { name: 'Ett till lag' });
  assert.equal(again.statusCode, 303);
  assert.match((await second.client.get(String(again.headers.location))).body, /redan med i ett lag/);

  // The leader cannot leave while others remain; hands over; then leaves.
  assert.match(
    (await lead.client.get(String((await lead.client.get(`/events/${event.slug}/teams/${teamId}/leave`)).headers.location))).body,
    /Lämna över ledarskapet till någon annan först/,
  );
  assert.equal((await lead.client.post(`/events/${event.slug}/teams/${teamId}/leader`, { member: second.id })).statusCode, 303);
  await mail.waitFor((m) => m.to === second.email && /Du leder nu Cykelgänget/.test(m.subject));
  // Leaving is asked first; without the confirmation the POST only leads to the question.
  assert.match((await lead.client.get(`/events/${event.slug}/teams/${teamId}/leave`)).body, /Lämna Cykelgänget\?/);
  assert.equal((await lead.client.post(`/events/${event.slug}/teams/${teamId}/leave`)).headers.location, `/events/${event.slug}/teams/${teamId}/leave`);
  assert.equal((await app.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId))).length, 3);
  assert.equal((await lead.client.post(`/events/${event.slug}/teams/${teamId}/leave`, { confirm: 'yes' })).statusCode, 303);
  const members = await app.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
  assert.deepEqual(
    members.map((m) => [m.userId, m.isLeader]).sort(),
    [
      [second.id, true],
      [third.id, false],
    ].sort(),
  );

  // Outsiders: someone without a place cannot join; another event's team id is missing.
  const stranger = await signedIn(app, await aUser(app));
  assert.match((await stranger.get(`/events/${event.slug}/teams/join/${invite}`)).body, /behöver en plats på evenemanget/);
  const other = await anEvent(app);
  assert.equal((await stranger.get(`/events/${other.slug}/teams/${teamId}`)).statusCode, 404);
  assert.equal((await stranger.get(`/events/${event.slug}/teams/not-a-uuid`)).statusCode, 404);
});

test('many joining one team at once never overfill it', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null, teamMax: 4 });
  const lead = await aRegistrant(app, event);
  const [team] = await app.db.insert(teams).values({ eventId: event.id, name: 'Trängsel', inviteToken: 'tok-trangsel' }).returning();
  await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: lead.id, isLeader: true });
  const people = await Promise.all(Array.from({ length: 12 }, () => aRegistrant(app, event)));
  const outcomes = await Promise.all([...people.map((p) => joinByInvite(app, p.id, team)), joinByInvite(app, people[0].id, team)]);
  assert.equal(outcomes.filter((o) => o === 'joined').length, 3);
  assert.ok(outcomes.every((o) => o === 'joined' || o === 'full' || o === 'alreadyInTeam'));
  assert.equal((await app.db.select().from(teamMembers).where(eq(teamMembers.teamId, team.id))).length, 4);
});

test('the team board: filters, and suggested matches that say why', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const owner = await aMember(app, org.id, 'owner');
  const bikes = await aChallenge(app, org, owner.id, { titleSv: 'Cyklar' });
  const water = await aChallenge(app, org, owner.id, { titleSv: 'Vatten' });
  const event = await anEvent(app, { capacity: null, challengeIds: [bikes.id, water.id] });
  const [lead, designer, developer, dataPerson] = await Promise.all([1, 2, 3, 4].map((n) => aParticipant(app, event, { name: `Person ${n}` })));

  await lead.client.get(`/events/${event.slug}/teams/new`);
  await lead.client.post(`/events/${event.slug}/teams`, {
    name: 'Cykellaget',
    challenge: bikes.id,
    rolesWanted: ['designer', 'data'],
    lookingForMembers: 'on',
  });

  await designer.client.get(`/events/${event.slug}/teams/looking`);
  const bad = await designer.client.post(`/events/${event.slug}/teams/looking`, { skills: 'Figma' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-roles"/);
  assert.equal(
    (
      await designer.client.post(`/events/${event.slug}/teams/looking`, {
        roles: ['designer'],
        skills: 'Figma, tjänstedesign',
        languages: ['sv', 'en'],
        challenge: bikes.id,
      })
    ).statusCode,
    303,
  );
  await developer.client.get(`/events/${event.slug}/teams/looking`);
  await developer.client.post(`/events/${event.slug}/teams/looking`, { roles: ['developer'], skills: 'TypeScript', languages: ['en'], challenge: water.id });
  await dataPerson.client.get(`/events/${event.slug}/teams/looking`);
  await dataPerson.client.post(`/events/${event.slug}/teams/looking`, { roles: ['data'], languages: ['sv'], challenge: water.id });

  // The designer is suggested the bike team (wants a designer, same challenge) and the developer (complementary role).
  const board = await designer.client.get(`/events/${event.slug}/teams`);
  const suggested = board.body.slice(board.body.indexOf('Förslag till dig'), board.body.indexOf('Lag som söker folk'));
  assert.match(suggested, /Cykellaget[\s\S]*Roller som passar: Designer[\s\S]*Samma utmaning/);
  assert.match(suggested, /Person 3[\s\S]*Roller som passar: Utvecklare[\s\S]*Gemensamt språk: engelska/);

  // The leader is suggested people with the roles the team wants.
  const leaderBoard = await lead.client.get(`/events/${event.slug}/teams`);
  assert.match(leaderBoard.body, /Förslag till dig[\s\S]*Person 2[\s\S]*Roller som passar: Designer/);
  assert.match(leaderBoard.body, /Person 4[\s\S]*Roller som passar: Dataanalytiker/);

  // Filters on the people tab.
  const devs = await lead.client.get(`/events/${event.slug}/teams?tab=people&role=developer`);
  assert.match(devs.body, /1 person\b/);
  assert.match(devs.body, /TypeScript/);
  const swedish = await lead.client.get(`/events/${event.slug}/teams?tab=people&language=sv&challenge=${water.id}`);
  assert.match(swedish.body, /1 person\b/);
  assert.match(swedish.body, /Person 4/);

  // Joining a team takes a person off the board.
  const teamId = /\/teams\/([0-9a-f-]{36})"/.exec(leaderBoard.body)![1];
  await designer.client.post(`/events/${event.slug}/teams/${teamId}/requests`, { message: '' });
  const view = await lead.client.get(`/events/${event.slug}/teams/${teamId}`);
  const requestId = /\/requests\/([0-9a-f-]{36})"/.exec(view.body)![1];
  await lead.client.post(`/events/${event.slug}/teams/${teamId}/requests/${requestId}`, { decision: 'accept' });
  assert.match((await lead.client.get(`/events/${event.slug}/teams?tab=people`)).body, /2 personer/);
});

test('the last member dissolving a team is told first that the team and its draft go for good', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const lead = await aParticipant(app, event);
  await lead.client.get(`/events/${event.slug}/teams/new`);
  const teamPath = String((await lead.client.post(`/events/${event.slug}/teams`, { name: 'Ensamvargarna' })).headers.location);
  assert.match((await lead.client.get(teamPath)).body, new RegExp(`<a href="${teamPath}/leave" class="link-warning">Lämna och lös upp laget</a>`));
  const ask = await lead.client.get(`${teamPath}/leave`);
  assert.match(ask.body, /<h1>Lösa upp Ensamvargarna\?<\/h1>/);
  assert.match(ask.body, /utkast till lösningsförslag tas bort och går inte att få tillbaka/);
  assert.match(ask.body, /<button type="submit" class="button button-warning">Ja, lös upp laget<\/button>/);
  assert.match(ask.body, new RegExp(`<a href="${teamPath}">Nej, gå tillbaka</a>`));
  assert.equal((await app.db.select().from(teams).where(eq(teams.eventId, event.id))).length, 1);
  assert.equal((await lead.client.post(`${teamPath}/leave`, { confirm: 'yes' })).statusCode, 303);
  assert.equal((await app.db.select().from(teams).where(eq(teams.eventId, event.id))).length, 0);
});
