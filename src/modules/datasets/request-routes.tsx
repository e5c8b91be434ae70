import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../web/policy.ts';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { sendCsv } from '../../web/csv.ts';
import { findOrganisationBySlug } from '../organisations/queries.ts';
import { canAnswerFor, datasetsPolicy } from './policy.ts';
import { DataRequestAnswerForm, DataRequestForm } from './schema.ts';
import {
  allDataRequests,
  datasetChoices,
  findDataRequest,
  publicChallenge,
  publicEvent,
  requestFilters,
  requestInbox,
  type DataRequestDetail,
  type RequestFilter,
} from './data-requests.ts';
import { answerDataRequest, requestData } from './commands/data-request.ts';
import { DataRequestInboxPage, DataRequestPage, NewDataRequestPage } from './views/data-requests.tsx';

type IdParams = { Params: { id: string } };
type NewParams = { Params: { slug: string }; Querystring: { challenge?: string; event?: string } };

/**
 * Data requests: anyone signed in asks a publisher for data that is missing or broken, for a challenge or event when
 * there is one; the publisher's members (or the organiser) answer; the asker and the followers are told. Public, like
 * the problem reports, but without the asker's name.
 */
export default async function dataRequestRoutes(app: FastifyInstance) {
  const loadOrg = async (slug: string) => {
    const org = await findOrganisationBySlug(app.db, slug);
    if (!org) throw notFound();
    return org;
  };

  app.get<NewParams>('/organisations/:slug/data-requests/new', { config: { policy: datasetsPolicy.report } }, async (req, reply) => {
    const org = await loadOrg(req.params.slug);
    const [challenge, event] = await Promise.all([publicChallenge(app.db, req.query.challenge), publicEvent(app.db, req.query.event)]);
    return reply.page({
      title: req.t('dataRequest.newTitle', { name: org.name }),
      body: <NewDataRequestPage org={org} challenge={challenge} event={event} form={{}} />,
    });
  });

  app.post<NewParams>(
    '/organisations/:slug/data-requests/new',
    { config: { policy: datasetsPolicy.report, rateLimit: { max: 20, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const org = await loadOrg(req.params.slug);
      const form = parseForm(DataRequestForm, req.body);
      const ids = form.ok ? form.value : { challenge: undefined, event: undefined };
      const [challenge, event] = await Promise.all([publicChallenge(app.db, ids.challenge), publicEvent(app.db, ids.event)]);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      // A tie to something missing or not public is refused rather than dropped, so the request is never filed wrongly.
      if (form.ok && form.value.challenge && !challenge) errors.challenge = { key: 'dataRequest.error.challenge' };
      if (form.ok && form.value.event && !event) errors.event = { key: 'dataRequest.error.event' };
      if (!form.ok || Object.keys(errors).length) {
        const values = form.ok ? (form.value as unknown as FormValues) : form.values;
        return reply.page({
          title: req.t('dataRequest.newTitle', { name: org.name }),
          status: 400,
          hasErrors: true,
          body: <NewDataRequestPage org={org} challenge={challenge} event={event} form={{ values, errors: inFieldOrder(DataRequestForm, errors) }} />,
        });
      }
      const id = await requestData(app, req.actor.user!.id, {
        organisationId: org.id,
        challengeId: challenge?.id ?? null,
        eventId: event?.id ?? null,
        title: form.value.title,
        description: form.value.description,
        format: form.value.format ?? '',
      });
      return redirectWithNotice(reply, `/data-requests/${id}`, 'notice.dataRequested');
    },
  );

  app.get<{ Querystring: { state?: string } }>('/data-requests', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const filter: RequestFilter = requestFilters.includes(req.query.state as RequestFilter) ? (req.query.state as RequestFilter) : 'open';
    const requests = await requestInbox(app.db, req.actor, filter);
    return reply.page({ title: req.t('dataRequest.inbox'), body: <DataRequestInboxPage requests={requests} filter={filter} /> });
  });

  const load = async (id: string) => {
    const row = await findDataRequest(app.db, id);
    if (!row) throw notFound();
    return row;
  };
  const show = async (req: FastifyRequest, reply: FastifyReply, row: DataRequestDetail, form: { values?: FormValues; errors?: FieldErrors } = {}) => {
    const answer = canAnswerFor(req.actor, row.organisation.id) ? { datasets: await datasetChoices(app.db, row.organisation.id), form } : null;
    const failed = form.errors !== undefined;
    return reply.page({ title: row.request.title, status: failed ? 400 : 200, hasErrors: failed, body: <DataRequestPage row={row} answer={answer} /> });
  };

  app.get<IdParams>('/data-requests/:id', { config: { policy: datasetsPolicy.browse } }, async (req, reply) => show(req, reply, await load(req.params.id)));

  app.post<IdParams>('/data-requests/:id/answer', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const row = await load(req.params.id);
    authorize(req, canAnswerFor(req.actor, row.organisation.id));
    const form = parseForm(DataRequestAnswerForm, req.body);
    if (!form.ok) return show(req, reply, row, { values: form.values, errors: inFieldOrder(DataRequestAnswerForm, form.errors) });
    const { status, answer = '', dataset = '' } = form.value;
    const errors: FieldErrors = {};
    if (status === 'declined' && !answer) errors.answer = { key: 'dataRequest.error.reason' };
    let datasetId: string | null = null;
    if (status === 'published') {
      // Only a dataset this publisher published answers its request; any other id reads as not one of its datasets.
      datasetId = (await datasetChoices(app.db, row.organisation.id)).find((d) => d.id === dataset)?.id ?? null;
      if (!datasetId) errors.dataset = { key: dataset ? 'dataRequest.error.notOwnDataset' : 'dataRequest.error.datasetRequired' };
    }
    if (Object.keys(errors).length) return show(req, reply, row, { values: { status, answer, dataset }, errors: inFieldOrder(DataRequestAnswerForm, errors) });
    const r = row.request;
    await answerDataRequest(
      app,
      req.actor.user!.id,
      { id: r.id, title: r.title, askerId: r.askerId, organisationId: r.organisationId, challengeId: r.challengeId },
      { status, answer, datasetId },
    );
    return redirectWithNotice(reply, `/data-requests/${r.id}`, 'notice.dataRequestAnswered');
  });

  // Open data: every request with its status and answer, never who asked or answered.
  const browse = { config: { policy: datasetsPolicy.browse, publicCache: true } };
  const openData = { config: { ...browse.config, open: true } };
  const base = app.config.publicUrl;
  const openRows = async () =>
    (await allDataRequests(app.db)).map((r) => ({
      ...r,
      url: `${base}/data-requests/${r.id}`,
      createdAt: r.createdAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
    }));
  app.get('/open-data/data-requests.json', openData, async () => openRows());
  app.get('/open-data/data-requests.csv', openData, async (req, reply) => {
    const rows = await openRows();
    const columns = [
      'id',
      'title',
      'description',
      'format',
      'status',
      'answer',
      'publisher',
      'publisherName',
      'challenge',
      'event',
      'dataset',
      'createdAt',
      'answeredAt',
      'url',
    ] as const;
    return sendCsv(
      req,
      reply,
      [...columns],
      rows.map((r) => columns.map((c) => r[c])),
    );
  });
}
