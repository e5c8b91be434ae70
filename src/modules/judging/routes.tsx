import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { isUuid } from '../../db/ids.ts';
import { jurors, roundKinds, type RoundKind } from '../../db/schema/index.ts';
import { findEventBySlug, type EventDetail } from '../events/queries.ts';
import { canManageEvent, canViewEvent } from '../events/policy.ts';
import { judgingPolicy } from './policy.ts';
import { assignmentFor, findJury, juriesOf, myJuryWork, roundRanking } from './queries.ts';
import { JuryForm, JurorInviteForm } from './schema.ts';
import { acceptInvitation, assignRound, closeRound, createJury, inviteJuror, saveScores, setConflicts, setWeights, shortlist } from './commands/jury.ts';
import { JuriesPage, JuryPage } from './views/organiser.tsx';
import { JurorHome, ScorePage } from './views/juror.tsx';
import { CsrfField } from '../../web/components/form.tsx';

type SlugParams = { Params: { slug: string } };
type JuryParams = { Params: { slug: string; juryId: string } };

export default async function judgingRoutes(app: FastifyInstance) {
  const take = { config: { policy: judgingPolicy.take } };
  const me = (req: FastifyRequest) => req.actor.user!.id;

  /** Juries belong to those who run the event; to anyone else a public event answers 403 and a hidden one 404. */
  const loadEvent = async (req: FastifyRequest<SlugParams>) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event)) throw notFound();
    authorize(req, canManageEvent(req.actor, event.event));
    return event;
  };
  const loadJury = async (req: FastifyRequest<JuryParams>) => {
    const event = await loadEvent(req);
    const detail = await findJury(app.db, event.event.id, req.params.juryId);
    if (!detail) throw notFound();
    return { event, detail };
  };

  const juriesPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, values: FormValues, errors?: FieldErrors) =>
    reply.page({ title: req.t('jury.title'), status: errors ? 400 : 200, hasErrors: Boolean(errors), body: <JuriesPage event={event} juries={await juriesOf(app.db, event.event.id)} values={values} errors={errors} /> });

  app.get<SlugParams>('/events/:slug/juries', take, async (req, reply) => juriesPage(req, reply, await loadEvent(req), { template: 'challenge', scaleMax: '5', jurorsPerSubmission: '3' }));
  app.post<SlugParams>('/events/:slug/juries', take, async (req, reply) => {
    const event = await loadEvent(req);
    const form = parseForm(JuryForm, req.body);
    const raw = (req.body ?? {}) as Record<string, string>;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (raw.challenge && !event.challenges.some((c) => c.id === raw.challenge)) errors.challenge = { key: 'form.error.choice' };
    if (raw.track && !event.tracks.some((tr) => tr.id === raw.track)) errors.track = { key: 'form.error.choice' };
    if (!form.ok || Object.keys(errors).length) return juriesPage(req, reply, event, form.ok ? (req.body as FormValues) : form.values, errors);
    const v = form.value;
    const id = await createJury(app, me(req), event.event.id, { name: v.name, challengeId: v.challenge || null, trackId: v.track || null, template: v.template, scaleMax: Number(v.scaleMax), jurorsPerSubmission: v.jurorsPerSubmission });
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${id}`, 'notice.juryCreated');
  });

  const juryPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, detail: NonNullable<Awaited<ReturnType<typeof findJury>>>, invite?: { values: FormValues; errors: FieldErrors }) => {
    const rankings = [];
    for (const round of detail.rounds) rankings.push({ round, data: await roundRanking(app.db, detail, round) });
    return reply.page({ title: detail.jury.name, status: invite ? 400 : 200, hasErrors: Boolean(invite), body: <JuryPage event={event} detail={detail} rankings={rankings} invite={invite} /> });
  };
  app.get<JuryParams>('/events/:slug/juries/:juryId', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    return juryPage(req, reply, event, detail);
  });

  app.post<JuryParams>('/events/:slug/juries/:juryId/weights', take, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const raw = (req.body ?? {}) as Record<string, string>;
    const weights = new Map(detail.criteria.map((c) => [c.id, Number(raw[`w-${c.id}`])]));
    const valid = [...weights.values()].every((w) => Number.isInteger(w) && w >= 0 && w <= 10) && [...weights.values()].some((w) => w > 0);
    if (!valid) return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}`, 'jury.error.weights');
    await setWeights(app, me(req), detail.jury.id, weights);
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}`, 'notice.saved');
  });

  app.post<JuryParams>('/events/:slug/juries/:juryId/jurors', { config: { policy: judgingPolicy.take, rateLimit: { max: 200, timeWindow: '1 hour' } } }, async (req, reply) => {
    const { event, detail } = await loadJury(req);
    const form = parseForm(JurorInviteForm, req.body);
    if (!form.ok) return juryPage(req, reply, event, detail, { values: form.values, errors: form.errors });
    await inviteJuror(app, me(req), { id: detail.jury.id, name: detail.jury.name, eventId: event.event.id }, form.value.email);
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#jurors`, 'notice.jurorInvited');
  });

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
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#round-${round.kind}`, short ? 'notice.assignedShort' : 'notice.assigned');
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
    // The top N by rank; a tie at the edge takes everyone who shares the last place.
    const cut = ranking[Math.min(top, ranking.length) - 1]?.rank ?? 0;
    await shortlist(app, me(req), detail.jury, ranking.filter((r) => r.normalised !== null && r.rank <= cut).map((r) => r.submissionId));
    return redirectWithNotice(reply, `/events/${event.event.slug}/juries/${detail.jury.id}#round-final`, 'notice.shortlisted');
  });

  // The juror's side.
  app.get('/jury', take, async (req, reply) => reply.page({ title: req.t('jury.mine'), body: <JurorHome seats={await myJuryWork(app.db, me(req))} /> }));

  app.get<{ Params: { token: string } }>('/jury/invitations/:token', take, async (req, reply) => {
    const [seat] = await app.db.select({ acceptedAt: jurors.acceptedAt }).from(jurors).where(eq(jurors.inviteToken, req.params.token));
    if (!seat || seat.acceptedAt) throw notFound();
    return reply.page({
      title: req.t('jury.invitationTitle'),
      body: (
        <>
          <h1>{req.t('jury.invitationTitle')}</h1>
          <form method="post" action={req.url}>
            <CsrfField />
            <button type="submit" class="button">
              {req.t('jury.acceptButton')}
            </button>
          </form>
        </>
      ),
    });
  });
  app.post<{ Params: { token: string } }>('/jury/invitations/:token', take, async (req, reply) => {
    if ((await acceptInvitation(app, me(req), req.params.token)) === 'gone') throw notFound();
    return redirectWithNotice(reply, '/jury', 'notice.jurorAccepted');
  });

  app.post<{ Params: { jurorId: string } }>('/jury/seats/:jurorId/conflicts', take, async (req, reply) => {
    if (!isUuid(req.params.jurorId)) throw notFound();
    const [seat] = await app.db.select().from(jurors).where(and(eq(jurors.id, req.params.jurorId), eq(jurors.userId, me(req))));
    if (!seat) throw notFound();
    const seats = await myJuryWork(app.db, me(req));
    const allowed = new Set(seats.find((s) => s.jurorId === seat.id)?.teams.map((t) => t.id));
    const chosen = ([] as string[]).concat((req.body as { teams?: string | string[] } | undefined)?.teams ?? []).filter((id) => allowed.has(id));
    await setConflicts(app, seat.id, chosen);
    return redirectWithNotice(reply, '/jury', 'notice.conflictsSaved');
  });

  const scorePage = async (req: FastifyRequest, reply: FastifyReply, a: NonNullable<Awaited<ReturnType<typeof assignmentFor>>>, values: FormValues, errors?: FieldErrors) =>
    reply.page({ title: a.submission.title, status: errors ? 400 : 200, hasErrors: Boolean(errors), body: <ScorePage a={a} values={values} errors={errors} /> });
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
    const raw = (req.body ?? {}) as Record<string, string>;
    const submit = raw.action === 'submit';
    const scores = new Map<string, number>();
    const errors: FieldErrors = {};
    for (const c of a.criteria) {
      const v = Number(raw[`c-${c.id}`]);
      if (raw[`c-${c.id}`] && Number.isInteger(v) && v >= a.jury.scaleMin && v <= a.jury.scaleMax) scores.set(c.id, v);
      else if (raw[`c-${c.id}`] || submit) errors[`c-${c.id}`] = { key: 'jury.error.score' };
    }
    const comment = String(raw.comment ?? '').slice(0, 2000);
    const feedback = String(raw.feedback ?? '').slice(0, 2000);
    if (Object.keys(errors).length) return scorePage(req, reply, a, { ...raw }, errors);
    const result = await saveScores(app, a.assignment.id, scores, comment, feedback, submit);
    if (result === 'closed') return redirectWithNotice(reply, `/jury/assignments/${a.assignment.id}`, 'notice.roundLocked');
    return redirectWithNotice(reply, submit ? '/jury' : `/jury/assignments/${a.assignment.id}`, submit ? 'notice.scoresSubmitted' : 'notice.scoresSaved');
  });
}
