import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build } from '../../test/app.ts';
import { aMember, aNeedOwner, anEvent, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { auditLog, awards, events, jurors, juryRounds, submissions, submissionVersions, teamMembers, teams } from '../../db/schema/index.ts';
import { emptyContent } from '../proposals/schema.ts';
import { assignRound, createJury, shortlist } from './commands/jury.ts';
import { findJury } from './queries.ts';

test('results and awards are published only once judging is closed; a need owner is told why, the organiser may go earlier with a reason (audited)', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id, 'editor');
  const event = await anEvent(app, {
    capacity: null,
    organisationId: org.id,
    phases: [
      ['registration', -100, -80],
      ['hacking', -72, -48],
      ['submission', -60, -48],
      ['judging', -48, 48],
    ],
  });
  const leader = await aRegistrant(app, event);
  const [team] = await app.db
    .insert(teams)
    .values({ eventId: event.id, name: 'Vinnarna', inviteToken: `res-${event.id}` })
    .returning();
  await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: leader.id, isLeader: true });
  const content = { ...emptyContent(), title: 'Vinnarlösningen' };
  const [s] = await app.db
    .insert(submissions)
    .values({ eventId: event.id, teamId: team.id, status: 'submitted', title: content.title, content, submittedVersion: 1, submittedAt: new Date() })
    .returning();
  await app.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content });
  const owner = await signedIn(app, editor);
  const published = async () => (await app.db.select().from(events).where(eq(events.id, event.id)))[0].resultsPublished;

  // No jury yet: nothing has been judged.
  await owner.get(`/events/${event.slug}/juries`);
  const unjudged = await owner.post(`/events/${event.slug}/results`, { published: 'yes' });
  assert.equal(unjudged.statusCode, 409);
  assert.match(unjudged.body, /först när en jury har bedömt förslagen/);

  // A jury with its round assigned and open: still refused, and the page says so instead of offering a button.
  const juryId = await createJury(app, editor.id, event.id, {
    name: 'Juryn',
    challengeId: null,
    trackId: null,
    template: 'challenge',
    scaleMax: 5,
    jurorsPerSubmission: 1,
  });
  const juror = await aUser(app);
  await app.db.insert(jurors).values({ juryId, email: juror.email, userId: juror.id, inviteToken: `res-juror-${juryId}`, acceptedAt: new Date() });
  const detail = (await findJury(app.db, event.id, juryId))!;
  await assignRound(app, editor.id, detail.jury, detail.rounds[0]);
  assert.equal(
    (await owner.post(`/events/${event.slug}/awards`, { submission: s.id, awardName: 'Bästa lösning', amountSek: '10000', sponsor: '' })).statusCode,
    303,
    'an award may be decided; it stays unpublished',
  );
  const juries = await owner.get(`/events/${event.slug}/juries`);
  assert.match(juries.body, /varje juryomgång där jurymedlemmar har fått förslag att bedöma måste vara stängd/);
  assert.doesNotMatch(juries.body, /Publicera resultaten/);
  const refused = await owner.post(`/events/${event.slug}/results`, { published: 'yes', override: 'yes', reason: 'Vi har bråttom' });
  assert.equal(refused.statusCode, 409, 'an organisation cannot set the rule aside');
  assert.equal(await published(), false);

  const organiserUser = await aUser(app, { organiser: true });
  const organiser = await signedIn(app, organiserUser);
  assert.match((await organiser.get(`/events/${event.slug}/juries`)).body, /name="override"/);
  const noReason = await organiser.post(`/events/${event.slug}/results`, { published: 'yes', override: 'yes', reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#f-reason"/);
  assert.equal(await published(), false);
  assert.equal(
    (
      await organiser.post(`/events/${event.slug}/results`, {
        published: 'yes',
        override: 'yes',
        reason: 'Juryn beslutade på mötet; poängen förs in i efterhand',
      })
    ).statusCode,
    303,
  );
  assert.equal(await published(), true);
  const [logged] = await app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'phase.overridden'), eq(auditLog.subjectId, event.id)));
  assert.deepEqual(
    [logged.actorId, logged.details.rule, logged.details.reason],
    [organiserUser.id, 'results', 'Juryn beslutade på mötet; poängen förs in i efterhand'],
  );

  // Once the round is closed, the organisation publishes by itself (a shortlisted final nobody was assigned to judge
  // in the platform, say one judged on stage, has nothing to wait for).
  await owner.post(`/events/${event.slug}/results`, { published: 'no' });
  await owner.post(`/events/${event.slug}/juries/${juryId}/rounds/first/close`);
  await shortlist(app, editor.id, detail.jury, [s.id]);
  assert.equal((await app.db.select().from(juryRounds).where(eq(juryRounds.juryId, juryId))).length, 2);
  assert.equal((await owner.post(`/events/${event.slug}/results`, { published: 'yes' })).statusCode, 303);
  assert.equal(await published(), true);
});

test('removing an award is asked first, saying it leaves the published results too', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const leader = await aRegistrant(app, event);
  const [team] = await app.db
    .insert(teams)
    .values({ eventId: event.id, name: 'Pristagarna', inviteToken: `award-${event.id}` })
    .returning();
  await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: leader.id, isLeader: true });
  const content = { ...emptyContent(), title: 'Prislösningen' };
  const [s] = await app.db
    .insert(submissions)
    .values({ eventId: event.id, teamId: team.id, status: 'submitted', title: content.title, content, submittedVersion: 1, submittedAt: new Date() })
    .returning();
  const [award] = await app.db.insert(awards).values({ eventId: event.id, submissionId: s.id, name: 'Juryns pris' }).returning();
  await app.db.update(events).set({ resultsPublished: true }).where(eq(events.id, event.id));
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));

  const page = await organiser.get(`/events/${event.slug}/juries`);
  assert.match(page.body, new RegExp(`href="/events/${event.slug}/awards/${award.id}/remove"`));
  assert.doesNotMatch(page.body, /action="[^"]*\/awards\/[^"]*\/remove"/, 'no one-click removal');
  const ask = await organiser.get(`/events/${event.slug}/awards/${award.id}/remove`);
  assert.match(ask.body, /Priset ”Juryns pris” till Prislösningen tas bort, också från de publicerade resultaten/);
  assert.match(ask.body, /class="button button-warning"/);
  assert.equal((await organiser.post(`/events/${event.slug}/awards/${award.id}/remove`)).headers.location, `/events/${event.slug}/awards/${award.id}/remove`);
  assert.equal((await app.db.select().from(awards).where(eq(awards.eventId, event.id))).length, 1);
  assert.equal((await organiser.post(`/events/${event.slug}/awards/${award.id}/remove`, { confirm: 'yes' })).statusCode, 303);
  assert.equal((await app.db.select().from(awards).where(eq(awards.eventId, event.id))).length, 0);
});
