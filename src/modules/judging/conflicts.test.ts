import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, type Client, type TestApp } from '../../test/app.ts';
import { anEvent, anOrganisation, aRegistrant, aUser, signedIn } from '../../test/factories.ts';
import { juryAssignments, jurors, juryScores, memberships, teamMembers } from '../../db/schema/index.ts';
import { aSubmittedProposal } from '../../test/solutions.ts';

/** A team with one member and a submitted proposal. */
async function submitted(app: TestApp, event: { id: string }, name: string) {
  const member = await aRegistrant(app, event, { name: `Medlem i ${name}` });
  return { ...(await aSubmittedProposal(app, event, { teamName: name, members: [member] })), member };
}

type Ranking = {
  rounds: {
    round: string;
    setAside: { juror: string; submissionId: string; submission: string; reasons: string[] }[];
    ranking: { rank: number; submission: string; raw: number | null; normalised: number | null; jurors: number; missing: number; setAside: number }[];
  }[];
};

test('conflicts cannot slip: own team, a rival team, an organisation and a declared conflict keep a juror away on every path, and a conflicted score never counts', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: null });
  const [alfa, beta, gamma, delta] = [
    await submitted(app, event, 'Alfa'),
    await submitted(app, event, 'Beta'),
    await submitted(app, event, 'Gamma'),
    await submitted(app, event, 'Delta'),
  ];
  const entries = { Alfa: alfa, Beta: beta, Gamma: gamma, Delta: delta };
  const teamOf = new Map(Object.entries(entries).map(([name, e]) => [e.submission.id, name]));

  // Tove is in team Alfa herself; Olle works at the organisation a member of Beta works at.
  const tove = { ...(await aRegistrant(app, event, { name: 'Tove Tävlande' })), name: 'Tove Tävlande' };
  await app.db.insert(teamMembers).values({ teamId: alfa.team.id, eventId: event.id, userId: tove.id });
  const olle = { ...(await aUser(app, { name: 'Olle Organisation' })), name: 'Olle Organisation' };
  const org = await anOrganisation(app, { name: 'Kommunen' });
  await app.db.insert(memberships).values([
    { organisationId: org.id, userId: olle.id, role: 'editor' },
    { organisationId: org.id, userId: beta.member.id, role: 'editor' },
  ]);
  const ola = { ...(await aUser(app, { name: 'Ola Oberoende' })), name: 'Ola Oberoende' };
  const dora = { ...(await aUser(app, { name: 'Dora Deklarerar' })), name: 'Dora Deklarerar' };

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/events/${event.slug}/juries`);
  const juryPath = String(
    (await organiser.post(`/events/${event.slug}/juries`, { name: 'Juryn', template: 'challenge', scaleMax: '5', jurorsPerSubmission: '2' })).headers.location,
  );

  // Invitation acceptance: whoever accepts is a juror, conflicts follow the person (nothing to declare).
  const clients: Record<string, Client> = {};
  const seatOf: Record<string, string> = {};
  for (const person of [tove, olle, ola, dora]) {
    await organiser.post(`${juryPath}/jurors`, { email: person.email });
    const [seat] = await app.db.select().from(jurors).where(eq(jurors.email, person.email.toLowerCase()));
    const c = await signedIn(app, person);
    await c.get(`/jury/invitations/${seat.inviteToken}`);
    assert.equal((await c.post(`/jury/invitations/${seat.inviteToken}`)).statusCode, 303);
    clients[person.name] = c;
    seatOf[person.name] = seat.id;
  }
  // One person, one seat: a second invitation (to another address) accepted by the same person is refused.
  await organiser.post(`${juryPath}/jurors`, { email: 'ola.annan@example.org' });
  const [second] = await app.db.select().from(jurors).where(eq(jurors.email, 'ola.annan@example.org'));
  await clients['Ola Oberoende'].get(`/jury/invitations/${second.inviteToken}`);
  const twice = await clients['Ola Oberoende'].post(`/jury/invitations/${second.inviteToken}`);
  assert.match((await clients['Ola Oberoende'].get(String(twice.headers.location))).body, /Du sitter redan i den här juryn/);
  assert.equal((await app.db.select().from(jurors).where(eq(jurors.id, second.id)))[0].userId, null);
  // Tove is told why she gets nothing.
  assert.match((await clients['Tove Tävlande'].get('/jury')).body, /Du är med i laget Alfa i det här evenemanget/);
  assert.match((await clients['Olle Organisation'].get('/jury')).body, /Jäv genom organisation: Beta/);

  // Automatic assignment: Tove judges none of the event (her team competes with all), Olle never Beta.
  assert.equal((await organiser.post(`${juryPath}/rounds/first/assign`)).statusCode, 303);
  const held = async () =>
    (await app.db.select().from(juryAssignments).orderBy(juryAssignments.id)).map((a) => ({
      ...a,
      juror: Object.keys(seatOf).find((n) => seatOf[n] === a.jurorId)!,
      team: teamOf.get(a.submissionId)!,
    }));
  let assigned = await held();
  assert.equal(assigned.length, 8, 'two jurors for each of four submissions');
  assert.deepEqual(
    assigned.filter((a) => a.juror === 'Tove Tävlande'),
    [],
  );
  assert.deepEqual(
    assigned.filter((a) => a.juror === 'Olle Organisation' && a.team === 'Beta'),
    [],
  );

  // The organiser's move: the list never offers a conflicted juror, and the POST refuses one.
  const page = await organiser.get(juryPath);
  assert.match(page.body, /Tove Tävlande – har tackat ja; jävig mot 4 lag \(medlem i laget, deltar själv i evenemanget\)/);
  assert.match(page.body, /Olle Organisation – har tackat ja; jävig mot 1 lag \(samma organisation som en lagmedlem\)/);
  const offered = (assignmentId: string) => {
    const form = new RegExp(`action="${juryPath}/assignments/${assignmentId}"[\\s\\S]*?</form>`).exec(page.body)?.[0] ?? '';
    return [...form.matchAll(/<option value="([0-9a-f-]{36})">/g)].map((m) => Object.keys(seatOf).find((n) => seatOf[n] === m[1]));
  };
  for (const a of assigned) {
    const list = offered(a.id);
    assert.ok(!list.includes('Tove Tävlande'), `Tove offered for ${a.team}`);
    if (a.team === 'Beta') assert.ok(!list.includes('Olle Organisation'), 'Olle offered for Beta');
    assert.ok(!list.includes(a.juror), 'never the holder');
    assert.ok(!list.some((n) => assigned.some((b) => b.submissionId === a.submissionId && b.juror === n)), 'never one who holds it already');
  }
  const betaHeld = assigned.find((a) => a.team === 'Beta')!;
  for (const [who, a] of [
    ['Tove Tävlande', assigned.find((x) => x.team === 'Alfa')!],
    ['Olle Organisation', betaHeld],
  ] as const) {
    const moved = await organiser.post(`${juryPath}/assignments/${a.id}`, { juror: seatOf[who] });
    assert.match((await organiser.get(String(moved.headers.location))).body, /kunde inte flyttas/, who);
  }
  assert.deepEqual(await held(), assigned, 'nothing moved');

  // Scoring: everyone scores Alfa 5 … Delta 2, except Dora, who gives 1 and scores one submission (X) last.
  const quality: Record<string, number> = { Alfa: 5, Beta: 4, Gamma: 3, Delta: 2 };
  let criteria: string[] = [];
  const score = async (who: string, id: string, value: number) => {
    const form = (await clients[who].get(`/jury/assignments/${id}`)).body;
    criteria = criteria.length ? criteria : [...new Set([...form.matchAll(/name="(c-[0-9a-f-]{36})"/g)].map((m) => m[1]))];
    const fields: Record<string, string> = { action: 'submit', feedback: `Från ${who}` };
    for (const c of criteria) fields[c] = String(value);
    return clients[who].post(`/jury/assignments/${id}`, fields);
  };
  const doras = assigned.filter((a) => a.juror === 'Dora Deklarerar');
  const [x] = doras;
  for (const a of assigned.filter((b) => b !== x))
    assert.equal((await score(a.juror, a.id, a.juror === 'Dora Deklarerar' ? 1 : quality[a.team])).statusCode, 303);
  const ranking = async () => (await organiser.get(`${juryPath}/ranking.json`)).json() as Ranking;
  const before = await ranking();
  const rowOf = (r: Ranking, team: string) => r.rounds[0].ranking.find((row) => row.submission === `Förslag ${team}`)!;
  assert.equal(rowOf(before, x.team).missing, 1);

  // Dora's score for X counts while she is free of conflicts…
  const doraGave = quality[x.team] === 5 ? 1 : 5;
  assert.equal((await score('Dora Deklarerar', x.id, doraGave)).statusCode, 303);
  const counted = await ranking();
  assert.notEqual(rowOf(counted, x.team).raw, rowOf(before, x.team).raw, 'her score moved X');

  // …until she declares a conflict with X's team: then the ranking is as if she had never scored it.
  await clients['Dora Deklarerar'].get('/jury');
  await clients['Dora Deklarerar'].post(`/jury/seats/${seatOf['Dora Deklarerar']}/conflicts`, { teams: entries[x.team as keyof typeof entries].team.id });
  const after = await ranking();
  const essence = (r: Ranking) => r.rounds[0].ranking.map(({ rank, submission, raw, normalised, jurors }) => ({ rank, submission, raw, normalised, jurors }));
  assert.deepEqual(essence(after), essence(before));
  assert.equal(rowOf(after, x.team).setAside, 1);
  assert.equal(rowOf(after, x.team).missing, 0, 'a set-aside score is not missing');
  assert.deepEqual(after.rounds[0].setAside, [
    { juror: 'Dora Deklarerar', submissionId: x.submissionId, submission: `Förslag ${x.team}`, reasons: ['declared'] },
  ]);
  assert.equal((await app.db.select().from(juryScores).where(eq(juryScores.assignmentId, x.id))).length, 6, 'kept in the database');
  const juryPage = (await organiser.get(juryPath)).body;
  assert.match(juryPage, /1 poängsättning är lagd åt sidan för jäv och räknas inte i rangordningen/);
  assert.match(juryPage, new RegExp(`Dora Deklarerar om Förslag ${x.team}: anmält jäv`));
  assert.match(juryPage, /lagda åt sidan för jäv: 1/);

  // The CSV exports agree with the JSON: the same rows, and the set-aside score marked with its reason.
  const csv = (await organiser.get(`${juryPath}/ranking.csv`)).body
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
  assert.deepEqual(
    csv.map(([round, rank, , submission, , raw, normalised, jurorCount, missing, setAside]) => [
      round,
      Number(rank),
      submission,
      Number(raw),
      Number(normalised),
      Number(jurorCount),
      Number(missing),
      Number(setAside),
    ]),
    after.rounds[0].ranking.map((r) => ['first', r.rank, r.submission, r.raw, r.normalised, r.jurors, r.missing, r.setAside]),
  );
  const scoreLines = (await organiser.get(`${juryPath}/scores.csv`)).body.trim().split('\r\n').slice(1);
  assert.equal(scoreLines.filter((l) => l.endsWith(',declared')).length, 6);
  assert.ok(scoreLines.filter((l) => l.includes('Dora Deklarerar') && l.includes(`Förslag ${x.team}`)).every((l) => l.endsWith(',declared')));

  // The scoring form is withdrawn for her: the page says why, and a POST is refused with nothing saved.
  assert.match(
    (await clients['Dora Deklarerar'].get('/jury')).body,
    new RegExp(`Förslag ${x.team}</a> \\(${x.team}, Första omgången\\) – lagd åt sidan \\(jäv\\)`),
  );
  const refused = await score('Dora Deklarerar', x.id, 6 - doraGave);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /Du är jävig mot det här laget/);
  assert.deepEqual([...new Set((await app.db.select().from(juryScores).where(eq(juryScores.assignmentId, x.id))).map((s) => s.score))], [doraGave]);

  // A conflict that arises later (Ola joins an organisation a member of a team he scored belongs to) counts at once.
  const olas = assigned.find((a) => a.juror === 'Ola Oberoende' && a.team !== x.team)!;
  const joined = await anOrganisation(app, { name: 'Myndigheten' });
  await app.db.insert(memberships).values([
    { organisationId: joined.id, userId: ola.id, role: 'editor' },
    { organisationId: joined.id, userId: entries[olas.team as keyof typeof entries].member.id, role: 'editor' },
  ]);
  const later = await ranking();
  assert.equal(rowOf(later, olas.team).setAside, rowOf(after, olas.team).setAside + 1);
  assert.ok(later.rounds[0].setAside.some((s) => s.juror === 'Ola Oberoende' && s.reasons.includes('organisation')));
  assert.match((await organiser.get(juryPath)).body, /2 poängsättningar är lagda åt sidan för jäv/);

  // Assigning again replaces withdrawn assignments: each submission is back to two counted jurors where possible.
  assert.equal((await organiser.post(`${juryPath}/rounds/first/assign`)).statusCode, 303);
  assigned = await held();
  for (const a of assigned.filter((b) => b.juror === 'Tove Tävlande' || (b.juror === 'Olle Organisation' && b.team === 'Beta')))
    assert.fail(`${a.juror} got ${a.team}`);
  assert.ok(!assigned.some((a) => a.juror === 'Dora Deklarerar' && a.team === x.team && a.id !== x.id), 'not Dora again');

  // The team never sees a set-aside score or its feedback.
  const xTeam = await signedIn(app, entries[x.team as keyof typeof entries].member);
  assert.equal((await organiser.post(`${juryPath}/rounds/first/close`)).statusCode, 303);
  const feedback = (await xTeam.get(`/events/${event.slug}/teams/${entries[x.team as keyof typeof entries].team.id}/feedback`)).body;
  assert.doesNotMatch(feedback, /Från Dora Deklarerar/);
  assert.match(feedback, /Från (Ola Oberoende|Olle Organisation)/);

  // Shortlist to the final (Alfa and Beta by hand): every juror free of conflicts judges both; Tove and Olle do not.
  await organiser.post(`${juryPath}/shortlist`, { top: '2', finalists: [alfa.submission.id, beta.submission.id] });
  assert.equal((await organiser.post(`${juryPath}/rounds/final/assign`)).statusCode, 303);
  const final = (await held()).filter((a) => !assigned.some((b) => b.id === a.id));
  const expected = [
    ['Alfa', 'Ola Oberoende'],
    ['Alfa', 'Olle Organisation'],
    ['Beta', 'Ola Oberoende'],
  ];
  if (x.team !== 'Alfa') expected.push(['Alfa', 'Dora Deklarerar']);
  if (x.team !== 'Beta') expected.push(['Beta', 'Dora Deklarerar']);
  // Ola's new organisation conflict is with one team; drop it if that team is a finalist.
  const finalExpected = expected
    .filter(([team, juror]) => !(juror === 'Ola Oberoende' && team === olas.team))
    .map((p) => p.join(' '))
    .sort();
  assert.deepEqual(final.map((a) => `${a.team} ${a.juror}`).sort(), finalExpected);
  // And in the final, the move list offers no conflicted juror either.
  const finalPage = (await organiser.get(juryPath)).body;
  const finalForm = (id: string) => new RegExp(`action="${juryPath}/assignments/${id}"[\\s\\S]*?</form>`).exec(finalPage)?.[0] ?? '';
  for (const a of final)
    assert.doesNotMatch(finalForm(a.id), new RegExp(`value="(${seatOf['Tove Tävlande']}${a.team === 'Beta' ? `|${seatOf['Olle Organisation']}` : ''})"`));
  const [betaFinal] = final.filter((a) => a.team === 'Beta');
  const refusedFinal = await organiser.post(`${juryPath}/assignments/${betaFinal.id}`, { juror: seatOf['Olle Organisation'] });
  assert.match((await organiser.get(String(refusedFinal.headers.location))).body, /kunde inte flyttas/);
  assert.equal(
    (
      await app.db
        .select()
        .from(juryAssignments)
        .where(and(eq(juryAssignments.id, betaFinal.id), eq(juryAssignments.jurorId, betaFinal.jurorId)))
    ).length,
    1,
  );

  // The tester's case: a juror who scored and then turns out to be in a team of the event (here Olle joins Gamma):
  // every score he gave is set aside, his own team's as a member, the others' as a rival.
  const olles = (await held()).filter((a) => a.juror === 'Olle Organisation' && a.submittedAt);
  assert.ok(olles.length > 0);
  await app.db.insert(teamMembers).values({ teamId: gamma.team.id, eventId: event.id, userId: olle.id });
  const last = await ranking();
  for (const a of olles)
    assert.ok(
      last.rounds[0].setAside.some(
        (x) => x.juror === 'Olle Organisation' && x.submissionId === a.submissionId && x.reasons.includes(a.team === 'Gamma' ? 'member' : 'competitor'),
      ),
      a.team,
    );
});
