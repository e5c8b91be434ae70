import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { challengeDatasets, harvestSources, organisations } from '../../db/schema/index.ts';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { AppError, badRequest, notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { CONTENT } from '../../web/changes.ts';
import { recordAudit } from '../audit/audit.ts';
import { findChallengeBySlug, latestPublished } from '../challenges/queries.ts';
import { canEditChallenge, challengesPolicy } from '../challenges/policy.ts';
import { canManageData, datasetsPolicy } from './policy.ts';
import { approvedOrganisationsOf, datasetsExist, findDataset, organisationNamed } from './queries.ts';
import { isUuid } from '../../db/ids.ts';
import { sendCsv } from '../../web/csv.ts';
import { datasetFacets, readDatasetFilters, searchDatasets } from './search.ts';
import { LinkForm, SourceForm } from './schema.ts';
import { latestRuns, queueHarvest } from './harvest/run.ts';
import { registerSource } from './commands/register-source.ts';
import type { Quad } from '@rdfjs/types';
import { catalogQuads, datasetIri, describe, programmeDatasetNames } from './publish/catalog.ts';
import { usageQuads } from './publish/usage.ts';
import { mediaTypes, negotiateSyntax, serialize, wantsRdf } from './publish/serialize.ts';
import { ns } from './harvest/vocab.ts';
import { DatasetListPage } from './views/list.tsx';
import { showDataset } from './dataset-page.tsx';
import { SourcePage, SourcesPage, type SourceRow } from './views/sources.tsx';
import { reportRows, reportTurtle } from './validation-report.ts';

type IdParams = { Params: { id: string } };
type SlugParams = { Params: { slug: string } };

export default async function datasetsRoutes(app: FastifyInstance) {
  app.get('/datasets', { config: { policy: datasetsPolicy.browse, publicCache: true, reads: CONTENT } }, async (req, reply) => {
    const filters = readDatasetFilters(req.query as Record<string, unknown>);
    const [result, facets, approved, organisation] = await Promise.all([
      searchDatasets(app.readDb, filters),
      datasetFacets(app.readDb),
      approvedOrganisationsOf(app.db, req.actor),
      filters.organisation ? organisationNamed(app.readDb, filters.organisation) : null,
    ]);
    const canPublish = req.actor.user?.isOrganiser === true || approved.length > 0;
    return reply.page({
      title: req.t('datasets.title'),
      body: <DatasetListPage filters={filters} {...result} facets={facets} canPublish={canPublish} organisation={organisation} />,
      sameFor: `canPublish=${canPublish}`,
      reads: CONTENT,
    });
  });

  // Catalogs for dataportal.se: RDF/XML by default, Turtle and JSON-LD by content negotiation (or ?format=).
  const sendRdf = async (
    req: FastifyRequest,
    reply: FastifyReply,
    quads: Quad[],
    syntax = negotiateSyntax(req.headers.accept, (req.query as Record<string, unknown>).format),
  ) =>
    reply
      .header('vary', 'accept')
      .type(`${mediaTypes[syntax]}; charset=utf-8`)
      .send(await serialize(quads, syntax));
  /** For an IRI that is also a page: the RDF syntax asked for, or null for the page (browsers). */
  const rdfAsked = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('vary', 'accept');
    return wantsRdf(req.headers.accept, (req.query as Record<string, unknown>).format);
  };
  const platformOrganisation = async () => {
    const digits = app.config.platformOrgNumber;
    const [org] = await app.db
      .select()
      .from(organisations)
      .where(sql`regexp_replace(${organisations.orgNumber}, '\D', '', 'g') = ${digits}`);
    return (
      org ?? {
        id: '',
        slug: 'hack365',
        name: 'Hack for Sweden 365',
        type: 'agency' as const,
        orgNumber: digits,
        description: '',
        website: app.config.publicUrl,
        isNeedOwner: false,
        createdAt: new Date(),
      }
    );
  };
  const platformCatalog = async (datasetId?: string) =>
    catalogQuads(app, {
      iri: `${app.config.publicUrl}/datasets/catalog`,
      titleSv: 'Hack for Sweden 365: öppna data',
      titleEn: 'Hack for Sweden 365: open data',
      descriptionSv: 'Datamängder registrerade på Hack for Sweden 365 och programmets egna öppna data.',
      descriptionEn: 'Datasets registered on Hack for Sweden 365 and the programme’s own open data.',
      publisher: await platformOrganisation(),
      homepage: `${app.config.publicUrl}/datasets`,
      organisationId: null,
      programmeData: !datasetId,
      datasetId,
    });
  /** An organisation's catalog; none (404) for an organisation without datasets, as 3.0.1 requires one. */
  const organisationCatalog = async (slug: string) => {
    const [org] = await app.db.select().from(organisations).where(eq(organisations.slug, slug));
    if (!org) throw notFound();
    const quads = await catalogQuads(app, {
      iri: `${app.config.publicUrl}/organisations/${org.slug}/datasets/catalog`,
      titleSv: `Datakatalog: ${org.name}`,
      titleEn: `Data catalog: ${org.name}`,
      descriptionSv: `Datamängder som ${org.name} har registrerat på Hack for Sweden 365.`,
      descriptionEn: `Datasets ${org.name} has registered on Hack for Sweden 365.`,
      publisher: org,
      homepage: `${app.config.publicUrl}/organisations/${org.slug}`,
      organisationId: org.id,
      programmeData: false,
    });
    if (!quads) throw notFound();
    return { org, quads };
  };
  app.get('/datasets/dcat', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => sendRdf(req, reply, (await platformCatalog())!));
  app.get<SlugParams>('/organisations/:slug/datasets/dcat', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) =>
    sendRdf(req, reply, (await organisationCatalog(req.params.slug)).quads),
  );
  // Usage back to publishers, machine-readable: what cites or used their datasets (RDF/XML, Turtle, JSON-LD).
  app.get('/datasets/usage', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => sendRdf(req, reply, await usageQuads(app, null)));
  app.get<SlugParams>('/organisations/:slug/datasets/usage', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => {
    const [org] = await app.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, req.params.slug));
    if (!org) throw notFound();
    return sendRdf(req, reply, await usageQuads(app, org.id));
  });
  // The catalogs' own IRIs: RDF for machines; browsers are sent to the page the catalog lists its datasets on.
  app.get('/datasets/catalog', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => {
    const syntax = rdfAsked(req, reply);
    return syntax ? sendRdf(req, reply, (await platformCatalog())!, syntax) : reply.redirect('/datasets', 303);
  });
  app.get<SlugParams>('/organisations/:slug/datasets/catalog', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => {
    const { org, quads } = await organisationCatalog(req.params.slug);
    const syntax = rdfAsked(req, reply);
    return syntax ? sendRdf(req, reply, quads, syntax) : reply.redirect(`/organisations/${org.slug}`, 303);
  });
  // The programme's datasets (/open-data/challenges …) and their distributions (…#csv, …#json).
  app.get<{ Params: { name: string } }>('/open-data/:name', { config: { policy: datasetsPolicy.browse, open: true } }, async (req, reply) => {
    if (!(programmeDatasetNames as readonly string[]).includes(req.params.name)) throw notFound();
    const iri = `${app.config.publicUrl}/open-data/${req.params.name}`;
    const description = describe((await platformCatalog())!, iri);
    const syntax = rdfAsked(req, reply);
    if (syntax) return sendRdf(req, reply, description, syntax);
    const landingPage = description.find((q) => q.subject.value === iri && q.predicate.value === `${ns.dcat}landingPage`)!.object.value;
    return reply.redirect(landingPage.slice(app.config.publicUrl.length) || '/', 303);
  });

  // The programme's own open data: every published challenge, whole, as JSON and CSV (one query).
  const allPublished = async () =>
    (await latestPublished(app.db, 'all')).map(({ challenge: c, organisation }) => ({
      slug: c.slug,
      url: `${app.config.publicUrl}/challenges/${c.slug}`,
      titleSv: c.titleSv,
      titleEn: c.titleEn,
      summarySv: c.summarySv,
      summaryEn: c.summaryEn,
      organisation: organisation.name,
      themes: c.themes.join(' '),
      status: c.status,
      yearRound: c.yearRound,
      endsOn: c.endsOn ?? '',
      publishedAt: c.publishedAt?.toISOString() ?? '',
    }));
  app.get('/open-data/challenges.json', { config: { policy: challengesPolicy.browse, publicCache: true, open: true } }, async () => allPublished());
  app.get('/open-data/challenges.csv', { config: { policy: challengesPolicy.browse, publicCache: true, open: true } }, async (req, reply) => {
    const rows = await allPublished();
    const columns = Object.keys(rows[0] ?? { slug: '' }) as (keyof (typeof rows)[number])[];
    return sendCsv(
      req,
      reply,
      columns,
      rows.map((r) => columns.map((c) => r[c])),
    );
  });

  app.get<IdParams>('/datasets/:id', { config: { policy: datasetsPolicy.browse, publicCache: true, open: true } }, async (req, reply) => {
    const dataset = await findDataset(app.db, req.params.id);
    if (!dataset) throw notFound();
    // The dataset's IRI (and, as fragments of it, its distributions'): its description in RDF when that is asked for.
    const syntax = rdfAsked(req, reply);
    if (!syntax) return showDataset(app, req, reply, dataset);
    // A harvested dataset is described at its own IRI, by its publisher.
    if (dataset.sourceId !== null) {
      if (/^https?:\/\//.test(dataset.iri)) return reply.redirect(dataset.iri, 303);
      throw notFound();
    }
    const quads = await platformCatalog(dataset.id);
    if (!quads) throw notFound(); // withdrawn: out of the catalog, so not described
    return sendRdf(req, reply, describe(quads, datasetIri(app.config.publicUrl, dataset.id)), syntax);
  });

  // Linking datasets to a challenge (its editors)
  const loadEditable = async (req: FastifyRequest<SlugParams>) => {
    const row = await findChallengeBySlug(app.db, req.params.slug);
    if (!row) throw notFound();
    authorize(req, canEditChallenge(req.actor, row.challenge, row.organisation));
    const form = parseForm(LinkForm, req.body);
    if (!form.ok || !isUuid(form.value.dataset)) throw badRequest();
    return { challenge: row.challenge, datasetId: form.value.dataset };
  };
  app.post<SlugParams>('/challenges/:slug/datasets', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const { challenge, datasetId } = await loadEditable(req);
    const [dataset] = await datasetsExist(app.db, [datasetId]);
    if (!dataset) throw new AppError(404, 'dataset_not_found', 'datasets.link.unknown');
    // A withdrawn dataset is gone from its source: the challenge would point participants at data they cannot get.
    if (dataset.status !== 'active') throw new AppError(409, 'dataset_withdrawn', 'datasets.link.withdrawn');
    await app.db.transaction(async (tx) => {
      const added = await tx
        .insert(challengeDatasets)
        .values({ challengeId: challenge.id, datasetId, addedBy: req.actor.user!.id })
        .onConflictDoNothing()
        .returning();
      if (added.length)
        await recordAudit(tx, {
          actorId: req.actor.user!.id,
          action: 'challenge.dataset_linked',
          subjectType: 'challenge',
          subjectId: challenge.id,
          details: { dataset: datasetId },
        });
    });
    return redirectWithNotice(reply, `/challenges/${challenge.slug}`, 'notice.datasetLinked');
  });
  app.post<SlugParams>('/challenges/:slug/datasets/remove', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const { challenge, datasetId } = await loadEditable(req);
    await app.db.transaction(async (tx) => {
      const removed = await tx
        .delete(challengeDatasets)
        .where(and(eq(challengeDatasets.challengeId, challenge.id), eq(challengeDatasets.datasetId, datasetId)))
        .returning();
      if (removed.length)
        await recordAudit(tx, {
          actorId: req.actor.user!.id,
          action: 'challenge.dataset_unlinked',
          subjectType: 'challenge',
          subjectId: challenge.id,
          details: { dataset: datasetId },
        });
    });
    return redirectWithNotice(reply, `/challenges/${challenge.slug}`, 'notice.datasetUnlinked');
  });

  // Harvest sources: the organiser's and each approved organisation's own. A harvest makes the server fetch an
  // address, so an organisation that has only applied registers none; the organiser also the platform's own.
  const ownersFor = async (req: FastifyRequest) => {
    const orgs = (await approvedOrganisationsOf(app.db, req.actor)).map(({ id, name }) => ({ id, name }));
    return req.actor.user!.isOrganiser ? [{ id: '', name: req.t('sources.platform') }, ...orgs] : orgs;
  };
  const sourcesVisibleTo = async (req: FastifyRequest): Promise<SourceRow[]> => {
    const user = req.actor.user!;
    const own = user.memberships.map((m) => m.organisationId);
    const rows = await app.db
      .select({ source: harvestSources, organisationName: organisations.name })
      .from(harvestSources)
      .leftJoin(organisations, eq(organisations.id, harvestSources.organisationId))
      .where(user.isOrganiser ? undefined : own.length ? and(inArray(harvestSources.organisationId, own), eq(organisations.isNeedOwner, true)) : sql`false`)
      .orderBy(asc(harvestSources.title));
    return rows.map((r) => ({ ...r.source, organisationName: r.organisationName }));
  };
  const sourcesPage = async (req: FastifyRequest, reply: FastifyReply, values?: FormValues, errors?: FieldErrors) => {
    const [sources, owners] = await Promise.all([sourcesVisibleTo(req), ownersFor(req)]);
    if (owners.length === 0 && sources.length === 0) authorize(req, false);
    return reply.page({
      title: req.t('sources.title'),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <SourcesPage sources={sources} organisations={owners} values={values ?? { schedule: 'nightly', kind: 'dcat' }} errors={errors} />,
    });
  };
  app.get('/harvest-sources', { config: { policy: datasetsPolicy.manage } }, (req, reply) => sourcesPage(req, reply));
  app.post('/harvest-sources', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const form = parseForm(SourceForm, req.body);
    const owners = await ownersFor(req);
    const organisationId = form.ok ? form.value.organisation : String(form.values.organisation ?? '');
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (!owners.some((o) => o.id === organisationId)) errors.organisation = { key: 'error.forbidden.text' };
    if (!form.ok && errors.url) errors.url = { key: 'sources.error.url' };
    if (!form.ok || Object.keys(errors).length)
      return sourcesPage(req, reply, form.ok ? (req.body as FormValues) : form.values, inFieldOrder(SourceForm, errors));
    authorize(req, canManageData(req.actor, organisationId ? { id: organisationId, isNeedOwner: true } : null)); // owners are approved
    const source = await registerSource(app, req.actor.user!.id, { ...form.value, organisationId: organisationId || null });
    await queueHarvest(app.db, source.id, req.actor.user!.id);
    return redirectWithNotice(reply, `/harvest-sources/${source.id}`, 'notice.sourceAdded');
  });
  const loadSource = async (req: FastifyRequest<IdParams>) => {
    if (!isUuid(req.params.id)) throw notFound();
    const [row] = await app.db
      .select({ source: harvestSources, organisationName: organisations.name, approved: organisations.isNeedOwner })
      .from(harvestSources)
      .leftJoin(organisations, eq(organisations.id, harvestSources.organisationId))
      .where(eq(harvestSources.id, req.params.id));
    if (!row) throw notFound();
    // Another organisation's source is answered as missing, so its address does not leak.
    const owner = row.source.organisationId ? { id: row.source.organisationId, isNeedOwner: row.approved === true } : null;
    if (!canManageData(req.actor, owner)) throw notFound();
    return { ...row.source, organisationName: row.organisationName };
  };
  app.get<IdParams>('/harvest-sources/:id', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const source = await loadSource(req);
    const runs = await latestRuns(app.db, source.id);
    return reply.page({ title: source.title, body: <SourcePage source={source} runs={runs} canHarvest /> });
  });
  // The latest validation report to download, for the publisher's own tools: a W3C SHACL report or a table.
  const latestReport = async (req: FastifyRequest<IdParams>) => {
    const source = await loadSource(req);
    const latest = (await latestRuns(app.db, source.id)).find((r) => r.status === 'succeeded' || r.status === 'failed');
    if (!latest?.validation?.results) throw notFound();
    return { source, validation: latest.validation };
  };
  app.get<IdParams>('/harvest-sources/:id/report.ttl', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { source, validation } = await latestReport(req);
    return reply
      .type('text/turtle; charset=utf-8')
      .header('content-disposition', 'attachment; filename="dcat-ap-se-report.ttl"')
      .send(await reportTurtle(validation, source.url));
  });
  app.get<IdParams>('/harvest-sources/:id/report.csv', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const { validation } = await latestReport(req);
    const { header, rows } = reportRows(req.t, validation);
    return sendCsv(req, reply, header, rows, 'dcat-ap-se-report.csv');
  });
  app.post<IdParams>('/harvest-sources/:id/harvest', { config: { policy: datasetsPolicy.manage } }, async (req, reply) => {
    const source = await loadSource(req);
    await queueHarvest(app.db, source.id, req.actor.user!.id);
    return redirectWithNotice(reply, `/harvest-sources/${source.id}`, 'notice.harvestQueued');
  });
}
