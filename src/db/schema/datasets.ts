import { sql, type SQL } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { challenges } from './challenges.ts';
import { textList } from './columns.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const harvestKinds = ['dcat', 'ckan'] as const;
export const harvestSchedules = ['nightly', 'weekly', 'manual'] as const;
export const harvestRunStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

/** A catalog the platform reads: a DCAT-AP-SE document or a CKAN site. An organisation's own, or the organiser's. */
export const harvestSources = pgTable(
  'harvest_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    url: text('url').notNull(),
    kind: text('kind', { enum: harvestKinds }).notNull().default('dcat'),
    schedule: text('schedule', { enum: harvestSchedules }).notNull().default('nightly'),
    nextHarvestAt: timestamp('next_harvest_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('harvest_sources_due_idx').on(t.nextHarvestAt), index('harvest_sources_org_idx').on(t.organisationId)],
);

export interface HarvestCounts {
  new: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}
export interface HarvestProblem {
  level: 'error' | 'warning';
  code: string;
  /** The dataset (IRI or identifier) it is about, when it is about one. */
  subject?: string;
  detail?: string;
}
export interface ValidationGroup {
  /** e.g. dcat:Dataset */
  focusClass: string;
  /** e.g. dcterms:publisher */
  path: string;
  /** SHACL constraint component, e.g. MinCountConstraintComponent */
  constraint: string;
  severity: 'Violation' | 'Warning' | 'Info';
  /** Extra for the message: the required class, datatype or count. */
  parameter?: string;
  count: number;
  examples: string[];
  /** What each example is called (its title, or its dataset's title for a distribution without one), or ''. */
  labels?: string[];
  /** Whether each label is the example's dataset's (a distribution without a title of its own). */
  ofDataset?: boolean[];
  /** A class check on an IRI that neither the document nor a loaded vocabulary describes: not known to be wrong. */
  unchecked?: boolean;
}
/** One result of the report, for the downloads (Turtle, CSV). */
export interface ValidationResultRow {
  focus: string;
  /** The focus node's title or name; for a distribution without a title, its dataset's, with `ofDataset` set. */
  label: string;
  ofDataset?: boolean;
  focusClass: string;
  path: string;
  /** Full IRI of the path, for the SHACL report. */
  pathIri: string;
  constraint: string;
  severity: 'Violation' | 'Warning' | 'Info';
  parameter?: string;
  value?: string;
  /** Whether the value is a literal (else an IRI; a blank node value is left out). */
  literal?: boolean;
  unchecked?: boolean;
}
export interface ValidationSummary {
  conforms: boolean;
  groups: ValidationGroup[];
  /** Statements validated; a very large catalog is validated in its first part only. */
  statements: number;
  partial: boolean;
  /** Every result (up to a limit), each named by title; older reports have none. */
  results?: ValidationResultRow[];
}

/**
 * One harvest of a source: also the durable job. Queued on demand or by the schedule, claimed by a job runner with
 * FOR UPDATE SKIP LOCKED, and kept afterwards as the harvest report.
 */
export const harvestRuns = pgTable(
  'harvest_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => harvestSources.id, { onDelete: 'cascade' }),
    status: text('status', { enum: harvestRunStatuses }).notNull().default('queued'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A running harvest whose runner died is taken up again after this. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    counts: jsonb('counts').$type<HarvestCounts>(),
    problems: jsonb('problems').$type<HarvestProblem[]>().notNull().default([]),
    validation: jsonb('validation').$type<ValidationSummary>(),
    bytes: integer('bytes'),
    /** Of the fetched document (and the mapping's version): the same document again needs no reading. */
    documentHash: text('document_hash'),
  },
  (t) => [index('harvest_runs_source_idx').on(t.sourceId, t.queuedAt.desc()), index('harvest_runs_queue_idx').on(t.status, t.queuedAt)],
);

export const datasetStatuses = ['active', 'withdrawn'] as const;

/** A text as its catalog gives it: `lang` is its language tag (lower case), or '' when the language is not known. */
export interface LangText {
  lang: string;
  value: string;
}
/**
 * Every title, description and keyword of a dataset in every language it came in. A list the Swedish and English
 * columns already say exactly (one Swedish and one English text; keywords all Swedish) is left out, which is most of
 * a Swedish catalog: `{}` means the columns are the whole story, and null (harvested before languages were kept) that
 * the Swedish column's language is not known.
 */
export interface DatasetTexts {
  title?: LangText[];
  description?: LangText[];
  keywords?: LangText[];
}
export interface DistributionTexts {
  title?: LangText[];
  description?: LangText[];
}
/** What a harvest keeps about a dataset beyond its texts; IRIs as given (vocabulary IRIs are labelled when shown). */
export interface DatasetDetails {
  /** The dataset's own dct:license (distributions have theirs). */
  licence?: string;
  temporal?: { start?: string; end?: string; iri?: string }[];
  spatial?: { iri?: string; geometry?: string; label?: LangText[] }[];
  frequency?: string;
  languages?: string[];
  conformsTo?: { iri?: string; title?: LangText[] }[];
  contacts?: { name: LangText[]; email?: string; url?: string }[];
}

/**
 * A dataset, harvested (source_id set) or registered here (source_id null, organisation_id set). Harvested ones are
 * keyed within their source by `key`: their dcterms:identifier, else their IRI. Never deleted by a harvest: a dataset
 * gone from its source is withdrawn, so links to it keep working.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id').references(() => harvestSources.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    key: text('key').notNull(),
    iri: text('iri').notNull(),
    identifier: text('identifier').notNull().default(''),
    titleSv: text('title_sv').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    descriptionSv: text('description_sv').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    publisherIri: text('publisher_iri').notNull().default(''),
    publisherName: text('publisher_name').notNull().default(''),
    publisherType: text('publisher_type').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    themes: textList('themes'),
    keywords: textList('keywords'),
    /** Licences of the dataset's distributions (IRIs), for the licence filter. */
    licences: textList('licences'),
    /** Short format names of the distributions (CSV, JSON, …), for the format filter. */
    formats: textList('formats'),
    landingPage: text('landing_page').notNull().default(''),
    accessRights: text('access_rights').notNull().default(''),
    issued: text('issued').notNull().default(''),
    modified: text('modified').notNull().default(''),
    /** Every title, description and keyword with its language; title_sv/title_en and keywords above are for search. */
    texts: jsonb('texts').$type<DatasetTexts>(),
    details: jsonb('details').$type<DatasetDetails>().notNull().default({}),
    status: text('status', { enum: datasetStatuses }).notNull().default('active'),
    /** Of everything harvested for it: an unchanged dataset is not written again. */
    contentHash: text('content_hash').notNull().default(''),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('swedish', title_sv || ' ' || title_en), 'A')
        || setweight(to_tsvector('swedish', hack365_join_words(keywords) || ' ' || publisher_name), 'B')
        || setweight(to_tsvector('swedish', description_sv || ' ' || description_en), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('datasets_source_key_idx').on(t.sourceId, t.key),
    uniqueIndex('datasets_local_key_idx')
      .on(t.organisationId, t.key)
      .where(sql`source_id is null`),
    index('datasets_search_idx').using('gin', t.searchVector),
    index('datasets_themes_idx').using('gin', t.themes),
    index('datasets_formats_idx').using('gin', t.formats),
    index('datasets_licences_idx').using('gin', t.licences),
    index('datasets_list_idx').on(t.status, t.titleSv, t.id),
    index('datasets_publisher_idx').on(t.publisherName),
    index('datasets_org_idx').on(t.organisationId),
  ],
);

export const distributionKinds = ['distribution', 'service'] as const;

/** A distribution of a dataset, or a data service (API) it is served by. */
export const distributions = pgTable(
  'distributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    kind: text('kind', { enum: distributionKinds }).notNull().default('distribution'),
    iri: text('iri').notNull().default(''),
    titleSv: text('title_sv').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    descriptionSv: text('description_sv').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    accessUrl: text('access_url').notNull().default(''),
    downloadUrl: text('download_url').notNull().default(''),
    format: text('format').notNull().default(''),
    mediaType: text('media_type').notNull().default(''),
    licence: text('licence').notNull().default(''),
    /** Readable names of every format it is given in (CSV, JSON, …). */
    formats: textList('formats'),
    texts: jsonb('texts').$type<DistributionTexts>(),
    /** The IRI of the data service (dcat:accessService) it is reached through. */
    accessService: text('access_service').notNull().default(''),
  },
  (t) => [index('distributions_dataset_idx').on(t.datasetId, t.position)],
);

/** Datasets that bear on a challenge, picked by its editors. */
export const challengeDatasets = pgTable(
  'challenge_datasets',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'restrict' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.datasetId] }), index('challenge_datasets_dataset_idx').on(t.datasetId)],
);

export const datasetProblemKinds = ['missing', 'broken_link', 'unclear', 'outdated'] as const;
export type DatasetProblemKind = (typeof datasetProblemKinds)[number];

/** A problem with a dataset, reported by a user and answered by the publisher's organisation. */
export const datasetReports = pgTable(
  'dataset_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: datasetProblemKinds }).notNull(),
    message: text('message').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dataset_reports_dataset_idx').on(t.datasetId, t.createdAt)],
);
