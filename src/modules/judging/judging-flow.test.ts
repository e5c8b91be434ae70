import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Client, type TestApp } from '../../test/app.ts';
import { anEvent, aRegistrant, aUser, PASSWORD, signedIn } from '../../test/factories.ts';
import { linkIn, startMailServer } from '../../test/mail-server.ts';
import { eq } from 'drizzle-orm';
import { juryAssignments, submissions, teamMembers, users } from '../../db/schema/index.ts';
import { aSubmittedProposal } from '../../test/solutions.ts';
import { parseStrictCsv } from '../../test/csv.ts';

const mail = await startMailServer();

async function submitted(app: TestApp, event: { id: string }, name: string) {
  return aSubmittedProposal(app, event, { teamName: name, members: [await aRegistrant(app, event)] });
}

test('judging: set up a jury, invite jurors by mail, declare conflicts, assign, score, normalise, close and shortlist', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const event = await anEvent(app, { capacity: null });
  const entries: Awaited<ReturnType<typeof submitted>>[] = [];
  for (const name of ['Alfa', 'Beta', 'Gamma', 'Delta']) entries.push(await submitted(app, event, name));
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));

  await organiser.get(`/events/${event.slug}/juries`);
  const bad = await organiser.post(`/events/${event.slug}/juries`, { name: 'J', template: 'x', scaleMax: '7', jurorsPerSubmission: '0' });
  assert.equal(bad.statusCode, 400);
  for (const f of ['name', 'template', 'scaleMax', 'jurorsPerSubmission']) assert.match(bad.body, new RegExp(`href="#f-${f}"`), f);
  const created = await organiser.post(`/events/${event.slug}/juries`, {
    name: 'Juryn för allt',
    template: 'challenge',
    scaleMax: '5',
    jurorsPerSubmission: '2',
  });
  const juryPath = String(created.headers.location);
  const setup = await organiser.get(juryPath);
  assert.match(setup.body, /Samhällsnytta/);
  // The organiser adapts the criteria: bad input re-renders with the summary; a good save changes names and weights.
  const criterionIds = [...setup.body.matchAll(/name="w-([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const criteriaFields = (over: Record<string, string>) => {
    const fields: Record<string, string> = {};
    for (const id of criterionIds) Object.assign(fields, { [`cSv-${id}`]: 'Kriterium', [`w-${id}`]: '1' });
    return { ...fields, ...over };
  };
  const badCriteria = await organiser.post(`${juryPath}/criteria`, criteriaFields({ [`cSv-${criterionIds[0]}`]: '', [`w-${criterionIds[1]}`]: '11' }));
  assert.equal(badCriteria.statusCode, 400);
  assert.match(badCriteria.body, new RegExp(`href="#f-cSv-${criterionIds[0]}"`));
  assert.match(badCriteria.body, new RegExp(`href="#f-w-${criterionIds[1]}"`));
  assert.equal(
    (await organiser.post(`${juryPath}/criteria`, criteriaFields({ [`cSv-${criterionIds[4]}`]: 'Nytta för invånarna', [`w-${criterionIds[4]}`]: '3' })))
      .statusCode,
    303,
  );
  assert.match((await organiser.get(juryPath)).body, /value="Nytta för invånarna"/);

  // Three jurors, invited by mail; they need no other role.
  const people = [
    await aUser(app, { name: 'Sträng Jurymedlem' }),
    await aUser(app, { name: 'Snäll Jurymedlem' }),
    await aUser(app, { name: 'Jävig Jurymedlem' }),
  ];
  const clients: Client[] = [];
  for (const p of people) {
    assert.equal((await organiser.post(`${juryPath}/jurors`, { email: p.email })).statusCode, 303);
    const invite = await mail.waitFor((m) => m.to === p.email && /Inbjudan till juryn/.test(m.subject));
    const c = await signedIn(app, p);
    const link = linkIn(invite.text, '/jury/invitations/');
    await c.get(link);
    assert.equal((await c.post(link)).statusCode, 303);
    clients.push(c);
  }
  // The third declares a conflict with Alfa and Beta.
  const home = await clients[2].get('/jury');
  const seat = /\/jury\/seats\/([0-9a-f-]{36})\/conflicts/.exec(home.body)![1];
  assert.doesNotMatch(home.body, /name="teams"/, 'the teams to declare are on a page of their own, not on the home page');
  const conflictsForm = await clients[2].get(`/jury/seats/${seat}/conflicts`);
  assert.equal(conflictsForm.statusCode, 200);
  assert.match(conflictsForm.body, new RegExp(`name="teams" value="${entries[0].team.id}"`));
  assert.equal((await clients[1].get(`/jury/seats/${seat}/conflicts`)).statusCode, 404, 'another juror’s seat is not theirs to see');
  await clients[2].post(`/jury/seats/${seat}/conflicts`, { teams: [entries[0].team.id, entries[1].team.id] });
  assert.match((await clients[2].get('/jury')).body, /Du har angett jäv för 2 lag\./);
  assert.match((await clients[0].get('/jury')).body, /Du har angett jäv för inga lag\./, 'another juror’s declarations are not theirs');

  assert.equal((await organiser.post(`${juryPath}/rounds/first/assign`)).statusCode, 303);
  const assigned = await app.db.select().from(juryAssignments);
  assert.equal(assigned.length, 8, 'two jurors each');
  const conflicted = assigned.filter((a) => a.jurorId === seat && [entries[0].submission.id, entries[1].submission.id].includes(a.submissionId));
  assert.equal(conflicted.length, 0, 'never the conflicted teams');

  // The organiser moves a waiting assignment: never to a conflicted juror, nor to one who has it already.
  const alfaHeld = assigned.find((a) => a.submissionId === entries[0].submission.id)!;
  const moveToConflicted = await organiser.post(`${juryPath}/assignments/${alfaHeld.id}`, { juror: seat });
  assert.match((await organiser.get(String(moveToConflicted.headers.location))).body, /kunde inte flyttas/);
  const gamma = assigned.filter((a) => a.submissionId === entries[2].submission.id);
  const [allJurors] = [[...new Set(assigned.map((a) => a.jurorId))]];
  const free = allJurors.find((j) => !gamma.some((g) => g.jurorId === j))!;
  const moved = await organiser.post(`${juryPath}/assignments/${gamma[0].id}`, { juror: free });
  assert.match((await organiser.get(String(moved.headers.location))).body, /Bedömningen är flyttad/);
  assigned.splice(assigned.indexOf(gamma[0]), 1, { ...gamma[0], jurorId: free });

  // Each juror sees only their assignments; a juror cannot open another juror's.
  const mine = async (i: number) => [...(await clients[i].get('/jury')).body.matchAll(/\/jury\/assignments\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const strict = await mine(0);
  const other = assigned.find((a) => !strict.includes(a.id))!;
  assert.equal((await clients[0].get(`/jury/assignments/${other.id}`)).statusCode, 404);

  // Scoring: bad input is refused; the strict juror scores low, the lenient high; all in the same order.
  const form = await clients[0].get(`/jury/assignments/${strict[0]}`);
  const criteria = [...form.body.matchAll(/name="(c-[0-9a-f-]{36})"/g)].map((m) => m[1]).filter((v, i, all) => all.indexOf(v) === i);
  assert.equal(criteria.length, 6);
  assert.match((await clients[0].get('/jury')).body, /Förslag \w+<\/a> \(\w+, Första omgången\) – att bedöma/);
  const refused = await clients[0].post(`/jury/assignments/${strict[0]}`, { [criteria[0]]: '9', action: 'submit' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Välj en poäng/);
  const order = new Map(entries.map((e, i) => [e.submission.id, 4 - i])); // Alfa best … Delta worst
  for (const [i, lenient] of [
    [0, 0],
    [1, 1],
    [2, 1],
  ] as const) {
    for (const id of await mine(i)) {
      const submissionId = assigned.find((a) => a.id === id)!.submissionId;
      // Strict: 1–4; lenient: 2–5; the same order either way.
      const fields: Record<string, string> = { action: 'submit', feedback: 'Bra jobbat!' };
      for (const c of criteria) fields[c] = String(order.get(submissionId)! + lenient);
      assert.equal((await clients[i].post(`/jury/assignments/${id}`, fields)).statusCode, 303);
    }
  }
  const scoredHome = (await clients[0].get('/jury')).body;
  assert.equal(scoredHome.match(/ – inlämnad/g)?.length, strict.length, 'each submitted assignment says so on the juror’s page');
  assert.doesNotMatch(scoredHome, / – att bedöma/);
  const ranking = await organiser.get(juryPath);
  const rows = [...ranking.body.matchAll(/<tr><td>(\d+)(?: \(delad\))?<\/td><td>Förslag (\w+) /g)].map((m) => [m[2], Number(m[1])]);
  // Alfa and Beta lead (seen by the strict and the lenient alike); Gamma and Delta follow. Their order depends on
  // which jurors saw which (z-scores over small, unequal sets), which is why raw scores are shown beside them.
  assert.deepEqual(
    rows.slice(0, 2).map(([name]) => name),
    ['Alfa', 'Beta'],
  );
  assert.deepEqual(
    rows
      .slice(2, 4)
      .map(([name]) => name)
      .sort(),
    ['Delta', 'Gamma'],
  );
  assert.match(ranking.body, /Rå poäng/);
  assert.match(ranking.body, /Normaliserad/);

  // Closing locks the scores; a juror's later change is refused and nothing changes.
  assert.equal((await organiser.post(`${juryPath}/rounds/first/close`)).statusCode, 303);
  const late = await clients[0].post(`/jury/assignments/${strict[0]}`, Object.fromEntries([...criteria.map((c) => [c, '1']), ['action', 'submit']]));
  assert.match((await clients[0].get(String(late.headers.location))).body, /Omgången är stängd/);

  // Shortlist the top two into a final round, where every juror judges every finalist (conflicts still hold).
  assert.equal((await organiser.post(`${juryPath}/shortlist`, { top: '2' })).statusCode, 303);
  const final = await organiser.get(juryPath);
  assert.match(final.body, /<h2 id="round-final">Final<\/h2>/);
  await organiser.post(`${juryPath}/rounds/final/assign`);
  const finalAssignments = (await app.db.select().from(juryAssignments)).length - 8;
  assert.equal(finalAssignments, 4, 'two finalists × two free jurors (the third is conflicted with both)');

  // Finalists may also be picked by hand; the shortlist (and its assignments) follows.
  await organiser.post(`${juryPath}/shortlist`, { top: '2', finalists: [entries[3].submission.id] });
  assert.match((await organiser.get(juryPath)).body, /id="round-final"[\s\S]*Förslag Delta/);
  assert.equal((await app.db.select().from(juryAssignments)).length - 8, 0, 'the earlier finalists’ assignments went with them');

  // Awards and results: bad input is refused; the published page shows the award and the finalists.
  await organiser.get(`/events/${event.slug}/juries`);
  const noAward = await organiser.post(`/events/${event.slug}/awards`, { submission: crypto.randomUUID(), awardName: '' });
  assert.equal(noAward.statusCode, 400);
  assert.match(noAward.body, /href="#f-submission"/);
  assert.match(noAward.body, /href="#f-awardName"/);
  assert.equal(
    (
      await organiser.post(`/events/${event.slug}/awards`, {
        submission: entries[0].submission.id,
        awardName: 'Bästa lösning',
        amountSek: '25000',
        sponsor: 'Digg',
      })
    ).statusCode,
    303,
  );
  const anonymous = new (await import('../../test/app.ts')).Client(app);
  assert.equal((await anonymous.get(`/events/${event.slug}/results`)).statusCode, 404, 'not before it is published');
  assert.match((await organiser.get(`/events/${event.slug}/results`)).body, /Förhandsvisning/);
  await organiser.post(`/events/${event.slug}/results`, { published: 'yes' });
  const results = await anonymous.get(`/events/${event.slug}/results`);
  assert.match(results.body, /Bästa lösning/);
  assert.match(results.body, /25\s000\skr/);
  assert.match(results.body, /Förslag Alfa/);
  assert.match(results.body, /Finalister/);

  // The team sees its scores per criterion and the feedback, with jurors numbered, never named.
  const [alfaLeader] = await app.db.select().from(teamMembers).where(eq(teamMembers.teamId, entries[0].team.id));
  const team = await signedIn(app, { email: (await app.db.select().from(users).where(eq(users.id, alfaLeader.userId)))[0].email!, password: PASSWORD });
  const feedback = await team.get(`/events/${event.slug}/teams/${entries[0].team.id}/feedback`);
  assert.match(feedback.body, /Jurymedlem 1/);
  assert.match(feedback.body, /Nytta för invånarna<\/td><td>\d \/ 5/, 'the renamed criterion');
  assert.match(feedback.body, /Bra jobbat!/);
  assert.doesNotMatch(feedback.body, /Sträng Jurymedlem|Snäll Jurymedlem|Jävig Jurymedlem/);
  assert.equal((await clients[0].get(`/events/${event.slug}/teams/${entries[0].team.id}/feedback`)).statusCode, 403);

  // The export: one row per juror, submission and criterion; formulas defused.
  const csv = await organiser.get(`${juryPath}/scores.csv`);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'round,juror,juror_email,team,submission,criterion,weight,score,submitted_at,set_aside');
  assert.equal(lines.length - 1, 8 * 6, 'eight first-round assignments × six criteria');
  assert.equal(parseStrictCsv(csv.body).length, 1 + 8 * 6, 'parses strictly');
  const excel = await organiser.get(`${juryPath}/scores.csv?excel=1`);
  assert.match(String(excel.headers['content-disposition']), /filename=".*-scores-excel\.csv"/);
  assert.deepEqual(
    parseStrictCsv(excel.body, { excel: true })
      .slice(1)
      .map((r) => r.slice(0, 6)),
    parseStrictCsv(csv.body)
      .slice(1)
      .map((r) => r.slice(0, 6)),
    'the same rows for Excel',
  );
  const rankingCsv = await organiser.get(`${juryPath}/ranking.csv`);
  parseStrictCsv(rankingCsv.body);
  parseStrictCsv((await organiser.get(`${juryPath}/ranking.csv?excel=1`)).body, { excel: true });
  const perSubmission = rankingCsv.body.trim().split('\r\n');
  assert.equal(perSubmission[0], 'round,rank,tied,submission,team,raw,normalised,jurors,missing,set_aside');
  assert.match(perSubmission[1], /^first,1,no,Förslag Alfa,Alfa,[\d.]+,[-\d.]+,2,0,0$/);

  // A withdrawn submission leaves the rankings and the results at once.
  await app.db.update(submissions).set({ status: 'withdrawn' }).where(eq(submissions.id, entries[3].submission.id));
  assert.doesNotMatch((await organiser.get(juryPath)).body, /Förslag Delta/);
  assert.doesNotMatch((await anonymous.get(`/events/${event.slug}/results`)).body, /Förslag Delta/);

  // Only those who run the event reach the jury pages.
  assert.equal((await clients[0].get(juryPath)).statusCode, 403);
  assert.equal((await clients[0].get(`/events/${event.slug}/juries`)).statusCode, 403);
});
