import crypto from 'node:crypto';
import type { HarvestProblem } from '../../../db/schema/index.ts';

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
}

export interface Mapped {
  records: DatasetRecord[];
  problems: HarvestProblem[];
}

/** A fingerprint of everything kept for a dataset: equal fingerprints mean nothing to write. */
export function contentHash(record: DatasetRecord): string {
  return crypto.createHash('sha1').update(JSON.stringify(record)).digest('base64url');
}

/** Keeps the first dataset of each key; later ones are reported, so a publisher sees their duplicates. */
export function deduplicate(records: DatasetRecord[], problems: HarvestProblem[]): DatasetRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (seen.has(r.key)) {
      problems.push({ level: 'warning', code: 'duplicate_identifier', subject: r.key });
      return false;
    }
    seen.add(r.key);
    return true;
  });
}
