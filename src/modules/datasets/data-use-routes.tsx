import type { FastifyInstance } from 'fastify';
import { notFound } from '../../web/errors.ts';
import { toCsv } from '../../web/csv.ts';
import { findOrganisationBySlug } from '../organisations/queries.ts';
import { datasetsPolicy } from './policy.ts';
import { datasetCounts, datasetUse, requestsToPublisher, useOverTime } from './data-use.ts';
import { requestsToOrganisation } from './data-requests.ts';
import { publisherIri } from './publish/usage.ts';
import { DataUsePage } from './views/data-use.tsx';
import { DataRequestList } from './views/data-requests.tsx';

type SlugParams = { Params: { slug: string } };

export const DATA_USE_PAGE = 50;
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** A whole number from 1 up, or 1: odd values in the address show the first page, never an error. */
const pageOf = (v: unknown) => {
  const n = /^\d{1,6}$/.test(String(one(v) ?? '')) ? Number(one(v)) : 1;
  return Math.max(1, n);
};

/**
 * Usage back to publishers, for people: `/organisations/:slug/data-use` shows each of an organisation's datasets
 * (registered or harvested) with what cited and used it, totals per year and month, and the requests made to it;
 * the same as CSV and JSON. Public, like the pages it counts. An organisation that publishes nothing gets the page,
 * saying so, since data requests can still be made to it; an unknown one is 404.
 */
export default async function dataUseRoutes(app: FastifyInstance) {
  const loadOrg = async (slug: string) => {
    const org = await findOrganisationBySlug(app.db, slug);
    if (!org) throw notFound();
    return org;
  };

  app.get<SlugParams>('/organisations/:slug/data-use', { config: { policy: datasetsPolicy.browse, publicCache: true } }, async (req, reply) => {
    const org = await loadOrg(req.params.slug);
    const query = req.query as Record<string, unknown>;
    const [counts, overTime, requests, first] = await Promise.all([
      datasetCounts(app.db, org.id),
      useOverTime(app.db, org.id),
      requestsToOrganisation(app.db, org.id),
      datasetUse(app.db, org.id, { used: true, limit: DATA_USE_PAGE, offset: (pageOf(query.page) - 1) * DATA_USE_PAGE }),
    ]);
    // A page past the end (a hand-made address) returns no rows, so no total either: count, then show the last page.
    const total = first.rows.length || pageOf(query.page) === 1 ? first.total : (await datasetUse(app.db, org.id, { used: true, limit: 1 })).total;
    const pages = Math.max(1, Math.ceil(total / DATA_USE_PAGE));
    const page = Math.min(pageOf(query.page), pages);
    const used =
      page === pageOf(query.page) ? first : await datasetUse(app.db, org.id, { used: true, limit: DATA_USE_PAGE, offset: (page - 1) * DATA_USE_PAGE });
    const asked = String(one(query.year) ?? '');
    const year = overTime.years.find((y) => y.period === asked)?.period ?? overTime.years[0]?.period ?? null;
    return reply.page({
      title: req.t('dataUse.title', { name: org.name }),
      body: (
        <DataUsePage
          org={org}
          counts={counts}
          used={used}
          page={page}
          pages={pages}
          overTime={overTime}
          year={year}
          requests={<DataRequestList requests={requests} askHref={`/organisations/${org.slug}/data-requests/new`} />}
        />
      ),
    });
  });

  /** Everything the page shows, for every dataset (unused ones too), with absolute addresses. */
  const download = async (slug: string) => {
    const org = await loadOrg(slug);
    const base = app.config.publicUrl;
    const [{ rows }, overTime, requests] = await Promise.all([
      datasetUse(app.db, org.id, { used: false }),
      useOverTime(app.db, org.id),
      requestsToPublisher(app.db, org.id),
    ]);
    const datasets = rows.map((d) => ({
      id: d.id,
      iri: publisherIri(base, d),
      page: `${base}/datasets/${d.id}`,
      titleSv: d.titleSv,
      titleEn: d.titleEn,
      status: d.status,
      challenges: d.challenges.map((c) => ({ url: `${base}/challenges/${c.slug}`, titleSv: c.titleSv, titleEn: c.titleEn })),
      submissions: d.submitted,
      solutions: d.solutions.map((s) => ({ url: `${base}/solutions/${s.id}`, title: s.title, finalist: s.finalist, winner: s.winner, realised: s.realised })),
      finalists: d.finalists,
      winners: d.winners,
      realised: d.realised,
      reportsOpen: d.reportsOpen,
      reportsAnswered: d.reportsAnswered,
      requests: d.requests,
    }));
    return { org, base, datasets, overTime, requests };
  };

  app.get<SlugParams>('/organisations/:slug/data-use.json', { config: { policy: datasetsPolicy.browse, publicCache: true } }, async (req) => {
    const { org, base, datasets, overTime, requests } = await download(req.params.slug);
    return {
      organisation: { name: org.name, slug: org.slug, url: `${base}/organisations/${org.slug}` },
      datasets,
      perYear: overTime.years,
      perMonth: overTime.months,
      requests: requests.map((r) => ({ ...r, url: `${base}/data-requests/${r.id}` })),
    };
  });

  app.get<SlugParams>('/organisations/:slug/data-use.csv', { config: { policy: datasetsPolicy.browse, publicCache: true } }, async (req, reply) => {
    const { org, datasets } = await download(req.params.slug);
    const header = [
      'dataset_id',
      'dataset_iri',
      'title_sv',
      'title_en',
      'status',
      'challenges',
      'submissions',
      'solutions',
      'finalists',
      'winners',
      'realised',
      'reports_open',
      'reports_answered',
      'requests',
      'challenge_urls',
      'solution_urls',
    ];
    const rows = datasets.map((d) => [
      d.id,
      d.iri,
      d.titleSv,
      d.titleEn,
      d.status,
      d.challenges.length,
      d.submissions,
      d.solutions.length,
      d.finalists,
      d.winners,
      d.realised,
      d.reportsOpen,
      d.reportsAnswered,
      d.requests,
      d.challenges.map((c) => c.url).join(' '),
      d.solutions.map((s) => s.url).join(' '),
    ]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${org.slug}-data-use.csv"`).send(toCsv(header, rows));
  });
}
