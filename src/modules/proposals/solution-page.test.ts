import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aSolution } from '../../test/solutions.ts';
import { awards, datasets, submissionDatasets, submissions, submissionVersions } from '../../db/schema/index.ts';
import { emptyContent } from './schema.ts';
import { postUpdate } from '../realisation/commands/post-update.ts';

test('a solution page shows its award, stage and timeline, datasets, challenge, need owners and plain links to video and code', async (t) => {
  const app = await build(t);
  const s = await aSolution(app, { title: 'Badkollen', resultsPublishedAt: new Date() });
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: s.organisation.id, key: 'bad', iri: '', titleSv: 'Badplatser och vattenprov', titleEn: 'Beaches and water samples' })
    .returning();
  const content = {
    ...emptyContent(),
    title: 'Badkollen',
    pitch: 'Vi visar var det går att bada.',
    videoUrl: 'https://video.example.se/badkollen',
    sourceUrl: 'https://git.example.se/badkollen',
    datasetIds: [dataset.id],
  };
  await app.db.update(submissionVersions).set({ content }).where(eq(submissionVersions.submissionId, s.submission.id));
  await app.db.update(submissions).set({ content }).where(eq(submissions.id, s.submission.id));
  await app.db.insert(submissionDatasets).values({ submissionId: s.submission.id, datasetId: dataset.id });
  await app.db.insert(awards).values({ eventId: s.event.id, submissionId: s.submission.id, name: 'Samhällsnyttopriset', sponsor: 'Digg', amountSek: 50000 });
  await postUpdate(
    app,
    { actorId: s.owner.id, organisationId: s.organisation.id, solution: { id: s.submission.id, title: 'Badkollen', challengeId: s.challenge.id } },
    {
      stage: 'pilot',
      textSv: 'Piloten startar i juni.',
      textEn: '',
      links: [],
      evidenceKind: null,
      evidenceUrl: '',
      route: 'in_house',
      reference: '',
      reason: '',
    },
  );

  const page = (await new Client(app).get(`/solutions/${s.submission.id}`)).body;
  assert.match(page, /class="notice solution-award"><strong>Pris:<\/strong> Samhällsnyttopriset \(sponsrat av Digg\)/);
  assert.match(page, /class="stage stage-pilot"><strong>Pilot<\/strong>/);
  assert.match(page, /<ol class="timeline">[\s\S]*Nytt skede: Pilot[\s\S]*Piloten startar i juni\./);
  assert.match(page, new RegExp(`<a href="/datasets/${dataset.id}"[^>]*>Badplatser och vattenprov</a>`));
  assert.match(page, new RegExp(`<a href="/challenges/${s.challenge.slug}">`));
  assert.match(page, new RegExp(`<a href="/organisations/${s.organisation.slug}">${s.organisation.name}</a>`));
  assert.match(page, /<a href="https:\/\/video\.example\.se\/badkollen" rel="nofollow noopener">/);
  assert.match(page, /<a href="https:\/\/git\.example\.se\/badkollen" rel="nofollow noopener">/);
  // Worth sharing: a link preview names it, by the address it is shared at.
  assert.match(page, /<meta property="og:title" content="[^"]+"\/>/);
  assert.match(page, new RegExp(`<meta property="og:url" content="[^"]*/solutions/${s.submission.id}"/>`));
  // Nothing from elsewhere is embedded: no frames, no scripts or images from other sites.
  assert.doesNotMatch(page, /<iframe|<embed|<object/);
  assert.doesNotMatch(page, /<(script|img)[^>]+src="https?:/);
});
