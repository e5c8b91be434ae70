import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, eq } from 'drizzle-orm';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { isUuid } from '../../db/ids.ts';
import { awards, juries, jurors, roundKinds, submissions, teamMembers, teams, type RoundKind } from '../../db/schema/index.ts';
import { findEventBySlug, type EventDetail } from '../events/queries.ts';
import { canManageEvent, canViewEvent } from '../events/policy.ts';
import { judgingPolicy } from './policy.ts';
import { assignmentFor, findJury, juriesOf, jurorHome, roundRanking, seatToDeclare, waitingAssignments, type JuryDetail } from './queries.ts';
import { conflictsOf } from './conflicts.ts';
import { AwardForm, JuryForm, JurorInviteForm } from './schema.ts';
import { eventResults, juryScoreRows, publishedResults, teamFeedback } from './results.ts';
import { sendCsv } from '../../web/csv.ts';
import { giveAward, removeAward, resultsRefusal, setResultsPublished } from './commands/results.ts';
import { eventHas } from '../events/kinds.ts';
import { readOverride, refusalError } from '../events/override.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { castVote, setVoting, voteCounts } from './commands/votes.ts';
import { AwardsSection, FeedbackPage, ResultsPage } from './views/results.tsx';
import {
  acceptInvitation,
  assignRound,
  closeRound,
  createJury,
  inviteJuror,
  reassign,
  saveCriteria,
  saveScores,
  setConflicts,
  shortlist,
} from './commands/jury.ts';
import { JuriesPage, JuryPage } from './views/organiser.tsx';
import { ConflictsPage, JurorHome, ScorePage } from './views/juror.tsx';
import { CsrfField } from '../../web/components/form.tsx';
import { pick } from '../challenges/views/parts.tsx';
import { Button } from '../../web/components/button.tsx';

type SlugParams = { Params: { slug: string } };
type JuryParams = { Params: { slug: string; juryId: string } };
/** Scores in exports: three decimals, as numbers (the CSV and the JSON show the same figures). */
const round3 = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

export default async function judgingRoutes(app: FastifyInstance) {
  const take = { config: { policy: judgingPolicy.take } };
  const me = (req: FastifyRequest) => req.actor.user!.id;

  /**
   * Juries belong to those who run the event; to anyone else a public event answers 403 and a hidden one 404. An event
   * whose kind has no judging (a workshop) has no juries to reach.
   */
  const loadEvent = async (req: FastifyRequest<SlugParams>) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event) || !eventHas(event.event.kind, 'judging')) throw notFound();
    authorize(req, canManageEvent(req.actor, event.event));
    return event;
  };
  const loadJury = async (req: FastifyRequest<JuryParams>) => {
    const event = await loadEvent(req);
    const detail = await findJury(app.db, event.event.id, req.params.juryId);
    if (!detail) throw notFound();
    return { event, detail };
  };

  type Failed = { values: FormValues; errors: FieldErrors };
  const juriesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventDetail,
    values: FormValues,
    errors?: FieldErrors,
    award?: Failed,
    publish?: Failed & { status: number },
  ) => {
    const [list, results, candidates, refusal] = await Promise.all([
      juriesOf(app.db, event.event.id),
      eventResults(app.db, event.event.id),
      app.db
        .select({ id: submissions.id, title: submissions.title, teamName: teams.name })
        .from(submissions)
        .innerJoin(teams, eq(teams.id, submissions.teamId))
        .where(and(eq(submissions.eventId, event.event.id), eq(submissions.status, 'submitted')))
        .orderBy(asc(submissions.title)),
      event.event.resultsPublished ? null : resultsRefusal(app.db, event.event.id),
    ]);
    const failed = Boolean(errors || award || publish);
    return reply.page({
      title: req.t('jury.title'),
      status: publish?.status ?? (failed ? 400 : 200),
      hasErrors: failed,
      body: (
        <JuriesPage event={event} juries={list} values={values} errors={errors}>
          <AwardsSection
            event={event}
            results={results}
            candidates={candidates}
            values={award?.values}
            errors={award?.errors}
            refusal={refusal}
            publish={publish}
          />
        </JuriesPage>
      ),
    });
  };
  const juryDefaults: FormValues = { template: 'challenge', scaleMax: '5', jurorsPerSubmission: '3' };

  app.get<SlugParams>('/events/:slug/juries', take, async (req, reply) => juriesPage(req, reply, await loadEvent(req), juryDefaults));
  app.post<SlugParams>('/events/:slug/juries', take, async (req, reply) => {
    const event = await loadEvent(req);
    const form = parseForm(JuryForm, req.body);
    const raw = (req.body ?? {}) as Record<string, string>;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (raw.challenge && !event.challenges.some((c) => c.id === raw.challenge)) errors.challenge = { key: 'form.error.choice' };
    if (raw.track && !event.tracks.some((tr) => tr.id === raw.track)) errors.track = { key: 'form.error.choice' };
    if (!form.ok || Object.keys(errors).length) return juriesPage(req, reply, event, form.ok ? (req.body as FormValues) : form.values, errors);
    const v = form.value;
    const id = await createJury(app, me(req), event.event.id, {
      name: v.name,
      challengeId: v.challenge || null,
      trackId: v.track || null,
      template: v.template,
      scaleMax: Number(v.scaleMax),
      jurorsPerSubmission: v.jurorsPerSubmission,
    });
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${id}`, 'notice.juryCreated');
  });

  const juryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventDetail,
    detail: NonNullable<Awaited<ReturnType<typeof findJury>>>,
    invite?: { values: FormValues; errors: FieldErrors },
    criteria?: { values: FormValues; errors: FieldErrors },
  ) => {
    const conflicts = await conflictsOf(app.db, detail.jury);
    const rankings = [];
    for (const round of detail.rounds)
      rankings.push({ round, data: await roundRanking(app.db, detail, round, conflicts), waiting: await waitingAssignments(app.db, round.id) });
    const failed = Boolean(invite || criteria);
    return reply.page({
      title: detail.jury.name,
      status: failed ? 400 : 200,
      hasErrors: failed,
      body: <JuryPage event={event} detail={detail} conflicts={conflicts} rankings={rankings} invite={invite} criteriaForm={criteria} />,
    });
  };
  app.get<JuryParams>('/events/:slug/juries/:juryId', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    return juryPage(req, reply, event, detail);
  });

  app.post<JuryParams>('/events/:slug/juries/:juryId/criteria', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const raw = (req.body ?? {}) as Record<string, string>;
    const errors: FieldErrors = {};
    const text = (name: string, max: number, required: boolean) => {
      const v = String(raw[name] ?? '').trim();
      if (required && !v) errors[name] = { key: 'form.error.required' };
      else if (v.length > max) errors[name] = { key: 'form.error.tooLong', params: { max } };
      return v;
    };
    const rows = detail.criteria.map((c) => {
      const weight = Number(raw[`w-${c.id}`]);
      if (!Number.isInteger(weight) || weight < 0 || weight > 10) errors[`w-${c.id}`] = { key: 'jury.error.weight' };
      return {
        id: c.id,
        nameSv: text(`cSv-${c.id}`, 80, true),
        nameEn: text(`cEn-${c.id}`, 80, false),
        guidanceSv: text(`gSv-${c.id}`, 500, false),
        guidanceEn: text(`gEn-${c.id}`, 500, false),
        weight,
      };
    });
    if (!Object.keys(errors).length && rows.every((r) => r.weight === 0)) errors[`w-${rows[0].id}`] = { key: 'jury.error.weights' };
    if (Object.keys(errors).length) return juryPage(req, reply, event, detail, undefined, { values: raw, errors });
    await saveCriteria(app, me(req), detail.jury.id, rows);
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}`, 'notice.saved');
  });

  app.post<JuryParams>(
    '/events/:slug/juries/:juryId/jurors',
    { config: { policy: judgingPolicy.take, rateLimit: { max: 200, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const { event, detail } = await loadJury(req);
      const form = parseForm(JurorInviteForm, req.body);
      if (!form.ok) return juryPage(req, reply, event, detail, { values: form.values, errors: form.errors });
      await inviteJuror(app, me(req), { id: detail.jury.id, name: detail.jury.name, eventId: event.event.id }, form.value.email);
      return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#jurors`, 'notice.jurorInvited');
    },
  );

  type RoundParams = { Params: { slug: string; juryId: string; kind: string } };
  const loadRound = async (req: FastifyRequest<RoundParams>) => {
    const { event, detail } = await loadJury(req);
    const round = roundKinds.includes(req.params.kind as RoundKind) ? detail.rounds.find((r) => r.kind === req.params.kind) : undefined;
    if (!round) throw notFound();
    return { event, detail, round };
  };
  app.post<RoundParams>('/events/:slug/juries/:juryId/rounds/:kind/assign', take, async (req, reply) => {
    const { event, detail, round } = await loadRound(req);
    if (round.closedAt) return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}`, 'notice.roundLocked');
    const { short } = await assignRound(app, me(req), detail.jury, round);
    return redirectWithNotice(
      reply,
      `/events/${event.event.slug}/juries/${detail.jury.id}#round-${round.kind}`,
      short ? 'notice.assignedShort' : 'notice.assigned',
    );
  });
  app.post<RoundParams>('/events/:slug/juries/:juryId/rounds/:kind/close', take, async (req, reply) => {
    const { event, detail, round } = await loadRound(req);
    await closeRound(app, me(req), event.event.id, round.id);
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#round-${round.kind}`, 'notice.roundClosed');
  });
  app.post<JuryParams>('/events/:slug/juries/:juryId/shortlist', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const first = detail.rounds.find((r) => r.kind === 'first')!;
    const top = Math.max(1, Math.min(50, Number.parseInt(String((req.body as { top?: string } | undefined)?.top ?? '3'), 10) || 3));
    const { ranking } = await roundRanking(app.db, detail, first);
    // Picked by hand (from the ranked ones), or the top N by rank, where a tie at the edge takes all who share it.
    const byHand = new Set(([] as string[]).concat((req.body as { finalists?: string | string[] } | undefined)?.finalists ?? []));
    const cut = ranking[Math.min(top, ranking.length) - 1]?.rank ?? 0;
    const chosen = byHand.size ? ranking.filter((r) => byHand.has(r.submissionId)) : ranking.filter((r) => r.normalised !== null && r.rank <= cut);
    await shortlist(
      app,
      me(req),
      detail.jury,
      chosen.map((r) => r.submissionId),
    );
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#round-final`, 'notice.shortlisted');
  });

  app.post<SlugParams>('/events/:slug/awards', take, async (req, reply) => {
    const event = await loadEvent(req);
    const form = parseForm(AwardForm, req.body);
    const raw = (req.body ?? {}) as Record<string, string>;
    const [candidate] = isUuid(raw.submission ?? '')
      ? await app.db
          .select({ id: submissions.id })
          .from(submissions)
          .where(and(eq(submissions.id, raw.submission), eq(submissions.eventId, event.event.id), eq(submissions.status, 'submitted')))
      : [];
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (!candidate) errors.submission ??= { key: 'form.error.choice' };
    if (!form.ok || Object.keys(errors).length)
      return juriesPage(req, reply, event, juryDefaults, undefined, { values: form.ok ? (req.body as FormValues) : form.values, errors });
    await giveAward(app, me(req), event.event.id, {
      submissionId: candidate.id,
      name: form.value.awardName,
      amountSek: form.value.amountSek ?? null,
      sponsor: form.value.sponsor,
    });
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries#awards-title`, 'notice.awardGiven');
  });
  type AwardParams = { Params: { slug: string; awardId: string } };
  // Removing an award (perhaps one already public) is asked first, on a page of its own.
  const loadAward = async (req: FastifyRequest<AwardParams>) => {
    const event = await loadEvent(req);
    const [award] = isUuid(req.params.awardId)
      ? await app.db
          .select({ id: awards.id, name: awards.name, title: submissions.title })
          .from(awards)
          .innerJoin(submissions, eq(submissions.id, awards.submissionId))
          .where(and(eq(awards.id, req.params.awardId), eq(awards.eventId, event.event.id)))
      : [];
    if (!award) throw notFound();
    return { event, award };
  };
  app.get<AwardParams>('/events/:slug/awards/:awardId/remove', take, async (req, reply) => {
    const { event, award } = await loadAward(req);
    const back = `/events/${event.event.slug}/juries#awards-title`;
    return reply.page({
      title: req.t('confirm.removeAward.title', { award: award.name }),
      body: (
        <ConfirmPage
          heading={req.t('confirm.removeAward.title', { award: award.name })}
          text={req.t(event.event.resultsPublished ? 'confirm.removeAward.textPublished' : 'confirm.removeAward.text', {
            award: award.name,
            solution: award.title,
          })}
          action={`/events/${event.event.slug}/awards/${award.id}/remove`}
          button={req.t('confirm.removeAward.button')}
          back={back}
        />
      ),
    });
  });
  app.post<AwardParams>('/events/:slug/awards/:awardId/remove', take, async (req, reply) => {
    const { event, award } = await loadAward(req);
    if (!isConfirmed(req.body)) return reply.redirect(`/events/${event.event.slug}/awards/${award.id}/remove`, 303);
    if (!(await removeAward(app, me(req), event.event.id, award.id))) throw notFound();
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries#awards-title`, 'notice.awardRemoved');
  });
  /** Publishing results waits for judging to close; only the organiser goes earlier, with a reason for the audit log. */
  app.post<SlugParams>('/events/:slug/results', take, async (req, reply) => {
    const event = await loadEvent(req);
    const values = (req.body ?? {}) as FormValues;
    const { override, errors } = readOverride(req.actor, req.body);
    if (errors) return juriesPage(req, reply, event, juryDefaults, undefined, undefined, { values, errors, status: 400 });
    const result = await setResultsPublished(app, me(req), event.event.id, values.published === 'yes', override);
    if (result !== 'done')
      return juriesPage(req, reply, event, juryDefaults, undefined, undefined, {
        values,
        errors: { override: refusalError(result.refused, req.lang) },
        status: 409,
      });
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries#awards-title`, 'notice.saved');
  });

  app.post<SlugParams>('/events/:slug/votes', { config: { policy: judgingPolicy.take, rateLimit: { max: 30, timeWindow: '1 hour' } } }, async (req, reply) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || event.event.status !== 'published' || !eventHas(event.event.kind, 'judging')) throw notFound();
    const submission = String((req.body as { submission?: string } | undefined)?.submission ?? '');
    const outcome = isUuid(submission) ? await castVote(app, req.actor.user!, event.event.id, submission) : 'notInGallery';
    return redirectWithNotice(reply, `/events/${event.event.slug}/solutions`, `vote.outcome.${outcome}`);
  });
  app.post<SlugParams>('/events/:slug/voting', take, async (req, reply) => {
    const event = await loadEvent(req);
    const state = (req.body as { state?: string } | undefined)?.state;
    if (state !== 'open' && state !== 'closed' && state !== 'off') throw notFound();
    await setVoting(app, me(req), event.event.id, state);
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries#awards-title`, 'notice.saved');
  });

  /** Public once published; those who run the event see a preview before. */
  app.get<SlugParams>('/events/:slug/results', { config: { policy: judgingPolicy.browse, publicCache: true } }, async (req, reply) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event) || !eventHas(event.event.kind, 'judging')) throw notFound();
    const preview = !event.event.resultsPublished;
    if (preview && !canManageEvent(req.actor, event.event)) throw notFound();
    const [results, counts] = await Promise.all([
      eventResults(app.db, event.event.id),
      event.event.voting === 'closed' ? voteCounts(app.db, event.event.id) : [],
    ]);
    return reply.page({
      title: req.t('results.title', { event: event.event.titleSv }),
      body: <ResultsPage event={event} results={results} preview={preview} votes={counts} />,
    });
  });

  app.get<JuryParams>('/events/:slug/juries/:juryId/scores.csv', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const rows = await juryScoreRows(app.db, detail.jury);
    return sendCsv(
      req,
      reply.header('cache-control', 'no-store'),
      ['round', 'juror', 'juror_email', 'team', 'submission', 'criterion', 'weight', 'score', 'submitted_at', 'set_aside'],
      rows.map((r) => [
        r.round,
        r.juror,
        r.jurorEmail,
        r.team,
        r.title,
        r.criterion,
        r.weight,
        r.score,
        r.submittedAt?.toISOString() ?? '',
        r.setAside.join(' '),
      ]),
      `${event.event.slug}-scores.csv`,
    );
  });

  /**
   * Per submission and round: rank, raw and normalised score, jurors, missing scores and scores set aside for a
   * conflict of interest; the CSV and the JSON are made from the same rows, so they agree.
   */
  const rankingRows = async (detail: JuryDetail) => {
    const conflicts = await conflictsOf(app.db, detail.jury);
    const rounds = [];
    for (const round of detail.rounds) {
      const data = await roundRanking(app.db, detail, round, conflicts);
      rounds.push({
        round: round.kind,
        closed: round.closedAt !== null,
        setAside: data.setAside.map((x) => ({ juror: x.juror, submissionId: x.submissionId, submission: x.title, reasons: x.reasons })),
        ranking: data.ranking.map((r) => ({
          rank: r.rank,
          tied: r.tied,
          submissionId: r.submissionId,
          submission: r.title,
          team: r.teamName,
          raw: round3(r.raw),
          normalised: round3(r.normalised),
          jurors: r.jurors,
          missing: r.missing,
          setAside: r.setAside,
        })),
      });
    }
    return rounds;
  };
  app.get<JuryParams>('/events/:slug/juries/:juryId/ranking.csv', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const rows = (await rankingRows(detail)).flatMap((round) =>
      round.ranking.map((r) => [round.round, r.rank, r.tied ? 'yes' : 'no', r.submission, r.team, r.raw, r.normalised, r.jurors, r.missing, r.setAside]),
    );
    const header = ['round', 'rank', 'tied', 'submission', 'team', 'raw', 'normalised', 'jurors', 'missing', 'set_aside'];
    return sendCsv(req, reply.header('cache-control', 'no-store'), header, rows, `${event.event.slug}-ranking.csv`);
  });
  app.get<JuryParams>('/events/:slug/juries/:juryId/ranking.json', take, async (req, reply) => {
    const { detail } = await loadJury(req);
    return reply.header('cache-control', 'no-store').send({ jury: { id: detail.jury.id, name: detail.jury.name }, rounds: await rankingRows(detail) });
  });

  /** A team's own scores and feedback, once a round is closed; jurors are numbered, never named. */
  app.get<{ Params: { slug: string; teamId: string } }>('/events/:slug/teams/:teamId/feedback', take, async (req, reply) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event) || !eventHas(event.event.kind, 'judging') || !isUuid(req.params.teamId)) throw notFound();
    const [team] = await app.db
      .select()
      .from(teams)
      .where(and(eq(teams.id, req.params.teamId), eq(teams.eventId, event.event.id)));
    if (!team) throw notFound();
    const [member] = await app.db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, me(req))));
    authorize(req, Boolean(member));
    return reply.page({
      title: req.t('feedback.title', { team: team.name }),
      body: <FeedbackPage teamName={team.name} feedback={await teamFeedback(app.db, team.id)} />,
    });
  });

  // Results as open data (in the platform's DCAT catalog).
  app.get('/open-data/results.json', { config: { policy: judgingPolicy.browse, publicCache: true, open: true } }, async () => publishedResults(app.db));
  app.get('/open-data/results.csv', { config: { policy: judgingPolicy.browse, publicCache: true, open: true } }, async (req, reply) => {
    const rows = await publishedResults(app.db);
    const columns = ['event', 'eventTitle', 'kind', 'name', 'solution', 'team', 'amountSek', 'sponsor'] as const;
    return sendCsv(
      req,
      reply,
      [...columns],
      rows.map((r) => columns.map((c) => r[c])),
    );
  });

  app.post<{ Params: { slug: string; juryId: string; assignmentId: string } }>(
    '/events/:slug/juries/:juryId/assignments/:assignmentId',
    take,
    async (req, reply) => {
      const { event, detail } = await loadJury(req);
      const juror = String((req.body as { juror?: string } | undefined)?.juror ?? '');
      if (!isUuid(req.params.assignmentId) || !isUuid(juror)) throw notFound();
      const result = await reassign(app, me(req), detail.jury, req.params.assignmentId, juror);
      return redirectWithNotice(
        reply,
        `/events/${event.event.slug}/juries/${detail.jury.id}`,
        result === 'moved' ? 'notice.reassigned' : 'notice.notReassigned',
      );
    },
  );

  // The juror's side.
  app.get('/jury', take, async (req, reply) => reply.page({ title: req.t('jury.mine'), body: <JurorHome seats={await jurorHome(app.db, me(req))} /> }));

  app.get<{ Params: { token: string } }>('/jury/invitations/:token', take, async (req, reply) => {
    const [seat] = await app.db
      .select({ acceptedAt: jurors.acceptedAt, jury: juries.name })
      .from(jurors)
      .innerJoin(juries, eq(juries.id, jurors.juryId))
      .where(eq(jurors.inviteToken, req.params.token));
    if (!seat || seat.acceptedAt) throw notFound();
    return reply.page({
      title: req.t('jury.invitationTitle'),
      body: (
        <>
          <h1>{req.t('jury.invitationTitle')}</h1>
          <p>{req.t('jury.invitationText', { jury: seat.jury })}</p>
          <form method="post" action={req.url}>
            <CsrfField />
            <Button>{req.t('jury.acceptButton')}</Button>
          </form>
        </>
      ),
    });
  });
  app.post<{ Params: { token: string } }>('/jury/invitations/:token', take, async (req, reply) => {
    const outcome = await acceptInvitation(app, me(req), req.params.token);
    if (outcome === 'gone') throw notFound();
    return redirectWithNotice(reply, '/jury', outcome === 'seated' ? 'notice.jurorAlreadySeated' : 'notice.jurorAccepted');
  });

  app.get<{ Params: { jurorId: string } }>('/jury/seats/:jurorId/conflicts', take, async (req, reply) => {
    const seat = await seatToDeclare(app.db, me(req), req.params.jurorId);
    if (!seat || seat.teams.length === 0) throw notFound();
    return reply.page({ title: req.t('jury.conflicts'), body: <ConflictsPage seat={seat} /> });
  });

  app.post<{ Params: { jurorId: string } }>('/jury/seats/:jurorId/conflicts', take, async (req, reply) => {
    if (!isUuid(req.params.jurorId)) throw notFound();
    const [seat] = await app.db
      .select({ id: jurors.id, eventId: juries.eventId })
      .from(jurors)
      .innerJoin(juries, eq(juries.id, jurors.juryId))
      .where(and(eq(jurors.id, req.params.jurorId), eq(jurors.userId, me(req))));
    if (!seat) throw notFound();
    const allowed = new Set((await seatToDeclare(app.db, me(req), seat.id))?.teams.map((t) => t.id));
    const chosen = ([] as string[]).concat((req.body as { teams?: string | string[] } | undefined)?.teams ?? []).filter((id) => allowed.has(id));
    await setConflicts(app, me(req), seat, chosen);
    return redirectWithNotice(reply, '/jury', 'notice.conflictsSaved');
  });

  type Assignment = NonNullable<Awaited<ReturnType<typeof assignmentFor>>>;
  const scorePage = async (req: FastifyRequest, reply: FastifyReply, a: Assignment, values: FormValues, errors?: FieldErrors) =>
    reply.page({
      title: a.submission.title,
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <ScorePage a={a} values={values} errors={errors} />,
    });
  /** A conflicted juror's scores are set aside: the page says so, and nothing they send is saved. */
  const conflictedPage = (reply: FastifyReply, a: Assignment) =>
    reply.page({ title: a.submission.title, status: 409, body: <ScorePage a={{ ...a, conflicted: true }} values={{}} /> });
  app.get<{ Params: { id: string } }>('/jury/assignments/:id', take, async (req, reply) => {
    const a = await assignmentFor(app.db, req.params.id, me(req));
    if (!a) throw notFound();
    const values: FormValues = { comment: a.assignment.comment, feedback: a.assignment.feedback };
    for (const s of a.scores) values[`c-${s.criterionId}`] = String(s.score);
    return scorePage(req, reply, a, values);
  });
  app.post<{ Params: { id: string } }>('/jury/assignments/:id', take, async (req, reply) => {
    const a = await assignmentFor(app.db, req.params.id, me(req));
    if (!a) throw notFound();
    if (a.conflicted) return conflictedPage(reply, a);
    const raw = (req.body ?? {}) as Record<string, string>;
    const submit = raw.action === 'submit';
    const scores = new Map<string, number>();
    const errors: FieldErrors = {};
    for (const c of a.criteria) {
      const v = Number(raw[`c-${c.id}`]);
      if (raw[`c-${c.id}`] && Number.isInteger(v) && v >= a.jury.scaleMin && v <= a.jury.scaleMax) scores.set(c.id, v);
      // Named in the message, so each line of the error summary says which criterion it is about.
      else if (raw[`c-${c.id}`] || submit) errors[`c-${c.id}`] = { key: 'jury.error.score', params: { criterion: pick(req.lang, c.nameSv, c.nameEn) } };
    }
    const comment = String(raw.comment ?? '').slice(0, 2000);
    const feedback = String(raw.feedback ?? '').slice(0, 2000);
    if (Object.keys(errors).length) return scorePage(req, reply, a, { ...raw }, errors);
    const result = await saveScores(app, a.assignment.id, scores, comment, feedback, submit);
    if (result === 'closed') return redirectWithNotice(reply, `/jury/assignments/${a.assignment.id}`, 'notice.roundLocked');
    if (result === 'conflicted') return conflictedPage(reply, a);
    return redirectWithNotice(reply, submit ? '/jury' : `/jury/assignments/${a.assignment.id}`, submit ? 'notice.scoresSubmitted' : 'notice.scoresSaved');
  });
}
