import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { pick } from '../challenges/views/parts.tsx';
import { eventsPolicy } from './policy.ts';
import { eventsByTense, findEventBySlug, registrationOf, type EventDetail } from './queries.ts';
import { RegistrationForm } from './schema.ts';
import { cancelRegistration, register } from './commands/registration.ts';
import { icalendar, phaseEntries } from './calendar.ts';
import { EventListPage } from './views/list.tsx';
import { EventPage } from './views/event.tsx';

type SlugParams = { Params: { slug: string } };

export default async function eventsRoutes(app: FastifyInstance) {
  app.get('/events', { config: { policy: eventsPolicy.browse, publicCache: true } }, async (req, reply) => {
    const groups = await eventsByTense(app.db, new Date());
    return reply.page({ title: req.t('events.title'), body: <EventListPage groups={groups} /> });
  });

  /** A published event; a draft is answered as missing (to all: the creation pages are still to come). */
  const load = async (slug: string) => {
    const event = await findEventBySlug(app.db, slug);
    if (!event || event.event.status === 'draft') throw notFound();
    return event;
  };
  const eventPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, values?: FormValues, errors?: FieldErrors) => {
    const registration = req.actor.user ? await registrationOf(app.db, event.event.id, req.actor.user.id) : null;
    return reply.page({
      title: pick(req.lang, event.event.titleSv, event.event.titleEn),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <EventPage event={event} now={new Date()} signedIn={req.actor.user !== null} registration={registration} values={values} errors={errors} />,
    });
  };

  app.get<SlugParams>('/events/:slug.ics', { config: { policy: eventsPolicy.browse, publicCache: true } }, async (req, reply) => {
    const event = await load(req.params.slug);
    const title = pick(req.lang, event.event.titleSv, event.event.titleEn);
    const entries = phaseEntries({ slug: event.event.slug, title, place: event.event.place, online: event.event.online }, event.phases, app.config.publicUrl, (p) => req.t(`events.phase.${p.kind}`));
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${event.event.slug}.ics"`).send(icalendar(title, entries));
  });

  app.get<SlugParams>('/events/:slug', { config: { policy: eventsPolicy.browse, publicCache: true } }, async (req, reply) => eventPage(req, reply, await load(req.params.slug)));

  app.post<SlugParams>('/events/:slug/registration', { config: { policy: eventsPolicy.register } }, async (req, reply) => {
    const event = await load(req.params.slug);
    const form = parseForm(RegistrationForm, req.body);
    if (!form.ok) return eventPage(req, reply, event, form.values, form.errors);
    const outcome = await register(app, req.actor.user!.id, event.event.id, form.value.as === 'team');
    const notice = outcome === 'registered' ? 'notice.eventRegistered' : outcome === 'waitlisted' ? 'notice.eventWaitlisted' : 'notice.eventClosed';
    return redirectWithNotice(reply, `/events/${event.event.slug}#registration`, notice);
  });

  app.post<SlugParams>('/events/:slug/registration/cancel', { config: { policy: eventsPolicy.register } }, async (req, reply) => {
    const event = await load(req.params.slug);
    await cancelRegistration(app, req.actor.user!.id, event.event.id);
    return redirectWithNotice(reply, `/events/${event.event.slug}`, 'notice.eventCancelled');
  });
}
