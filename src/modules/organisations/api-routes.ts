import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { and, asc, count, eq } from 'drizzle-orm';
import { organisations, organisationTypes } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { organisationsPolicy } from './policy.ts';

const Organisation = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  type: Type.String(),
  description: Type.String(),
  website: Type.String(),
  url: Type.String(),
  /** Links to what it publishes and where its data is used. */
  catalog: Type.String(),
  dataUse: Type.String(),
});
const OrganisationQuery = Type.Object({
  type: Type.Optional(Type.Enum(organisationTypes)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** The need owners (the organisations whose challenges and pages are public), as JSON. */
export default async function organisationsApiRoutes(app: FastifyInstance) {
  const base = app.config.publicUrl;
  const toJson = (o: typeof organisations.$inferSelect) => ({
    slug: o.slug,
    name: o.name,
    type: o.type,
    description: o.description,
    website: o.website,
    url: `${base}/organisations/${o.slug}`,
    catalog: `${base}/organisations/${o.slug}/datasets/dcat`,
    dataUse: `${base}/organisations/${o.slug}/data-use`,
  });

  app.get(
    '/api/v1/organisations',
    {
      config: { policy: organisationsPolicy.view },
      schema: {
        tags: ['organisations'],
        summary: 'Need owners, by name',
        querystring: OrganisationQuery,
        response: { 200: Type.Object({ items: Type.Array(Organisation), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    },
    async (req) => {
      const q = req.query as { type?: (typeof organisationTypes)[number]; page?: number; pageSize?: number };
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const where = and(eq(organisations.isNeedOwner, true), q.type ? eq(organisations.type, q.type) : undefined);
      const [rows, [{ total }]] = await Promise.all([
        app.db
          .select()
          .from(organisations)
          .where(where)
          .orderBy(asc(organisations.name), asc(organisations.slug))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        app.db.select({ total: count() }).from(organisations).where(where),
      ]);
      return { items: rows.map(toJson), total, page, pageSize };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/api/v1/organisations/:slug',
    { config: { policy: organisationsPolicy.view }, schema: { tags: ['organisations'], summary: 'One need owner', response: { 200: Organisation } } },
    async (req) => {
      const [row] = await app.db
        .select()
        .from(organisations)
        .where(and(eq(organisations.slug, req.params.slug), eq(organisations.isNeedOwner, true)));
      if (!row) throw notFound();
      return toJson(row);
    },
  );
}
