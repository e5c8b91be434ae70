import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { datasets, distributions, organisations } from '../../db/schema/index.ts';
import { inFieldOrder, parseForm, textValues, type FieldErrors, type FormValues } from '../../web/forms.ts';
import Type from 'typebox';
import { badRequest, forbidden, notFound, validationFailed } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { canManageData, datasetsPolicy } from './policy.ts';
import { isUuid } from '../../db/ids.ts';
import { approvedOrganisationsOf } from './queries.ts';
import { ACCESS_RIGHT_BASE, DatasetApiBody, DatasetForm, DatasetStatusForm, DistributionApiBody, DistributionForm } from './schema.ts';
import { registerDataset, removeDistribution, saveDistribution, setDatasetStatus, updateDataset, type DatasetInput } from './commands/register-dataset.ts';
import { DatasetFormPage, DistributionFormPage } from './views/dataset-form.tsx';
import { FILE_TYPE_BASE } from './harvest/vocab.ts';

type IdParams = { Params: { id: string } };
type DistributionParams = { Params: { id: string; distributionId: string } };
type Publisher = { id: string; slug: string; name: string; isNeedOwner: boolean };

/**
 * Registering datasets and distributions, for organisations without a portal of their own. Only datasets registered
 * here are edited here; harvested ones change at their source.
 */
export default async function datasetRegistrationRoutes(app: FastifyInstance) {
  // The organisations a person registers datasets for: their own approved ones; the organiser, any.
  const publishersFor = async (req: FastifyRequest): Promise<Publisher[]> => {
    if (!req.actor.user!.isOrganiser) return approvedOrganisationsOf(app.db, req.actor);
    return app.db
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, isNeedOwner: organisations.isNeedOwner })
      .from(organisations)
      .orderBy(asc(organisations.name));
  };

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { action: string; heading: string; values: FormValues; errors?: FieldErrors; publishers: Publisher[] },
  ) =>
    reply.page({
      title: p.heading,
      status: p.errors ? 400 : 200,
      hasErrors: Boolean(p.errors),
      body: <DatasetFormPage action={p.action} heading={p.heading} values={p.values} errors={p.errors} organisations={p.publishers} />,
    });

  /** Parses the dataset form and checks the publisher is one the actor may register for. */
  const readDatasetForm = (body: unknown, publishers: Publisher[]) => {
    const form = parseForm(DatasetForm, body);
    const values = form.ok ? ((body ?? {}) as FormValues) : form.values;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const publisher = publishers.find((o) => o.slug === values.organisation);
    if (!publisher) errors.organisation ??= { key: 'form.error.choice' };
    if (!form.ok || !publisher || Object.keys(errors).length) return { ok: false as const, values, errors: inFieldOrder(DatasetForm, errors) };
    const { organisation: _, ...input } = form.value;
    return { ok: true as const, input: input as DatasetInput, publisher };
  };

  app.get('/datasets/new', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const publishers = await publishersFor(req);
    if (publishers.length === 0) throw forbidden();
    const user = req.actor.user!;
    const values: FormValues = { organisation: publishers[0].slug, accessRights: 'PUBLIC', contactName: user.name, contactEmail: user.email };
    return formPage(req, reply, { action: '/datasets', heading: req.t('datasets.register'), values, publishers });
  });

  app.post('/datasets', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const publishers = await publishersFor(req);
    if (publishers.length === 0) throw forbidden();
    const form = readDatasetForm(req.body, publishers);
    if (!form.ok)
      return formPage(req, reply, { action: '/datasets', heading: req.t('datasets.register'), values: form.values, errors: form.errors, publishers });
    const { id } = await registerDataset(app, req.actor.user!.id, form.publisher, form.input);
    return redirectWithNotice(reply, `/datasets/${id}`, 'notice.datasetRegistered');
  });

  /** A dataset registered here that the actor may change; anything else is answered as missing. */
  const loadRegistered = async (req: FastifyRequest<IdParams>) => {
    if (!isUuid(req.params.id)) throw notFound();
    const [row] = await app.db
      .select({
        dataset: datasets,
        publisher: { id: organisations.id, slug: organisations.slug, name: organisations.name, isNeedOwner: organisations.isNeedOwner },
      })
      .from(datasets)
      .innerJoin(organisations, eq(organisations.id, datasets.organisationId))
      .where(eq(datasets.id, req.params.id));
    if (!row || row.dataset.sourceId !== null || !canManageData(req.actor, row.publisher)) throw notFound();
    return row;
  };

  app.get<IdParams>('/datasets/:id/edit', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d, publisher } = await loadRegistered(req);
    const values: FormValues = {
      ...textValues(d),
      organisation: publisher.slug,
      themes: d.themes,
      keywords: d.keywords.join(', '),
      accessRights: d.accessRights.replace(ACCESS_RIGHT_BASE, ''),
    };
    const heading = req.t('datasets.editTitle', { title: d.titleSv });
    return formPage(req, reply, { action: `/datasets/${d.id}/edit`, heading, values, publishers: [publisher] });
  });

  app.post<IdParams>('/datasets/:id/edit', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d, publisher } = await loadRegistered(req);
    // The publisher does not change by editing; the field is fixed to it.
    const form = readDatasetForm({ ...(req.body as object), organisation: publisher.slug }, [publisher]);
    if (!form.ok)
      return formPage(req, reply, {
        action: `/datasets/${d.id}/edit`,
        heading: req.t('datasets.editTitle', { title: d.titleSv }),
        values: form.values,
        errors: form.errors,
        publishers: [publisher],
      });
    await updateDataset(app, req.actor.user!.id, d.id, form.input);
    return redirectWithNotice(reply, `/datasets/${d.id}`, 'notice.saved');
  });

  app.post<IdParams>('/datasets/:id/status', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    const form = parseForm(DatasetStatusForm, req.body);
    if (!form.ok) throw badRequest();
    await setDatasetStatus(app, req.actor.user!.id, d.id, form.value.status);
    return redirectWithNotice(reply, `/datasets/${d.id}`, form.value.status === 'active' ? 'notice.datasetRestored' : 'notice.datasetWithdrawn');
  });

  // The same through the API, for a person or an organisation's system with a `datasets:write` token: the form's
  // fields as JSON, its validation, policies and audit log; errors as 422 with the fields named.
  const writeApi = { policy: datasetsPolicy.manage, tokenScope: 'datasets:write' as const };
  const apiSchema = (summary: string, body: object, status: number) => ({
    tags: ['datasets'],
    summary,
    security: [{ session: [] as string[] }, { token: [] as string[] }] as Record<string, string[]>[],
    body,
    response: { [status]: Type.Object({ id: Type.String(), url: Type.String() }) },
  });
  const created = (id: string) => ({ id, url: `${app.config.publicUrl}/datasets/${id}` });
  // Who may not write here is refused before the body is read, as with the forms.
  const mayRegister = async (req: FastifyRequest) => {
    if ((await publishersFor(req)).length === 0) throw forbidden();
  };
  const mayChange = async (req: FastifyRequest) => {
    await loadRegistered(req as FastifyRequest<IdParams>);
  };
  app.post(
    '/api/v1/datasets',
    { config: writeApi, preValidation: mayRegister, schema: apiSchema("Register a dataset; `organisation` defaults to the token's", DatasetApiBody, 201) },
    async (req, reply) => {
      const publishers = await publishersFor(req);
      if (publishers.length === 0) throw forbidden();
      const form = readDatasetForm({ organisation: publishers[0].slug, accessRights: 'PUBLIC', ...(req.body as object) }, publishers);
      if (!form.ok) throw validationFailed(form.errors);
      const { id } = await registerDataset(app, req.actor.user!.id, form.publisher, form.input);
      return reply.code(201).send(created(id));
    },
  );
  app.patch<IdParams>(
    '/api/v1/datasets/:id',
    {
      config: writeApi,
      preValidation: mayChange,
      schema: apiSchema('Change a dataset registered here: the fields sent replace those stored', Type.Partial(DatasetApiBody), 200),
    },
    async (req) => {
      const { dataset: d, publisher } = await loadRegistered(req);
      const current = {
        ...textValues(d),
        themes: d.themes,
        keywords: d.keywords.join(', '),
        contactName: d.contactName,
        contactEmail: d.contactEmail,
        landingPage: d.landingPage,
        accessRights: d.accessRights.replace(ACCESS_RIGHT_BASE, ''),
        issued: d.issued ?? '',
        modified: d.modified ?? '',
      };
      const form = readDatasetForm({ ...current, ...(req.body as object), organisation: publisher.slug }, [publisher]);
      if (!form.ok) throw validationFailed(form.errors);
      await updateDataset(app, req.actor.user!.id, d.id, form.input);
      return created(d.id);
    },
  );
  app.post<IdParams>(
    '/api/v1/datasets/:id/distributions',
    { config: writeApi, preValidation: mayChange, schema: apiSchema('Add a distribution to a dataset registered here', DistributionApiBody, 201) },
    async (req, reply) => {
      const { dataset: d } = await loadRegistered(req);
      const form = parseForm(DistributionForm, req.body);
      if (!form.ok) throw validationFailed(inFieldOrder(DistributionForm, form.errors));
      await saveDistribution(app, req.actor.user!.id, d.id, null, form.value);
      return reply.code(201).send(created(d.id));
    },
  );

  // Distributions
  const distributionPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    d: { id: string; titleSv: string },
    action: string,
    values: FormValues,
    errors?: FieldErrors,
  ) => {
    const heading = req.t('datasets.distributionOf', { title: d.titleSv });
    return reply.page({
      title: heading,
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <DistributionFormPage action={action} heading={heading} datasetHref={`/datasets/${d.id}`} values={values} errors={errors} />,
    });
  };
  const loadDistribution = async (req: FastifyRequest<DistributionParams>, datasetId: string) => {
    if (!isUuid(req.params.distributionId)) throw notFound();
    const [row] = await app.db.select().from(distributions).where(eq(distributions.id, req.params.distributionId));
    if (!row || row.datasetId !== datasetId) throw notFound();
    return row;
  };

  app.get<IdParams>('/datasets/:id/distributions/new', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    return distributionPage(req, reply, d, `/datasets/${d.id}/distributions`, { format: 'CSV', licence: 'http://creativecommons.org/publicdomain/zero/1.0/' });
  });
  app.post<IdParams>('/datasets/:id/distributions', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    const form = parseForm(DistributionForm, req.body);
    if (!form.ok) return distributionPage(req, reply, d, `/datasets/${d.id}/distributions`, form.values, inFieldOrder(DistributionForm, form.errors));
    await saveDistribution(app, req.actor.user!.id, d.id, null, form.value);
    return redirectWithNotice(reply, `/datasets/${d.id}`, 'notice.distributionSaved');
  });
  app.get<DistributionParams>('/datasets/:id/distributions/:distributionId/edit', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    const x = await loadDistribution(req, d.id);
    const values = { ...textValues(x), format: x.format.replace(FILE_TYPE_BASE, '') };
    return distributionPage(req, reply, d, `/datasets/${d.id}/distributions/${x.id}/edit`, values);
  });
  app.post<DistributionParams>('/datasets/:id/distributions/:distributionId/edit', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    const x = await loadDistribution(req, d.id);
    const form = parseForm(DistributionForm, req.body);
    if (!form.ok)
      return distributionPage(req, reply, d, `/datasets/${d.id}/distributions/${x.id}/edit`, form.values, inFieldOrder(DistributionForm, form.errors));
    await saveDistribution(app, req.actor.user!.id, d.id, x.id, form.value);
    return redirectWithNotice(reply, `/datasets/${d.id}`, 'notice.distributionSaved');
  });
  app.post<DistributionParams>('/datasets/:id/distributions/:distributionId/remove', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { dataset: d } = await loadRegistered(req);
    const x = await loadDistribution(req, d.id);
    await removeDistribution(app, req.actor.user!.id, d.id, x.id);
    return redirectWithNotice(reply, `/datasets/${d.id}`, 'notice.distributionRemoved');
  });
}
