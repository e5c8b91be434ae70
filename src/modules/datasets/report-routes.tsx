import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { canAnswerFor, datasetsPolicy } from './policy.ts';
import { findDataset } from './queries.ts';
import { findReport, reportInbox, reportStates, type ReportState } from './reports.ts';
import { AnswerForm, ReportForm } from './schema.ts';
import { answerReport, reportProblem } from './commands/report-problem.ts';
import { showDataset } from './dataset-page.tsx';
import { ReportInboxPage, ReportPage } from './views/reports.tsx';

type IdParams = { Params: { id: string } };

/** Problems with datasets: anyone signed in reports one; the publisher's organisation answers; the reporter is told. */
export default async function datasetReportRoutes(app: FastifyInstance) {
  app.post<IdParams>(
    '/datasets/:id/reports',
    { config: { policy: datasetsPolicy.report, rateLimit: { max: 20, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const dataset = await findDataset(app.db, req.params.id);
      if (!dataset) throw notFound();
      const form = parseForm(ReportForm, req.body);
      if (!form.ok) return showDataset(app, req, reply, dataset, { values: form.values, errors: inFieldOrder(ReportForm, form.errors) });
      await reportProblem(app, req.actor.user!.id, dataset, form.value);
      return redirectWithNotice(reply, `/datasets/${dataset.id}#reports`, 'notice.problemReported');
    },
  );

  app.get<{ Querystring: { state?: string } }>('/dataset-reports', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const state: ReportState = reportStates.includes(req.query.state as ReportState) ? (req.query.state as ReportState) : 'open';
    const reports = await reportInbox(app.db, req.actor, state);
    return reply.page({ title: req.t('report.inbox'), body: <ReportInboxPage reports={reports} state={state} /> });
  });

  /** A report on data the actor answers for; another organisation's is answered as missing. */
  const load = async (req: FastifyRequest<IdParams>) => {
    const row = await findReport(app.db, req.params.id);
    if (!row || !canAnswerFor(req.actor, row.dataset.organisationId)) throw notFound();
    return row;
  };
  app.get<IdParams>('/dataset-reports/:id', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { report, dataset } = await load(req);
    return reply.page({ title: req.t('report.about', { title: dataset.titleSv }), body: <ReportPage report={report} dataset={dataset} form={{}} /> });
  });
  app.post<IdParams>('/dataset-reports/:id/answer', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { report, dataset } = await load(req);
    const form = parseForm(AnswerForm, req.body);
    if (!form.ok) {
      return reply.page({
        title: req.t('report.about', { title: dataset.titleSv }),
        status: 400,
        hasErrors: true,
        body: <ReportPage report={report} dataset={dataset} form={{ values: form.values, errors: form.errors }} />,
      });
    }
    await answerReport(app, req.actor.user!.id, report, dataset, form.value.answer);
    return redirectWithNotice(reply, '/dataset-reports', 'notice.problemAnswered');
  });
}
