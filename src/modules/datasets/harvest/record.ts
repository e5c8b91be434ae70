import type { DatasetDetails, DatasetTexts, DistributionTexts, HarvestProblem } from '../../../db/schema/index.ts';

/** A dataset as a harvest (or a registration form) gives it: what the datasets table keeps, with its distributions. */
export interface DatasetRecord {
  /** Identity within its source: the dcterms:identifier, else the IRI. */
  key: string;
  iri: string;
  identifier: string;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  publisherIri: string;
  publisherName: string;
  publisherType: string;
  contactName: string;
  contactEmail: string;
  themes: string[];
  keywords: string[];
  landingPage: string;
  accessRights: string;
  issued: string;
  modified: string;
  /** Every title, description and keyword with its language (see DatasetTexts); the fields above are for search. */
  texts: DatasetTexts;
  /** Licence, coverage, frequency, languages, conformsTo and contact points, as harvested. */
  details: DatasetDetails;
  distributions: DistributionRecord[];
}

export interface DistributionRecord {
  kind: 'distribution' | 'service';
  iri: string;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  accessUrl: string;
  downloadUrl: string;
  format: string;
  mediaType: string;
  licence: string;
  /** Readable names (CSV, JSON, …) of every dct:format and dcat:mediaType. */
  formats: string[];
  texts: DistributionTexts;
  /** The dcat:accessService of a distribution (the service's IRI). */
  accessService: string;
}

/** A report keeps this many problems; more would only grow the process's memory (a run stores as many). */
export const MAX_PROBLEMS = 1000;

export function report(problems: HarvestProblem[], problem: HarvestProblem) {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

/** Keeps the first dataset of each key; later ones are reported, so a publisher sees their duplicates. */
export async function* deduplicate(records: AsyncIterable<DatasetRecord>, problems: HarvestProblem[]): AsyncGenerator<DatasetRecord> {
  const seen = new Set<string>();
  for await (const r of records) {
    if (seen.has(r.key)) report(problems, { level: 'warning', code: 'duplicate_identifier', subject: r.key });
    else {
      seen.add(r.key);
      yield r;
    }
  }
}

/**
 * At most `max` records. Past it the harvest is incomplete: a warning says so (first, so a long report keeps it), and `complete()` turns false so that
 * the store does not withdraw the datasets it never got to.
 */
export function capRecords(records: AsyncIterable<DatasetRecord>, max: number, problems: HarvestProblem[]) {
  let complete = true;
  async function* taken() {
    let count = 0;
    for await (const record of records) {
      if (count === max) {
        complete = false;
        problems.unshift({ level: 'warning', code: 'record_cap', subject: String(max) });
        return;
      }
      count++;
      yield record;
    }
  }
  return { records: taken(), complete: () => complete };
}
