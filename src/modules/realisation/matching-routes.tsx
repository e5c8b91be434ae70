import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../db/ids.ts';
import { sendCsv } from '../../web/csv.ts';
import { forbidden, notFound } from '../../web/errors.ts';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import type { MessageKey } from '../../web/i18n.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { canViewChallenge } from '../challenges/policy.ts';
import { findChallengeBySlug } from '../challenges/queries.ts';
import { pick } from '../challenges/views/parts.tsx';
import { adoptChallenge, giveUpAdoption } from './commands/adopt-challenge.ts';
import { decideInterest, expressInterest, withdrawInterest } from './commands/interest.ts';
import { isAdoptable, matchingPolicy, mayDecideInterest, speaksFor, visibleInterests } from './matching-policy.ts';
import { approvedOrganisationsOf, interestsIn, matchLog, organisationsInMatchLog, ownershipOfChallenge, type MatchFilter } from './matching-queries.ts';
import { AdoptForm, chosenOrganisation, GiveUpForm, InterestForm } from './matching-schema.ts';
import { findSolution, needOwnersOf, standingOn, type Solution } from './queries.ts';
import { AdoptPage, type AdoptPageProps } from './views/adopt.tsx';
import { InterestFormPage, InterestsPage, type InterestFormProps } from './views/interest.tsx';
import { MatchesPage } from './views/matches.tsx';

type IdParams = { Params: { id: string } };
type InterestParams = { Params: { id: string; interestId: string } };
type SlugParams = { Params: { slug: string } };

/** Matching after the event: interest in solutions, adopted challenges, and the public log of both. */
export default async function matchingRoutes(app: FastifyInstance) {
  const speak = { config: { policy: matchingPolicy.speakForOrganisation } };
  const signedIn = { config: { policy: matchingPolicy.signedIn } };
  const me = (req: FastifyRequest) => req.actor.user!;

  const loadSolution = async (req: FastifyRequest<IdParams>) => {
    const solution = await findSolution(app.db, req.params.id);
    if (!solution) throw notFound();
    return solution;
  };

  /** Where the person's approved organisations stand with a solution: owners already, asked already, free to ask. */
  const interestStanding = async (req: FastifyRequest, solution: Solution) => {
    const [approved, owners, rows] = await Promise.all([
      approvedOrganisationsOf(app.db, req.actor),
      needOwnersOf(app.db, solution.id),
      interestsIn(app.db, solution.id),
    ]);
    if (!approved.length) throw forbidden();
    const ownerIds = new Set(owners.map((o) => o.id));
    const pending = rows.filter((r) => r.interest.status === 'pending' && speaksFor(req.actor, r.interest));
    const asked = new Set(pending.map((r) => r.interest.organisationId));
    return {
      approved,
      ownerIds,
      asked,
      props: {
        solution,
        pending,
        owners: approved.filter((o) => ownerIds.has(o.id)),
        eligible: approved.filter((o) => !ownerIds.has(o.id) && !asked.has(o.id)),
      },
    };
  };

  const interestPage = (req: FastifyRequest, reply: FastifyReply, props: InterestFormProps, status = 200) =>
    reply.page({ title: req.t('interest.title'), status, hasErrors: status >= 400, body: <InterestFormPage {...props} /> });

  app.get<IdParams>('/solutions/:id/interest', speak, async (req, reply) => {
    const { props } = await interestStanding(req, await loadSolution(req));
    return interestPage(req, reply, props);
  });

  app.post<IdParams>('/solutions/:id/interest', speak, async (req, reply) => {
    const solution = await loadSolution(req);
    const { approved, ownerIds, asked, props } = await interestStanding(req, solution);
    const form = parseForm(InterestForm, req.body);
    const values: FormValues = form.ok ? form.value : form.values;
    const refuse = (problem: MessageKey, status = 409) => interestPage(req, reply, { ...props, values, problem }, status);
    const chosen = String(values.organisation ?? '');
    const organisation = chosenOrganisation(props.eligible, chosen) ?? chosenOrganisation(approved, chosen);
    if (!organisation && props.eligible.length > 1)
      return interestPage(
        req,
        reply,
        {
          ...props,
          values,
          errors: inFieldOrder(InterestForm, { ...(form.ok ? {} : form.errors), organisation: { key: chosen ? 'form.error.choice' : 'form.error.required' } }),
        },
        400,
      );
    // With one organisation to speak for the field is hidden, so a wrong value is said above the form.
    if (!organisation) return chosen ? refuse('interest.error.organisation', 400) : refuse('interest.noneLeft');
    if (ownerIds.has(organisation.id)) return refuse('interest.error.owner');
    if (asked.has(organisation.id)) return refuse('interest.error.already');
    if (!form.ok) return interestPage(req, reply, { ...props, values, errors: form.errors }, 400);
    const result = await expressInterest(app, { actorId: me(req).id, actorName: me(req).name, solution, organisation }, form.value.message);
    if (result === 'already') return refuse('interest.error.already');
    return redirectWithNotice(reply, `/solutions/${solution.id}/interests`, 'interest.notice.sent');
  });

  app.get<IdParams>('/solutions/:id/interests', signedIn, async (req, reply) => {
    const solution = await loadSolution(req);
    const [{ teamMember }, rows] = await Promise.all([standingOn(app.db, req.actor, solution, []), interestsIn(app.db, solution.id)]);
    const visible = visibleInterests(req.actor, teamMember, rows);
    authorize(req, teamMember || visible.length > 0);
    const pending = (r: (typeof rows)[number]) => r.interest.status === 'pending';
    const withActions = visible.map((r) => ({
      ...r,
      mayDecide: pending(r) && mayDecideInterest(req.actor, teamMember, r.interest),
      mayWithdraw: pending(r) && speaksFor(req.actor, r.interest),
    }));
    return reply.page({
      title: req.t('interest.list.title', { solution: solution.title }),
      body: <InterestsPage solution={solution} teamMember={teamMember} rows={withActions} />,
    });
  });

  /** The interest named in the path, of this solution (another solution's interest is not found here). */
  const loadInterest = async (req: FastifyRequest<InterestParams>) => {
    const solution = await loadSolution(req);
    const row = isUuid(req.params.interestId) ? (await interestsIn(app.db, solution.id)).find((r) => r.interest.id === req.params.interestId) : undefined;
    if (!row) throw notFound();
    return { solution, row };
  };

  const decided: Record<string, MessageKey> = {
    accepted: 'interest.notice.accepted',
    declined: 'interest.notice.declined',
    withdrawn: 'interest.notice.withdrawn',
    gone: 'interest.notice.alreadyDecided',
  };

  for (const decision of ['accept', 'decline'] as const) {
    app.post<InterestParams>(`/solutions/:id/interests/:interestId/${decision}`, signedIn, async (req, reply) => {
      const { solution, row } = await loadInterest(req);
      const { teamMember } = await standingOn(app.db, req.actor, solution, []);
      authorize(req, mayDecideInterest(req.actor, teamMember, row.interest));
      const result = await decideInterest(app, { actorId: me(req).id, solution, organisation: row.organisation }, row.interest.id, decision === 'accept');
      return redirectWithNotice(reply, `/solutions/${solution.id}/interests`, decided[result]);
    });
  }

  app.post<InterestParams>('/solutions/:id/interests/:interestId/withdraw', signedIn, async (req, reply) => {
    const { solution, row } = await loadInterest(req);
    authorize(req, speaksFor(req.actor, row.interest));
    const result = await withdrawInterest(app, { actorId: me(req).id, solution }, row.interest.id);
    return redirectWithNotice(reply, `/solutions/${solution.id}/interests`, decided[result]);
  });

  // Adopting a challenge.
  const loadChallenge = async (req: FastifyRequest<SlugParams>) => {
    const row = await findChallengeBySlug(app.db, req.params.slug);
    if (!row || !canViewChallenge(req.actor, row.challenge)) throw notFound();
    const ownership = await ownershipOfChallenge(app.db, req.actor, row.challenge);
    const mine = [...ownership.mayAdopt, ...ownership.adoptedByMine, ...ownership.ownedByMine];
    if (!mine.length) throw forbidden();
    return { row, ownership, mine, adoptable: isAdoptable(row.challenge.status) };
  };

  const adoptPage = (req: FastifyRequest, reply: FastifyReply, props: AdoptPageProps, status = 200) =>
    reply.page({
      title: `${req.t('adopt.title')}: ${pick(req.lang, props.challenge.titleSv, props.challenge.titleEn)}`,
      status,
      hasErrors: status >= 400,
      body: <AdoptPage {...props} />,
    });

  app.get<SlugParams>('/challenges/:slug/adopt', speak, async (req, reply) => {
    const { row, ownership, adoptable } = await loadChallenge(req);
    return adoptPage(req, reply, { challenge: row.challenge, postedBy: row.organisation, ownership, adoptable });
  });

  app.post<SlugParams>('/challenges/:slug/adopt', speak, async (req, reply) => {
    const { row, ownership, mine, adoptable } = await loadChallenge(req);
    const form = parseForm(AdoptForm, req.body);
    const values: FormValues = form.ok ? form.value : form.values;
    const page = { challenge: row.challenge, postedBy: row.organisation, ownership, adoptable, values };
    const refuse = (problem: MessageKey, status = 409) => adoptPage(req, reply, { ...page, problem }, status);
    if (!adoptable) return refuse('adopt.notAdoptable');
    const chosen = String(values.organisation ?? '');
    const organisation = chosenOrganisation(ownership.mayAdopt, chosen) ?? chosenOrganisation(mine, chosen);
    if (!organisation && ownership.mayAdopt.length > 1)
      return adoptPage(
        req,
        reply,
        {
          ...page,
          errors: inFieldOrder(AdoptForm, { ...(form.ok ? {} : form.errors), organisation: { key: chosen ? 'form.error.choice' : 'form.error.required' } }),
        },
        400,
      );
    if (!organisation) return chosen ? refuse('adopt.error.organisation', 400) : refuse('adopt.noneLeft');
    if (organisation.id === row.challenge.organisationId) return refuse('adopt.error.own');
    if (ownership.adoptedByMine.some((o) => o.id === organisation.id)) return refuse('adopt.error.already');
    if (!form.ok) return adoptPage(req, reply, { ...page, errors: form.errors }, 400);
    const result = await adoptChallenge(app, { actorId: me(req).id, challenge: row.challenge, organisation }, form.value.message);
    if (result === 'already') return refuse('adopt.error.already');
    return redirectWithNotice(reply, `/challenges/${row.challenge.slug}`, 'adopt.notice.adopted');
  });

  app.post<SlugParams>('/challenges/:slug/adopt/remove', speak, async (req, reply) => {
    const { row, ownership, mine, adoptable } = await loadChallenge(req);
    const form = parseForm(GiveUpForm, req.body);
    const values: FormValues = form.ok ? form.value : form.values;
    const page = { challenge: row.challenge, postedBy: row.organisation, ownership, adoptable };
    const chosen = String(values.adopter ?? '');
    const organisation = chosenOrganisation(ownership.adoptedByMine, chosen);
    const errors: FieldErrors = {};
    if (!organisation && ownership.adoptedByMine.length > 1) errors.adopter = { key: chosen ? 'form.error.choice' : 'form.error.required' };
    else if (!organisation) {
      const unknown = chosen !== '' && !mine.some((o) => o.id === chosen);
      return adoptPage(req, reply, { ...page, problem: unknown ? 'adopt.error.organisation' : 'adopt.error.notAdopter' }, unknown ? 400 : 409);
    }
    if (values.confirm !== 'on') errors.confirm = { key: 'adopt.error.confirm' };
    if (!organisation || Object.keys(errors).length) return adoptPage(req, reply, { ...page, giveUpErrors: inFieldOrder(GiveUpForm, errors) }, 400);
    const result = await giveUpAdoption(app, { actorId: me(req).id, challenge: row.challenge, organisation });
    if (result === 'not_adopter') return adoptPage(req, reply, { ...page, problem: 'adopt.error.notAdopter' }, 409);
    return redirectWithNotice(reply, `/challenges/${row.challenge.slug}`, 'adopt.notice.removed');
  });

  // The match log, as a page and as open data.
  const browse = { config: { policy: matchingPolicy.browse, publicCache: true } };
  const openData = { config: { ...browse.config, open: true } };

  app.get('/matches', browse, async (req, reply) => {
    const filter = readMatchFilter(req.query);
    const [{ items, total }, organisations] = await Promise.all([matchLog(app.db, filter), organisationsInMatchLog(app.db)]);
    return reply.page({ title: req.t('matches.title'), body: <MatchesPage filter={filter} items={items} total={total} organisations={organisations} /> });
  });

  app.get('/open-data/matches.csv', openData, async (req, reply) => {
    const { items } = await matchLog(app.db, 'all');
    const base = app.config.publicUrl;
    const rows = items.map((m) => [
      m.at.toISOString(),
      m.kind,
      m.organisationSlug,
      m.organisationName,
      m.titleSv,
      m.titleEn,
      m.kind === 'solution' ? `${base}/solutions/${m.target}` : `${base}/challenges/${m.target}`,
    ]);
    return sendCsv(req, reply, ['date', 'kind', 'organisation', 'organisationName', 'titleSv', 'titleEn', 'url'], rows);
  });
}

const SLUG = /^[a-z0-9-]{1,100}$/;

/** The log's filter from the query string; anything unusable means "no filter" and the first page. */
function readMatchFilter(query: unknown): MatchFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const organisation = typeof q.organisation === 'string' && SLUG.test(q.organisation) ? q.organisation : '';
  const page = typeof q.page === 'string' && /^\d{1,5}$/.test(q.page) ? Math.max(1, Number(q.page)) : 1;
  return { organisation, page };
}
