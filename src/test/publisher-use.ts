import { eq } from 'drizzle-orm';
import type { TestApp } from './app.ts';
import { aChallenge, aMember, aNeedOwner, aUser } from './factories.ts';
import { aSolution } from './solutions.ts';
import {
  awards,
  challengeDatasets,
  dataRequests,
  datasetReports,
  datasets,
  harvestSources,
  juries,
  juryRoundEntries,
  juryRounds,
  realisations,
  submissionDatasets,
  submissions,
} from '../db/schema/index.ts';

/**
 * A publisher with two used datasets (one registered here, one harvested) and three unused: a published challenge
 * cites both (a draft one too, which must not count); a solution in a published gallery with its results out used
 * both and is a finalist, a winner and in a pilot; a proposal submitted to an event whose gallery is still closed used
 * the registered one (counted, never named); a draft used it too (neither); problem reports and data requests.
 */
export async function publisherWithUse(app: TestApp) {
  const org = await aNeedOwner(app, { type: 'municipality' });
  const author = await aMember(app, org.id, 'owner');
  const [source] = await app.db
    .insert(harvestSources)
    .values({ organisationId: org.id, title: 'Kommunens katalog', url: 'https://kommun.example/dcat' })
    .returning();
  const [registered] = await app.db
    .insert(datasets)
    .values({ organisationId: org.id, key: 'bad', iri: '', titleSv: 'Badplatser', titleEn: 'Bathing places' })
    .returning();
  const [harvested] = await app.db
    .insert(datasets)
    .values({ sourceId: source.id, organisationId: org.id, key: 'temp', iri: 'https://kommun.example/ds/temperatur', titleSv: 'Vattentemperatur' })
    .returning();
  await app.db.insert(datasets).values([1, 2, 3].map((i) => ({ organisationId: org.id, key: `oanvand-${i}`, iri: '', titleSv: `Oanvänd ${i}` })));

  const cites = await aChallenge(app, org, author.id, { titleSv: 'Säkrare bad' });
  const draft = await aChallenge(app, org, author.id, { titleSv: 'Hemlig utmaning' }, 'draft');
  await app.db.insert(challengeDatasets).values([
    { challengeId: cites.id, datasetId: registered.id },
    { challengeId: cites.id, datasetId: harvested.id },
    { challengeId: draft.id, datasetId: registered.id },
  ]);

  const winner = await aSolution(app, { organisation: org, title: 'Badkollen', resultsPublishedAt: new Date() });
  const [jury] = await app.db.insert(juries).values({ eventId: winner.event.id, name: 'Juryn' }).returning();
  const [final] = await app.db.insert(juryRounds).values({ juryId: jury.id, kind: 'final' }).returning();
  await app.db.insert(juryRoundEntries).values({ roundId: final.id, submissionId: winner.submission.id });
  await app.db.insert(awards).values({ eventId: winner.event.id, submissionId: winner.submission.id, name: 'Bästa lösning' });
  await app.db.insert(realisations).values({ submissionId: winner.submission.id, stage: 'pilot' });
  const hidden = await aSolution(app, { organisation: org, title: 'Hemligt bidrag', gallery: false });
  const unsubmitted = await aSolution(app, { organisation: org, title: 'Utkastet' });
  await app.db.update(submissions).set({ status: 'draft' }).where(eq(submissions.id, unsubmitted.submission.id));
  await app.db.insert(submissionDatasets).values([
    { submissionId: winner.submission.id, datasetId: registered.id },
    { submissionId: winner.submission.id, datasetId: harvested.id },
    { submissionId: hidden.submission.id, datasetId: registered.id },
    { submissionId: unsubmitted.submission.id, datasetId: registered.id },
  ]);

  const reporter = await aUser(app);
  await app.db.insert(datasetReports).values([
    { datasetId: registered.id, reporterId: reporter.id, kind: 'broken_link', message: 'Länken till CSV-filen ger 404.' },
    {
      datasetId: registered.id,
      reporterId: reporter.id,
      kind: 'outdated',
      message: 'Senaste provet är från 2019.',
      answer: 'Nu uppdaterad varje vecka.',
      answeredBy: author.id,
      answeredAt: new Date(),
    },
  ]);
  await app.db.insert(dataRequests).values([
    {
      organisationId: org.id,
      askerId: reporter.id,
      title: 'Badplatser som GeoJSON',
      description: 'Med koordinater, tack.',
      status: 'published',
      datasetId: registered.id,
      answeredAt: new Date(),
    },
    { organisationId: org.id, askerId: reporter.id, title: 'Algblomning per vecka', description: 'Vi behöver historiken.' },
  ]);
  return { org, registered, harvested, cites, winner, hidden, unsubmitted };
}
