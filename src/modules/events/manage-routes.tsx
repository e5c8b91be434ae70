import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { count, eq, and } from 'drizzle-orm';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { toStockholmLocal } from '../../web/time.ts';
import { eventKinds, phaseKinds, submissions, teams, type EventStatus } from '../../db/schema/index.ts';
import { canManageEvent, canViewEvent, eventsPolicy, eventTransitions } from './policy.ts';
import { coverableChallenges, eventOrganisationsFor, findEventBySlug, type EventDetail } from './queries.ts';
import { AnnouncementForm, EventForm, phasesFrom, tracksFrom } from './schema.ts';
import { announce, changeEventStatus, createEvent, setGallery, updateEvent, type EventInput } from './commands/save-event.ts';
import { eventHas } from './kinds.ts';
import { readOverride, refusalError } from './override.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { pick } from '../challenges/views/parts.tsx';
import { diversityReport } from './diversity.ts';
import { EventFormPage } from './views/event-form.tsx';
import { ManageEventPage } from './views/manage.tsx';

type SlugParams = { Params: { slug: string } };

/** Running events: the organiser, and approved organisations for their own events (published after approval). */
export default async function eventManageRoutes(app: FastifyInstance) {
  const manage = { config: { policy: eventsPolicy.manage } };

  const load = async (req: FastifyRequest<SlugParams>) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event)) throw notFound();
    // A public event's management is refused as such; an unpublished one stays missing to outsiders (above).
    authorize(req, canManageEvent(req.actor, event.event));
    return event;
  };

  /** Reads the form; the organisation and challenges must be ones the actor may choose, the team sizes in order. */
  const readForm = async (req: FastifyRequest, organisations: { id: string | null }[]) => {
    const form = parseForm(EventForm, req.body);
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const kind = eventKinds.find((k) => k === raw.kind);
    const { phases, errors: phaseErrors } = phasesFrom(raw, kind);
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...phaseErrors };
    const organisationId = String(raw.organisation ?? '') || null;
    if (!organisations.some((o) => o.id === organisationId)) errors.organisation = { key: 'form.error.choice' };
    if (!errors.teamMin && !errors.teamMax && Number(raw.teamMin) > Number(raw.teamMax)) errors.teamMax = { key: 'eventForm.error.teamSizes' };
    if (!form.ok || Object.keys(errors).length)
      return { ok: false as const, errors: inFieldOrder(EventForm, errors), values: form.ok ? (req.body as FormValues) : form.values };
    const challengeIds = form.value.challenges;
    const known = new Set((await coverableChallenges(app.db)).map((c) => c.id));
    if (challengeIds.some((id) => !known.has(id)))
      return { ok: false as const, errors: { challenges: { key: 'form.error.choice' as const } }, values: req.body as FormValues };
    const { organisation: _, challenges: __, tracks, capacity, ...fields } = form.value;
    const input: EventInput = {
      ...fields,
      organisationId,
      capacity: capacity ?? null,
      phases,
      challengeIds,
      tracks: tracksFrom(tracks),
    };
    for (const k of phaseKinds) {
      delete (input as unknown as Record<string, unknown>)[`${k}Start`];
      delete (input as unknown as Record<string, unknown>)[`${k}End`];
    }
    return { ok: true as const, value: input };
  };

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    heading: 'eventForm.new' | 'eventForm.edit',
    organisations: { id: string | null; name: string }[],
    values: FormValues,
    errors?: FieldErrors,
  ) =>
    reply.page({
      title: req.t(heading),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: (
        <EventFormPage
          action={action}
          heading={heading}
          organisations={organisations}
          challenges={await coverableChallenges(app.db)}
          values={values}
          errors={errors}
        />
      ),
    });

  app.get<{ Querystring: { kind?: string } }>('/events/new', manage, async (req, reply) => {
    const organisations = await eventOrganisationsFor(app.db, req.actor);
    authorize(req, organisations.length > 0);
    const kind = eventKinds.find((k) => k === req.query.kind) ?? 'hackathon';
    return formPage(req, reply, '/events', 'eventForm.new', organisations, { kind, online: 'on', teamMin: '1', teamMax: '6', graceMinutes: '0' });
  });
  app.post('/events', manage, async (req, reply) => {
    const organisations = await eventOrganisationsFor(app.db, req.actor);
    authorize(req, organisations.length > 0);
    const form = await readForm(req, organisations);
    if (!form.ok) return formPage(req, reply, '/events', 'eventForm.new', organisations, form.values, form.errors);
    const { slug } = await createEvent(app, req.actor.user!.id, form.value);
    return redirectWithNotice(reply, `/events/${slug}/manage`, 'notice.eventCreated');
  });

  app.get<SlugParams>('/events/:slug/edit', manage, async (req, reply) => {
    const event = await load(req);
    const organisations = await eventOrganisationsFor(app.db, req.actor);
    return formPage(req, reply, `/events/${event.event.slug}/edit`, 'eventForm.edit', organisations, formValuesOf(event));
  });
  app.post<SlugParams>('/events/:slug/edit', manage, async (req, reply) => {
    const event = await load(req);
    // The organisation stays among those the event may belong to: its own, for an organisation's member.
    const organisations = (await eventOrganisationsFor(app.db, req.actor)).filter((o) => req.actor.user!.isOrganiser || o.id === event.event.organisationId);
    const form = await readForm(req, organisations);
    if (!form.ok) return formPage(req, reply, `/events/${event.event.slug}/edit`, 'eventForm.edit', organisations, form.values, form.errors);
    await updateEvent(app, req.actor.user!.id, event.event, form.value);
    return redirectWithNotice(reply, `/events/${event.event.slug}/manage`, 'notice.saved');
  });

  type Failed = { values: FormValues; errors: FieldErrors; status?: number };
  /** The management page; a failed announcement or gallery form re-renders in place. */
  const managePage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, announcement?: Failed, gallery?: Failed) => {
    const [diversity, [{ teamCount }], [{ submitted }]] = await Promise.all([
      diversityReport(app.db, event.event.id),
      app.db.select({ teamCount: count() }).from(teams).where(eq(teams.eventId, event.event.id)),
      app.db
        .select({ submitted: count() })
        .from(submissions)
        .where(and(eq(submissions.eventId, event.event.id), eq(submissions.status, 'submitted'))),
    ]);
    const failed = announcement ?? gallery;
    return reply.page({
      title: req.t('events.manage'),
      status: failed ? (failed.status ?? 400) : 200,
      hasErrors: Boolean(failed),
      body: (
        <ManageEventPage
          event={event}
          now={new Date()}
          transitions={eventTransitions(req.actor, event.event)}
          diversity={diversity}
          teams={teamCount}
          submitted={submitted}
          announcement={announcement}
          gallery={gallery}
        />
      ),
    });
  };
  app.get<SlugParams>('/events/:slug/manage', manage, async (req, reply) => managePage(req, reply, await load(req)));

  // Cancelling is asked first, on a page of its own; the status route refuses it without that confirmation.
  app.get<SlugParams>('/events/:slug/cancel', manage, async (req, reply) => {
    const event = await load(req);
    authorize(req, eventTransitions(req.actor, event.event).includes('cancelled'));
    const title = pick(req.lang, event.event.titleSv, event.event.titleEn);
    return reply.page({
      title: req.t('confirm.cancelEvent.title', { event: title }),
      body: (
        <ConfirmPage
          heading={req.t('confirm.cancelEvent.title', { event: title })}
          text={req.t('confirm.cancelEvent.text', { registered: event.registered + event.waitlisted })}
          action={`/events/${event.event.slug}/status`}
          hidden={{ to: 'cancelled' }}
          button={req.t('confirm.cancelEvent.button')}
          back={`/events/${event.event.slug}/manage`}
        />
      ),
    });
  });

  app.post<SlugParams>('/events/:slug/status', manage, async (req, reply) => {
    const event = await load(req);
    const to = (req.body as { to?: string } | undefined)?.to as EventStatus;
    authorize(req, eventTransitions(req.actor, event.event).includes(to));
    if (to === 'cancelled' && !isConfirmed(req.body)) return reply.redirect(`/events/${event.event.slug}/cancel`, 303);
    await changeEventStatus(app, req.actor.user!.id, event.event, to);
    return redirectWithNotice(
      reply,
      `/events/${event.event.slug}/manage`,
      to === 'cancelled' ? 'notice.eventCancelledByOrganiser' : event.event.status === 'cancelled' ? 'notice.eventReinstated' : 'notice.statusChanged',
    );
  });

  /** Publishing the gallery waits for the submission deadline (plus grace); hiding it never waits. */
  app.post<SlugParams>('/events/:slug/gallery', manage, async (req, reply) => {
    const event = await load(req);
    if (!eventHas(event.event.kind, 'gallery')) throw notFound();
    const values = (req.body ?? {}) as FormValues;
    const { override, errors } = readOverride(req.actor, req.body);
    if (errors) return managePage(req, reply, event, undefined, { values, errors });
    const result = await setGallery(app, req.actor.user!.id, event.event.id, values.published === 'yes', override);
    if (result !== 'done')
      return managePage(req, reply, event, undefined, { values, errors: { override: refusalError(result.refused, req.lang) }, status: 409 });
    return redirectWithNotice(reply, `/events/${event.event.slug}/manage`, 'notice.saved');
  });

  app.post<SlugParams>(
    '/events/:slug/announcements',
    { config: { policy: eventsPolicy.manage, rateLimit: { max: 20, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const event = await load(req);
      const form = parseForm(AnnouncementForm, req.body);
      if (!form.ok) return managePage(req, reply, event, form);
      await announce(app, req.actor.user!.id, event.event, form.value.subject, form.value.body);
      return redirectWithNotice(reply, `/events/${event.event.slug}/manage`, 'notice.announced');
    },
  );
}

function formValuesOf(e: EventDetail): FormValues {
  const ev = e.event;
  const values: FormValues = {
    organisation: ev.organisationId ?? '',
    kind: ev.kind,
    titleSv: ev.titleSv,
    titleEn: ev.titleEn,
    descriptionSv: ev.descriptionSv,
    descriptionEn: ev.descriptionEn,
    online: ev.online ? 'on' : '',
    place: ev.place,
    capacity: ev.capacity === null ? '' : String(ev.capacity),
    teamMin: String(ev.teamMin),
    teamMax: String(ev.teamMax),
    graceMinutes: String(ev.graceMinutes),
    rulesSv: ev.rulesSv,
    rulesEn: ev.rulesEn,
    challenges: e.challenges.map((c) => c.id),
    tracks: e.tracks.map((tr) => (tr.nameEn ? `${tr.nameSv} | ${tr.nameEn}` : tr.nameSv)).join('\n'),
  };
  for (const p of e.phases) {
    values[`${p.kind}Start`] = toStockholmLocal(p.startsAt);
    values[`${p.kind}End`] = toStockholmLocal(p.endsAt);
  }
  return values;
}
