import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProposalContent } from '../../db/schema/index.ts';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { CONTENT } from '../../web/changes.ts';
import { isUuid } from '../../db/ids.ts';
import { findEventBySlug, publishedEvent, type EventDetail } from '../events/queries.ts';
import { findTeam } from '../teams/queries.ts';
import { findDataset } from '../datasets/queries.ts';
import { proposalsPolicy } from './policy.ts';
import { isFollowing } from '../notifications/queries.ts';
import { FollowButton } from '../notifications/views/follow-button.tsx';
import { mentorsTeam } from '../mentors/queries.ts';
import { voteOf } from '../judging/commands/votes.ts';
import {
  challengeDatasetTitles,
  datasetTitles,
  gallery,
  galleryChallenges,
  galleryEvents,
  proposalOf,
  publicSolution,
  versionOf,
  versionsOf,
  type GalleryFilter,
} from './queries.ts';
import { emptyContent, ProposalForm } from './schema.ts';
import { datasetIdsIn, proposalRefusal, submissionWindow } from './rules.ts';
import { mayOverride, readOverride, refusalError, refusalJson } from '../events/override.ts';
import { eventHas } from '../events/kinds.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { PhaseBlock } from '../events/views/phase-block.tsx';
import { ErrorSummary } from '../../web/components/form.tsx';
import { saveProposal, withdrawProposal } from './commands/save-proposal.ts';
import { contentValues, ProposalPage } from './views/form.tsx';
import { ProposalBody } from './views/content.tsx';
import { GalleryPage, SolutionPage } from './views/gallery.tsx';
import { SolutionOpenGraph } from './views/open-graph.tsx';
import { readSolutionFilter } from '../realisation/filters.ts';
import { solutionRecord } from '../realisation/public-queries.ts';
import { standingOn } from '../realisation/queries.ts';
import imageRoutes from './image-routes.tsx';

type TeamParams = { Params: { slug: string; teamId: string } };

export default async function proposalsRoutes(app: FastifyInstance) {
  const write = { config: { policy: proposalsPolicy.write } };
  const browse = { config: { policy: proposalsPolicy.browse, publicCache: true } };
  // In a scope of its own: only the image form takes multipart bodies.
  await app.register(imageRoutes);

  /**
   * The team's own proposal: its members write it; a mentor the team has booked may read it (`readOnly`). The
   * organiser reaches it only while a phase rule blocks the team, to make an exception (with a reason) on its behalf.
   */
  const load = async (req: FastifyRequest<TeamParams>, mentorMayRead = false) => {
    const event = await publishedEvent(app.db, req.params.slug, 'proposals');
    const team = isUuid(req.params.teamId) ? await findTeam(app.db, event.event.id, req.params.teamId) : null;
    if (!team) throw notFound();
    const member = team.members.some((m) => m.userId === req.actor.user!.id);
    const refusal = proposalRefusal(event.phases, event.event.graceMinutes, new Date());
    const excepting = !member && refusal !== null && mayOverride(req.actor);
    if (!member && !excepting) authorize(req, mentorMayRead && (await mentorsTeam(app.db, req.actor.user!.id, team.team.id)));
    return { event, team, proposal: await proposalOf(app.db, team.team.id), readOnly: !member && !excepting, member, refusal };
  };

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: Awaited<ReturnType<typeof load>>,
    values: FormValues,
    errors?: FieldErrors,
    status = 400,
  ) => {
    const { event, team, proposal } = ctx;
    const chosen = ([] as string[]).concat(values.datasetIds ?? []);
    const [offered, picked, versions] = await Promise.all([
      challengeDatasetTitles(app.db, team.team.challengeId),
      datasetTitles(app.db, chosen),
      proposal ? versionsOf(app.db, proposal.id) : [],
    ]);
    const choices = [...offered, ...picked.filter((d) => !offered.some((o) => o.id === d.id))];
    return reply.page({
      title: req.t('proposal.heading'),
      status: errors ? status : 200,
      hasErrors: Boolean(errors),
      body: (
        <ProposalPage
          eventSlug={event.event.slug}
          teamId={team.team.id}
          teamName={team.team.name}
          proposal={proposal}
          versions={versions}
          datasetChoices={choices}
          window={submissionWindow(event.phases, event.event.graceMinutes)}
          refusal={ctx.refusal}
          member={ctx.member}
          values={values}
          errors={errors && inFieldOrder(ProposalForm, errors)}
        />
      ),
    });
  };

  app.get<TeamParams>('/events/:slug/teams/:teamId/proposal', write, async (req, reply) => {
    const ctx = await load(req, true);
    if (ctx.readOnly) {
      const content = ctx.proposal?.content ?? emptyContent();
      return reply.page({
        title: req.t('proposal.heading'),
        body: (
          <>
            <h1>{req.t('proposal.draftOf', { team: ctx.team.team.name })}</h1>
            <p>{req.t('proposal.mentorView')}</p>
            {content.title && <h2>{content.title}</h2>}
            <ProposalBody content={content} datasets={await datasetTitles(app.db, content.datasetIds)} />
          </>
        ),
      });
    }
    return page(req, reply, ctx, contentValues(ctx.proposal?.content ?? { ...emptyContent(), contactEmail: req.actor.user!.email }));
  });

  app.post<TeamParams>('/events/:slug/teams/:teamId/proposal', write, async (req, reply) => {
    const ctx = await load(req);
    const wantsJson = String(req.headers.accept ?? '').includes('application/json');
    const form = parseForm(ProposalForm, req.body);
    const { override, errors: overrideErrors } = readOverride(req.actor, req.body);
    const typed = {
      ...(form.ok ? (req.body as FormValues) : form.values),
      override: String((req.body as FormValues)?.override ?? ''),
      reason: String((req.body as FormValues)?.reason ?? ''),
    };
    if (!form.ok || overrideErrors) {
      const errors = { ...(form.ok ? {} : form.errors), ...overrideErrors };
      if (wantsJson)
        return reply.code(400).send({
          error: {
            code: 'validation_failed',
            message: req.t('error.validation.text'),
            fields: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, req.t(e.key, e.params)])),
          },
        });
      return page(req, reply, ctx, typed, errors);
    }
    const { action, moreDatasets, datasetIds, ...text } = form.value;
    // Pasted links must point at datasets in the catalog; the ones found join the checked ones.
    const pasted = datasetIdsIn(moreDatasets);
    const known = await datasetTitles(app.db, [...datasetIds, ...pasted]);
    const unknown = pasted.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length) return page(req, reply, ctx, typed, { moreDatasets: { key: 'proposal.error.unknownDatasets', params: { count: unknown.length } } });
    const content: ProposalContent = { ...emptyContent(), ...text, datasetIds: known.map((k) => k.id) };
    const result = await saveProposal(app, req.actor.user!.id, ctx.team.team.id, content, action === 'submit', override);
    if ('refused' in result) {
      if (wantsJson) return reply.code(409).send(refusalJson(result.refused, req.t, req.lang));
      // What was typed stays on the page with the reason; nothing was saved.
      return page(req, reply, ctx, typed, { override: refusalError(result.refused, req.lang) }, 409);
    }
    if (wantsJson)
      return 'saved' in result
        ? { version: result.saved }
        : reply.code(400).send({ error: { code: 'validation_failed', message: req.t('error.validation.text') } });
    if ('errors' in result)
      return page(
        req,
        reply,
        { ...ctx, proposal: await proposalOf(app.db, ctx.team.team.id) },
        { ...contentValues(content), override: typed.override, reason: typed.reason },
        result.errors,
      );
    return redirectWithNotice(reply, req.url, result.submitted ? 'notice.proposalSubmitted' : 'notice.proposalSaved');
  });

  app.get<{ Params: { slug: string; teamId: string; version: string } }>(
    '/events/:slug/teams/:teamId/proposal/versions/:version',
    write,
    async (req, reply) => {
      const { team, proposal } = await load(req);
      const number = Number.parseInt(req.params.version, 10);
      const version = proposal && Number.isSafeInteger(number) ? await versionOf(app.db, proposal.id, number) : null;
      if (!version) throw notFound();
      return reply.page({
        title: req.t('proposal.version', { version: number }),
        body: (
          <>
            <p>
              <a href={`/events/${req.params.slug}/teams/${team.team.id}/proposal`}>{req.t('proposal.heading')}</a>
            </p>
            <h1>
              {version.content.title || req.t('proposal.untitled')} – {req.t('proposal.version', { version: number })}
            </h1>
            <ProposalBody content={version.content} datasets={await datasetTitles(app.db, version.content.datasetIds)} />
          </>
        ),
      });
    },
  );

  /** Withdrawing takes the proposal out of the gallery and judging: its team asks first, on a page of its own. */
  const withdrawPage = async (req: FastifyRequest, reply: FastifyReply, ctx: Awaited<ReturnType<typeof load>>, status = 200) => {
    const back = `/events/${ctx.event.event.slug}/teams/${ctx.team.team.id}/proposal`;
    const title = ctx.proposal?.title || ctx.proposal?.content.title || req.t('proposal.untitled');
    if (ctx.refusal) {
      // Outside the window there is nothing to confirm: the page says why (as an error after a refused POST).
      const errors = status === 200 ? undefined : { override: refusalError(ctx.refusal, req.lang) };
      return reply.page({
        title: req.t('confirm.withdraw.title'),
        status,
        hasErrors: Boolean(errors),
        body: (
          <>
            <h1>{req.t('confirm.withdraw.title')}</h1>
            <ErrorSummary errors={errors} labels={{}} />
            <PhaseBlock refusal={ctx.refusal} errors={errors} />
            <p>
              <a href={back}>{req.t('confirm.back')}</a>
            </p>
          </>
        ),
      });
    }
    return reply.page({
      title: req.t('confirm.withdraw.title'),
      body: (
        <ConfirmPage
          heading={req.t('confirm.withdraw.title')}
          text={req.t('confirm.withdraw.text', { title })}
          action={`${back}/withdraw`}
          button={req.t('confirm.withdraw.button')}
          back={back}
        />
      ),
    });
  };
  const loadMember = async (req: FastifyRequest<TeamParams>) => {
    const ctx = await load(req);
    authorize(req, ctx.member);
    return ctx;
  };
  app.get<TeamParams>('/events/:slug/teams/:teamId/proposal/withdraw', write, async (req, reply) => {
    const ctx = await loadMember(req);
    if (ctx.proposal?.status !== 'submitted')
      return redirectWithNotice(reply, `/events/${ctx.event.event.slug}/teams/${ctx.team.team.id}/proposal`, 'notice.proposalNotSubmitted');
    return withdrawPage(req, reply, ctx);
  });
  app.post<TeamParams>('/events/:slug/teams/:teamId/proposal/withdraw', write, async (req, reply) => {
    const ctx = await loadMember(req);
    const back = `/events/${ctx.event.event.slug}/teams/${ctx.team.team.id}/proposal`;
    if (!isConfirmed(req.body)) return reply.redirect(`${back}/withdraw`, 303);
    const result = await withdrawProposal(app, req.actor.user!.id, ctx.team.team.id);
    if (typeof result === 'object') return withdrawPage(req, reply, { ...ctx, refusal: result.refused }, 409);
    return redirectWithNotice(reply, back, result === 'none' ? 'notice.proposalNotSubmitted' : 'notice.proposalWithdrawn');
  });

  const galleryFilter = (q: Record<string, unknown>, event: EventDetail | null): GalleryFilter => ({
    ...readSolutionFilter(q),
    // An event's own gallery is that event's: another event or year would only empty it.
    ...(event ? { event: '', year: null } : {}),
    track: isUuid(String(q.track ?? '')) ? String(q.track) : '',
    page: Math.max(1, Math.min(10_000, Number.parseInt(String(q.page ?? '1'), 10) || 1)),
  });
  const galleryPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail | null) => {
    const filter = galleryFilter(req.query as Record<string, unknown>, event);
    const published = event ? event.event.galleryPublished : true;
    const user = req.actor.user;
    const voting =
      event?.event.voting === 'open' ? { open: true, signedIn: user !== null, myVote: user ? await voteOf(app.db, event.event.id, user.id) : null } : undefined;
    const [list, challenges, events, dataset] = await Promise.all([
      published ? gallery(app.db, event?.event.id ?? null, filter) : { rows: [], total: 0 },
      event ? event.challenges : galleryChallenges(app.db, filter.event, filter.challenge),
      event ? [] : galleryEvents(app.db),
      filter.dataset ? findDataset(app.db, filter.dataset) : null,
    ]);
    return reply.page({
      title: req.t('gallery.title'),
      body: (
        <GalleryPage
          event={event && { slug: event.event.slug, titleSv: event.event.titleSv, titleEn: event.event.titleEn, published }}
          filter={filter}
          items={list.rows}
          total={list.total}
          challenges={challenges}
          tracks={event?.tracks ?? []}
          events={events}
          dataset={dataset && { id: dataset.id, titleSv: dataset.titleSv, titleEn: dataset.titleEn }}
          voting={voting}
        />
      ),
      // While a vote is open the gallery shows the reader's own vote.
      sameFor: voting ? undefined : '',
      reads: CONTENT,
    });
  };

  app.get<{ Params: { slug: string } }>('/events/:slug/solutions', browse, async (req, reply) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || event.event.status !== 'published' || !eventHas(event.event.kind, 'gallery')) throw notFound();
    return galleryPage(req, reply, event);
  });
  // The gallery of all events has no vote (a vote is an event's): it shows content only.
  app.get('/solutions', { config: { ...browse.config, reads: CONTENT } }, async (req, reply) => galleryPage(req, reply, null));
  app.get<{ Params: { id: string } }>('/solutions/:id', browse, async (req, reply) => {
    const solution = await publicSolution(app.db, req.params.id);
    if (!solution) throw notFound();
    const [record, following] = await Promise.all([
      solutionRecord(app.db, solution.submission.id),
      isFollowing(app.db, req.actor.user?.id, 'solution', solution.submission.id),
    ]);
    const standing = await standingOn(app.db, req.actor, { id: solution.submission.id, teamId: solution.submission.teamId }, record.owners);
    const follow = <FollowButton type="solution" id={solution.submission.id} following={following} />;
    const mayEditImage = standing.teamMember || req.actor.user?.isOrganiser === true;
    return reply.page({
      title: solution.content.title,
      body: <SolutionPage solution={solution} record={record} standing={standing} follow={follow} mayEditImage={mayEditImage} />,
      head: (
        <SolutionOpenGraph
          id={solution.submission.id}
          title={solution.content.title}
          pitch={solution.content.pitch}
          image={solution.image}
          lang={req.lang}
          publicUrl={app.config.publicUrl}
        />
      ),
    });
  });
}
