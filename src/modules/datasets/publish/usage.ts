import type { Quad } from '@rdfjs/types';
import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { DataFactory } from 'n3';
import type { Ctx } from '../../../context.ts';
import { challengeDatasets, challenges, datasets, events, submissionDatasets, submissions } from '../../../db/schema/index.ts';
import { isSolution } from '../../realisation/rules.ts';
import { ns } from '../harvest/vocab.ts';
import { datasetIri } from './catalog.ts';

const { namedNode, literal, quad } = DataFactory;

/** A page here that refers to a dataset: a challenge that cites it, or a solution that used it. */
export interface Reference {
  datasetId: string;
  href: string;
  /** Challenges have Swedish and English titles; a solution's title is in whatever language its team wrote it. */
  titles: { text: string; lang?: string }[];
}

/**
 * The challenges (any but drafts) that cite the datasets and the solutions (`isSolution`) that used them, as
 * absolute page addresses. `where` picks the datasets.
 */
export async function referencesTo(ctx: Ctx, where: SQL | undefined): Promise<Reference[]> {
  const base = ctx.config.publicUrl;
  const [cited, used] = await Promise.all([
    ctx.db
      .select({ datasetId: challengeDatasets.datasetId, slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn })
      .from(challengeDatasets)
      .innerJoin(challenges, eq(challenges.id, challengeDatasets.challengeId))
      .innerJoin(datasets, eq(datasets.id, challengeDatasets.datasetId))
      .where(and(ne(challenges.status, 'draft'), where))
      .orderBy(asc(challenges.slug)),
    ctx.db
      .select({ datasetId: submissionDatasets.datasetId, id: submissions.id, title: submissions.title })
      .from(submissionDatasets)
      .innerJoin(submissions, eq(submissions.id, submissionDatasets.submissionId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(datasets, eq(datasets.id, submissionDatasets.datasetId))
      .where(and(isSolution, where))
      .orderBy(asc(submissions.id)),
  ]);
  return [
    ...cited.map((c) => ({ datasetId: c.datasetId, href: `${base}/challenges/${c.slug}`, titles: [{ text: c.titleSv, lang: 'sv' }, { text: c.titleEn, lang: 'en' }] })),
    ...used.map((s) => ({ datasetId: s.datasetId, href: `${base}/solutions/${s.id}`, titles: [{ text: s.title }] })),
  ];
}

export const referencesToDatasets = (ctx: Ctx, ids: string[]) => (ids.length ? referencesTo(ctx, inArray(datasets.id, ids)) : Promise.resolve([]));

/** A dataset as its publisher names it: a harvested one by the IRI it was harvested with, one registered here by its page. */
export const publisherIri = (publicUrl: string, d: { id: string; iri: string; sourceId: string | null }) =>
  d.sourceId !== null && /^https?:\/\//.test(d.iri) ? d.iri : datasetIri(publicUrl, d.id);

/**
 * Usage of a publisher's datasets (all datasets when `organisationId` is null), stated about the publisher's own
 * dataset IRIs so that a portal or the publisher's own systems can join it to what they publish: each dataset
 * `dcterms:isReferencedBy` the pages here that cite or used it, each page with its title. A harvested dataset is
 * named by the IRI its publisher gave it; one registered here by its page here.
 */
export async function usageQuads(ctx: Ctx, organisationId: string | null): Promise<Quad[]> {
  const references = await referencesTo(ctx, organisationId ? eq(datasets.organisationId, organisationId) : undefined);
  if (references.length === 0) return [];
  const ids = [...new Set(references.map((r) => r.datasetId))];
  const rows = await ctx.db.select({ id: datasets.id, iri: datasets.iri, sourceId: datasets.sourceId }).from(datasets).where(inArray(datasets.id, ids));
  const iriOf = new Map(rows.map((d) => [d.id, publisherIri(ctx.config.publicUrl, d)]));
  const quads: Quad[] = [];
  const titled = new Set<string>();
  for (const r of references) {
    quads.push(quad(namedNode(iriOf.get(r.datasetId)!), namedNode(ns.dct + 'isReferencedBy'), namedNode(r.href)));
    if (titled.has(r.href)) continue;
    titled.add(r.href);
    for (const title of r.titles) if (title.text) quads.push(quad(namedNode(r.href), namedNode(ns.dct + 'title'), literal(title.text, title.lang)));
  }
  return quads;
}
