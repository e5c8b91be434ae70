import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pick } from '../challenges/views/parts.tsx';
import { canAnswerFor, canManageData } from './policy.ts';
import type { DatasetDetail } from './queries.ts';
import { reportsOfDataset } from './reports.ts';
import { DatasetPage } from './views/dataset.tsx';
import { DatasetReports, type ReportFormState } from './views/reports.tsx';

/** A dataset's page with its problem reports; the report form comes back with its errors when one was refused. */
export async function showDataset(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, dataset: DatasetDetail, form: ReportFormState = {}) {
  const answers = canAnswerFor(req.actor, dataset.organisationId);
  const publisher = dataset.organisationId ? { id: dataset.organisationId, isNeedOwner: dataset.organisationApproved } : null;
  const reports = await reportsOfDataset(app.db, dataset.id);
  return reply.page({
    title: pick(req.lang, dataset.titleSv, dataset.titleEn) || req.t('datasets.untitled'),
    status: form.errors ? 400 : 200,
    hasErrors: Boolean(form.errors),
    body: (
      <DatasetPage
        dataset={dataset}
        editable={dataset.sourceId === null && publisher !== null && canManageData(req.actor, publisher)}
        reports={<DatasetReports datasetId={dataset.id} reports={reports} signedIn={req.actor.user !== null} canAnswer={answers} form={form} />}
      />
    ),
  });
}
