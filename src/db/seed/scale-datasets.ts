import { challengeDatasets, dataRequests, datasetReports, datasets, datasetProblemKinds, submissionDatasets } from '../schema/index.ts';
import { themeCodes } from '../../modules/challenges/themes.ts';
import { words } from './scale-words.ts';
import type { BulkWriter } from './bulk.ts';

type Rng = { next: () => number; int: (n: number) => number; pick: <T>(list: readonly T[]) => T; uuid: () => string };

export const PUBLISHER_DATASETS = 5000;

/**
 * A big publisher, for the data-use page at scale: 5,000 datasets registered by one organisation (an agency the size
 * of Lantmäteriet on dataportal.se), of which about 400 were cited by published challenges, about 600 used by the
 * scale events' submissions, with problem reports (half answered) and data requests. Whatever the scale, since a
 * publisher's own size does not grow with the programme's.
 */
export async function seedScaleDatasets(
  bulk: BulkWriter,
  r: Rng,
  prefix: string,
  publisherId: string,
  userIds: string[],
  challengeIds: string[],
  submissionIds: string[],
) {
  const day = 24 * 3600 * 1000;
  const now = Date.UTC(2026, 10, 1);
  const rows = Array.from({ length: PUBLISHER_DATASETS }, (_, i) => {
    const topic = r.pick(words.topics);
    return {
      id: r.uuid(),
      organisationId: publisherId,
      key: `${prefix}-ds-${i}`,
      iri: '',
      titleSv: `${topic[0].toUpperCase()}${topic.slice(1)} i ${r.pick(words.places)} ${i}`,
      descriptionSv: `Öppna data om ${topic}.`,
      themes: [r.pick(themeCodes)],
      firstSeenAt: new Date(now - r.int(900) * day),
    };
  });
  await bulk.write(datasets, rows);

  const cited = new Map<string, { challengeId: string; datasetId: string; addedAt: Date }>();
  for (let i = 0; i < 400; i++) {
    const challengeId = r.pick(challengeIds);
    const datasetId = r.pick(rows).id;
    cited.set(`${challengeId} ${datasetId}`, { challengeId, datasetId, addedAt: new Date(now - r.int(700) * day) });
  }
  await bulk.write(challengeDatasets, [...cited.values()]);

  // The scale events' submissions: about one in eight used one to three of the publisher's datasets.
  const used = new Map<string, { submissionId: string; datasetId: string }>();
  for (const submissionId of submissionIds) {
    if (r.next() > 0.125) continue;
    for (let k = 1 + r.int(3); k > 0; k--) {
      const datasetId = rows[r.int(600)].id; // a popular tenth of the catalogue
      used.set(`${submissionId} ${datasetId}`, { submissionId, datasetId });
    }
  }
  await bulk.write(submissionDatasets, [...used.values()]);

  const reports = Array.from({ length: 300 }, () => {
    const createdAt = new Date(now - r.int(700) * day);
    const answered = r.next() < 0.5;
    return {
      datasetId: r.pick(rows).id,
      reporterId: r.pick(userIds),
      kind: r.pick(datasetProblemKinds),
      message: `Länken till filen om ${r.pick(words.topics)} fungerar inte.`,
      answer: answered ? 'Tack, nu är den rättad.' : null,
      answeredAt: answered ? new Date(createdAt.getTime() + 3 * day) : null,
      createdAt,
    };
  });
  await bulk.write(datasetReports, reports);
  const requests = Array.from({ length: 100 }, () => ({
    organisationId: publisherId,
    askerId: r.pick(userIds),
    title: `${r.pick(words.topics)} som GeoJSON`,
    description: 'Vi behöver datan maskinläsbar för en karta.',
    status: r.pick(['open', 'planned', 'published', 'declined'] as const),
    datasetId: r.next() < 0.3 ? r.pick(rows).id : null,
    createdAt: new Date(now - r.int(700) * day),
  }));
  await bulk.write(dataRequests, requests);
  return { datasets: rows.length, cited: cited.size, used: used.size };
}
