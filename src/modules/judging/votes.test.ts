import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { awards, events, juries, juryRounds, submissions, submissionVersions, teamMembers, teams, users, votes } from '../../db/schema/index.ts';
import { emptyContent } from '../proposals/schema.ts';
import { castVote } from './commands/votes.ts';

test("participants' choice: opened by the organiser, one vote per verified account, never for one's own team, counted in the open when closed", async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, event.id));
  const made: { leader: Awaited<ReturnType<typeof aRegistrant>>; submission: typeof submissions.$inferSelect }[] = [];
  for (const name of ['Ett', 'Två']) {
    const leader = await aRegistrant(app, event);
    const [team] = await app.db
      .insert(teams)
      .values({ eventId: event.id, name, inviteToken: `vote-${name}-${event.id}` })
      .returning();
    await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: leader.id, isLeader: true });
    const content = { ...emptyContent(), title: `Lösning ${name}` };
    const [s] = await app.db
      .insert(submissions)
      .values({ eventId: event.id, teamId: team.id, status: 'submitted', title: content.title, content, submittedVersion: 1, submittedAt: new Date() })
      .returning();
    await app.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content });
    made.push({ leader, submission: s });
  }
  const voter = await signedIn(app, await aUser(app));
  // Closed: no buttons, and a forged POST counts nothing.
  assert.doesNotMatch((await voter.get(`/events/${event.slug}/solutions`)).body, /Rösta på/);
  await voter.post(`/events/${event.slug}/votes`, { submission: made[0].submission.id });
  assert.equal((await app.db.select().from(votes)).length, 0);

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/events/${event.slug}/juries`);
  assert.equal((await organiser.post(`/events/${event.slug}/voting`, { state: 'open' })).statusCode, 303);

  const gallery = await voter.get(`/events/${event.slug}/solutions`);
  assert.match(gallery.body, /Rösta på Lösning Ett/);
  const voted = await voter.post(`/events/${event.slug}/votes`, { submission: made[0].submission.id });
  assert.match((await voter.get(String(voted.headers.location))).body, /Tack för din röst/);
  const twice = await voter.post(`/events/${event.slug}/votes`, { submission: made[1].submission.id });
  assert.match((await voter.get(String(twice.headers.location))).body, /Din röst/);
  assert.equal((await app.db.select().from(votes)).length, 1, 'one vote a person');

  // Not for one's own team; not from an unverified account; many at once from one account still count once.
  const own = await signedIn(app, made[1].leader);
  const refused = await own.post(`/events/${event.slug}/votes`, { submission: made[1].submission.id });
  assert.match((await own.get(String(refused.headers.location))).body, /inte rösta på ditt eget lag/);
  const [unverified] = await app.db
    .insert(users)
    .values({ email: `ny-${event.slug}@example.org`, name: 'Ny' })
    .returning();
  assert.equal(await castVote(app, { id: unverified.id, emailVerified: false }, event.id, made[0].submission.id), 'unverified');
  const eager = await aUser(app);
  const outcomes = await Promise.all(Array.from({ length: 8 }, () => castVote(app, { id: eager.id, emailVerified: true }, event.id, made[1].submission.id)));
  assert.equal(outcomes.filter((o) => o === 'voted').length, 1);

  // Counted in the open once closed (and the jury's round closed, which publishing results waits for).
  const [jury] = await app.db.insert(juries).values({ eventId: event.id, name: 'Juryn' }).returning();
  await app.db.insert(juryRounds).values({ juryId: jury.id, kind: 'first', closedAt: new Date() });
  await organiser.post(`/events/${event.slug}/voting`, { state: 'closed' });
  await organiser.post(`/events/${event.slug}/results`, { published: 'yes' });
  const results = await voter.get(`/events/${event.slug}/results`);
  assert.match(results.body, /Publikens val/);
  assert.match(results.body, /<td>Lösning Ett<\/td><td>1<\/td>/);
  assert.match(results.body, /<td>Lösning Två<\/td><td>1<\/td>/);
});

test('a challenge page shows what came of it once an event publishes its results', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const owner = await aMember(app, org.id, 'owner');
  const challenge = await aChallenge(app, org, owner.id, { titleSv: 'Renare sjöar' });
  const event = await anEvent(app, { capacity: null, challengeIds: [challenge.id] });
  const leader = await aRegistrant(app, event);
  const [team] = await app.db
    .insert(teams)
    .values({ eventId: event.id, name: 'Sjölaget', challengeId: challenge.id, inviteToken: `lake-${event.id}` })
    .returning();
  await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: leader.id, isLeader: true });
  const content = { ...emptyContent(), title: 'Sjökollen' };
  const [s] = await app.db
    .insert(submissions)
    .values({
      eventId: event.id,
      teamId: team.id,
      challengeId: challenge.id,
      status: 'submitted',
      title: content.title,
      content,
      submittedVersion: 1,
      submittedAt: new Date(),
    })
    .returning();
  await app.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content });
  await app.db.insert(awards).values({ eventId: event.id, submissionId: s.id, name: 'Juryns pris', amountSek: 10000 });
  const visitor = new Client(app);
  assert.doesNotMatch((await visitor.get(`/challenges/${challenge.slug}`)).body, /Juryns pris/, 'nothing before the results are published');
  await app.db.update(events).set({ resultsPublished: true, galleryPublished: true }).where(eq(events.id, event.id));
  const page = await visitor.get(`/challenges/${challenge.slug}?fresh=1`);
  assert.match(page.body, /Juryns pris: Sjökollen \(Sjölaget/);
  assert.match(page.body, new RegExp(`href="/solutions\\?challenge=${challenge.id}">1 publicerad lösning`));
});
