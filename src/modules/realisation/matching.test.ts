import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { aSolution as aFinishedSolution } from '../../test/solutions.ts';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { auditLog, challengeAdoptions, follows, memberships, notices, organisations, solutionInterests, users } from '../../db/schema/index.ts';
import { findSolution, needOwnersOf } from './queries.ts';
import { expressInterest } from './commands/interest.ts';

const mail = await startMailServer();

/** A solution in a published gallery, by a team of two (the second reads English), on an organisation's challenge. */
async function aSolution(app: TestApp, owner: { id: string; slug: string; name: string }, title = 'Skogskollen') {
  const s = await aFinishedSolution(app, { organisation: owner, title, teamName: `Lag ${title}` });
  await app.db.update(users).set({ preferredLanguage: 'en' }).where(eq(users.id, s.members[1].id));
  return { id: s.submission.id, challenge: s.challenge, team: s.members, author: s.owner };
}

const tooLong = 'x'.repeat(1001);
const hostile = ['<script>alert(1)</script>', `"'><img src=x onerror=alert(2)>`, 'x'.repeat(20_000), '\u0000', 'a\uFFFDb'];

test('interest: an approved organisation asks, the team is mailed in each member’s language and accepts; the organisation becomes a need owner, is told, and followers and the match log show it', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const owner = await aNeedOwner(app, { name: 'Skogsstyrelsen' });
  const solution = await aSolution(app, owner);
  const region = await aNeedOwner(app, { name: 'Region Norr' });
  const regionMember = await aMember(app, region.id, 'editor');
  const bob = await signedIn(app, await aMember(app, region.id, 'owner'));
  const follower = await aUser(app);
  await app.db.insert(follows).values([
    { userId: follower.id, targetType: 'solution', targetId: solution.id },
    { userId: regionMember.id, targetType: 'organisation', targetId: region.id },
  ]);
  const base = `/solutions/${solution.id}`;

  assert.match((await bob.get(base)).body, new RegExp(`<a class="button" href="${base}/interest">Visa intresse</a>`), 'the solution page leads there');
  assert.doesNotMatch((await new Client(app).get(base)).body, /\/interest"/);
  const form = await bob.get(`${base}/interest`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Du skriver för Region Norr/);
  assert.match(form.body, /laget Lag Skogskollen/);

  // Bad input: re-rendered with the message kept and the field named; nothing stored.
  const empty = await bob.post(`${base}/interest`, { message: '  ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /<title>Fel:/);
  assert.match(empty.body, /href="#f-message">Meddelande till laget: Fyll i fältet/);
  const long = await bob.post(`${base}/interest`, { message: tooLong });
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /Skriv högst 1\s000 tecken/);
  assert.match(long.body, new RegExp(`>${tooLong}</textarea>`));
  const nul = await bob.post(`${base}/interest`, { message: 'Hej\u0000då' });
  assert.equal(nul.statusCode, 400);
  assert.match(nul.body, /Texten innehåller tecken som inte kan användas/);
  const notMine = await bob.post(`${base}/interest`, { organisation: owner.id, message: 'Vi vill.' });
  assert.equal(notMine.statusCode, 400, 'speaking for an organisation one is not in: refused');
  assert.match(notMine.body, /Välj en av de organisationer du företräder/);
  for (const value of hostile) {
    const res = await bob.post(`${base}/interest`, { organisation: value, message: value });
    assert.equal(res.statusCode, 400, JSON.stringify(value.slice(0, 20)));
    assert.match(res.body, /class="error-summary"/);
    assert.ok(!res.body.includes('<script>alert') && !res.body.includes('<img src=x'), 'escaped');
  }
  assert.equal((await app.db.select().from(solutionInterests)).length, 0);

  const sent = await bob.post(`${base}/interest`, { message: 'Vi vill pilota Skogskollen i länet. Ring Bo på 010-123.' });
  assert.equal(sent.statusCode, 303);
  assert.equal(sent.headers.location, `${base}/interests`);
  const toLea = await mail.waitFor((m) => m.to === solution.team[0].email);
  assert.equal(toLea.subject, 'Region Norr vill ta Skogskollen vidare');
  assert.match(toLea.text, /Vi vill pilota Skogskollen i länet/);
  assert.match(toLea.text, new RegExp(`http://\\S+${base}/interests`));
  const toSam = await mail.waitFor((m) => m.to === solution.team[1].email);
  assert.equal(toSam.subject, 'Region Norr wants to take Skogskollen forward');

  // Asking again while the first waits: told, not doubled.
  const again = await bob.post(`${base}/interest`, { message: 'Igen' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /redan visat intresse/);

  // The challenge's own organisation is a need owner already and cannot ask.
  const ownerClient = await signedIn(app, solution.author);
  assert.match((await ownerClient.get(`${base}/interest`)).body, /Skogsstyrelsen är redan behovsägare/);
  assert.equal((await ownerClient.post(`${base}/interest`, { message: 'Vi också' })).statusCode, 409);

  // The team sees it and may answer; the organisation sees its own and may withdraw, not answer.
  const lea = await signedIn(app, solution.team[0]);
  const page = await lea.get(`${base}/interests`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Vi vill pilota Skogskollen i länet/);
  const interestId = /action="[^"]+\/interests\/([0-9a-f-]{36})\/accept"/.exec(page.body)![1];
  const own = await bob.get(`${base}/interests`);
  assert.match(own.body, /Dra tillbaka intresset/);
  assert.doesNotMatch(own.body, /\/accept"/);
  assert.equal((await bob.post(`${base}/interests/${interestId}/accept`)).statusCode, 403, 'an organisation member outside the team cannot accept');
  const outsider = await signedIn(app, await aUser(app));
  assert.equal((await outsider.get(`${base}/interests`)).statusCode, 403);
  assert.equal((await outsider.get(`${base}/interest`)).statusCode, 403, 'a participant cannot express interest');
  assert.equal((await new Client(app).get(`${base}/interests`)).statusCode, 303, 'anonymous: sign in first');

  // Unknown and misplaced ids are not found.
  assert.equal((await lea.get(`/solutions/${crypto.randomUUID()}/interests`)).statusCode, 404);
  assert.equal((await lea.get('/solutions/not-an-id/interests')).statusCode, 404);
  assert.equal((await lea.post(`${base}/interests/${crypto.randomUUID()}/accept`)).statusCode, 404);
  assert.equal((await lea.post(`${base}/interests/nope/decline`)).statusCode, 404);
  const other = await aSolution(app, owner, 'Annan lösning');
  assert.equal((await lea.post(`/solutions/${other.id}/interests/${interestId}/accept`)).statusCode, 404, 'another solution’s interest in the URL');
  assert.equal((await bob.post(`/solutions/${other.id}/interests/${interestId}/withdraw`)).statusCode, 404);

  const accepted = await lea.post(`${base}/interests/${interestId}/accept`);
  assert.equal(accepted.statusCode, 303);
  assert.match((await lea.get(`${base}/interests`)).body, /Ni har tackat ja/);
  const toRegion = await mail.waitFor((m) => m.to === regionMember.email && /tackar ja/.test(m.subject));
  assert.equal(toRegion.subject, 'Laget bakom Skogskollen tackar ja');
  assert.deepEqual(
    (await needOwnersOf(app.db, solution.id)).map((o) => [o.name, o.via]),
    [
      ['Skogsstyrelsen', 'challenge'],
      ['Region Norr', 'interest'],
    ],
  );
  const told = await app.db.select().from(notices).where(eq(notices.kind, 'solution.taken'));
  assert.deepEqual(told.map((n) => n.userId).sort(), [follower.id, regionMember.id].sort());
  assert.deepEqual(told[0].params, { solution: 'Skogskollen', organisation: 'Region Norr' });
  assert.equal(told[0].path, base);
  const [audit] = await app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'interest.accepted'), eq(auditLog.subjectId, solution.id)));
  assert.ok(audit, 'recorded in the audit log');

  // Accepted: the organisation is a need owner now, so it cannot ask again; a second answer changes nothing.
  assert.match((await bob.get(`${base}/interest`)).body, /Region Norr är redan behovsägare/);
  assert.equal((await lea.post(`${base}/interests/${interestId}/decline`)).headers.location, `${base}/interests`);
  assert.equal((await app.db.select().from(solutionInterests).where(eq(solutionInterests.id, interestId)))[0].status, 'accepted');

  const log = await new Client(app).get('/matches');
  assert.match(log.body, new RegExp(`href="/organisations/${region.slug}">Region Norr</a></td><td>tar vidare lösningen <a href="${base}">Skogskollen</a>`));
  const csv = await new Client(app).get('/open-data/matches.csv');
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.match(csv.body, new RegExp(`solution,${region.slug},Region Norr,Skogskollen,,http://\\S+${base}\\r\\n`));
});

test('interest: declined, the organisation is told and may ask again; it may withdraw; someone in both team and organisation cannot answer; unapproved organisations cannot ask', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const solution = await aSolution(app, await aNeedOwner(app));
  const city = await aNeedOwner(app, { name: 'Lunds kommun' });
  const cityUser = await aMember(app, city.id, 'editor');
  const cityClient = await signedIn(app, cityUser);
  const lea = await signedIn(app, solution.team[0]);
  const base = `/solutions/${solution.id}`;

  assert.equal((await cityClient.post(`${base}/interest`, { message: 'Första gången' })).statusCode, 303);
  const [first] = await app.db.select().from(solutionInterests).where(eq(solutionInterests.organisationId, city.id));
  assert.equal((await lea.post(`${base}/interests/${first.id}/decline`)).statusCode, 303);
  const declined = await mail.waitFor((m) => m.to === cityUser.email && /Svar från laget/.test(m.subject));
  assert.match(declined.text, /tackat nej till intresset från Lunds kommun den här gången/);
  assert.match((await cityClient.get(`${base}/interests`)).body, /Lunds kommun: laget tackade nej/);

  // Asking again later is allowed; so is withdrawing it before the team answers.
  assert.equal((await cityClient.post(`${base}/interest`, { message: 'Andra gången' })).statusCode, 303);
  const [second] = await app.db
    .select()
    .from(solutionInterests)
    .where(and(eq(solutionInterests.organisationId, city.id), eq(solutionInterests.status, 'pending')));
  const form = await cityClient.get(`${base}/interest`);
  assert.match(form.body, /Lunds kommun visade intresse/);
  assert.match(form.body, /Alla organisationer du företräder är redan behovsägare för lösningen eller väntar på svar/);
  assert.equal((await lea.post(`${base}/interests/${second.id}/withdraw`)).statusCode, 403, 'the team does not withdraw an organisation’s interest');
  assert.equal((await cityClient.post(`${base}/interests/${second.id}/withdraw`)).statusCode, 303);
  assert.equal((await app.db.select().from(solutionInterests).where(eq(solutionInterests.id, second.id)))[0].status, 'withdrawn');
  assert.equal((await lea.post(`${base}/interests/${second.id}/accept`)).headers.location, `${base}/interests`, 'withdrawn: nothing to accept');
  assert.equal((await app.db.select().from(solutionInterests).where(eq(solutionInterests.id, second.id)))[0].status, 'withdrawn');

  // A team member who also works for the interested organisation leaves the answer to the rest of the team.
  assert.equal((await cityClient.post(`${base}/interest`, { message: 'Tredje gången' })).statusCode, 303);
  const [third] = await app.db
    .select()
    .from(solutionInterests)
    .where(and(eq(solutionInterests.organisationId, city.id), eq(solutionInterests.status, 'pending')));
  await app.db.insert(memberships).values({ organisationId: city.id, userId: solution.team[0].id, role: 'editor' });
  const both = await signedIn(app, solution.team[0]);
  assert.match((await both.get(`${base}/interests`)).body, /någon annan i laget svarar/);
  assert.equal((await both.post(`${base}/interests/${third.id}/accept`)).statusCode, 403);
  const sam = await signedIn(app, solution.team[1]);
  assert.equal((await sam.post(`${base}/interests/${third.id}/accept`)).statusCode, 303);

  // Members of an organisation that is not an approved need owner cannot ask; neither can people in none.
  const unapproved = await signedIn(app, await aMember(app, (await anOrganisation(app)).id));
  assert.equal((await unapproved.get(`${base}/interest`)).statusCode, 403);
  assert.equal((await unapproved.post(`${base}/interest`, { message: 'Vi vill' })).statusCode, 403);
  assert.equal((await (await signedIn(app, await aUser(app))).post(`${base}/interest`, { message: 'Vi vill' })).statusCode, 403);
  assert.equal((await cityClient.get(`/solutions/${crypto.randomUUID()}/interest`)).statusCode, 404);

  // A person in several approved organisations picks one.
  const other = await aNeedOwner(app, { name: 'Region Syd' });
  await app.db.insert(memberships).values({ organisationId: other.id, userId: cityUser.id, role: 'owner' });
  const fresh = await aSolution(app, await aNeedOwner(app), 'Tredje lösningen');
  const several = await signedIn(app, cityUser);
  assert.match((await several.get(`/solutions/${fresh.id}/interest`)).body, /<option value selected>Välj organisation<\/option>/);
  const unchosen = await several.post(`/solutions/${fresh.id}/interest`, { message: 'Vi vill' });
  assert.equal(unchosen.statusCode, 400);
  assert.match(unchosen.body, /href="#f-organisation">Organisation: Fyll i fältet/);
  assert.equal((await several.post(`/solutions/${fresh.id}/interest`, { organisation: 'nope', message: 'Vi vill' })).statusCode, 400);
  assert.equal((await several.post(`/solutions/${fresh.id}/interest`, { organisation: other.id, message: 'Vi vill' })).statusCode, 303);
  const [chosen] = await app.db.select().from(solutionInterests).where(eq(solutionInterests.submissionId, fresh.id));
  assert.equal(chosen.organisationId, other.id);
});

test('interest at the same moment: two asks make one, and of an accept and a decline one wins', async (t) => {
  const app = await build(t);
  const solution = await aSolution(app, await aNeedOwner(app));
  const org = await aNeedOwner(app);
  const [a, b] = [await signedIn(app, await aMember(app, org.id)), await signedIn(app, await aMember(app, org.id))];
  await Promise.all([a.get(`/solutions/${solution.id}/interest`), b.get(`/solutions/${solution.id}/interest`)]);
  const asks = await Promise.all([a, b].map((c) => c.post(`/solutions/${solution.id}/interest`, { message: 'Vi vill ta den vidare' })));
  assert.deepEqual(asks.map((r) => r.statusCode).sort(), [303, 409]);
  assert.match(asks.find((r) => r.statusCode === 409)!.body, /redan visat intresse/);
  const rows = await app.db.select().from(solutionInterests).where(eq(solutionInterests.submissionId, solution.id));
  assert.equal(rows.length, 1);

  const [lea, sam] = [await signedIn(app, solution.team[0]), await signedIn(app, solution.team[1])];
  await Promise.all([lea.get('/signin'), sam.get('/signin')]);
  const answers = await Promise.all([
    lea.post(`/solutions/${solution.id}/interests/${rows[0].id}/accept`),
    sam.post(`/solutions/${solution.id}/interests/${rows[0].id}/decline`),
  ]);
  assert.deepEqual(
    answers.map((r) => r.statusCode),
    [303, 303],
  );
  const notices = await Promise.all([lea.get(`/solutions/${solution.id}/interests`), sam.get(`/solutions/${solution.id}/interests`)]);
  const said = notices.map((r) => /class="notice notice--success" role="status">([^<]+)</.exec(r.body)![1]);
  assert.equal(said.filter((s) => /inget ändrades|nothing changed/.test(s)).length, 1, `one of them is told it was already answered: ${said.join(' / ')}`);
  const [after] = await app.db.select().from(solutionInterests).where(eq(solutionInterests.id, rows[0].id));
  assert.ok(after.status === 'accepted' || after.status === 'declined');
  const audits = await app.db.select().from(auditLog).where(eq(auditLog.subjectId, solution.id));
  assert.equal(audits.filter((x) => x.action === 'interest.accepted' || x.action === 'interest.declined').length, 1);

  // Past the pages' own checks, the database keeps one live interest per organisation and solution.
  const another = await aSolution(app, await aNeedOwner(app), 'Fjärde lösningen');
  const found = (await findSolution(app.db, another.id))!;
  const [organisation] = await app.db.select().from(organisations).where(eq(organisations.id, org.id));
  const both = await Promise.all(
    [1, 2].map(() => expressInterest(app, { actorId: another.author.id, actorName: 'Kim', solution: found, organisation }, 'Samtidigt')),
  );
  assert.deepEqual(both.sort(), ['already', 'created']);
});

test('adopting a challenge: another approved organisation becomes co-owner, listed on the challenge, a need owner of its solutions, in the log; followers told; may give it up', async (t) => {
  const app = await build(t);
  const owner = await aNeedOwner(app, { name: 'Södertälje kommun' });
  const solution = await aSolution(app, owner);
  const challenge = solution.challenge;
  const adopter = await aNeedOwner(app, { name: 'Nykvarns kommun' });
  const adopterUser = await aMember(app, adopter.id, 'editor');
  const nykvarn = await signedIn(app, adopterUser);
  const follower = await aUser(app);
  await app.db.insert(follows).values({ userId: follower.id, targetType: 'challenge', targetId: challenge.id });
  const path = `/challenges/${challenge.slug}`;

  const page = await nykvarn.get(path);
  assert.match(page.body, /<h2 id="owners-heading">Ägare<\/h2>/);
  assert.match(page.body, new RegExp(`href="${path}/adopt">Adoptera utmaningen`));
  assert.doesNotMatch((await new Client(app).get(path)).body, /\/adopt"/, 'no adopt button for the anonymous');
  const ownerClient = await signedIn(app, solution.author);
  assert.doesNotMatch((await ownerClient.get(path)).body, /\/adopt"/, 'nor for the challenge’s own organisation');

  assert.match((await nykvarn.get(`${path}/adopt`)).body, /Du skriver för Nykvarns kommun/);
  const long = await nykvarn.post(`${path}/adopt`, { message: tooLong });
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /href="#f-message">Meddelande: Skriv högst 1\s000 tecken/);
  assert.equal((await nykvarn.post(`${path}/adopt`, { message: 'a\u0000b' })).statusCode, 400);
  for (const value of hostile) {
    const res = await nykvarn.post(`${path}/adopt`, { organisation: value, message: value });
    assert.equal(res.statusCode, 400, JSON.stringify(value.slice(0, 20)));
    assert.match(res.body, /class="error-summary"/);
    assert.ok(!res.body.includes('<script>alert') && !res.body.includes('<img src=x'), 'escaped');
  }
  assert.equal((await app.db.select().from(challengeAdoptions)).length, 0);

  // Twice at once: one adoption; the other is told.
  const twice = await Promise.all([nykvarn.post(`${path}/adopt`, { message: 'Vi har samma problem.' }), nykvarn.post(`${path}/adopt`, { message: '' })]);
  assert.deepEqual(twice.map((r) => r.statusCode).sort(), [303, 409]);
  assert.match(twice.find((r) => r.statusCode === 409)!.body, /Organisationen har redan adopterat utmaningen/);
  const adoptions = await app.db.select().from(challengeAdoptions);
  assert.equal(adoptions.length, 1);

  const listed = await new Client(app).get(path);
  assert.match(
    listed.body,
    new RegExp(
      `<li><a href="/organisations/${owner.slug}">Södertälje kommun</a> \\(publicerade utmaningen\\)</li><li><a href="/organisations/${adopter.slug}">Nykvarns kommun</a> \\(adopterade den `,
    ),
  );
  assert.match((await nykvarn.get(path)).body, /Hantera adoptionen/);
  assert.deepEqual(
    (await needOwnersOf(app.db, solution.id)).map((o) => [o.name, o.via]),
    [
      ['Södertälje kommun', 'challenge'],
      ['Nykvarns kommun', 'adoption'],
    ],
  );
  const [notice] = await app.db.select().from(notices).where(eq(notices.userId, follower.id));
  assert.equal(notice.kind, 'challenge.adopted');
  assert.deepEqual(notice.params, { challenge: challenge.titleSv, organisation: 'Nykvarns kommun' });
  assert.match((await ownerClient.get(`${path}/history`)).body, /adopterade utmaningen/);
  assert.match((await new Client(app).get('/matches')).body, new RegExp(`adopterade utmaningen <a href="${path}">`));

  // Own challenge, unknown, draft and archived challenges; people who speak for no approved organisation.
  const own = await ownerClient.post(`${path}/adopt`, { message: '' });
  assert.equal(own.statusCode, 409);
  assert.match(own.body, /Er organisation publicerade utmaningen och äger den redan/);
  assert.equal((await nykvarn.post('/challenges/no-such-challenge/adopt', {})).statusCode, 404);
  const draft = await aChallenge(app, owner, solution.author.id, {}, 'draft');
  assert.equal((await nykvarn.get(`/challenges/${draft.slug}/adopt`)).statusCode, 404);
  assert.equal((await nykvarn.post(`/challenges/${draft.slug}/adopt`, {})).statusCode, 404);
  const archived = await aChallenge(app, owner, solution.author.id, {}, 'archived');
  const late = await nykvarn.post(`/challenges/${archived.slug}/adopt`, {});
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /kan inte adopteras/);
  assert.equal((await (await signedIn(app, await aMember(app, (await anOrganisation(app)).id))).post(`${path}/adopt`, {})).statusCode, 403);
  assert.equal((await (await signedIn(app, await aUser(app))).get(`${path}/adopt`)).statusCode, 403);

  // Giving it up asks for a ticked box; then the organisation is no longer an owner (its history stays).
  for (const value of hostile)
    assert.equal((await nykvarn.post(`${path}/adopt/remove`, { adopter: value, confirm: value })).statusCode, 400, JSON.stringify(value.slice(0, 20)));
  const unconfirmed = await nykvarn.post(`${path}/adopt/remove`, { adopter: adopter.id });
  assert.equal(unconfirmed.statusCode, 400);
  assert.match(unconfirmed.body, /href="#f-confirm">Lämna utmaningen: Kryssa i rutan för att bekräfta/);
  assert.equal(
    (await ownerClient.post(`${path}/adopt/remove`, { confirm: 'on' })).statusCode,
    409,
    'the challenge’s own organisation has no adoption to give up',
  );
  assert.equal((await nykvarn.post(`${path}/adopt/remove`, { adopter: adopter.id, confirm: 'on' })).statusCode, 303);
  assert.equal((await app.db.select().from(challengeAdoptions)).length, 0);
  assert.doesNotMatch((await new Client(app).get(path)).body, /Nykvarns kommun/);
  assert.ok((await app.db.select().from(auditLog).where(eq(auditLog.action, 'challenge.adoption_removed'))).length === 1);
  assert.equal((await nykvarn.post(`${path}/adopt/remove`, { adopter: adopter.id, confirm: 'on' })).statusCode, 409);
});

test('the match log: newest first, paged, filtered by organisation; odd query strings are ignored', async (t) => {
  const app = await build(t);
  const owner = await aNeedOwner(app, { name: 'Ägaren' });
  const author = await aMember(app, owner.id, 'owner');
  const [first, second] = [await aNeedOwner(app, { name: 'Första kommunen' }), await aNeedOwner(app, { name: 'Andra kommunen' })];
  const day = 24 * 3600_000;
  for (let i = 0; i < 55; i++) {
    const c = await aChallenge(app, owner, author.id, { titleSv: `Utmaning ${String(i).padStart(2, '0')}` });
    await app.db
      .insert(challengeAdoptions)
      .values({ challengeId: c.id, organisationId: i < 52 ? first.id : second.id, createdAt: new Date(Date.now() - (60 - i) * day) });
  }
  const visitor = new Client(app);
  const all = await visitor.get('/matches');
  assert.ok(all.body.indexOf('Utmaning 54') < all.body.indexOf('Utmaning 53'), 'newest first');
  assert.match(all.body, /<option value="[^"]+">Andra kommunen<\/option><option value="[^"]+">Första kommunen<\/option>/);
  const one = await visitor.get(`/matches?organisation=${first.slug}`);
  assert.match(one.body, /52 matchningar/);
  assert.equal([...one.body.matchAll(/<tr>/g)].length, 51, 'a header row and fifty matches');
  assert.match(one.body, new RegExp(`href="/matches\\?organisation=${first.slug}&amp;page=2" rel="next"`));
  assert.doesNotMatch(one.body, /Andra kommunen<\/a><\/td>/);
  const two = await visitor.get(`/matches?organisation=${first.slug}&page=2`);
  assert.equal([...two.body.matchAll(/<tr>/g)].length, 3);
  assert.match(two.body, /Utmaning 00/);
  assert.match((await visitor.get(`/matches?organisation=${second.slug}`)).body, /3 matchningar/);
  for (const odd of [
    '?page=abc',
    '?page=-1',
    '?page=99999999',
    '?organisation=%3Cscript%3E',
    '?organisation=a&organisation=b',
    '?page=9999',
    '?organisation=no-such-org',
  ]) {
    const res = await visitor.get(`/matches${odd}`);
    assert.equal(res.statusCode, 200, odd);
    assert.doesNotMatch(res.body, /<script>/);
  }
  assert.match((await new Client(app, { 'accept-language': 'en' }).get('/matches')).body, /<h1>Match log<\/h1>/);
  const csv = await visitor.get('/open-data/matches.csv');
  assert.equal(csv.body.split('\r\n')[0], 'date,kind,organisation,organisationName,titleSv,titleEn,url');
  assert.equal(csv.body.split('\r\n').filter((l) => l.includes(',Första kommunen,')).length, 52);
});
