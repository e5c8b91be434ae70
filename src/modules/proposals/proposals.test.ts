import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aParticipant, aUser, movePhase, signedIn } from '../../test/factories.ts';
import { auditLog, datasets, events, submissionDatasets, submissions, submissionVersions, teamMembers, teams } from '../../db/schema/index.ts';
import { sentenceCount } from './schema.ts';
import type { PhaseKind } from '../../db/schema/index.ts';

const complete = (datasetId: string) => ({
  title: 'Cykelkollen',
  pitch: 'Vi visar var cykelvägarna är farliga. Kommunen prioriterar rätt. Alla vinner.',
  problem: 'Olyckor på cykelvägar.',
  solution: 'En karta över olyckor och flöden.',
  actionPlan: 'Pilot med Södertälje i vår.',
  videoUrl: 'https://video.example.se/cykelkollen',
  technical: 'TypeScript, PostGIS.',
  sourceUrl: 'https://git.example.se/cykelkollen',
  demoUrl: '',
  moreDatasets: `http://localhost/datasets/${datasetId}`,
  otherSources: 'Egna mätningar',
  licence: 'EUPL-1.2',
  contactEmail: 'lag@example.se',
});

/** A team at an event whose hacking began an hour ago (submission closes in four days), unless `hackingIn` says otherwise. */
async function aTeamWithProposalRights(app: TestApp, opts: { teamMin?: number; graceMinutes?: number; hackingIn?: number } = {}) {
  const org = await aNeedOwner(app);
  const owner = await aMember(app, org.id, 'owner');
  const challenge = await aChallenge(app, org, owner.id, { titleSv: 'Säkrare cykling' });
  const h = opts.hackingIn ?? -1;
  const phases: [PhaseKind, number, number][] = [
    ['registration', -24, 24],
    ['hacking', h, h + 96],
    ['submission', h + 48, h + 96],
  ];
  const event = await anEvent(app, { capacity: null, challengeIds: [challenge.id], teamMin: opts.teamMin ?? 1, graceMinutes: opts.graceMinutes ?? 0, phases });
  const lead = await aParticipant(app, event);
  await lead.client.get(`/events/${event.slug}/teams/new`);
  const created = await lead.client.post(`/events/${event.slug}/teams`, { name: 'Cykelkollen', challenge: challenge.id });
  const teamPath = String(created.headers.location);
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: org.id, key: `olyckor-${event.slug}`, iri: `http://example.se/${event.slug}`, titleSv: 'Cykelolyckor' })
    .returning();
  return { event, lead, teamPath, dataset, challenge };
}

test('sentences are counted as people write them', () => {
  assert.equal(sentenceCount('Ett. Två! Tre?'), 3);
  assert.equal(sentenceCount('Vi använder t.ex. data från SCB. Version 3.5 är klar'), 2);
  assert.equal(sentenceCount(''), 0);
});

test('proposals: drafts are versions, submitting asks for the whole template, the team sees what was submitted and when, the deadline is the server’s', async (t) => {
  const app = await build(t);
  const { event, lead, teamPath, dataset } = await aTeamWithProposalRights(app, { teamMin: 1, graceMinutes: 30 });
  const proposal = `${teamPath}/proposal`;
  const form = await lead.client.get(proposal);
  assert.match(form.body, /allmänna handlingar/);
  assert.match(form.body, /Kontaktadressen publiceras inte/);

  // A draft saves with most of the template empty.
  assert.equal((await lead.client.post(proposal, { title: 'Cykelkollen', action: 'save' })).statusCode, 303);
  // Submitting an incomplete proposal names every missing field, and a four-sentence pitch.
  const incomplete = await lead.client.post(proposal, { title: 'Cykelkollen', pitch: 'Ett. Två. Tre. Fyra.', action: 'submit' });
  assert.equal(incomplete.statusCode, 400);
  for (const field of ['problem', 'solution', 'actionPlan', 'videoUrl', 'technical', 'licence'])
    assert.match(incomplete.body, new RegExp(`href="#f-${field}"`));
  assert.match(incomplete.body, /Pitchen har 4 meningar/);
  assert.match(incomplete.body, /value="Cykelkollen"/, 'what was typed is kept');
  // A pasted link to something not in the catalog is refused and nothing is lost.
  const unknown = await lead.client.post(proposal, { ...complete(crypto.randomUUID()), action: 'save' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /pekar inte på en datamängd i katalogen/);
  assert.match(unknown.body, /Olyckor på cykelvägar/);

  assert.equal((await lead.client.post(proposal, { ...complete(dataset.id), action: 'submit' })).statusCode, 303);
  const [row] = await app.db.select().from(submissions).where(eq(submissions.eventId, event.id));
  assert.equal(row.status, 'submitted');
  assert.equal(row.submittedVersion, 2, 'the first save, then the submitted version (refused saves made none)');
  assert.deepEqual(
    (await app.db.select().from(submissionDatasets).where(eq(submissionDatasets.submissionId, row.id))).map((d) => d.datasetId),
    [dataset.id],
  );

  // A later draft change does not alter what was submitted.
  await lead.client.post(proposal, { ...complete(dataset.id), title: 'Cykelkollen 2', action: 'save' });
  const page = await lead.client.get(proposal);
  assert.match(page.body, /Inlämnat: version 2/);
  assert.match(page.body, /Utkastet har ändrats sedan dess/);
  const submitted = await lead.client.get(`${proposal}/versions/2`);
  assert.match(submitted.body, /<h1>Cykelkollen – Version 2<\/h1>/);
  assert.doesNotMatch(submitted.body, /lag@example\.se/, 'the contact address is not shown in a read view');
  assert.equal((await app.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, row.id))).length, 3);

  // Past the deadline but within grace: still accepted. Past grace: refused by the server, nothing changes.
  await movePhase(app, event.id, 'submission', -48, -0.25);
  assert.match(
    (await lead.client.get(String((await lead.client.post(proposal, { ...complete(dataset.id), title: 'Cykelkollen 2', action: 'submit' })).headers.location)))
      .body,
    /Förslaget är inlämnat/,
  );
  await movePhase(app, event.id, 'submission', -48, -1);
  const late = await lead.client.post(proposal, { ...complete(dataset.id), title: 'För sent', action: 'submit' });
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /Inlämningen stängde .*; inget ändrades/);
  assert.match(late.body, /value="För sent"/, 'what was typed is kept');
  const [after] = await app.db.select().from(submissions).where(eq(submissions.id, row.id));
  assert.equal(after.title, 'Cykelkollen 2');
  assert.equal(after.submittedVersion, 3, 'submitting the unchanged draft made no new version');

  // Withdrawing ends with submitting: after the deadline there is nothing to confirm, and the POST is refused.
  const tooLate = await lead.client.get(`${proposal}/withdraw`);
  assert.match(tooLate.body, /Inlämningen stängde/);
  assert.doesNotMatch(tooLate.body, /button-warning/);
  assert.equal((await lead.client.post(`${proposal}/withdraw`, { confirm: 'yes' })).statusCode, 409);
  assert.equal((await app.db.select().from(submissions).where(eq(submissions.id, row.id)))[0].status, 'submitted');

  // JSON saves (the autosave) answer with the version, or a stable code.
  const json = await lead.client.post(proposal, { title: 'x', action: 'save' }, { accept: 'application/json' });
  assert.equal(json.statusCode, 409);
  assert.equal(JSON.parse(json.body).error.code, 'phase_closed');
  assert.match(JSON.parse(json.body).error.message, /Inlämningen stängde/);
});

test('proposals open when hacking begins: before, the server refuses with a message and saves nothing; the organiser makes an exception only with a reason, kept in the audit log', async (t) => {
  const app = await build(t);
  const { event, lead, teamPath, dataset } = await aTeamWithProposalRights(app, { hackingIn: 24 });
  const proposal = `${teamPath}/proposal`;
  const page = await lead.client.get(proposal);
  assert.match(page.body, /Förslag kan sparas och lämnas in först när hackandet börjar/);
  assert.doesNotMatch(page.body, /name="override"/, 'a participant is offered no exception');

  const early = await lead.client.post(proposal, { title: 'För tidigt', action: 'save', override: 'yes', reason: 'Jag vill börja nu' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /först när hackandet börjar/);
  assert.match(early.body, /value="För tidigt"/, 'what was typed is shown again, so nothing is lost');
  const json = await lead.client.post(proposal, { title: 'x', action: 'save' }, { accept: 'application/json' });
  assert.equal(json.statusCode, 409);
  assert.equal(JSON.parse(json.body).error.code, 'phase_closed');
  assert.match(JSON.parse(json.body).error.message, /först när hackandet börjar/);
  assert.equal((await app.db.select().from(submissions).where(eq(submissions.eventId, event.id))).length, 0, 'nothing saved');

  // The organiser reaches the team's proposal while the rule blocks it, and may make an exception with a reason.
  const organiserUser = await aUser(app, { organiser: true });
  const organiser = await signedIn(app, organiserUser);
  const form = await organiser.get(proposal);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="override"/);
  assert.equal((await organiser.post(proposal, { title: 'Tidigt utkast', action: 'save' })).statusCode, 409, 'no exception without asking for one');
  const noReason = await organiser.post(proposal, { title: 'Tidigt utkast', action: 'save', override: 'yes', reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#f-reason"/);
  assert.match(noReason.body, /Skriv ett skäl till undantaget/);
  assert.equal((await app.db.select().from(submissions).where(eq(submissions.eventId, event.id))).length, 0);
  const reason = 'Laget fick börja tidigare efter beslut av juryn';
  assert.equal((await organiser.post(proposal, { title: 'Tidigt utkast', action: 'save', override: 'yes', reason })).statusCode, 303);
  const [saved] = await app.db.select().from(submissions).where(eq(submissions.eventId, event.id));
  assert.equal(saved.content.title, 'Tidigt utkast');
  const overrides = () =>
    app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'phase.overridden'), eq(auditLog.subjectId, event.id)));
  const [first] = await overrides();
  assert.equal(first.actorId, organiserUser.id);
  assert.equal(first.details.rule, 'proposal');
  assert.equal(first.details.reason, reason);

  // While the window is open the organiser does not write teams' proposals.
  await movePhase(app, event.id, 'hacking', -2, 48);
  assert.equal((await organiser.get(proposal)).statusCode, 403);

  // After the deadline the team is refused; the organiser accepts a late submission with a reason.
  await movePhase(app, event.id, 'hacking', -50, -2);
  await movePhase(app, event.id, 'submission', -20, -2);
  assert.equal((await lead.client.post(proposal, { ...complete(dataset.id), action: 'submit' })).statusCode, 409);
  const late = await organiser.post(proposal, {
    ...complete(dataset.id),
    action: 'submit',
    override: 'yes',
    reason: 'Lämnat via mejl i tid; plattformen låg nere',
  });
  assert.equal(late.statusCode, 303);
  const [after] = await app.db.select().from(submissions).where(eq(submissions.eventId, event.id));
  assert.equal(after.status, 'submitted');
  const logged = await overrides();
  assert.equal(logged.length, 2);
  assert.ok(logged.some((r) => r.details.refused === 'phase.proposal.over' && r.details.submit === true));
});

test('a team below its minimum size cannot submit; outsiders cannot read a proposal', async (t) => {
  const app = await build(t);
  const { event, lead, teamPath, dataset } = await aTeamWithProposalRights(app, { teamMin: 2 });
  const small = await lead.client.post(`${teamPath}/proposal`, { ...complete(dataset.id), action: 'submit' });
  assert.equal(small.statusCode, 400);
  assert.match(small.body, /minst 2 medlemmar/);
  const outsider = await aParticipant(app, event);
  assert.equal((await outsider.client.get(`${teamPath}/proposal`)).statusCode, 403);
  assert.equal((await outsider.client.post(`${teamPath}/proposal`, { title: 'Kapat', action: 'save' })).statusCode, 403);
  assert.equal((await outsider.client.get(`${teamPath}/proposal/versions/1`)).statusCode, 403);
});

test('the gallery: nothing until the organiser publishes it; then search and filters, the submitted version only, datasets learn where they were used', async (t) => {
  const app = await build(t);
  const { event, lead, teamPath, dataset, challenge } = await aTeamWithProposalRights(app);
  await lead.client.post(`${teamPath}/proposal`, { ...complete(dataset.id), action: 'submit' });
  await lead.client.post(`${teamPath}/proposal`, { ...complete(dataset.id), title: 'Hemligt utkast', action: 'save' });
  const anonymous = new (await import('../../test/app.ts')).Client(app);
  const closed = await anonymous.get(`/events/${event.slug}/solutions`);
  assert.match(closed.body, /Galleriet publiceras när arrangören öppnar det/);
  assert.doesNotMatch((await anonymous.get('/solutions')).body, /Cykelkollen/);

  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, event.id));
  const list = await anonymous.get(`/events/${event.slug}/solutions?q=farliga+cykelv%C3%A4gar`);
  assert.match(list.body, /1 lösning\b/);
  assert.match(list.body, /Cykelkollen/);
  assert.doesNotMatch(list.body, /Hemligt utkast/);
  assert.match((await anonymous.get(`/solutions?challenge=${challenge.id}`)).body, /Cykelkollen/);
  assert.match((await anonymous.get(`/solutions?q=vulkan`)).body, /0 lösningar/);
  const byDataset = await anonymous.get(`/solutions?dataset=${dataset.id}`);
  assert.match(byDataset.body, /Lösningar som använder Cykelolyckor/);
  assert.match(byDataset.body, /Cykelkollen/);

  // The dataset's page points to where it was used, and the event page names its partners.
  assert.match((await anonymous.get(`/datasets/${dataset.id}`)).body, new RegExp(`href="/solutions\\?dataset=${dataset.id}">Använd i 1 publicerad lösning`));
  assert.match((await anonymous.get(`/events/${event.slug}`)).body, /<h2>Partner<\/h2><ul><li>Organisation org-/);

  const id = /href="\/solutions\/([0-9a-f-]{36})"/.exec(list.body)![1];
  const solution = await anonymous.get(`/solutions/${id}`);
  assert.match(solution.body, /<h1>Cykelkollen<\/h1>/);
  assert.match(solution.body, new RegExp(`href="/datasets/${dataset.id}"`));
  assert.doesNotMatch(solution.body, /lag@example\.se|Hemligt utkast/);

  // Withdrawn: out of the gallery at once.
  const [team] = await app.db.select().from(teams).innerJoin(teamMembers, eq(teamMembers.teamId, teams.id)).where(eq(teamMembers.userId, lead.id));
  assert.ok(team);
  // Withdrawing is asked first (a page that says what happens); the bare POST only leads there.
  const ask = await lead.client.get(`${teamPath}/proposal/withdraw`);
  assert.match(ask.body, /tas bort ur galleriet och bedömningen/);
  assert.match(ask.body, /class="button button-warning"/);
  assert.equal((await lead.client.post(`${teamPath}/proposal/withdraw`)).headers.location, `${teamPath}/proposal/withdraw`);
  assert.equal((await anonymous.get(`/solutions/${id}`)).statusCode, 200, 'still public: nothing was confirmed');
  await lead.client.post(`${teamPath}/proposal/withdraw`, { confirm: 'yes' });
  assert.equal((await anonymous.get(`/solutions/${id}`)).statusCode, 404);
});

test('the overall gallery lists at most 50 challenges in its filter: past that, the chosen one, how to narrow it, and an event’s own', async (t) => {
  const app = await build(t);
  const { event, lead, teamPath, dataset, challenge } = await aTeamWithProposalRights(app);
  await lead.client.post(`${teamPath}/proposal`, { ...complete(dataset.id), action: 'submit' });
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, event.id));
  const anonymous = new (await import('../../test/app.ts')).Client(app);
  const options = (body: string) => [...body.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>/g)].length;
  const small = await anonymous.get('/solutions');
  assert.equal(options(small.body), 1);
  assert.doesNotMatch(small.body, /Fler utmaningar har lösningar/);

  // 50 more challenges, each with a submitted solution, at a second event whose gallery is published too.
  const { id: _, ...submitted } = (await app.db.select().from(submissions).where(eq(submissions.eventId, event.id)))[0];
  const org = await aNeedOwner(app);
  const owner = await aMember(app, org.id, 'owner');
  const other = await anEvent(app, { capacity: null });
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, other.id));
  for (let i = 0; i < 50; i++) {
    const more = await aChallenge(app, org, owner.id, { titleSv: `Utmaning ${i}` });
    const [team] = await app.db
      .insert(teams)
      .values({ eventId: other.id, name: `Lag ${i}`, inviteToken: `token-${i}` })
      .returning();
    await app.db.insert(submissions).values({ ...submitted, eventId: other.id, teamId: team.id, challengeId: more.id });
  }
  const many = await anonymous.get('/solutions');
  assert.equal(options(many.body), 0, 'none listed when none is chosen');
  assert.match(many.body, /<p class="hint" id="filter-challenge-hint">Fler utmaningar har lösningar än som får plats i listan/);
  assert.match(many.body, /<select id="filter-challenge" name="challenge" aria-describedby="filter-challenge-hint">/);
  const chosen = await anonymous.get(`/solutions?challenge=${challenge.id}`);
  assert.equal(options(chosen.body), 1);
  assert.match(chosen.body, new RegExp(`<option value="${challenge.id}" selected[^>]*>Säkrare cykling</option>`));
  assert.match(chosen.body, /Cykelkollen/);
  // One event's challenges fit: listed whole again.
  const ofEvent = await anonymous.get(`/solutions?event=${event.slug}`);
  assert.equal(options(ofEvent.body), 1);
  assert.doesNotMatch(ofEvent.body, /Fler utmaningar har lösningar/);
  const english = await anonymous.get('/solutions', { 'accept-language': 'en' });
  assert.match(english.body, /<html lang="en"/);
  assert.match(english.body, /More challenges have solutions than the list can hold: choose an event first, or search by words\./);
});
