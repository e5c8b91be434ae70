import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm, textValues, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { forbidden, notFound, validationFailed } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { CONTENT } from '../../web/changes.ts';
import { Kept } from '../../web/components/kept.tsx';
import { auditTrail } from '../audit/audit.ts';
import { AuditTrail } from '../audit/audit-trail.tsx';
import { organisationsWritableBy } from '../organisations/queries.ts';
import { allowedTransitions, canEditChallenge, canSeeChallengeHistory, canViewChallenge, challengesPolicy } from './policy.ts';
import Type from 'typebox';
import { ChallengeApiBody, ChallengeApiQuery, ChallengeForm, ChallengeList, ChallengeSummary, PAGE_SIZE, StatusForm } from './schema.ts';
import { challengePageParts, findChallengeBySlug, latestPublished, type ChallengeWithOrganisation } from './queries.ts';
import { readFilters, searchChallenges } from './search.ts';
import { createChallenge, updateChallenge, type ChallengeInput } from './commands/save-challenge.ts';
import { changeChallengeStatus } from './commands/change-challenge-status.ts';
import { ChallengeListPage } from './views/list.tsx';
import { ChallengePage } from './views/challenge.tsx';
import { ChallengeResults } from '../judging/views/results.tsx';
import { ChallengeFormPage } from './views/form.tsx';
import { atomFeed } from './feed.ts';
import { pick } from './views/parts.tsx';
import { suggestDatasets } from '../datasets/queries.ts';
import { ChallengeDatasets } from '../datasets/views/challenge-datasets.tsx';
import { readDatasetFilters, searchDatasets } from '../datasets/search.ts';
import { DataRequestList } from '../datasets/views/data-requests.tsx';
import { ownershipOfChallenge } from '../realisation/matching-queries.ts';
import { isAdoptable } from '../realisation/matching-policy.ts';
import { ChallengeOwners } from '../realisation/views/owners.tsx';
import { SolutionStages } from '../realisation/views/record.tsx';

type SlugParams = { Params: { slug: string } };

export default async function challengesRoutes(app: FastifyInstance) {
  const writableOrganisations = (req: FastifyRequest) => (req.actor.user ? organisationsWritableBy(app.db, req.actor.user) : Promise.resolve([]));

  const load = async (req: FastifyRequest<SlugParams>): Promise<ChallengeWithOrganisation> => {
    const row = await findChallengeBySlug(app.db, req.params.slug, req.actor.user?.id ?? null);
    // A draft the reader may not see is answered as missing, so drafts do not leak by their addresses.
    if (!row || !canViewChallenge(req.actor, row.challenge)) throw notFound();
    return row;
  };

  app.get('/challenges', { config: { policy: challengesPolicy.browse, publicCache: true, reads: CONTENT } }, async (req, reply) => {
    const filters = readFilters(req.query as Record<string, unknown>);
    const [result, writable] = await Promise.all([searchChallenges(app.readDb, filters), req.actor.user ? writableOrganisations(req) : []]);
    return reply.page({
      title: req.t('challenges.title'),
      feed: { href: `/feeds/challenges.atom?lang=${req.lang}`, title: req.t('challenges.feed') },
      body: <ChallengeListPage filters={filters} {...result} canCreate={writable.length > 0} />,
      sameFor: `canCreate=${writable.length > 0}`,
      reads: CONTENT,
    });
  });

  app.get('/challenges/new', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const orgs = await writableOrganisations(req);
    if (orgs.length === 0) throw forbidden();
    const values: FormValues = { organisation: orgs[0].slug, yearRound: 'yes', contactName: req.actor.user!.name, contactEmail: req.actor.user!.email };
    return reply.page({
      title: req.t('challenges.new'),
      body: <ChallengeFormPage action="/challenges" heading={req.t('challenges.new')} values={values} organisations={orgs} />,
    });
  });

  app.post('/challenges', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const orgs = await writableOrganisations(req);
    if (orgs.length === 0) throw forbidden();
    const form = readChallengeForm(req.body, orgs);
    if (!form.ok) {
      return reply.page({
        title: req.t('challenges.new'),
        status: 400,
        hasErrors: true,
        body: <ChallengeFormPage action="/challenges" heading={req.t('challenges.new')} values={form.values} errors={form.errors} organisations={orgs} />,
      });
    }
    const { slug } = await createChallenge(app, req.actor.user!.id, form.organisationId, form.input);
    return redirectWithNotice(reply, `/challenges/${slug}`, 'notice.challengeCreated');
  });

  app.get<SlugParams>('/challenges/:slug', { config: { policy: challengesPolicy.browse, publicCache: true } }, async (req, reply) => {
    const row = await load(req);
    const canEdit = canEditChallenge(req.actor, row.challenge, row.organisation);
    const datasetQuery = canEdit ? readDatasetFilters({ q: (req.query as Record<string, unknown>).datasetQuery }).q : '';
    const { linked, results, stages, requests, adopters } = await challengePageParts(app.db, row.challenge.id);
    const [suggested, hits, ownership] = await Promise.all([
      canEdit ? suggestDatasets(app.db, row.challenge) : [],
      datasetQuery ? searchDatasets(app.db, readDatasetFilters({ q: datasetQuery })) : null,
      ownershipOfChallenge(app.db, req.actor, row.challenge, adopters),
    ]);
    const datasets = (
      <ChallengeDatasets
        slug={row.challenge.slug}
        linked={linked}
        suggested={suggested}
        // The first page of hits from the whole catalog, less what is linked already.
        search={hits && { q: datasetQuery, total: hits.total, shown: hits.pageSize, items: hits.items.filter((d) => !linked.some((l) => l.id === d.id)) }}
        canEdit={canEdit}
      />
    );
    return reply.page({
      title: pick(req.lang, row.challenge.titleSv, row.challenge.titleEn),
      body: (
        <ChallengePage
          row={row}
          owners={<ChallengeOwners slug={row.challenge.slug} postedBy={row.organisation} ownership={ownership} adoptable={isAdoptable(row.challenge.status)} />}
          data={
            <>
              {canEdit ? (
                datasets
              ) : (
                <Kept part={`challenge:${row.challenge.id}:datasets`} reads={CONTENT}>
                  {datasets}
                </Kept>
              )}
              <Kept part={`challenge:${row.challenge.id}:requests-results-stages`} reads={CONTENT}>
                <DataRequestList
                  requests={requests}
                  showPublisher
                  askHref={row.challenge.status === 'draft' ? null : `/organisations/${row.organisation.slug}/data-requests/new?challenge=${row.challenge.id}`}
                />
                <ChallengeResults challengeId={row.challenge.id} results={results} />
                <SolutionStages list={stages} moreHref={`/solutions?challenge=${row.challenge.id}`} />
              </Kept>
            </>
          }
          canEdit={canEdit}
          transitions={allowedTransitions(req.actor, row.challenge, row.organisation)}
          canSeeHistory={canSeeChallengeHistory(req.actor, row.challenge)}
          following={row.following}
        />
      ),
    });
  });

  app.get<SlugParams>('/challenges/:slug/edit', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const row = await load(req);
    authorize(req, canEditChallenge(req.actor, row.challenge, row.organisation));
    const c = row.challenge;
    const values = formValuesOf(row);
    const heading = req.t('challenge.editTitle', { title: c.titleSv });
    return reply.page({
      title: heading,
      body: <ChallengeFormPage action={`/challenges/${c.slug}/edit`} heading={heading} values={values} organisations={[row.organisation]} />,
    });
  });

  app.post<SlugParams>('/challenges/:slug/edit', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const row = await load(req);
    authorize(req, canEditChallenge(req.actor, row.challenge, row.organisation));
    // The owning organisation does not change by editing; the field is fixed to it.
    const form = readChallengeForm({ ...(req.body as object), organisation: row.organisation.slug }, [row.organisation]);
    if (!form.ok) {
      const heading = req.t('challenge.editTitle', { title: row.challenge.titleSv });
      return reply.page({
        title: heading,
        status: 400,
        hasErrors: true,
        body: (
          <ChallengeFormPage
            action={`/challenges/${row.challenge.slug}/edit`}
            heading={heading}
            values={form.values}
            errors={form.errors}
            organisations={[row.organisation]}
          />
        ),
      });
    }
    await updateChallenge(app, req.actor.user!.id, row.challenge.id, form.input);
    return redirectWithNotice(reply, `/challenges/${row.challenge.slug}`, 'notice.saved');
  });

  app.post<SlugParams>('/challenges/:slug/status', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const row = await load(req);
    const form = parseForm(StatusForm, req.body);
    const allowed = allowedTransitions(req.actor, row.challenge, row.organisation);
    authorize(req, form.ok && allowed.includes(form.value.status));
    if (!form.ok) throw forbidden();
    await changeChallengeStatus(app, req.actor.user!.id, row.challenge, form.value.status);
    return redirectWithNotice(reply, `/challenges/${row.challenge.slug}`, 'notice.statusChanged');
  });

  app.get<SlugParams>('/challenges/:slug/history', { config: { policy: challengesPolicy.write } }, async (req, reply) => {
    const row = await load(req);
    authorize(req, canSeeChallengeHistory(req.actor, row.challenge));
    const entries = await auditTrail(app.db, 'challenge', row.challenge.id);
    const title = `${req.t('org.history')}: ${pick(req.lang, row.challenge.titleSv, row.challenge.titleEn)}`;
    return reply.page({
      title,
      body: (
        <>
          <h1>{title}</h1>
          <p>
            <a href={`/challenges/${row.challenge.slug}`}>{req.t('challenge.back')}</a>
          </p>
          <AuditTrail entries={entries} />
        </>
      ),
    });
  });

  app.get('/feeds/challenges.atom', { config: { policy: challengesPolicy.browse, publicCache: true, open: true } }, async (req, reply) => {
    const rows = await latestPublished(app.db);
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(rows, app.config.publicUrl, req.lang));
  });

  // JSON API
  const toSummary = (
    c: {
      slug: string;
      titleSv: string;
      titleEn: string;
      summarySv: string;
      summaryEn: string;
      themes: string[];
      status: string;
      yearRound: boolean;
      endsOn: string | null;
      publishedAt: Date | null;
    },
    org: { slug: string; name: string; type: string },
  ) => ({
    slug: c.slug,
    title: { sv: c.titleSv, en: c.titleEn },
    summary: { sv: c.summarySv, en: c.summaryEn },
    organisation: org,
    themes: c.themes,
    status: c.status,
    yearRound: c.yearRound,
    endsOn: c.endsOn,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    url: `${app.config.publicUrl}/challenges/${c.slug}`,
  });

  app.get(
    '/api/v1/challenges',
    {
      config: { policy: challengesPolicy.browse },
      schema: {
        tags: ['challenges'],
        summary: 'Search published challenges (same filters as /challenges)',
        querystring: ChallengeApiQuery,
        response: { 200: ChallengeList },
      },
    },
    async (req) => {
      const query = req.query as Record<string, unknown>;
      const result = await searchChallenges(app.readDb, readFilters(query), Number(query.pageSize ?? PAGE_SIZE));
      return { ...result, items: result.items.map((c) => toSummary(c, { slug: c.orgSlug, name: c.orgName, type: c.orgType })) };
    },
  );

  app.get<SlugParams>(
    '/api/v1/challenges/:slug',
    { config: { policy: challengesPolicy.browse }, schema: { tags: ['challenges'], summary: 'One challenge', response: { 200: ChallengeSummary } } },
    async (req) => {
      const row = await load(req);
      return toSummary(row.challenge, { slug: row.organisation.slug, name: row.organisation.name, type: row.organisation.type });
    },
  );

  // Writing through the API (a signed-in person, or an organisation's system with a personal access token): the
  // form's fields as JSON, the same validation, policies and audit log as the form.
  const writeApi = { policy: challengesPolicy.write, tokenScope: 'challenges:write' as const };
  const apiWritable = async (req: FastifyRequest) =>
    (await writableOrganisations(req)).filter((o) => !req.actor.token || o.id === req.actor.token.organisationId);
  const summaryOf = async (slug: string) => {
    const row = (await findChallengeBySlug(app.db, slug))!;
    return toSummary(row.challenge, { slug: row.organisation.slug, name: row.organisation.name, type: row.organisation.type });
  };
  app.post(
    '/api/v1/challenges',
    {
      config: writeApi,
      schema: {
        tags: ['challenges'],
        summary: "Create a challenge (a draft unless published later); `organisation` defaults to the token's",
        security: [{ session: [] }, { token: [] }],
        body: ChallengeApiBody,
        response: { 201: ChallengeSummary },
      },
      // Who may write for no organisation at all is refused before the body is even read, as the form is.
      preValidation: async (req) => {
        if ((await apiWritable(req)).length === 0) throw forbidden();
      },
    },
    async (req, reply) => {
      const orgs = await apiWritable(req);
      const body = req.body as FormValues;
      const form = readChallengeForm({ organisation: orgs[0].slug, yearRound: 'yes', ...body }, orgs);
      if (!form.ok) throw validationFailed(form.errors);
      const { slug } = await createChallenge(app, req.actor.user!.id, form.organisationId, form.input);
      return reply
        .code(201)
        .header('location', `/api/v1/challenges/${slug}`)
        .send(await summaryOf(slug));
    },
  );
  app.patch<SlugParams>(
    '/api/v1/challenges/:slug',
    {
      config: writeApi,
      schema: {
        tags: ['challenges'],
        summary: 'Change a challenge: the fields sent replace those stored',
        security: [{ session: [] }, { token: [] }],
        body: Type.Partial(ChallengeApiBody),
        response: { 200: ChallengeSummary },
      },
    },
    async (req) => {
      const row = await load(req);
      authorize(req, canEditChallenge(req.actor, row.challenge, row.organisation));
      const form = readChallengeForm({ ...formValuesOf(row), ...(req.body as FormValues), organisation: row.organisation.slug }, [row.organisation]);
      if (!form.ok) throw validationFailed(form.errors);
      await updateChallenge(app, req.actor.user!.id, row.challenge.id, form.input);
      return summaryOf(row.challenge.slug);
    },
  );
}

/** A challenge as its form's values: the edit page starts from them, and an API PATCH lays its changes over them. */
function formValuesOf(row: ChallengeWithOrganisation): FormValues {
  const c = row.challenge;
  return {
    ...textValues(c),
    organisation: row.organisation.slug,
    themes: c.themes,
    requirements: c.requirements,
    keywords: c.keywords.join(', '),
    startsOn: c.startsOn ?? '',
    endsOn: c.endsOn ?? '',
    yearRound: c.yearRound ? 'yes' : 'no',
  } as FormValues;
}

type ReadResult = { ok: true; input: ChallengeInput; organisationId: string } | { ok: false; errors: FieldErrors; values: FormValues };

/** Parses the challenge form and checks what a schema cannot: the organisation is one of the actor's, dates in order. */
function readChallengeForm(body: unknown, orgs: { slug: string; id: string }[]): ReadResult {
  const form = parseForm(ChallengeForm, body);
  const values = form.ok ? ((body ?? {}) as FormValues) : form.values;
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const org = orgs.find((o) => o.slug === (form.ok ? form.value.organisation : values.organisation));
  if (!org) errors.organisation ??= { key: 'form.error.choice' };
  if (form.ok && form.value.startsOn && form.value.endsOn && form.value.endsOn < form.value.startsOn)
    errors.endsOn = { key: 'challenge.error.endsBeforeStart' };
  if (!form.ok || Object.keys(errors).length || !org) return { ok: false, errors: inFieldOrder(ChallengeForm, errors), values };
  const { organisation: _, ...input } = form.value;
  return { ok: true, input, organisationId: org.id };
}
