import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aParticipant, aUser, movePhase, signedIn } from '../../test/factories.ts';
import { linkIn, startMailServer } from '../../test/mail-server.ts';
import { datasets, juries, juryRoundEntries, juryRounds, notices, outbox, submissionDatasets, users, type PhaseKind } from '../../db/schema/index.ts';
import { aSolution } from '../../test/solutions.ts';
import { setResultsPublished } from '../judging/commands/results.ts';

const mail = await startMailServer();

const proposal = (datasetId: string, title = 'Badkollen') => ({
  title,
  pitch: 'Vi visar var det går att bada. Kommunen ser vattenproven. Alla vinner.',
  problem: 'Ingen vet om vattnet är rent.',
  solution: 'En karta med vattenprov.',
  actionPlan: 'Pilot i sommar.',
  videoUrl: 'https://video.example.se/badkollen',
  technical: 'TypeScript.',
  sourceUrl: 'https://git.example.se/badkollen',
  demoUrl: '',
  moreDatasets: `http://localhost/datasets/${datasetId}`,
  otherSources: '',
  licence: 'EUPL-1.2',
  contactEmail: 'lag@example.se',
});

/** A member of the publisher with the mail choice and language given. */
async function aPublisherMember(app: TestApp, organisationId: string, noticeMail: 'immediate' | 'weekly' | 'off', lang: 'sv' | 'en' = 'sv') {
  const user = await aMember(app, organisationId);
  await app.db.update(users).set({ noticeMail, preferredLanguage: lang }).where(eq(users.id, user.id));
  return user;
}

/**
 * A publisher (a municipality with a dataset and four members, one for each way of hearing), and a team at another
 * organisation's event whose hacking began an hour ago.
 */
async function setting(app: TestApp) {
  const publisher = await aNeedOwner(app, { name: 'Badkommunen', type: 'municipality' });
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: publisher.id, key: 'bad', iri: '', titleSv: 'Badplatser och vattenprov' })
    .returning();
  const immediate = await aPublisherMember(app, publisher.id, 'immediate');
  const english = await aPublisherMember(app, publisher.id, 'immediate', 'en');
  const weekly = await aPublisherMember(app, publisher.id, 'weekly', 'en');
  const off = await aPublisherMember(app, publisher.id, 'off');

  const host = await aNeedOwner(app);
  const challenge = await aChallenge(app, host, (await aMember(app, host.id, 'owner')).id, { titleSv: 'Renare bad' });
  const phases: [PhaseKind, number, number][] = [
    ['registration', -24, 24],
    ['hacking', -1, 95],
    ['submission', 47, 95],
  ];
  const event = await anEvent(app, { capacity: null, challengeIds: [challenge.id], phases });
  const lead = await aParticipant(app, event);
  await lead.client.get(`/events/${event.slug}/teams/new`);
  const teamPath = String((await lead.client.post(`/events/${event.slug}/teams`, { name: 'Badlaget', challenge: challenge.id })).headers.location);
  return { publisher, dataset, immediate, english, weekly, off, event, lead, teamPath };
}

const noticesOf = (app: TestApp, userId: string, kind: string) =>
  app.db
    .select()
    .from(notices)
    .where(and(eq(notices.userId, userId), eq(notices.kind, kind)));

test('members of a publisher are told when a proposal uses its data, when solutions using it go public, and of problem reports and data requests: at once, weekly or not, with one-click unsubscribe', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const { publisher, dataset, immediate, english, weekly, off, event, lead, teamPath } = await setting(app);
  const dataUse = `/organisations/${publisher.slug}/data-use`;

  // The team submits a proposal that uses the publisher's dataset, through the form.
  assert.equal((await lead.client.post(`${teamPath}/proposal`, { ...proposal(dataset.id), action: 'submit' })).statusCode, 303);

  const sv = await mail.waitFor((m) => m.to === immediate.email && m.subject === 'Era data används: Badplatser och vattenprov');
  assert.ok(sv.text.includes(`${app.config.publicUrl}${dataUse}`), sv.text);
  assert.match(sv.text, /Ett lag i Hacka krisen .* har lämnat in ett bidrag som använder data från Badkommunen: Badplatser och vattenprov/);
  assert.doesNotMatch(sv.text, /Badkollen|Badlaget/, 'the proposal is not public yet: neither it nor its team is named');
  assert.match(sv.headers['list-unsubscribe'], /^<http:\/\/127\.0\.0\.1:3000\/unsubscribe\/[^>]+>$/);
  assert.equal(sv.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  await mail.waitFor((m) => m.to === english.email && m.subject === 'Your data is being used: Badplatser och vattenprov');
  // The weekly reader gets a digest (their first, so at once) listing it.
  const digest = await mail.waitFor((m) => m.to === weekly.email && /^This week's news about what you follow/.test(m.subject));
  assert.match(digest.text, /Badkommunen: a submission in Hacka krisen .* uses Badplatser och vattenprov/);
  assert.ok(digest.text.includes(dataUse));
  // Mail off: the notice is there, the mail is not; the team member who submitted is no member, and nobody else is told.
  assert.equal((await noticesOf(app, off.id, 'dataUse.submitted')).length, 1);
  assert.equal((await noticesOf(app, lead.id, 'dataUse.submitted')).length, 0);

  // Submitting again with the same data tells no one again.
  assert.equal((await lead.client.post(`${teamPath}/proposal`, { ...proposal(dataset.id, 'Badkollen 2'), action: 'submit' })).statusCode, 303);
  assert.equal((await noticesOf(app, immediate.id, 'dataUse.submitted')).length, 1);

  // One click in the mail's link turns the Swedish member's mail off (RFC 8058: a POST without cookie or token).
  const unsubscribe = new URL(linkIn(sv.text, '/unsubscribe/')).pathname;
  const res = await app.inject({
    method: 'POST',
    url: unsubscribe,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.statusCode, 200);
  assert.equal((await app.db.select({ m: users.noticeMail }).from(users).where(eq(users.id, immediate.id)))[0].m, 'off');

  // A problem report: the English member is mailed; the one who unsubscribed gets the notice but no mail.
  const reporterUser = await aUser(app);
  const reporter = await signedIn(app, reporterUser);
  await reporter.get(`/datasets/${dataset.id}`);
  assert.equal((await reporter.post(`/datasets/${dataset.id}/reports`, { kind: 'broken_link', message: 'Länken till CSV-filen ger 404.' })).statusCode, 303);
  const reported = await mail.waitFor((m) => m.to === english.email && m.subject === 'New problem reported: Badplatser och vattenprov');
  assert.match(reported.text, /Broken link:\nLänken till CSV-filen ger 404\./);
  assert.ok(reported.text.includes(`${app.config.publicUrl}/dataset-reports`));
  assert.equal((await noticesOf(app, immediate.id, 'dataset.reported')).length, 1);

  // A data request, likewise.
  await reporter.get(`/organisations/${publisher.slug}/data-requests/new`);
  const asked = await reporter.post(`/organisations/${publisher.slug}/data-requests/new`, {
    title: 'Vattenprov som API',
    description: 'Vi behöver proven maskinläsbart, varje vecka.',
    format: 'JSON',
    challenge: '',
    event: '',
  });
  assert.equal(asked.statusCode, 303);
  const requested = await mail.waitFor((m) => m.to === english.email && m.subject === 'New data request: Vattenprov som API');
  assert.ok(requested.text.includes(`${app.config.publicUrl}${asked.headers.location}`));

  // The gallery is published after the deadline: now the solution is public, and the publisher is told how many.
  await movePhase(app, event.id, 'submission', -48, -2);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/events/${event.slug}/manage`);
  assert.equal((await organiser.post(`/events/${event.slug}/gallery`, { published: 'yes' })).statusCode, 303);
  const published = await mail.waitFor((m) => m.to === english.email && m.subject === 'Solutions that use your data are published (1)');
  assert.ok(published.text.includes(dataUse));
  // Hiding and publishing again tells no one again.
  assert.equal((await organiser.post(`/events/${event.slug}/gallery`, { published: 'no' })).statusCode, 303);
  assert.equal((await organiser.post(`/events/${event.slug}/gallery`, { published: 'yes' })).statusCode, 303);
  assert.equal((await noticesOf(app, english.id, 'dataUse.published')).length, 1);

  // Nothing went by mail to the member who unsubscribed after the first, nor to the one with mail off.
  await mail.waitFor((m) => m.to === english.email && m.subject === 'New data request: Vattenprov som API');
  const mailed = async (id: string) => (await app.db.select({ subject: outbox.subject }).from(outbox).where(eq(outbox.userId, id))).map((r) => r.subject);
  assert.deepEqual(await mailed(immediate.id), ['Era data används: Badplatser och vattenprov']);
  assert.deepEqual(await mailed(off.id), []);
  // The data-use page names the solution now that it is public.
  const page = await lead.client.get(dataUse);
  assert.match(page.body, /<a href="\/solutions\/[0-9a-f-]{36}">Badkollen 2<\/a>/);
});

test('publishing results makes finalists public: the publisher whose data they used is told once, and not of another publisher’s', async (t) => {
  const app = await build(t);
  const publisher = await aNeedOwner(app, { name: 'Kartverket' });
  const member = await aPublisherMember(app, publisher.id, 'immediate');
  const other = await aNeedOwner(app);
  const bystander = await aPublisherMember(app, other.id, 'immediate');
  const [dataset] = await app.db.insert(datasets).values({ organisationId: publisher.id, key: 'kartor', iri: '', titleSv: 'Kartor' }).returning();
  const finalist = await aSolution(app, { title: 'Kartkollen', gallery: false });
  await app.db.insert(submissionDatasets).values({ submissionId: finalist.submission.id, datasetId: dataset.id });
  const [jury] = await app.db.insert(juries).values({ eventId: finalist.event.id, name: 'Juryn' }).returning();
  const [final] = await app.db.insert(juryRounds).values({ juryId: jury.id, kind: 'final' }).returning();
  await app.db.insert(juryRoundEntries).values({ roundId: final.id, submissionId: finalist.submission.id });
  const organiser = await aUser(app, { organiser: true });
  const publish = (published: boolean) => setResultsPublished(app, organiser.id, finalist.event.id, published, { reason: 'Juryn beslutade på mötet' });

  assert.equal(await publish(true), 'done');
  const [told] = await noticesOf(app, member.id, 'dataUse.published');
  assert.equal(told.path, `/organisations/${publisher.slug}/data-use`);
  assert.equal(told.params.count, 1);
  assert.equal((await noticesOf(app, bystander.id, 'dataUse.published')).length, 0);
  // Hidden and published again: nothing new to tell.
  await publish(false);
  await publish(true);
  assert.equal((await noticesOf(app, member.id, 'dataUse.published')).length, 1);
});
