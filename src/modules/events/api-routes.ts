import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { eventKinds, eventPhases, events } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { eventResults } from '../judging/results.ts';
import { eventsPolicy } from './policy.ts';

const Localised = Type.Object({ sv: Type.String(), en: Type.String() });
const EventSummary = Type.Object({
  slug: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  title: Localised,
  online: Type.Boolean(),
  place: Type.String(),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  phases: Type.Array(Type.Object({ kind: Type.String(), startsAt: Type.String({ format: 'date-time' }), endsAt: Type.String({ format: 'date-time' }) })),
  galleryPublished: Type.Boolean(),
  resultsPublished: Type.Boolean(),
  url: Type.String(),
});
const EventDetail = Type.Object({
  ...EventSummary.properties,
  description: Localised,
  rules: Localised,
  teamSize: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
});
const EventQuery = Type.Object({
  kind: Type.Optional(Type.Enum(eventKinds)),
  status: Type.Optional(Type.Enum(['published', 'cancelled'] as const)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
const Results = Type.Object({
  awards: Type.Array(
    Type.Object({
      name: Type.String(),
      solution: Type.String(),
      team: Type.String(),
      amountSek: Type.Union([Type.Integer(), Type.Null()]),
      sponsor: Type.String(),
      url: Type.String(),
    }),
  ),
  finalists: Type.Array(
    Type.Object({
      jury: Type.String(),
      challenge: Type.Union([Localised, Type.Null()]),
      solutions: Type.Array(Type.Object({ solution: Type.String(), team: Type.String(), url: Type.String() })),
    }),
  ),
});

/** Public events as JSON: the same events the event pages show (never drafts or those waiting for approval). */
export default async function eventsApiRoutes(app: FastifyInstance) {
  const base = app.config.publicUrl;
  const visible = inArray(events.status, ['published', 'cancelled']);
  type Row = typeof events.$inferSelect;
  const summaries = async (rows: Row[]) => {
    const phases = rows.length
      ? await app.db
          .select()
          .from(eventPhases)
          .where(
            inArray(
              eventPhases.eventId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(eventPhases.startsAt))
      : [];
    return rows.map((e) => ({
      slug: e.slug,
      kind: e.kind,
      status: e.status,
      title: { sv: e.titleSv, en: e.titleEn },
      online: e.online,
      place: e.place,
      capacity: e.capacity,
      phases: phases.filter((p) => p.eventId === e.id).map((p) => ({ kind: p.kind, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString() })),
      galleryPublished: e.galleryPublished,
      resultsPublished: e.resultsPublished,
      url: `${base}/events/${e.slug}`,
    }));
  };
  const load = async (slug: string) => {
    const [row] = await app.db
      .select()
      .from(events)
      .where(and(eq(events.slug, slug), visible));
    if (!row) throw notFound();
    return row;
  };

  app.get(
    '/api/v1/events',
    {
      config: { policy: eventsPolicy.browse },
      schema: {
        tags: ['events'],
        summary: 'Events, newest first',
        querystring: EventQuery,
        response: { 200: Type.Object({ items: Type.Array(EventSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    },
    async (req) => {
      const q = req.query as { kind?: Row['kind']; status?: Row['status']; page?: number; pageSize?: number };
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const where = and(visible, q.kind ? eq(events.kind, q.kind) : undefined, q.status ? eq(events.status, q.status) : undefined);
      const [rows, [{ total }]] = await Promise.all([
        app.db
          .select()
          .from(events)
          .where(where)
          .orderBy(desc(events.createdAt), asc(events.slug))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        app.db.select({ total: count() }).from(events).where(where),
      ]);
      return { items: await summaries(rows), total, page, pageSize };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/api/v1/events/:slug',
    { config: { policy: eventsPolicy.browse }, schema: { tags: ['events'], summary: 'One event with its phases', response: { 200: EventDetail } } },
    async (req) => {
      const row = await load(req.params.slug);
      const [summary] = await summaries([row]);
      return {
        ...summary,
        description: { sv: row.descriptionSv, en: row.descriptionEn },
        rules: { sv: row.rulesSv, en: row.rulesEn },
        teamSize: { min: row.teamMin, max: row.teamMax },
      };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/api/v1/events/:slug/results',
    {
      config: { policy: eventsPolicy.browse },
      schema: { tags: ['events'], summary: "An event's published results: awards and finalists (404 until published)", response: { 200: Results } },
    },
    async (req) => {
      const row = await load(req.params.slug);
      if (!row.resultsPublished) throw notFound();
      const results = await eventResults(app.db, row.id);
      return {
        awards: results.awards.map((a) => ({
          name: a.name,
          solution: a.title,
          team: a.teamName,
          amountSek: a.amountSek,
          sponsor: a.sponsor,
          url: `${base}/solutions/${a.submissionId}`,
        })),
        finalists: results.finalists.map((f) => ({
          jury: f.jury,
          challenge: f.challengeSv ? { sv: f.challengeSv, en: f.challengeEn ?? '' } : null,
          solutions: f.rows.map((r) => ({ solution: r.title, team: r.teamName, url: `${base}/solutions/${r.submissionId}` })),
        })),
      };
    },
  );
}
