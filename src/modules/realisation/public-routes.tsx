import type { FastifyInstance } from 'fastify';
import { notFound } from '../../web/errors.ts';
import { sendCsv } from '../../web/csv.ts';
import { gallery, publicSolution, type GalleryItem } from '../proposals/queries.ts';
import { readSolutionFilter } from './filters.ts';
import { funnelByEvent, realisationOpenData, realisedSolutions, sumFunnels } from './funnel.ts';
import { realisationPolicy } from './policy.ts';
import { idsScope, juryResultsOf, needOwnersOfMany, noJuryResult, solutionRecord, type JuryResult } from './public-queries.ts';
import { SolutionDetail, SolutionList, SolutionQuery } from './public-schema.ts';
import type { NeedOwner, TimelineEntry } from './queries.ts';
import { RealisedPage } from './views/realised.tsx';

type SummaryRow = Pick<
  GalleryItem,
  | 'id'
  | 'title'
  | 'pitch'
  | 'teamName'
  | 'eventSlug'
  | 'eventSv'
  | 'eventEn'
  | 'year'
  | 'challengeSlug'
  | 'challengeSv'
  | 'challengeEn'
  | 'stage'
  | 'confirmed'
  | 'stageSince'
>;

const page = (q: Record<string, unknown>, max = 10_000) => Math.max(1, Math.min(max, Number.parseInt(String(q.page ?? '1'), 10) || 1));

/**
 * The public face of realisation: the funnel at /realised, realisation as open data (CSV, JSON, in the platform's
 * DCAT catalog) and the solutions API. The solution page itself is the proposals module's /solutions/:id.
 */
export default async function realisationPublicRoutes(app: FastifyInstance) {
  const browse = { config: { policy: realisationPolicy.browse, publicCache: true } };
  const openData = { config: { ...browse.config, open: true } };
  const base = app.config.publicUrl;

  app.get('/realised', browse, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const { event, year } = readSolutionFilter(q);
    const current = page(q);
    const [events, list] = await Promise.all([funnelByEvent(app.db), realisedSolutions(app.db, { event, year }, current)]);
    const selected = events.filter((e) => (!event || e.slug === event) && (!year || e.year === year));
    const years = [...new Set(selected.map((e) => e.year))];
    return reply.page({
      title: req.t('realised.title'),
      body: (
        <RealisedPage
          filter={{ event, year }}
          page={current}
          events={events}
          selected={selected}
          total={sumFunnels(selected)}
          byYear={years.map((y) => ({ year: y, funnel: sumFunnels(selected.filter((e) => e.year === y)) }))}
          items={list.rows}
          itemCount={list.total}
        />
      ),
    });
  });

  // Open data: one row per solution (listed in /datasets/dcat).
  app.get('/open-data/realisation.json', openData, async () => realisationOpenData(app.db, base));
  app.get('/open-data/realisation.csv', openData, async (req, reply) => {
    const rows = await realisationOpenData(app.db, base);
    const columns = [
      'id',
      'title',
      'event',
      'eventTitle',
      'year',
      'challenge',
      'needOwners',
      'stage',
      'confirmed',
      'stageSince',
      'awards',
      'finalist',
      'datasets',
      'updates',
      'url',
    ] as const;
    const cell = (v: (typeof rows)[number][(typeof columns)[number]]) => (Array.isArray(v) ? v.join('; ') : v);
    return sendCsv(
      req,
      reply,
      [...columns],
      rows.map((r) => columns.map((c) => cell(r[c]))),
    );
  });

  // JSON API
  const owner = (o: Pick<NeedOwner, 'slug' | 'name' | 'via'>) => ({ slug: o.slug, name: o.name, via: o.via, url: `${base}/organisations/${o.slug}` });
  const summary = (s: SummaryRow, owners: NeedOwner[], jury: JuryResult) => ({
    id: s.id,
    title: s.title,
    pitch: s.pitch,
    team: s.teamName,
    event: { slug: s.eventSlug, title: { sv: s.eventSv, en: s.eventEn }, year: Number(s.year) },
    challenge: s.challengeSlug ? { slug: s.challengeSlug, title: { sv: s.challengeSv ?? '', en: s.challengeEn ?? '' } } : null,
    stage: s.stage,
    confirmed: s.confirmed,
    stageSince: s.stageSince ? new Date(s.stageSince).toISOString() : null,
    finalist: jury.finalist,
    awards: jury.awards,
    needOwners: owners.map(owner),
    url: `${base}/solutions/${s.id}`,
  });
  const update = ({ update: u, organisationName, organisationSlug, confirmedByName }: TimelineEntry, team: string) => ({
    id: u.id,
    date: u.createdAt.toISOString(),
    by: u.organisationId
      ? { kind: 'organisation' as const, name: organisationName ?? '', slug: organisationSlug }
      : { kind: 'team' as const, name: team, slug: null },
    stage: u.stage,
    text: { sv: u.textSv, en: u.textEn },
    links: u.links,
    evidence: u.evidenceKind ? { kind: u.evidenceKind, url: u.evidenceUrl } : null,
    route: u.route,
    reference: u.reference,
    reason: u.reason,
    confirmed: u.stage ? u.organisationId !== null || u.confirmedAt !== null : null,
    confirmedBy: u.organisationId ? organisationName : confirmedByName,
    confirmedAt: (u.organisationId ? u.createdAt : u.confirmedAt)?.toISOString() ?? null,
  });

  app.get(
    '/api/v1/solutions',
    {
      config: { policy: realisationPolicy.browse },
      schema: {
        tags: ['solutions'],
        summary: 'Finished solutions and their realisation (same filters as /solutions)',
        querystring: SolutionQuery,
        response: { 200: SolutionList },
      },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      const pageSize = Number(q.pageSize ?? 20);
      const filter = { ...readSolutionFilter(q), track: '', page: page(q) };
      const list = await gallery(app.db, null, filter, pageSize);
      const scope = idsScope(list.rows.map((r) => r.id));
      const [owners, jury] = list.rows.length
        ? await Promise.all([needOwnersOfMany(app.db, list.rows, scope), juryResultsOf(app.db, scope)])
        : [new Map<string, NeedOwner[]>(), new Map<string, JuryResult>()];
      return {
        items: list.rows.map((s) => summary(s, owners.get(s.id) ?? [], jury.get(s.id) ?? noJuryResult)),
        total: list.total,
        page: filter.page,
        pageSize,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/solutions/:id',
    {
      config: { policy: realisationPolicy.browse },
      schema: {
        tags: ['solutions'],
        summary: 'One solution with its need owners, datasets and the whole dated history of its realisation',
        response: { 200: SolutionDetail },
      },
    },
    async (req) => {
      const s = await publicSolution(app.db, req.params.id);
      if (!s) throw notFound();
      const record = await solutionRecord(app.db, s.submission.id);
      const row = {
        id: s.submission.id,
        title: s.submission.title,
        pitch: s.submission.pitch,
        teamName: s.teamName,
        eventSlug: s.event.slug,
        eventSv: s.event.titleSv,
        eventEn: s.event.titleEn,
        year: s.year,
        challengeSlug: s.challengeSlug,
        challengeSv: s.challengeSv,
        challengeEn: s.challengeEn,
        stage: record.stage,
        confirmed: record.confirmed,
        stageSince: record.stageSince,
      };
      return {
        ...summary(row, record.owners, record.jury),
        datasets: s.datasets.map((d) => ({ id: d.id, title: { sv: d.titleSv, en: d.titleEn }, url: `${base}/datasets/${d.id}` })),
        timeline: record.timeline.map((e) => update(e, s.teamName)),
      };
    },
  );
}
