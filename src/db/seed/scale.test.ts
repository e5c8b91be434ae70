import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, like, sql } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { rowsOf } from '../client.ts';
import { seedScale } from './scale.ts';
import { BulkWriter } from './bulk.ts';
import { challenges, checkInMonths, organisations, users } from '../schema/index.ts';

test('seed --scale 1 writes one Hack the Crisis in bulk: every count as documented, and the pages show it', async (t) => {
  const app = await build(t);
  const result = await seedScale(app, 1);
  assert.deepEqual({ ...result, seconds: 0 }, { users: 7400, organisations: 300, challenges: 2000, teams: 521, publisher: 's2020-0', seconds: 0 });
  const [counts] = await rowsOf<Record<string, number>>(
    app.db,
    sql`select (select count(*)::int from users where email like 's2020-%') as people,
               (select count(*)::int from event_registrations r join events e on e.id = r.event_id where e.slug = 's2020-hack-the-crisis-1') as registered,
               (select count(*)::int from submissions where status = 'submitted' and submitted_version = 1) as submitted,
               (select count(*)::int from submission_versions) as versions,
               (select count(*)::int from team_seekers) as seekers,
               (select count(*)::int from jurors) as jurors,
               (select count(*)::int from jury_assignments where submitted_at is not null) as assessments,
               (select count(*)::int from jury_scores) as scores,
               (select count(*)::int from datasets) as datasets,
               (select count(*)::int from check_ins where status = 'scheduled' and due_at <= now()) as "checkInsDue",
               (select count(*)::int from check_ins) as "checkInsPlanned"`,
  );
  assert.deepEqual(counts, {
    people: 7400,
    registered: 7400,
    submitted: 521,
    versions: 521,
    seekers: 300,
    jurors: 15,
    assessments: 521 * 3,
    scores: 521 * 3 * 6,
    datasets: 5000,
    // Every solution's check-ins planned, and none left waiting for the job's first run (at --scale 100, where the
    // events go back years, those in the past are marked sent when they fell due).
    checkInsDue: 0,
    checkInsPlanned: 521 * checkInMonths.length,
  });
  // Written through COPY on PostgreSQL: arrays, JSON and dates read back as the app wrote them.
  const [person] = await app.db.select().from(users).where(eq(users.email, 's2020-0@scale.hack365.test'));
  assert.equal(person.roles.length, 1);
  assert.deepEqual(person.languages, ['svenska']);
  assert.ok(person.emailVerifiedAt instanceof Date);
  const [submission] = await rowsOf<{ same: boolean }>(app.db, sql`select bool_and(content->>'title' = title) as same from submissions`);
  assert.equal(submission.same, true);

  const visitor = new Client(app);
  assert.match((await visitor.get('/events/s2020-hack-the-crisis-1/solutions')).body, /521 lösningar/);
  const signin = await visitor.get('/signin');
  assert.equal(signin.statusCode, 200);
  assert.equal((await visitor.post('/signin', { email: person.email!, password: 'scale-password' })).statusCode, 303, 'the shared password hash works');
  await assert.rejects(seedScale(app, 1), /is there already/);
});

test('the bulk writer keeps tabs, newlines, backslashes, quotes and commas in text and arrays', async (t) => {
  const app = await build(t);
  const awkward = 'a\tb\nc\r\\d "e", {f} \\N';
  const bulk = new BulkWriter(app.db);
  const [org] = await app.db.select({ id: organisations.id }).from(organisations).limit(1);
  const owner = org ?? (await app.db.insert(organisations).values({ slug: 'bulk-org', name: 'Bulk', type: 'agency' }).returning())[0];
  await bulk.write(challenges, [
    {
      slug: 'bulk-awkward',
      organisationId: owner.id,
      titleSv: awkward,
      summarySv: '',
      problemSv: '',
      outcomeSv: '',
      themes: ['ENVI'],
      keywords: [awkward, 'x,y', '"'],
      contactName: 'N',
      contactEmail: 'n@example.org',
      endsOn: null,
    },
  ]);
  await bulk.flush();
  const [row] = await app.db.select().from(challenges).where(like(challenges.slug, 'bulk-awkward'));
  assert.equal(row.titleSv, awkward);
  assert.deepEqual(row.keywords, [awkward, 'x,y', '"']);
  assert.equal(row.endsOn, null);
  assert.equal(row.status, 'draft', 'a column left out gets its default');
});
