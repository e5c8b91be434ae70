import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';
import { seedDemo } from './demo.ts';
import {
  challengeAdoptions,
  eventPhases,
  events as eventRows,
  follows,
  realisations,
  realisationUpdates,
  solutionInterests,
  submissions,
  teamMembers,
  users,
} from '../schema/index.ts';
import { galleryRefusal } from '../../modules/proposals/rules.ts';
import { resultsRefusal } from '../../modules/judging/commands/results.ts';

test('the demo data shows every stage: events in every phase, teams, a published gallery and published results', async (t) => {
  const app = await build(t);
  assert.ok(await seedDemo(app));
  const visitor = new Client(app);
  const events = await visitor.get('/events');
  for (const title of [
    'Hack for Sweden 365: final',
    'Södertälje 24h: hållbar mobilitet',
    'Hack the Crisis Sweden',
    'Skogsstyrelsen 24h: skogsskador',
    'Hack for Sweden 2025',
  ])
    assert.match(events.body, new RegExp(title.replace(/[()]/g, '\\$&')));
  const results = await visitor.get('/events/hack-for-sweden-2025/results');
  assert.equal(results.statusCode, 200);
  assert.match(results.body, /Bästa lösning/);
  assert.match(results.body, /Skogskollen/);
  assert.match((await visitor.get('/events/hack-for-sweden-2025/solutions')).body, /3 lösningar/);
  const awarded = await visitor.get('/solutions?award=yes');
  assert.match(awarded.body, /2 lösningar/);
  assert.match(awarded.body, /Skogskollen/);
  assert.match(awarded.body, /Akutkollen/);
  // Results are open data, listed in the platform's own catalog.
  const csv = await visitor.get('/open-data/results.csv');
  assert.match(csv.body, /^event,eventTitle,kind,name,solution,team,amountSek,sponsor\r\n/);
  assert.match(csv.body, /hack-for-sweden-2025,Hack for Sweden 2025,award,Bästa lösning,Skogskollen,Skogskollen,50000,Digg\r\n/);
  assert.match((await visitor.get('/datasets/dcat?format=turtle')).body, /open-data\/results/);
  // Each demo dataset is linked to the challenges it fits, and the challenge page shows it.
  for (const [challenge, dataset] of [
    ['tryggare-cykelvagar-till-skolan', 'Cykelparkeringar i Södertälje'],
    ['varna-for-algblomning-vid-badplatser', 'Badplatser och vattenprov'],
  ]) {
    const page = await visitor.get(`/challenges/${challenge}`);
    assert.equal(page.statusCode, 200, challenge);
    assert.match(page.body.slice(page.body.indexOf('Data för utmaningen')), new RegExp(`<a href="/datasets/[0-9a-f-]{36}">${dataset}</a>`), challenge);
  }

  // The seed writes the database directly, yet what it publishes keeps the phase rules the server enforces.
  for (const event of await app.db.select().from(eventRows)) {
    const phases = await app.db.select().from(eventPhases).where(eq(eventPhases.eventId, event.id));
    if (event.galleryPublished) assert.equal(galleryRefusal(phases, event.graceMinutes, new Date()), null, `${event.slug}: gallery`);
    if (event.resultsPublished) assert.equal(await resultsRefusal(app.db, event.id), null, `${event.slug}: results`);
  }
});

test('the demo data tells realisation’s story: a Hack the Crisis solution in operation, one stopped, an adopted challenge, followers', async (t) => {
  const app = await build(t);
  await seedDemo(app); // the file's tests share one database: seeded once, by whichever runs first
  const stageOf = async (title: string) => {
    const [row] = await app.db
      .select({ id: submissions.id, stage: realisations.stage, confirmed: realisations.confirmed })
      .from(submissions)
      .innerJoin(realisations, eq(realisations.submissionId, submissions.id))
      .where(eq(submissions.title, title));
    return row;
  };
  const akut = await stageOf('Akutkollen');
  assert.deepEqual([akut.stage, akut.confirmed], ['operation', true]);
  const steps = await app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, akut.id)).orderBy(realisationUpdates.createdAt);
  assert.deepEqual(
    steps.map((s) => s.stage),
    ['prototype', 'pilot', 'procurement', 'operation'],
  );
  assert.ok(
    steps.every((s) => s.organisationId || s.confirmedAt),
    'every step is confirmed by a need owner',
  );
  assert.equal(steps.find((s) => s.stage === 'procurement')!.reference, 'RS 2021-0456');
  const stopped = await stageOf('Grannhjälpen');
  assert.equal(stopped.stage, 'stopped');
  assert.match(
    (await app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, stopped.id))).find((u) => u.stage === 'stopped')!.reason,
    /Behovet försvann/,
  );
  assert.equal((await app.db.select().from(challengeAdoptions)).length, 1);
  assert.equal((await stageOf('Trygg cykelparkering')).confirmed, false, 'a claim waits for the need owner');
  const parking = await new Client(app).get(`/solutions/${(await stageOf('Trygg cykelparkering')).id}`);
  assert.match(parking.body, /Cykelparkeringar i Södertälje/, 'the solution names the dataset it used');
  assert.equal((await app.db.select().from(solutionInterests)).length, 1);
  const [participant] = await app.db.select().from(users).where(eq(users.email, 'participant@hack365.test'));
  assert.ok((await app.db.select().from(follows).where(eq(follows.userId, participant.id))).length >= 2);
  assert.equal(
    (await app.db.select().from(teamMembers).where(eq(teamMembers.userId, participant.id))).length,
    2,
    'a team at the running event and one whose check-ins are due',
  );
});

test('every published demo solution has an image with alt text in both languages, on its card and its page', async (t) => {
  const app = await build(t);
  await seedDemo(app);
  const visitor = new Client(app);
  const gallery = (await visitor.get('/solutions')).body;
  const cards = gallery.match(/<li><img class="solution-image solution-image-card"[^>]*>/g) ?? [];
  const listed = Number(/(\d+) lösningar/.exec(gallery)![1]);
  assert.ok(listed > 0);
  assert.equal(cards.length, Math.min(listed, 20), 'each card on the first page has its image');
  const first = cards[0] ?? '';
  assert.match(first, /alt="Illustration för [^"]+: initialerna [A-ZÅÄÖ0-9?]+ och ett stapeldiagram/);
  const [, id] = /\/solutions\/([0-9a-f-]{36})\/image-card\.webp/.exec(first)!;
  const english = (await new Client(app, { 'accept-language': 'en' }).get(`/solutions/${id}`)).body;
  assert.match(english, /<img class="solution-image"[^>]*alt="Illustration for [^"]+ bar chart on a \w+ background\."[^>]*width="1200" height="630"/);
  const image = await visitor.get(`/solutions/${id}/image.webp`);
  assert.equal(image.headers['content-type'], 'image/webp');
});

test('the demo data gives whole years of statistics and a published annual report compared with the year before', async (t) => {
  const app = await build(t);
  await seedDemo(app);
  const visitor = new Client(app);
  const report = (await visitor.get('/reports/2025.json')).json() as {
    previous: unknown;
    tables: { id: string; rows: { key: string; value: number | null; previous?: number | null }[] }[];
  };
  const totals = Object.fromEntries(report.tables.find((x) => x.id === 'totals')!.rows.map((r) => [r.key, r]));
  assert.ok(report.previous, '2025 is compared with 2024');
  assert.ok((totals.participants.value ?? 0) > 100 && (totals.participants.previous ?? 0) > 50, JSON.stringify(totals.participants));
  assert.ok((totals.published.value ?? 0) > 10);
  const gender = report.tables.find((x) => x.id === 'diversity.gender')!.rows;
  assert.ok(
    gender.some((r) => r.value !== null && r.key === 'woman'),
    'the larger groups are shown',
  );
  const page = await visitor.get('/reports/2025');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Under 2025 samlade Hack for Sweden/);
  assert.match((await visitor.get('/statistics')).body, /2024.*2025.*2026/s);
});
