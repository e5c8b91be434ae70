import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { notFound } from '../../web/errors.ts';
import { themeCodes } from '../challenges/themes.ts';
import { datasetsPolicy } from './policy.ts';
import { findDataset } from './queries.ts';
import { readDatasetFilters, searchDatasets } from './search.ts';

const Localised = Type.Object({ sv: Type.String(), en: Type.String() });
const DatasetSummary = Type.Object({
  id: Type.String(),
  title: Localised,
  description: Localised,
  publisher: Type.String(),
  themes: Type.Array(Type.String()),
  formats: Type.Array(Type.String()),
  url: Type.String(),
});
const DatasetDetail = Type.Object({
  ...DatasetSummary.properties,
  iri: Type.String(),
  keywords: Type.Array(Type.String()),
  landingPage: Type.String(),
  licences: Type.Array(Type.String()),
  status: Type.String(),
  distributions: Type.Array(Type.Object({ accessUrl: Type.String(), downloadUrl: Type.String(), formats: Type.Array(Type.String()), licence: Type.String() })),
  usedIn: Type.Object({ challenges: Type.Array(Type.Object({ slug: Type.String(), url: Type.String() })), solutions: Type.Integer() }),
});
const DatasetQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  theme: Type.Optional(Type.Enum(themeCodes as string[])),
  publisher: Type.Optional(Type.String({ maxLength: 300 })),
  format: Type.Optional(Type.String({ maxLength: 40 })),
  licence: Type.Optional(Type.String({ maxLength: 300 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** The catalog as JSON: the same search as /datasets (harvested and registered datasets alike), and one dataset. */
export default async function datasetsApiRoutes(app: FastifyInstance) {
  const base = app.config.publicUrl;
  app.get(
    '/api/v1/datasets',
    {
      config: { policy: datasetsPolicy.browse },
      schema: {
        tags: ['datasets'],
        summary: 'Search the catalog (same filters as /datasets)',
        querystring: DatasetQuery,
        response: { 200: Type.Object({ items: Type.Array(DatasetSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    },
    async (req) => {
      const query = req.query as Record<string, unknown>;
      const result = await searchDatasets(app.readDb, readDatasetFilters(query), Number(query.pageSize ?? 20));
      return {
        ...result,
        items: result.items.map((d) => ({
          id: d.id,
          title: { sv: d.titleSv, en: d.titleEn },
          description: { sv: d.descriptionSv, en: d.descriptionEn },
          publisher: d.publisherName,
          themes: d.themes,
          formats: d.formats,
          url: `${base}/datasets/${d.id}`,
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/datasets/:id',
    {
      config: { policy: datasetsPolicy.browse },
      schema: { tags: ['datasets'], summary: 'One dataset with its distributions and where it is used', response: { 200: DatasetDetail } },
    },
    async (req) => {
      const d = await findDataset(app.db, req.params.id);
      if (!d) throw notFound();
      return {
        id: d.id,
        iri: d.iri,
        title: { sv: d.titleSv, en: d.titleEn },
        description: { sv: d.descriptionSv, en: d.descriptionEn },
        publisher: d.publisherName,
        themes: d.themes,
        formats: d.formats,
        keywords: d.keywords,
        landingPage: d.landingPage,
        licences: d.licences,
        status: d.status,
        url: `${base}/datasets/${d.id}`,
        distributions: d.distributions.map((x) => ({ accessUrl: x.accessUrl, downloadUrl: x.downloadUrl, formats: x.formats, licence: x.licence })),
        usedIn: { challenges: d.challenges.map((c) => ({ slug: c.slug, url: `${base}/challenges/${c.slug}` })), solutions: d.solutionCount },
      };
    },
  );
}
