import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../../../db/client.ts';
import { datasets, distributions, harvestSources, type HarvestCounts } from '../../../db/schema/index.ts';
import { contentHash, type DatasetRecord } from './record.ts';
import { formatName } from './vocab.ts';

const CHUNK = 5000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The dataset's columns from a record: the filters' licences and formats come from its distributions. */
export function datasetColumns(record: DatasetRecord, hash: string) {
  const { distributions: dists, ...fields } = record;
  return {
    ...fields,
    licences: [...new Set(dists.map((d) => d.licence).filter(Boolean))],
    formats: [...new Set(dists.map((d) => formatName(d.format || d.mediaType)).filter(Boolean))],
    contentHash: hash,
  };
}

// Rows travel as one JSON parameter per chunk and PostgreSQL unpacks them (jsonb_to_recordset): binding tens of
// thousands of parameters one by one cost several times more than the writing itself.
const DATASET_COLUMNS = sql.raw(`key text, iri text, identifier text, "titleSv" text, "titleEn" text, "descriptionSv" text, "descriptionEn" text,
  "publisherIri" text, "publisherName" text, "publisherType" text, "contactName" text, "contactEmail" text, themes text[], keywords text[],
  licences text[], formats text[], "landingPage" text, "accessRights" text, issued text, modified text, "contentHash" text`);

async function insertDatasets(tx: Tx, sourceId: string, organisationId: string | null, part: { record: DatasetRecord; hash: string }[]) {
  const rows = JSON.stringify(part.map(({ record, hash }) => datasetColumns(record, hash)));
  return rowsOf<{ id: string; key: string }>(tx, sql`
    insert into datasets (source_id, organisation_id, key, iri, identifier, title_sv, title_en, description_sv, description_en, publisher_iri,
      publisher_name, publisher_type, contact_name, contact_email, themes, keywords, licences, formats, landing_page, access_rights, issued,
      modified, content_hash)
    select ${sourceId}::uuid, ${organisationId}::uuid, r.key, r.iri, r.identifier, r."titleSv", r."titleEn", r."descriptionSv", r."descriptionEn",
      r."publisherIri", r."publisherName", r."publisherType", r."contactName", r."contactEmail", r.themes, r.keywords, r.licences, r.formats,
      r."landingPage", r."accessRights", r.issued, r.modified, r."contentHash"
    from jsonb_to_recordset(${rows}::jsonb) as r(${DATASET_COLUMNS})
    returning id, key`);
}

async function updateDatasets(tx: Tx, part: { id: string; record: DatasetRecord; hash: string }[]) {
  const rows = JSON.stringify(part.map(({ id, record, hash }) => ({ id, ...datasetColumns(record, hash) })));
  await tx.execute(sql`
    update datasets d set iri = r.iri, identifier = r.identifier, title_sv = r."titleSv", title_en = r."titleEn",
      description_sv = r."descriptionSv", description_en = r."descriptionEn", publisher_iri = r."publisherIri",
      publisher_name = r."publisherName", publisher_type = r."publisherType", contact_name = r."contactName",
      contact_email = r."contactEmail", themes = r.themes, keywords = r.keywords, licences = r.licences, formats = r.formats,
      landing_page = r."landingPage", access_rights = r."accessRights", issued = r.issued, modified = r.modified,
      content_hash = r."contentHash", status = 'active', withdrawn_at = null, updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as r(id uuid, ${DATASET_COLUMNS})
    where d.id = r.id`);
}

async function insertDistributions(tx: Tx, rows: { id: string; record: DatasetRecord }[]) {
  const all = rows.flatMap(({ id, record }) => record.distributions.map((d, position) => ({ ...d, datasetId: id, position })));
  for (const part of chunks(all)) {
    await tx.execute(sql`
      insert into distributions (dataset_id, position, kind, iri, title_sv, title_en, description_sv, description_en, access_url, download_url,
        format, media_type, licence)
      select r."datasetId", r.position, r.kind, r.iri, r."titleSv", r."titleEn", r."descriptionSv", r."descriptionEn", r."accessUrl",
        r."downloadUrl", r.format, r."mediaType", r.licence
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r("datasetId" uuid, position int, kind text, iri text, "titleSv" text,
        "titleEn" text, "descriptionSv" text, "descriptionEn" text, "accessUrl" text, "downloadUrl" text, format text, "mediaType" text, licence text)`);
  }
}

/**
 * Writes one harvest of a source in one transaction: new datasets inserted, changed ones updated (distributions
 * replaced), unchanged ones not touched at all (their content hash is equal), and datasets gone from the source
 * withdrawn, never deleted. The source row is locked first, so two harvests of one source cannot interleave; a
 * failure anywhere rolls everything back, leaving the previous harvest as it was.
 */
export async function storeHarvest(db: Db, sourceId: string, organisationId: string | null, records: DatasetRecord[]): Promise<HarvestCounts> {
  return db.transaction(async (tx) => {
    await tx.select({ id: harvestSources.id }).from(harvestSources).where(eq(harvestSources.id, sourceId)).for('update');
    const existing = await tx
      .select({ id: datasets.id, key: datasets.key, hash: datasets.contentHash, status: datasets.status })
      .from(datasets)
      .where(eq(datasets.sourceId, sourceId));
    const byKey = new Map(existing.map((e) => [e.key, e]));
    const counts: HarvestCounts = { new: 0, updated: 0, unchanged: 0, withdrawn: 0 };
    const fresh: { record: DatasetRecord; hash: string }[] = [];
    const changed: { id: string; record: DatasetRecord; hash: string }[] = [];
    const seen = new Set<string>();
    for (const record of records) {
      const hash = contentHash(record);
      const before = byKey.get(record.key);
      seen.add(record.key);
      if (!before) fresh.push({ record, hash });
      else if (before.hash !== hash || before.status !== 'active') changed.push({ id: before.id, record, hash });
      else counts.unchanged++;
    }

    for (const part of chunks(fresh)) {
      const ids = await insertDatasets(tx, sourceId, organisationId, part);
      const byRecordKey = new Map(part.map((p) => [p.record.key, p.record]));
      await insertDistributions(tx, ids.map(({ id, key }) => ({ id, record: byRecordKey.get(key)! })));
    }
    counts.new = fresh.length;

    for (const part of chunks(changed)) await updateDatasets(tx, part);
    for (const part of chunks(changed)) await tx.delete(distributions).where(inArray(distributions.datasetId, part.map((c) => c.id)));
    await insertDistributions(tx, changed);
    counts.updated = changed.length;

    const gone = existing.filter((e) => e.status === 'active' && !seen.has(e.key)).map((e) => e.id);
    for (const part of chunks(gone)) {
      await tx
        .update(datasets)
        .set({ status: 'withdrawn', withdrawnAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(inArray(datasets.id, part), eq(datasets.sourceId, sourceId)));
    }
    counts.withdrawn = gone.length;
    return counts;
  });
}
