import crypto from 'node:crypto';
import type { Static } from 'typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { datasets, distributions } from '../../../db/schema/index.ts';
import { changedFields, recordAudit } from '../../audit/audit.ts';
import { splitList } from '../../accounts/schema.ts';
import { FILE_TYPE_BASE } from '../harvest/vocab.ts';
import { datasetIdentifier, datasetIri } from '../publish/catalog.ts';
import { ACCESS_RIGHT_BASE, type DatasetForm, type DistributionForm } from '../schema.ts';
import { forgetDatasetSearches } from '../search.ts';

export type DatasetInput = Omit<Static<typeof DatasetForm>, 'organisation'>;
export type DistributionInput = Static<typeof DistributionForm>;

/** Form values → columns: the keyword list, and access rights as the EU vocabulary's IRI. */
function toColumns(input: DatasetInput) {
  const { keywords, accessRights, ...rest } = input;
  return { ...rest, keywords: splitList(keywords), accessRights: ACCESS_RIGHT_BASE + accessRights };
}

/**
 * Registers a dataset for an organisation without a portal of its own. Its IRI is its page here; its identifier in
 * the published catalog is its uuid (a URN), which does not change with the platform's address. The publisher is
 * the organisation.
 */
export async function registerDataset(ctx: Ctx, actorId: string, org: { id: string; name: string }, input: DatasetInput): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await ctx.db.transaction(async (tx) => {
    const iri = datasetIri(ctx.config.publicUrl, id);
    await tx
      .insert(datasets)
      .values({ ...toColumns(input), id, key: id, iri, identifier: datasetIdentifier(id), organisationId: org.id, publisherName: org.name });
    await recordAudit(tx, { actorId, action: 'dataset.registered', subjectType: 'dataset', subjectId: id });
  });
  await forgetDatasetSearches(ctx.db);
  return { id };
}

/** Saves changed fields and records which ones changed. */
export async function updateDataset(ctx: Ctx, actorId: string, id: string, input: DatasetInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(datasets).where(eq(datasets.id, id)).for('update');
    const next = toColumns(input);
    const changed = changedFields(before, next);
    if (changed.length === 0) return;
    await tx
      .update(datasets)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(datasets.id, id));
    await recordAudit(tx, { actorId, action: 'dataset.updated', subjectType: 'dataset', subjectId: id, details: { fields: changed } });
  });
  await forgetDatasetSearches(ctx.db);
}

/** Withdraws a registered dataset from the catalog (its page stays, as for harvested ones), or brings it back. */
export async function setDatasetStatus(ctx: Ctx, actorId: string, id: string, status: 'active' | 'withdrawn'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const changed = await tx
      .update(datasets)
      .set({ status, withdrawnAt: status === 'withdrawn' ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(datasets.id, id), sql`${datasets.status} <> ${status}`))
      .returning({ id: datasets.id });
    if (changed.length) await recordAudit(tx, { actorId, action: `dataset.${status}`, subjectType: 'dataset', subjectId: id });
  });
  await forgetDatasetSearches(ctx.db);
}

const distributionColumns = (input: DistributionInput) => ({ ...input, format: FILE_TYPE_BASE + input.format, kind: 'distribution' as const });

/** Adds a distribution at the end, or changes one of the dataset's own (a distribution id from another is ignored). */
export async function saveDistribution(ctx: Ctx, actorId: string, datasetId: string, distributionId: string | null, input: DistributionInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (distributionId) {
      await tx
        .update(distributions)
        .set(distributionColumns(input))
        .where(and(eq(distributions.id, distributionId), eq(distributions.datasetId, datasetId)));
    } else {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${distributions.position}) + 1, 0)::int` })
        .from(distributions)
        .where(eq(distributions.datasetId, datasetId));
      await tx.insert(distributions).values({ ...distributionColumns(input), datasetId, position: next });
    }
    await refreshSummary(tx, datasetId);
    await recordAudit(tx, {
      actorId,
      action: distributionId ? 'dataset.distribution_updated' : 'dataset.distribution_added',
      subjectType: 'dataset',
      subjectId: datasetId,
    });
  });
  await forgetDatasetSearches(ctx.db);
}

export async function removeDistribution(ctx: Ctx, actorId: string, datasetId: string, distributionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(distributions)
      .where(and(eq(distributions.id, distributionId), eq(distributions.datasetId, datasetId)))
      .returning();
    if (!removed.length) return;
    await refreshSummary(tx, datasetId);
    await recordAudit(tx, { actorId, action: 'dataset.distribution_removed', subjectType: 'dataset', subjectId: datasetId });
  });
  await forgetDatasetSearches(ctx.db);
}

/** The dataset's format and licence lists (what the filters of /datasets read) follow its distributions. */
async function refreshSummary(tx: Tx, datasetId: string) {
  await tx.execute(sql`
    update datasets set
      formats = array(select distinct upper(regexp_replace(format, '^.*/', '')) from distributions where dataset_id = ${datasetId} and format <> '' order by 1),
      licences = array(select distinct licence from distributions where dataset_id = ${datasetId} and licence <> '' order by 1),
      updated_at = now()
    where id = ${datasetId}`);
}
