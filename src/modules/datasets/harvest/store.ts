import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { datasets, distributions, harvestSources, type HarvestCounts } from '../../../db/schema/index.ts';
import { contentHash, type DatasetRecord } from './record.ts';
import { formatName } from './vocab.ts';

const CHUNK = 500;

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

async function insertDistributions(tx: Tx, rows: { id: string; record: DatasetRecord }[]) {
  const all = rows.flatMap(({ id, record }) => record.distributions.map((d, position) => ({ ...d, datasetId: id, position })));
  for (const part of chunks(all)) await tx.insert(distributions).values(part);
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
      const ids = await tx
        .insert(datasets)
        .values(part.map(({ record, hash }) => ({ ...datasetColumns(record, hash), sourceId, organisationId })))
        .returning({ id: datasets.id, key: datasets.key });
      const byRecordKey = new Map(part.map((p) => [p.record.key, p.record]));
      await insertDistributions(tx, ids.map(({ id, key }) => ({ id, record: byRecordKey.get(key)! })));
    }
    counts.new = fresh.length;

    for (const { id, record, hash } of changed) {
      await tx
        .update(datasets)
        .set({ ...datasetColumns(record, hash), status: 'active', withdrawnAt: null, updatedAt: new Date() })
        .where(eq(datasets.id, id));
    }
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
