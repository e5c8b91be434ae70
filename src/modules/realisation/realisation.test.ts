import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build } from '../../test/app.ts';
import { aMember, aNeedOwner, aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { auditLog, checkIns, follows, notices, realisations, realisationUpdates, solutionInterests } from '../../db/schema/index.ts';

const update = (over: Record<string, string> = {}) => ({
  as: 'team',
  stage: '',
  textSv: '',
  textEn: '',
  links: '',
  evidenceKind: '',
  evidenceUrl: '',
  route: '',
  reference: '',
  reason: '',
  ...over,
});

test('realisation: the team reports a stage, it shows as reported until the need owner confirms; the history keeps every update', async (t) => {
  const app = await build(t);
  const s = await aSolution(app);
  const team = await signedIn(app, s.members[0]);
  const owner = await signedIn(app, s.owner);
  const base = `/solutions/${s.submission.id}`;

  assert.equal((await team.get(`${base}/updates/new`)).statusCode, 200);
  const claimed = await team.post(`${base}/updates`, update({ stage: 'prototype', textSv: 'Vi har en prototyp.', links: 'https://git.example.se/badkollen' }));
  assert.equal(claimed.statusCode, 303);
  let [record] = await app.db.select().from(realisations).where(eq(realisations.submissionId, s.submission.id));
  assert.deepEqual([record.stage, record.confirmed], ['prototype', false], 'the team’s word alone is not confirmed');

  // The team cannot confirm its own claim, whatever it sends.
  const [claim] = await app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, s.submission.id));
  assert.equal((await team.post(`${base}/updates/${claim.id}/confirm`, { organisation: s.organisation.id })).statusCode, 403);

  // The need owner confirms; twice at once, one confirmation is recorded.
  const [a, b] = await Promise.all([owner.post(`${base}/updates/${claim.id}/confirm`, {}), owner.post(`${base}/updates/${claim.id}/confirm`, {})]);
  assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
  [record] = await app.db.select().from(realisations).where(eq(realisations.submissionId, s.submission.id));
  assert.equal(record.confirmed, true);
  const confirmations = await app.db.select().from(auditLog).where(eq(auditLog.action, 'realisation.confirmed'));
  assert.equal(confirmations.filter((c) => c.subjectId === s.submission.id).length, 1);

  // A need owner's own update counts as confirmed; a pilot names its route and reference.
  const pilot = await owner.post(
    `${base}/updates`,
    update({ as: s.organisation.id, stage: 'pilot', textEn: 'Pilot in two municipalities.', route: 'innovation_procurement', reference: 'SÖ-2026-114' }),
  );
  assert.equal(pilot.statusCode, 303);
  [record] = await app.db.select().from(realisations).where(eq(realisations.submissionId, s.submission.id));
  assert.deepEqual([record.stage, record.confirmed], ['pilot', true]);

  const history = await app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, s.submission.id));
  assert.equal(history.length, 2, 'nothing is overwritten');
  const pilotRow = history.find((h) => h.stage === 'pilot')!;
  assert.deepEqual([pilotRow.route, pilotRow.reference, pilotRow.organisationId], ['innovation_procurement', 'SÖ-2026-114', s.organisation.id]);
  assert.equal(history.find((h) => h.stage === 'prototype')!.confirmedOrganisationId, s.organisation.id);
});

test('realisation: forms refuse what the rules forbid, re-render with a summary, and keep what was typed', async (t) => {
  const app = await build(t);
  const s = await aSolution(app);
  const team = await signedIn(app, s.members[0]);
  const base = `/solutions/${s.submission.id}`;
  const cases: [Record<string, string>, string][] = [
    [update({ stage: 'pilot', textSv: 'Pilot!' }), 'route'],
    [update({ stage: 'stopped', textSv: 'Slut.' }), 'reason'],
    [update({ stage: 'prototype' }), 'textSv'],
    [update({ textSv: 'Länkar', links: 'javascript:alert(1)' }), 'links'],
    [update({ textSv: 'Underlag', evidenceUrl: 'https://example.se/beslut.pdf' }), 'evidenceKind'],
    [update({ stage: 'launched', textSv: 'Okänt skede' }), 'stage'],
    [update({ textSv: 'NUL\u0000' }), 'textSv'],
    [update({ textSv: 'x'.repeat(2001) }), 'textSv'],
    // A team member cannot write as an organisation they do not belong to.
    [update({ as: s.organisation.id, textSv: 'Som behovsägare' }), 'as'],
  ];
  for (const [body, field] of cases) {
    const res = await team.post(`${base}/updates`, body);
    assert.equal(res.statusCode, 400, `${field}: ${JSON.stringify(body).slice(0, 80)}`);
    assert.match(res.body, new RegExp(`href="#f-${field}"`), field);
  }
  const kept = await team.post(`${base}/updates`, update({ stage: 'stopped', textSv: 'Vi lägger ner <script>x</script>' }));
  assert.match(kept.body, /Vi lägger ner &lt;script>x&lt;\/script>/, 'typed text is kept, escaped');
  assert.equal((await app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, s.submission.id))).length, 0, 'nothing stored');
});

test('realisation: only the team and the solution’s need owners write; others are refused, unknown solutions are 404', async (t) => {
  const app = await build(t);
  const s = await aSolution(app);
  const other = await aNeedOwner(app);
  const outsider = await signedIn(app, await aMember(app, other.id, 'owner'));
  const stranger = await signedIn(app, await aUser(app));
  const base = `/solutions/${s.submission.id}`;
  for (const client of [outsider, stranger]) {
    assert.equal((await client.get(`${base}/updates/new`)).statusCode, 403);
    assert.equal((await client.post(`${base}/updates`, update({ textSv: 'Hej' }))).statusCode, 403);
  }
  assert.equal((await stranger.get('/solutions/00000000-0000-0000-0000-000000000000/updates/new')).statusCode, 404);
  assert.equal((await stranger.get('/solutions/not-an-id/updates/new')).statusCode, 404);

  // An organisation whose interest the team accepted becomes a need owner and may write.
  await app.db
    .insert(solutionInterests)
    .values({ submissionId: s.submission.id, organisationId: other.id, message: 'Vi vill ta detta vidare', status: 'accepted', decidedAt: new Date() });
  assert.equal((await outsider.get(`${base}/updates/new`)).statusCode, 200);
  assert.equal((await outsider.post(`${base}/updates`, update({ as: other.id, stage: 'pilot', route: 'in_house', textSv: 'Vi pilotar.' }))).statusCode, 303);

  // A solution whose gallery is not published has no record to write.
  const hidden = await aSolution(app, { gallery: false });
  assert.equal((await (await signedIn(app, hidden.members[0])).get(`/solutions/${hidden.submission.id}/updates/new`)).statusCode, 404);
});

test('realisation: followers of the solution or its challenge get one notice each; the writer gets none', async (t) => {
  const app = await build(t);
  const s = await aSolution(app);
  const follower = await aUser(app);
  const both = await aUser(app);
  await app.db.insert(follows).values([
    { userId: follower.id, targetType: 'solution', targetId: s.submission.id },
    { userId: both.id, targetType: 'solution', targetId: s.submission.id },
    { userId: both.id, targetType: 'challenge', targetId: s.challenge.id },
    { userId: s.members[0].id, targetType: 'solution', targetId: s.submission.id },
  ]);
  const team = await signedIn(app, s.members[0]);
  await team.post(`/solutions/${s.submission.id}/updates`, update({ stage: 'prototype', textSv: 'Prototyp klar.' }));
  const rows = await app.db.select().from(notices);
  assert.deepEqual(rows.map((r) => r.userId).sort(), [follower.id, both.id].sort());
  assert.ok(rows.every((r) => r.kind === 'realisation.stage' && r.params.stage === 'prototype' && r.path.startsWith(`/solutions/${s.submission.id}#update-`)));
});

test('realisation: the team naming the confirmed stage again keeps it confirmed; any update answers the check-in that waits', async (t) => {
  const app = await build(t);
  const s = await aSolution(app);
  const team = await signedIn(app, s.members[0]);
  const owner = await signedIn(app, s.owner);
  const base = `/solutions/${s.submission.id}`;
  await owner.post(`${base}/updates`, update({ as: s.organisation.id, stage: 'prototype', textSv: 'Prototyp hos oss.' }));
  const [waiting] = await app.db
    .insert(checkIns)
    .values({ submissionId: s.submission.id, months: 3, dueAt: new Date(), status: 'sent', sentAt: new Date() })
    .returning();
  await team.post(`${base}/updates`, update({ stage: 'prototype', textSv: 'Fortfarande prototyp, nu med fler användare.' }));
  const [record] = await app.db.select().from(realisations).where(eq(realisations.submissionId, s.submission.id));
  assert.deepEqual([record.stage, record.confirmed], ['prototype', true]);
  const [answered] = await app.db.select().from(checkIns).where(eq(checkIns.id, waiting.id));
  assert.equal(answered.status, 'answered');
  assert.equal(answered.answeredBy, s.members[0].id);
});
