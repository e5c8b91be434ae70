import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { pick } from '../challenges/views/parts.tsx';
import { canManageEvent, canViewEvent, eventsPolicy } from './policy.ts';
import { eventOrganisationsFor, eventsByTense, findEventBySlug, registrationOf, unpublishedEventsFor, type EventDetail } from './queries.ts';
import { RegistrationForm } from './schema.ts';
import { cancelRegistration, register } from './commands/registration.ts';
import { readOverride, refusalError } from './override.ts';
import { eventHas } from './kinds.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { icalendar, phaseEntries } from './calendar.ts';
import { calendarToken, personalEntries, userOfToken } from './personal-calendar.ts';
import { EventListPage } from './views/list.tsx';
import { EventPage } from './views/event.tsx';

type SlugParams = { Params: { slug: string } };

export default async function eventsRoutes(app: FastifyInstance) {
  app.get('/events', { config: { policy: eventsPolicy.browse, publicCache: true } }, async (req, reply) => {
    const [groups, unpublished, organisations] = await Promise.all([
      eventsByTense(app.db, new Date()),
      unpublishedEventsFor(app.db, req.actor),
      eventOrganisationsFor(app.db, req.actor),
    ]);
    const calendarUrl = req.actor.user ? `${app.config.publicUrl}/calendar/${calendarToken(app.config.sessionSecret, req.actor.user.id)}.ics` : null;
    return reply.page({
      title: req.t('events.title'),
      body: <EventListPage groups={groups} unpublished={unpublished} canCreate={organisations.length > 0} calendarUrl={calendarUrl} />,
    });
  });

  /** An event the reader may see: published or cancelled, or not yet public to those who run it. */
  const load = async (req: FastifyRequest, slug: string) => {
    const event = await findEventBySlug(app.db, slug);
    if (!event || !canViewEvent(req.actor, event.event)) throw notFound();
    return event;
  };
  const eventPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, values?: FormValues, errors?: FieldErrors, status = 400) => {
    const registration = req.actor.user ? await registrationOf(app.db, event.event.id, req.actor.user.id) : null;
    return reply.page({
      title: pick(req.lang, event.event.titleSv, event.event.titleEn),
      status: errors ? status : 200,
      hasErrors: Boolean(errors),
      body: (
        <EventPage
          event={event}
          now={new Date()}
          signedIn={req.actor.user !== null}
          canManage={canManageEvent(req.actor, event.event)}
          registration={registration}
          values={values}
          errors={errors}
        />
      ),
    });
  };

  /** A person's own feed: the phases of their events and their mentoring sessions, for any calendar app. */
  app.get<{ Params: { token: string } }>('/calendar/:token.ics', { config: { policy: eventsPolicy.browse, open: true } }, async (req, reply) => {
    const userId = userOfToken(app.config.sessionSecret, req.params.token);
    if (!userId) throw notFound();
    const entries = await personalEntries(app, userId, req.t, req.lang);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(icalendar(req.t('calendar.name'), entries));
  });

  app.get<SlugParams>('/events/:slug.ics', { config: { policy: eventsPolicy.browse, publicCache: true, open: true } }, async (req, reply) => {
    const event = await load(req, req.params.slug);
    const title = pick(req.lang, event.event.titleSv, event.event.titleEn);
    const entries = phaseEntries(
      { slug: event.event.slug, title, place: event.event.place, online: event.event.online },
      event.phases,
      app.config.publicUrl,
      (p) => req.t(`events.phase.${p.kind}`),
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${event.event.slug}.ics"`)
      .send(icalendar(title, entries));
  });

  app.get<SlugParams>('/events/:slug', { config: { policy: eventsPolicy.browse, publicCache: true } }, async (req, reply) =>
    eventPage(req, reply, await load(req, req.params.slug)),
  );

  app.post<SlugParams>('/events/:slug/registration', { config: { policy: eventsPolicy.register } }, async (req, reply) => {
    const event = await load(req, req.params.slug);
    const form = parseForm(RegistrationForm, req.body);
    const { override, errors: overrideErrors } = readOverride(req.actor, req.body);
    const values = {
      ...(form.ok ? (req.body as FormValues) : form.values),
      override: String((req.body as FormValues)?.override ?? ''),
      reason: String((req.body as FormValues)?.reason ?? ''),
    };
    if (!form.ok || overrideErrors) return eventPage(req, reply, event, values, { ...(form.ok ? {} : form.errors), ...overrideErrors });
    const { as, acceptRules: _, ...diversity } = form.value;
    // A workshop or webinar has no teams: everyone comes on their own.
    const asTeam = as === 'team' && eventHas(event.event.kind, 'teams');
    const outcome = await register(app, req.actor.user!.id, event.event.id, asTeam, diversity, override);
    if (typeof outcome === 'object') return eventPage(req, reply, event, values, { override: refusalError(outcome.refused, req.lang) }, 409);
    const notice = outcome === 'registered' ? 'notice.eventRegistered' : outcome === 'waitlisted' ? 'notice.eventWaitlisted' : 'notice.eventClosed';
    return redirectWithNotice(reply, `/events/${event.event.slug}#registration`, notice);
  });

  // Giving up a place may hand it to the waitlist at once: the person confirms first.
  app.get<SlugParams>('/events/:slug/registration/cancel', { config: { policy: eventsPolicy.register } }, async (req, reply) => {
    const event = await load(req, req.params.slug);
    const title = pick(req.lang, event.event.titleSv, event.event.titleEn);
    return reply.page({
      title: req.t('confirm.cancelRegistration.title'),
      body: (
        <ConfirmPage
          heading={req.t('confirm.cancelRegistration.title')}
          text={req.t('confirm.cancelRegistration.text', { event: title })}
          action={`/events/${event.event.slug}/registration/cancel`}
          button={req.t('confirm.cancelRegistration.button')}
          back={`/events/${event.event.slug}#registration`}
        />
      ),
    });
  });
  app.post<SlugParams>('/events/:slug/registration/cancel', { config: { policy: eventsPolicy.register } }, async (req, reply) => {
    const event = await load(req, req.params.slug);
    if (!isConfirmed(req.body)) return reply.redirect(`/events/${event.event.slug}/registration/cancel`, 303);
    await cancelRegistration(app, req.actor.user!.id, event.event.id);
    return redirectWithNotice(reply, `/events/${event.event.slug}`, 'notice.eventCancelled');
  });
}
