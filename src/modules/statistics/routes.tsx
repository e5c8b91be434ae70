import type { FastifyInstance, FastifyReply } from 'fastify';
import { desc } from 'drizzle-orm';
import { annualReports, statisticsSnapshots } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { toCsv } from '../../web/csv.ts';
import { parseForm } from '../../web/forms.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import type { Figures } from './figures.ts';
import { statisticsPolicy } from './policy.ts';
import { draftReport, publishedReport, publishReport, saveReportTexts, type Report } from './report.ts';
import { refreshStatistics, storedFigures, storedFiguresWithYears, storedYears } from './refresh.ts';
import { readYear, ReportTextsForm, StatisticsQuery, StatisticsResponse } from './schema.ts';
import { machineValue, tableIds, tablesOf, type StatTable } from './tables.ts';
import { DraftReportPage, PublishedReportPage, ReportIndexPage } from './views/report.tsx';
import { StatisticsPage } from './views/statistics.tsx';

type YearParams = { Params: { year: string } };
type TableParams = { Params: { year: string; table: string; format: string } };

/**
 * Public statistics (/statistics, the API, open data) and the organiser's annual report. Every page reads figures
 * the `statistics` job stored (refresh.ts); nothing here counts rows.
 */
export default async function statisticsRoutes(app: FastifyInstance) {
  const browse = { config: { policy: statisticsPolicy.browse, publicCache: true } };
  const manage = { config: { policy: statisticsPolicy.manage } };
  const base = app.config.publicUrl;

  const statisticsPage = async (reply: FastifyReply, scope: string, title: string) => {
    const { figures, years } = await storedFiguresWithYears(app.db, scope);
    if (!figures && scope !== 'all') throw notFound();
    return reply.page({ title, body: <StatisticsPage figures={figures} years={years} /> });
  };
  app.get('/statistics', browse, async (req, reply) => statisticsPage(reply, 'all', req.t('stats.title')));
  app.get<YearParams>('/statistics/:year', browse, async (req, reply) => {
    const year = readYear(req.params.year);
    if (!year) throw notFound();
    return statisticsPage(reply, String(year), req.t('stats.titleYear', { year }));
  });

  // Machine-readable: every table as rows of key and value (null with a note where a small group is protected).
  const machineTables = (tables: StatTable[]) =>
    tables.map((t) => ({
      id: t.id,
      rows: t.rows.map((r) => ({
        key: r.key,
        ...machineValue(r.value),
        url: r.href ? `${base}${r.href}` : null,
        ...(r.share !== undefined ? { share: r.share } : {}),
        ...(r.previous !== undefined ? { previous: machineValue(r.previous).value } : {}),
      })),
    }));
  const statisticsJson = async (figures: Figures) => ({
    scope: figures.scope,
    year: figures.year,
    computedAt: figures.computedAt,
    years: (await storedYears(app.db)).sort(),
    tables: machineTables(tablesOf(figures)),
  });
  const tablesCsv = (tables: StatTable[], scope: string) =>
    toCsv(
      ['scope', 'table', 'key', 'value', 'note', 'share', 'previous', 'url'],
      tables.flatMap((t) =>
        t.rows.map((r) => [
          scope,
          t.id,
          r.key,
          machineValue(r.value).value,
          machineValue(r.value).note,
          r.share ?? null,
          r.previous === undefined ? null : machineValue(r.previous).value,
          r.href ? `${base}${r.href}` : null,
        ]),
      ),
    );
  /** ?scope=all (default) or a year; ?scope=every gives all scopes at once (the open data's CSV). */
  const scopeOf = (q: Record<string, unknown>) => {
    const scope = String(q.scope ?? 'all');
    if (scope !== 'all' && scope !== 'every' && !readYear(scope)) throw notFound();
    return scope;
  };
  const everyScope = async () =>
    (await app.db.select({ figures: statisticsSnapshots.figures }).from(statisticsSnapshots))
      .map((r) => r.figures as unknown as Figures)
      .sort((a, b) => a.scope.localeCompare(b.scope));

  app.get('/open-data/statistics.json', browse, async (req) => {
    const scope = scopeOf(req.query as Record<string, unknown>);
    if (scope === 'every') return Promise.all((await everyScope()).map(statisticsJson));
    const figures = await storedFigures(app.db, scope);
    if (!figures) throw notFound();
    return statisticsJson(figures);
  });
  app.get('/open-data/statistics.csv', browse, async (req, reply) => {
    const scope = scopeOf(req.query as Record<string, unknown>);
    const all = scope === 'every' ? await everyScope() : [await storedFigures(app.db, scope)].filter((f): f is Figures => f !== null);
    if (!all.length && scope !== 'every') throw notFound();
    return reply.type('text/csv; charset=utf-8').send(
      all
        .map((f, i) =>
          tablesCsv(tablesOf(f), f.scope)
            .split('\r\n')
            .slice(i ? 1 : 0)
            .join('\r\n'),
        )
        .join(''),
    );
  });
  app.get(
    '/api/v1/statistics',
    {
      config: { policy: statisticsPolicy.browse },
      schema: {
        tags: ['statistics'],
        summary: 'The programme’s statistics for all years or one year, as the statistics job last counted them; small diversity groups are null with a note',
        querystring: StatisticsQuery,
        response: { 200: StatisticsResponse },
      },
    },
    async (req) => {
      const { year } = req.query as { year?: number };
      const figures = await storedFigures(app.db, year ? String(year) : 'all');
      if (!figures) throw notFound();
      return statisticsJson(figures);
    },
  );

  // The annual report: public once published (the frozen copy), the draft for the organiser.
  const yearOf = (raw: string) => {
    const year = readYear(raw);
    if (!year) throw notFound();
    return year;
  };
  const sendTable = (reply: FastifyReply, report: Report, params: TableParams['Params']) => {
    const tables = report.figures ? tablesOf(report.figures, report.previous) : [];
    const table = tables.find((t) => t.id === params.table);
    if (!table || !(tableIds as readonly string[]).includes(params.table)) throw notFound();
    if (params.format === 'json') return reply.send(machineTables([table])[0]);
    if (params.format === 'csv') return reply.type('text/csv; charset=utf-8').send(tablesCsv([table], String(report.year)));
    throw notFound();
  };
  const reportJson = (report: Report) => ({
    year: report.year,
    publishedAt: report.publishedAt,
    texts: report.texts,
    tables: report.figures ? machineTables(tablesOf(report.figures, report.previous)) : [],
    figures: report.figures,
    previous: report.previous,
  });
  const published = async (raw: string) => {
    const report = await publishedReport(app.db, yearOf(raw));
    if (!report) throw notFound();
    return report;
  };

  app.get<YearParams>('/reports/:year', browse, async (req, reply) => {
    const report = await published(req.params.year);
    return reply.page({ title: req.t('annual.title', { year: report.year }), body: <PublishedReportPage report={report} /> });
  });
  app.get<YearParams>('/reports/:year.json', browse, async (req) => reportJson(await published(req.params.year)));
  app.get<TableParams>('/reports/:year/tables/:table.:format', browse, async (req, reply) => sendTable(reply, await published(req.params.year), req.params));

  app.get('/admin/reports', manage, async (req, reply) => {
    const [years, reports, [latest]] = await Promise.all([
      storedYears(app.db),
      app.db.select({ year: annualReports.year, publishedAt: annualReports.publishedAt }).from(annualReports),
      app.db.select({ at: statisticsSnapshots.computedAt }).from(statisticsSnapshots).orderBy(desc(statisticsSnapshots.computedAt)).limit(1),
    ]);
    return reply.page({ title: req.t('annual.indexTitle'), body: <ReportIndexPage years={years} reports={reports} computedAt={latest?.at ?? null} /> });
  });
  app.post('/admin/statistics/refresh', manage, async (_req, reply) => {
    await refreshStatistics(app.db);
    return redirectWithNotice(reply, '/admin/reports', 'annual.refreshed');
  });
  app.get<YearParams>('/admin/reports/:year', manage, async (req, reply) => {
    const report = await draftReport(app.db, yearOf(req.params.year));
    return reply.page({ title: req.t('annual.draftTitle', { year: report.year }), body: <DraftReportPage report={report} /> });
  });
  app.get<YearParams>('/admin/reports/:year.json', manage, async (req) => reportJson(await draftReport(app.db, yearOf(req.params.year))));
  app.get<TableParams>('/admin/reports/:year/tables/:table.:format', manage, async (req, reply) =>
    sendTable(reply, await draftReport(app.db, yearOf(req.params.year)), req.params),
  );
  app.post<YearParams>('/admin/reports/:year', manage, async (req, reply) => {
    const year = yearOf(req.params.year);
    const form = parseForm(ReportTextsForm, req.body);
    if (!form.ok) {
      const report = await draftReport(app.db, year);
      return reply.page({
        title: req.t('annual.draftTitle', { year }),
        status: 400,
        hasErrors: true,
        body: <DraftReportPage report={report} values={form.values} errors={form.errors} />,
      });
    }
    await saveReportTexts(app.db, req.actor.user!.id, year, form.value);
    return redirectWithNotice(reply, `/admin/reports/${year}`, 'annual.saved');
  });
  app.post<YearParams>('/admin/reports/:year/publish', manage, async (req, reply) => {
    const year = yearOf(req.params.year);
    await publishReport(app.db, req.actor.user!.id, year);
    return redirectWithNotice(reply, `/reports/${year}`, 'annual.publishedNotice');
  });
}
