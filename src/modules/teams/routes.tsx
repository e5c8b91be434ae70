import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { authorize } from '../../web/policy.ts';
import { isUuid } from '../../db/ids.ts';
import type { MessageKey } from '../../web/i18n.ts';
import { holdsPlace, publishedEvent, type EventDetail } from '../events/queries.ts';
import { teamsPolicy } from './policy.ts';
import { findTeam, hasPendingRequest, standingAt, pendingRequests, seekerOf, teamByInvite, teamOf, type TeamDetail } from './queries.ts';
import { boardOf, seekersLooking, teamsLooking, type BoardFilter } from './board.ts';
import { seekersFor, teamsFor } from './matching.ts';
import { HandOverForm, InviteForm, JoinRequestForm, SeekerForm, skillList, TeamForm, teamRoles, workingLanguages } from './schema.ts';
import { createTeam, removeSeeker, renewInvite, saveSeeker, updateTeam, type TeamInput } from './commands/team.ts';
import { decideRequest, handOver, inviteByEmail, joinByInvite, leaveTeam, requestToJoin } from './commands/membership.ts';
import type { MembershipRefusal } from './commands/lock.ts';
import { BoardPage, type BoardTab, type Suggestions } from './views/board.tsx';
import { SeekerFormPage, TeamFormPage } from './views/forms.tsx';
import { JoinPage, TeamPage, type Viewer } from './views/team.tsx';
import { teamPath } from './views/parts.tsx';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';

type SlugParams = { Params: { slug: string } };
type TeamParams = { Params: { slug: string; teamId: string } };
type BoardQuery = { Querystring: { tab?: string; role?: string; challenge?: string; language?: string; page?: string } };

const refusalNotice = (r: MembershipRefusal): MessageKey => `team.refused.${r}`;

export default async function teamsRoutes(app: FastifyInstance) {
  const policy = { config: { policy: teamsPolicy.take } };
  const me = (req: FastifyRequest) => req.actor.user!.id;

  /** The event's team (a team of another event, or a made-up id, is missing). */
  const loadTeam = async (slug: string, teamId: string) => {
    const event = await publishedEvent(app.db, slug, 'teams');
    const team = isUuid(teamId) ? await findTeam(app.db, event.event.id, teamId) : null;
    if (!team) throw notFound();
    return { event, team };
  };
  const leaderOnly = (req: FastifyRequest, team: TeamDetail) =>
    authorize(
      req,
      team.members.some((m) => m.userId === me(req) && m.isLeader),
    );
  const memberOnly = (req: FastifyRequest, team: TeamDetail) =>
    authorize(
      req,
      team.members.some((m) => m.userId === me(req)),
    );

  /** A choice of challenge or track must be one of the event's own. */
  const teamInput = (event: EventDetail, body: unknown) => {
    const form = parseForm(TeamForm, body);
    const raw = (body ?? {}) as Record<string, unknown>;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (raw.challenge && !event.challenges.some((c) => c.id === raw.challenge)) errors.challenge ??= { key: 'form.error.choice' };
    if (raw.track && !event.tracks.some((tr) => tr.id === raw.track)) errors.track ??= { key: 'form.error.choice' };
    if (!form.ok || Object.keys(errors).length) return { ok: false as const, errors, values: form.ok ? (body as FormValues) : form.values };
    const { challenge = '', track = '' } = form.value;
    const value: TeamInput = {
      name: form.value.name,
      pitch: form.value.pitch,
      challengeId: challenge || null,
      trackId: track || null,
      rolesWanted: form.value.rolesWanted,
      lookingForMembers: form.value.lookingForMembers,
    };
    return { ok: true as const, value };
  };
  const teamForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventDetail,
    action: string,
    heading: 'team.new' | 'team.edit',
    values: FormValues,
    errors?: FieldErrors,
  ) =>
    reply.page({
      title: req.t(heading),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <TeamFormPage event={event} values={values} errors={errors && inFieldOrder(TeamForm, errors)} action={action} heading={heading} />,
    });

  app.get<SlugParams & BoardQuery>('/events/:slug/teams', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    const q = req.query;
    const tab: BoardTab = q.tab === 'people' ? 'people' : 'teams';
    const filter: BoardFilter = {
      role: teamRoles.includes(q.role as never) ? q.role : undefined,
      challenge: q.challenge && event.challenges.some((c) => c.id === q.challenge) ? q.challenge : undefined,
      language: workingLanguages.includes(q.language as never) ? q.language : undefined,
      page: Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1)),
    };
    const [{ mine, seeker, holdsPlace: place }, board] = await Promise.all([standingAt(app.db, event.event.id, me(req)), boardOf(app.db, event.event.id)]);
    const suggestions: Suggestions = { teams: [], people: [] };
    if (mine?.isLeader && mine.team.lookingForMembers) {
      suggestions.people = seekersFor(board, { roles: mine.team.rolesWanted, challengeId: mine.team.challengeId, languages: [], excludeUser: me(req) });
    } else if (seeker) {
      // Teams that want what I do, and people whose roles complement mine, to start a team with.
      const complement = teamRoles.filter((r) => !seeker.roles.includes(r));
      suggestions.teams = teamsFor(board, seeker);
      suggestions.people = seekersFor(board, { roles: complement, challengeId: seeker.challengeId, languages: seeker.languages, excludeUser: me(req) });
    }
    const teams = tab === 'teams' ? teamsLooking(board, filter) : undefined;
    const people = tab === 'people' ? seekersLooking(board, filter) : undefined;
    return reply.page({
      title: req.t('board.title'),
      body: (
        <BoardPage
          event={event}
          tab={tab}
          filter={filter}
          teams={teams}
          people={people}
          myTeam={mine && { id: mine.team.id, name: mine.team.name }}
          listed={Boolean(seeker)}
          holdsPlace={place}
          suggestions={suggestions}
        />
      ),
    });
  });

  app.get<SlugParams>('/events/:slug/teams/new', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    return teamForm(req, reply, event, `/events/${event.event.slug}/teams`, 'team.new', { lookingForMembers: 'on' });
  });
  app.post<SlugParams>('/events/:slug/teams', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    const action = `/events/${event.event.slug}/teams`;
    const input = teamInput(event, req.body);
    if (!input.ok) return teamForm(req, reply, event, action, 'team.new', input.values, input.errors);
    const result = await createTeam(app, me(req), event.event.id, input.value);
    if ('teamId' in result) return redirectWithNotice(reply, teamPath(event.event.slug, result.teamId), 'notice.teamCreated');
    if (result.refused === 'nameTaken')
      return teamForm(req, reply, event, action, 'team.new', req.body as FormValues, { name: { key: 'team.error.nameTaken' } });
    return redirectWithNotice(reply, `/events/${event.event.slug}/teams`, refusalNotice(result.refused));
  });

  app.get<SlugParams>('/events/:slug/teams/looking', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    const seeker = await seekerOf(app.db, event.event.id, me(req));
    const values: FormValues = seeker
      ? { roles: seeker.roles, skills: seeker.skills.join(', '), languages: seeker.languages, challenge: seeker.challengeId ?? '', note: seeker.note }
      : { languages: [req.lang] };
    return reply.page({ title: req.t('board.lookingTitle'), body: <SeekerFormPage event={event} values={values} listed={Boolean(seeker)} /> });
  });
  app.post<SlugParams>('/events/:slug/teams/looking', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    const form = parseForm(SeekerForm, req.body);
    const errors: FieldErrors = form.ok ? {} : form.errors;
    if (form.ok && form.value.challenge && !event.challenges.some((c) => c.id === form.value.challenge)) errors.challenge = { key: 'form.error.choice' };
    if (!form.ok || Object.keys(errors).length) {
      const values = form.ok ? (req.body as FormValues) : form.values;
      return reply.page({
        title: req.t('board.lookingTitle'),
        status: 400,
        hasErrors: true,
        body: <SeekerFormPage event={event} values={values} errors={inFieldOrder(SeekerForm, errors)} listed={false} />,
      });
    }
    const v = form.value;
    const result = await saveSeeker(app, me(req), event.event.id, {
      roles: v.roles,
      skills: skillList(v.skills),
      languages: v.languages,
      challengeId: v.challenge || null,
      note: v.note,
    });
    return redirectWithNotice(reply, `/events/${event.event.slug}/teams?tab=people`, result === 'saved' ? 'notice.boardSaved' : refusalNotice(result));
  });
  app.post<SlugParams>('/events/:slug/teams/looking/remove', policy, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'teams');
    await removeSeeker(app, me(req), event.event.id);
    return redirectWithNotice(reply, `/events/${event.event.slug}/teams`, 'notice.boardRemoved');
  });

  type JoinParams = { Params: { slug: string; token: string } };
  const loadInvite = async (slug: string, token: string) => {
    const event = await publishedEvent(app.db, slug, 'teams');
    const team = await teamByInvite(app.db, event.event.id, token);
    if (!team) throw notFound();
    return { event, team, detail: (await findTeam(app.db, event.event.id, team.id))! };
  };
  app.get<JoinParams>('/events/:slug/teams/join/:token', policy, async (req, reply) => {
    const { event, team, detail } = await loadInvite(req.params.slug, req.params.token);
    const mine = await teamOf(app.db, event.event.id, me(req));
    if (mine?.team.id === team.id) return reply.redirect(teamPath(event.event.slug, team.id), 303);
    const blocked = mine
      ? 'alreadyInTeam'
      : !(await holdsPlace(app.db, event.event.id, me(req)))
        ? 'noPlace'
        : detail.members.length >= event.event.teamMax
          ? 'full'
          : null;
    return reply.page({
      title: req.t('team.joinTitle', { team: team.name }),
      body: <JoinPage event={event} team={detail} action={req.url} blocked={blocked} />,
    });
  });
  app.post<JoinParams>('/events/:slug/teams/join/:token', policy, async (req, reply) => {
    const { event, team } = await loadInvite(req.params.slug, req.params.token);
    const result = await joinByInvite(app, me(req), team);
    if (result === 'joined') return redirectWithNotice(reply, teamPath(event.event.slug, team.id), 'notice.teamJoined');
    return redirectWithNotice(reply, req.url, refusalNotice(result));
  });

  const teamPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventDetail,
    team: TeamDetail,
    form?: { name: 'invite' | 'request'; values: FormValues; errors: FieldErrors },
  ) => {
    const self = team.members.find((m) => m.userId === me(req));
    let viewer: Viewer = self ? (self.isLeader ? 'leader' : 'member') : 'other';
    if (!self) {
      if (await hasPendingRequest(app.db, team.team.id, me(req))) viewer = 'requested';
      else if (!(await teamOf(app.db, event.event.id, me(req))) && (await holdsPlace(app.db, event.event.id, me(req)))) viewer = 'candidate';
    }
    const requests = viewer === 'leader' ? await pendingRequests(app.db, team.team.id) : [];
    return reply.page({
      title: team.team.name,
      status: form ? 400 : 200,
      hasErrors: Boolean(form),
      body: <TeamPage event={event} team={team} viewer={viewer} requests={requests} publicUrl={app.config.publicUrl} form={form} />,
    });
  };
  app.get<TeamParams>('/events/:slug/teams/:teamId', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    return teamPage(req, reply, event, team);
  });

  app.get<TeamParams>('/events/:slug/teams/:teamId/edit', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    leaderOnly(req, team);
    const tm = team.team;
    const values: FormValues = {
      name: tm.name,
      pitch: tm.pitch,
      challenge: tm.challengeId ?? '',
      track: tm.trackId ?? '',
      rolesWanted: tm.rolesWanted,
      lookingForMembers: tm.lookingForMembers ? 'on' : '',
    };
    return teamForm(req, reply, event, `${teamPath(event.event.slug, tm.id)}/edit`, 'team.edit', values);
  });
  app.post<TeamParams>('/events/:slug/teams/:teamId/edit', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    leaderOnly(req, team);
    const action = `${teamPath(event.event.slug, team.team.id)}/edit`;
    const input = teamInput(event, req.body);
    if (!input.ok) return teamForm(req, reply, event, action, 'team.edit', input.values, input.errors);
    if ((await updateTeam(app, me(req), team.team, input.value)) === 'nameTaken')
      return teamForm(req, reply, event, action, 'team.edit', req.body as FormValues, { name: { key: 'team.error.nameTaken' } });
    return redirectWithNotice(reply, teamPath(event.event.slug, team.team.id), 'notice.saved');
  });

  app.post<TeamParams>(
    '/events/:slug/teams/:teamId/invitations',
    { config: { policy: teamsPolicy.take, rateLimit: { max: 30, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
      memberOnly(req, team);
      const form = parseForm(InviteForm, req.body);
      if (!form.ok) return teamPage(req, reply, event, team, { name: 'invite', values: form.values, errors: form.errors });
      await inviteByEmail(app, me(req), team.team, event.event.slug, form.value.email);
      return redirectWithNotice(reply, `${teamPath(event.event.slug, team.team.id)}#invite`, 'notice.invited');
    },
  );
  app.post<TeamParams>('/events/:slug/teams/:teamId/invite-link', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    memberOnly(req, team);
    await renewInvite(app, me(req), team.team.id);
    return redirectWithNotice(reply, `${teamPath(event.event.slug, team.team.id)}#invite`, 'notice.inviteRenewed');
  });

  app.post<TeamParams>(
    '/events/:slug/teams/:teamId/requests',
    { config: { policy: teamsPolicy.take, rateLimit: { max: 30, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
      const form = parseForm(JoinRequestForm, req.body);
      if (!form.ok) return teamPage(req, reply, event, team, { name: 'request', values: form.values, errors: form.errors });
      const result = await requestToJoin(app, me(req), team.team, event.event.slug, form.value.message);
      return redirectWithNotice(reply, teamPath(event.event.slug, team.team.id), result === 'requested' ? 'notice.joinRequested' : refusalNotice(result));
    },
  );
  app.post<{ Params: { slug: string; teamId: string; requestId: string } }>('/events/:slug/teams/:teamId/requests/:requestId', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    leaderOnly(req, team);
    if (!isUuid(req.params.requestId)) throw notFound();
    const decision = (req.body as { decision?: string } | undefined)?.decision;
    if (decision !== 'accept' && decision !== 'decline') throw notFound();
    const result = await decideRequest(app, me(req), team.team, event.event.slug, req.params.requestId, decision === 'accept');
    if (result === 'gone') throw notFound();
    const notice: MessageKey = result === 'accepted' ? 'notice.requestAccepted' : result === 'declined' ? 'notice.requestDeclined' : refusalNotice(result);
    return redirectWithNotice(reply, teamPath(event.event.slug, team.team.id), notice);
  });

  app.post<TeamParams>('/events/:slug/teams/:teamId/leader', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    leaderOnly(req, team);
    const form = parseForm(HandOverForm, req.body);
    if (!form.ok || (await handOver(app, me(req), team.team, form.value.member)) !== 'done')
      return redirectWithNotice(reply, teamPath(event.event.slug, team.team.id), 'notice.notAMember');
    return redirectWithNotice(reply, teamPath(event.event.slug, team.team.id), 'notice.leaderChanged');
  });

  // Leaving (and, for the last member, dissolving the team with its draft) is asked first, on a page of its own.
  app.get<TeamParams>('/events/:slug/teams/:teamId/leave', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    memberOnly(req, team);
    const back = teamPath(event.event.slug, team.team.id);
    const self = team.members.find((m) => m.userId === me(req))!;
    if (self.isLeader && team.members.length > 1) return redirectWithNotice(reply, back, 'notice.handOverFirst');
    const what = team.members.length === 1 ? 'dissolve' : 'leave';
    return reply.page({
      title: req.t(`confirm.${what}.title`, { team: team.team.name }),
      body: (
        <ConfirmPage
          heading={req.t(`confirm.${what}.title`, { team: team.team.name })}
          text={req.t(`confirm.${what}.text`, { team: team.team.name })}
          action={`${back}/leave`}
          button={req.t(`confirm.${what}.button`)}
          back={back}
        />
      ),
    });
  });
  app.post<TeamParams>('/events/:slug/teams/:teamId/leave', policy, async (req, reply) => {
    const { event, team } = await loadTeam(req.params.slug, req.params.teamId);
    memberOnly(req, team);
    if (!isConfirmed(req.body)) return reply.redirect(`${teamPath(event.event.slug, team.team.id)}/leave`, 303);
    const result = await leaveTeam(app, me(req), team.team);
    const back = teamPath(event.event.slug, team.team.id);
    if (result === 'handOverFirst') return redirectWithNotice(reply, back, 'notice.handOverFirst');
    if (result === 'submitted') return redirectWithNotice(reply, back, 'notice.teamHasSubmission');
    return redirectWithNotice(reply, `/events/${event.event.slug}/teams`, result === 'dissolved' ? 'notice.teamDissolved' : 'notice.teamLeft');
  });
}
