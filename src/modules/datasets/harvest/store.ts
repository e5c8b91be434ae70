import crypto from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf as resultRows, type Db, type Tx } from '../../../db/client.ts';
import { datasets, harvestSources, type HarvestCounts } from '../../../db/schema/index.ts';
import { HarvestError } from './fetch.ts';
import type { DatasetRecord } from './record.ts';
import type { PublisherNames } from './stream-map.ts';
import { formatName } from './vocab.ts';

const CHUNK = 2500;
/** A chunk is also cut at this much JSON, so large records (a CKAN site's long descriptions) keep it small. */
const CHUNK_CHARS = 16 * 1024 * 1024;

/**
 * A record as written: with the licences and formats of its distributions (for the filters), as one JSON text that
 * is both its content hash's input and what PostgreSQL unpacks, so each record is serialised once.
 */
function prepare(record: DatasetRecord, publishersApart: boolean) {
  const licences = [...new Set([record.details.licence ?? '', ...record.distributions.map((d) => d.licence)].filter(Boolean))];
  const formats = [...new Set(record.distributions.flatMap((d) => (d.formats.length ? d.formats : [formatName(d.format || d.mediaType)])).filter(Boolean))];
  const { publisherName, publisherType, ...rest } = record;
  const body = JSON.stringify({ ...rest, licences, formats });
  const json = `${JSON.stringify({ publisherName, publisherType }).slice(0, -1)},${body.slice(1)}`;
  // A publisher named by IRI (or text) is not part of the hash when the harvest names publishers apart (`publishers`):
  // their name and type are then set for all their datasets at once, as a streamed harvest may learn them only at the
  // end of the document.
  return { json, hash: crypto.hash('sha1', publishersApart && record.publisherIri ? body : json, 'base64url') };
}

interface Row {
  id: string;
  hash: string;
  json: string;
}

// A chunk travels as one JSON parameter that PostgreSQL unpacks (binding tens of thousands of parameters one by one
// cost several times more than the writing itself); its datasets and their distributions are written by one statement.
const rowsOf = (rows: Row[]) => `[${rows.map((r) => `{"id":"${r.id}","hash":"${r.hash}","r":${r.json}}`).join(',')}]`;

const RECORD = sql.raw(`key text, iri text, identifier text, "titleSv" text, "titleEn" text, "descriptionSv" text, "descriptionEn" text,
  "publisherIri" text, "publisherName" text, "publisherType" text, "contactName" text, "contactEmail" text, themes text[], keywords text[],
  licences text[], formats text[], "landingPage" text, "accessRights" text, issued text, modified text, texts jsonb, details jsonb`);

const rowsCte = (rows: Row[]) => sql`rows as (
  select (x->>'id')::uuid as id, x->>'hash' as hash, x->'r' as r, d.*
  from jsonb_array_elements(${rowsOf(rows)}::jsonb) as x, jsonb_to_record(x->'r') as d(${RECORD}))`;

const insertDistributions = sql`
  insert into distributions (dataset_id, position, kind, iri, title_sv, title_en, description_sv, description_en, access_url, download_url,
    format, media_type, licence, formats, texts, access_service)
  select rows.id, d.position - 1, d.kind, d.iri, d."titleSv", d."titleEn", d."descriptionSv", d."descriptionEn", d."accessUrl",
    d."downloadUrl", d.format, d."mediaType", d.licence, coalesce(d.formats, '{}'), d.texts, coalesce(d."accessService", '')
  from rows, rows from (jsonb_to_recordset(rows.r->'distributions') as (kind text, iri text, "titleSv" text, "titleEn" text,
    "descriptionSv" text, "descriptionEn" text, "accessUrl" text, "downloadUrl" text, format text, "mediaType" text, licence text,
    formats text[], texts jsonb, "accessService" text))
    with ordinality as d(kind, iri, "titleSv", "titleEn", "descriptionSv", "descriptionEn", "accessUrl", "downloadUrl", format, "mediaType",
    licence, formats, texts, "accessService", position)`;

function insertDatasets(sourceId: string, organisationId: string | null, rows: Row[]): SQL {
  return sql`
    with ${rowsCte(rows)}, inserted as (
      insert into datasets (id, source_id, organisation_id, key, iri, identifier, title_sv, title_en, description_sv, description_en,
        publisher_iri, publisher_name, publisher_type, contact_name, contact_email, themes, keywords, licences, formats, landing_page,
        access_rights, issued, modified, texts, details, content_hash)
      select id, ${sourceId}::uuid, ${organisationId}::uuid, key, iri, identifier, "titleSv", "titleEn", "descriptionSv", "descriptionEn",
        "publisherIri", "publisherName", "publisherType", "contactName", "contactEmail", themes, keywords, licences, formats, "landingPage",
        "accessRights", issued, modified, texts, coalesce(details, '{}'), hash
      from rows)
    ${insertDistributions}`;
}

// The delete sees the distributions as they were before this statement, so the new ones are not among those removed.
function updateDatasets(rows: Row[]): SQL {
  return sql`
    with ${rowsCte(rows)}, updated as (
      update datasets d set iri = r.iri, identifier = r.identifier, title_sv = r."titleSv", title_en = r."titleEn",
        description_sv = r."descriptionSv", description_en = r."descriptionEn", publisher_iri = r."publisherIri",
        publisher_name = r."publisherName", publisher_type = r."publisherType", contact_name = r."contactName",
        contact_email = r."contactEmail", themes = r.themes, keywords = r.keywords, licences = r.licences, formats = r.formats,
        landing_page = r."landingPage", access_rights = r."accessRights", issued = r.issued, modified = r.modified,
        texts = r.texts, details = coalesce(r.details, '{}'), content_hash = r.hash, status = 'active', withdrawn_at = null, updated_at = now()
      from rows r where d.id = r.id),
    deleted as (delete from distributions where dataset_id in (select id from rows))
    ${insertDistributions}`;
}

/**
 * The publishers' names and types as the end of the document gives them, for datasets written (in a streamed harvest)
 * before their publisher was described. Counts the rows changed that this transaction had not written already.
 */
function namePublishers(sourceId: string, publishers: PublisherNames[]): SQL {
  return sql`
    with given as (select * from jsonb_to_recordset(${JSON.stringify(publishers)}::jsonb) as p(iri text, name text, type text)),
    stale as (
      select d.id, g.name, g.type, d.updated_at <> now() as untouched from datasets d join given g on d.publisher_iri = g.iri
      where d.source_id = ${sourceId}::uuid and d.status = 'active' and (d.publisher_name, d.publisher_type) is distinct from (g.name, g.type)),
    named as (
      update datasets d set publisher_name = s.name, publisher_type = s.type, updated_at = now() from stale s where d.id = s.id
      returning s.untouched)
    select (count(*) filter (where untouched))::int as untouched from named`;
}

/**
 * Keeps one statement running in the database while the next is prepared, so that mapping records and turning them
 * into JSON (this process) overlap with writing them (PostgreSQL). Dataset ids are made here rather than returned by
 * the insert, so a chunk's datasets and distributions go in one statement.
 */
class Pipeline {
  private running: Promise<unknown> = Promise.resolve();
  constructor(private readonly tx: Tx) {}

  async send(statement: SQL) {
    await this.running;
    // A drizzle query runs each time it is awaited: it is turned into a promise once, here.
    this.running = Promise.resolve(this.tx.execute(statement));
    this.running.catch(() => {}); // awaited by the next send or by drain()
  }

  drain() {
    return this.running;
  }
}

/**
 * Writes one harvest of a source in one transaction: new datasets inserted, changed ones updated (distributions
 * replaced), unchanged ones not touched at all (their content hash is equal), and datasets gone from the source
 * withdrawn, never deleted. Records are taken as they are mapped and written in chunks. The source row is locked
 * first, so two harvests of one source cannot interleave; a failure anywhere (or no datasets at all) rolls
 * everything back, leaving the previous harvest as it was.
 * A harvest that stopped at a limit (`complete()` false once the records are read) withdraws nothing: the datasets
 * it did not see may well still be in the source.
 */
export async function storeHarvest(
  db: Db,
  sourceId: string,
  organisationId: string | null,
  records: Iterable<DatasetRecord> | AsyncIterable<DatasetRecord>,
  opts: { complete?: () => boolean; publishers?: () => PublisherNames[] } = {},
): Promise<HarvestCounts> {
  return db.transaction(async (tx) => {
    await tx.select({ id: harvestSources.id }).from(harvestSources).where(eq(harvestSources.id, sourceId)).for('update');
    const existing = await tx
      .select({ id: datasets.id, key: datasets.key, hash: datasets.contentHash, status: datasets.status })
      .from(datasets)
      .where(eq(datasets.sourceId, sourceId));
    const byKey = new Map(existing.map((e) => [e.key, e]));
    const counts: HarvestCounts = { new: 0, updated: 0, unchanged: 0, withdrawn: 0 };
    const pipeline = new Pipeline(tx);
    let fresh: Row[] = [];
    let changed: Row[] = [];
    let freshChars = 0;
    let changedChars = 0;
    const seen = new Set<string>();
    for await (const record of records) {
      const { json, hash } = prepare(record, opts.publishers !== undefined);
      const before = byKey.get(record.key);
      seen.add(record.key);
      if (!before) {
        fresh.push({ id: crypto.randomUUID(), hash, json });
        freshChars += json.length;
        counts.new++;
      } else if (before.hash !== hash || before.status !== 'active') {
        changed.push({ id: before.id, hash, json });
        changedChars += json.length;
        counts.updated++;
      } else counts.unchanged++;
      if (fresh.length === CHUNK || freshChars > CHUNK_CHARS) {
        await pipeline.send(insertDatasets(sourceId, organisationId, fresh));
        fresh = [];
        freshChars = 0;
      }
      if (changed.length === CHUNK || changedChars > CHUNK_CHARS) {
        await pipeline.send(updateDatasets(changed));
        changed = [];
        changedChars = 0;
      }
    }
    if (seen.size === 0) throw new HarvestError('no_datasets');
    if (fresh.length) await pipeline.send(insertDatasets(sourceId, organisationId, fresh));
    if (changed.length) await pipeline.send(updateDatasets(changed));
    await pipeline.drain();

    const gone = opts.complete?.() === false ? [] : existing.filter((e) => e.status === 'active' && !seen.has(e.key)).map((e) => e.id);
    for (let i = 0; i < gone.length; i += CHUNK) {
      await tx
        .update(datasets)
        .set({ status: 'withdrawn', withdrawnAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(inArray(datasets.id, gone.slice(i, i + CHUNK)), eq(datasets.sourceId, sourceId)));
    }
    counts.withdrawn = gone.length;
    const publishers = opts.publishers?.() ?? [];
    if (publishers.length) {
      // Rows not written by this transaction, now changed too, are updated rather than unchanged.
      const [{ untouched }] = await resultRows<{ untouched: number }>(tx, namePublishers(sourceId, publishers));
      counts.unchanged -= untouched;
      counts.updated += untouched;
    }
    return counts;
  });
}
