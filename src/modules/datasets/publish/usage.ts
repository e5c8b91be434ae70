import type { Quad } from '@rdfjs/types';
import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { DataFactory } from 'n3';
import type { Ctx } from '../../../context.ts';
import { challengeDatasets, challenges, datasetReports, datasets, events, submissionDatasets, submissions } from '../../../db/schema/index.ts';
import { translator } from '../../../web/i18n.ts';
import { isSolution } from '../../realisation/rules.ts';
import { ns } from '../harvest/vocab.ts';
import { datasetIri } from './catalog.ts';
import { usageNs } from './serialize.ts';

const { namedNode, literal, quad } = DataFactory;

/** A page here that refers to a dataset: a challenge that cites it, or a solution that used it. */
export interface Reference {
  datasetId: string;
  kind: 'challenge' | 'solution';
  href: string;
  /** Challenges have Swedish and English titles; a solution's title is in whatever language its team wrote it. */
  titles: { text: string; lang?: string }[];
  /** A solution's pitch: how it used the data, in the team's words. */
  description?: string;
  /** When a solution was submitted. */
  created?: Date | null;
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
      .select({
        datasetId: submissionDatasets.datasetId,
        id: submissions.id,
        title: submissions.title,
        pitch: submissions.pitch,
        submittedAt: submissions.submittedAt,
      })
      .from(submissionDatasets)
      .innerJoin(submissions, eq(submissions.id, submissionDatasets.submissionId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .innerJoin(datasets, eq(datasets.id, submissionDatasets.datasetId))
      .where(and(isSolution, where))
      .orderBy(asc(submissions.id)),
  ]);
  return [
    ...cited.map((c) => ({
      datasetId: c.datasetId,
      kind: 'challenge' as const,
      href: `${base}/challenges/${c.slug}`,
      titles: [
        { text: c.titleSv, lang: 'sv' },
        { text: c.titleEn, lang: 'en' },
      ],
    })),
    ...used.map((s) => ({
      datasetId: s.datasetId,
      kind: 'solution' as const,
      href: `${base}/solutions/${s.id}`,
      titles: [{ text: s.title }],
      description: s.pitch,
      created: s.submittedAt,
    })),
  ];
}

export const referencesToDatasets = (ctx: Ctx, ids: string[]) => (ids.length ? referencesTo(ctx, inArray(datasets.id, ids)) : Promise.resolve([]));

/** A dataset as its publisher names it: a harvested one by the IRI it was harvested with, one registered here by its page. */
export const publisherIri = (publicUrl: string, d: { id: string; iri: string; sourceId: string | null }) =>
  d.sourceId !== null && /^https?:\/\//.test(d.iri) ? d.iri : datasetIri(publicUrl, d.id);

/**
 * The roles a page plays for a dataset in a `dcat:qualifiedRelation`. Neither IANA's link relations nor DCAT's
 * examples name "a challenge that cites it" or "a solution built on it", so they are minted under the platform's own
 * address, `${PUBLIC_URL}/roles/<name>`, and each usage document describes the ones it uses (a `dcat:Role`, labelled
 * in Swedish and English).
 */
export const roleNames = { challenge: 'cited-by-challenge', solution: 'used-by-solution' } as const;
export const roleIri = (publicUrl: string, kind: Reference['kind']) => `${publicUrl}/roles/${roleNames[kind]}`;

const dct = (local: string) => namedNode(ns.dct + local);
const dcat = (local: string) => namedNode(ns.dcat + local);
const duv = (local: string) => namedNode(usageNs.duv + local);
const dqv = (local: string) => namedNode(usageNs.dqv + local);
const oa = (local: string) => namedNode(usageNs.oa + local);
const a = namedNode(ns.rdf + 'type');
const dateTime = (d: Date) => literal(d.toISOString(), namedNode(ns.xsd + 'dateTime'));
const sv = translator('sv');
const en = translator('en');

/**
 * Usage of a publisher's datasets (all datasets when `organisationId` is null), stated about the publisher's own
 * dataset IRIs so that a portal or the publisher's own systems can join it to what they publish. Every node is an IRI
 * (the RDF/XML writer is flat, and portals dedupe by IRI), made from the page it is about:
 * - `dcterms:isReferencedBy` each page here that cites or used the dataset, each page with its title;
 * - `dcat:qualifiedRelation` <page#relation-<dataset>>, a `dcat:Relationship` to the page with its role;
 * - `duv:hasUsage` <solution#usage-<dataset>>, a W3C DUV `duv:Usage` that `duv:refersTo` the dataset, with the
 *   solution's page as its `duv:hasUsageTool`, its pitch as `dcterms:description` and when it was submitted;
 * - `dqv:hasQualityAnnotation` each problem report, a `dqv:UserQualityFeedback` (a Web Annotation) targeting the
 *   dataset, with the report as its textual body and `dcterms:created`; an answer is an `oa:Annotation` replying to it.
 * Reports are public on the dataset pages too, and neither carries who reported or answered.
 */
export async function usageQuads(ctx: Ctx, organisationId: string | null): Promise<Quad[]> {
  const base = ctx.config.publicUrl;
  const scope = organisationId ? eq(datasets.organisationId, organisationId) : undefined;
  const [references, reports] = await Promise.all([
    referencesTo(ctx, scope),
    ctx.db
      .select({
        id: datasetReports.id,
        datasetId: datasetReports.datasetId,
        kind: datasetReports.kind,
        message: datasetReports.message,
        answer: datasetReports.answer,
        answeredAt: datasetReports.answeredAt,
        createdAt: datasetReports.createdAt,
      })
      .from(datasetReports)
      .innerJoin(datasets, eq(datasets.id, datasetReports.datasetId))
      .where(scope)
      .orderBy(asc(datasetReports.createdAt), asc(datasetReports.id)),
  ]);
  const ids = [...new Set([...references.map((r) => r.datasetId), ...reports.map((r) => r.datasetId)])];
  if (ids.length === 0) return [];
  const rows = await ctx.db.select({ id: datasets.id, iri: datasets.iri, sourceId: datasets.sourceId }).from(datasets).where(inArray(datasets.id, ids));
  const iriOf = new Map(rows.map((d) => [d.id, namedNode(publisherIri(base, d))]));
  const quads: Quad[] = [];
  const described = new Set<string>();
  const once = (iri: string) => !described.has(iri) && Boolean(described.add(iri));

  for (const r of references) {
    const dataset = iriOf.get(r.datasetId)!;
    const page = namedNode(r.href);
    quads.push(quad(dataset, dct('isReferencedBy'), page));
    const relation = namedNode(`${r.href}#relation-${r.datasetId}`);
    const role = roleIri(base, r.kind);
    quads.push(
      quad(dataset, dcat('qualifiedRelation'), relation),
      quad(relation, a, dcat('Relationship')),
      quad(relation, dct('relation'), page),
      quad(relation, dcat('hadRole'), namedNode(role)),
    );
    if (once(role)) {
      const key = r.kind === 'challenge' ? 'dataUse.role.challenge' : 'dataUse.role.solution';
      quads.push(quad(namedNode(role), a, dcat('Role')), quad(namedNode(role), a, namedNode(ns.skos + 'Concept')));
      for (const [t, lang] of [
        [sv, 'sv'],
        [en, 'en'],
      ] as const)
        quads.push(quad(namedNode(role), namedNode(ns.skos + 'prefLabel'), literal(t(key), lang)));
    }
    if (r.kind === 'solution') {
      const usage = namedNode(`${r.href}#usage-${r.datasetId}`);
      quads.push(
        quad(dataset, duv('hasUsage'), usage),
        quad(usage, a, duv('Usage')),
        quad(usage, duv('refersTo'), dataset),
        quad(usage, duv('hasUsageTool'), page),
      );
      if (r.description) quads.push(quad(usage, dct('description'), literal(r.description)));
      if (r.created) quads.push(quad(usage, dct('created'), dateTime(r.created)));
    }
    if (once(r.href)) for (const title of r.titles) if (title.text) quads.push(quad(page, dct('title'), literal(title.text, title.lang)));
  }

  for (const report of reports) {
    const dataset = iriOf.get(report.datasetId)!;
    const feedback = `${datasetIri(base, report.datasetId)}#report-${report.id}`;
    const node = namedNode(feedback);
    quads.push(
      quad(dataset, dqv('hasQualityAnnotation'), node),
      quad(node, a, dqv('UserQualityFeedback')),
      quad(node, oa('hasTarget'), dataset),
      quad(node, oa('motivatedBy'), dqv('qualityAssessment')),
      quad(node, dct('created'), dateTime(report.createdAt)),
      quad(node, namedNode(usageNs.rdfs + 'label'), literal(sv(`report.kind.${report.kind}`), 'sv')),
      quad(node, namedNode(usageNs.rdfs + 'label'), literal(en(`report.kind.${report.kind}`), 'en')),
      ...textualBody(node, `${feedback}-body`, report.message),
    );
    if (report.answer) {
      const answer = namedNode(`${feedback}-answer`);
      quads.push(
        quad(answer, a, oa('Annotation')),
        quad(answer, oa('motivatedBy'), oa('replying')),
        quad(answer, oa('hasTarget'), node),
        ...textualBody(answer, `${feedback}-answer-body`, report.answer),
      );
      if (report.answeredAt) quads.push(quad(answer, dct('created'), dateTime(report.answeredAt)));
    }
  }
  return quads;
}

/** A Web Annotation's body as plain text (its language is not known: people write in the one they choose). */
function textualBody(annotation: ReturnType<typeof namedNode>, iri: string, text: string): Quad[] {
  const body = namedNode(iri);
  return [quad(annotation, oa('hasBody'), body), quad(body, a, oa('TextualBody')), quad(body, namedNode(ns.rdf + 'value'), literal(text))];
}
