import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { fromStockholmLocal } from '../../web/time.ts';
import { isUuid } from '../../db/ids.ts';
import { publishedEvent, type EventDetail } from '../events/queries.ts';
import { canManageEvent } from '../events/policy.ts';
import { mentorsPolicy } from './policy.ts';
import { bookingFor, bookingsOfTeam, mentorAt, mentorsWithSlots, scheduleOf, teamIdOf } from './queries.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { formatDateTime } from '../../web/i18n.ts';
import { BookingForm, MentorForm, SlotForm } from './schema.ts';
import { addMentor, addSlot, book, cancelBooking, removeSlot } from './commands/mentoring.ts';
import { MentorsPage, SchedulePage } from './views/mentors.tsx';

type SlugParams = { Params: { slug: string } };
type Form = { values: FormValues; errors: FieldErrors };

export default async function mentorsRoutes(app: FastifyInstance) {
  const take = { config: { policy: mentorsPolicy.take } };
  const me = (req: FastifyRequest) => req.actor.user!.id;

  const mentorsPage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, forms: { booking?: Form; adding?: Form } = {}) => {
    const [mentors, teamId, mentor] = await Promise.all([
      mentorsWithSlots(app.db, event.event.id, new Date()),
      teamIdOf(app.db, event.event.id, me(req)),
      mentorAt(app.db, event.event.id, me(req)),
    ]);
    const bookings = teamId ? await bookingsOfTeam(app.db, teamId) : [];
    const failed = Boolean(forms.booking || forms.adding);
    return reply.page({
      title: req.t('mentors.title'),
      status: failed ? 400 : 200,
      hasErrors: failed,
      body: (
        <MentorsPage
          event={event}
          mentors={mentors}
          teamId={teamId}
          bookings={bookings}
          isMentor={Boolean(mentor)}
          canManage={canManageEvent(req.actor, event.event)}
          booking={forms.booking}
          adding={forms.adding}
        />
      ),
    });
  };

  app.get<SlugParams>('/events/:slug/mentors', take, async (req, reply) => mentorsPage(req, reply, await publishedEvent(app.db, req.params.slug, 'mentoring')));

  app.post<SlugParams>('/events/:slug/mentors', take, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'mentoring');
    authorize(req, canManageEvent(req.actor, event.event));
    const form = parseForm(MentorForm, req.body);
    if (!form.ok) return mentorsPage(req, reply, event, { adding: form });
    if ((await addMentor(app, me(req), event.event, form.value)) === 'noAccount') {
      return mentorsPage(req, reply, event, { adding: { values: req.body as FormValues, errors: { email: { key: 'mentors.error.noAccount' } } } });
    }
    return redirectWithNotice(reply, `/events/${event.event.slug}/mentors`, 'notice.mentorAdded');
  });

  app.post<SlugParams>('/events/:slug/mentors/book', take, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'mentoring');
    const teamId = await teamIdOf(app.db, event.event.id, me(req));
    authorize(req, teamId !== null);
    const form = parseForm(BookingForm, req.body);
    const slot = String((req.body as { slot?: string } | undefined)?.slot ?? '');
    if (!form.ok || !isUuid(slot)) {
      const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(isUuid(slot) ? {} : { slot: { key: 'form.error.choice' } }) };
      return mentorsPage(req, reply, event, { booking: { values: { ...(form.ok ? {} : form.values), slot }, errors } });
    }
    const result = await book(app, me(req), teamId!, event.event.id, slot, form.value.question);
    return redirectWithNotice(reply, `/events/${event.event.slug}/mentors`, result === 'booked' ? 'notice.mentorBooked' : 'notice.slotTaken');
  });

  type BookingParams = { Params: { slug: string; bookingId: string } };
  // Cancelling takes the time from the other side, who is told by mail: either side asks first.
  app.get<BookingParams>('/events/:slug/bookings/:bookingId/cancel', take, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'mentoring');
    const booking = isUuid(req.params.bookingId) ? await bookingFor(app.db, req.params.bookingId, me(req)) : null;
    if (!booking) throw notFound();
    const params = { mentor: booking.mentorName ?? '', team: booking.teamName, at: formatDateTime(booking.startsAt, req.lang) };
    return reply.page({
      title: req.t('confirm.cancelBooking.title'),
      body: (
        <ConfirmPage
          heading={req.t('confirm.cancelBooking.title')}
          text={req.t(booking.byMentor ? 'confirm.cancelBooking.textMentor' : 'confirm.cancelBooking.textTeam', params)}
          action={`/events/${event.event.slug}/bookings/${booking.id}/cancel`}
          button={req.t('confirm.cancelBooking.button')}
          back={`/events/${event.event.slug}/${booking.byMentor ? 'mentoring' : 'mentors'}`}
        />
      ),
    });
  });
  app.post<BookingParams>('/events/:slug/bookings/:bookingId/cancel', take, async (req, reply) => {
    const event = await publishedEvent(app.db, req.params.slug, 'mentoring');
    if (!isUuid(req.params.bookingId) || !(await bookingFor(app.db, req.params.bookingId, me(req)))) throw notFound();
    if (!isConfirmed(req.body)) return reply.redirect(`/events/${event.event.slug}/bookings/${req.params.bookingId}/cancel`, 303);
    const result = await cancelBooking(app, me(req), req.params.bookingId);
    if (result === 'notYours') throw notFound();
    const back = (await mentorAt(app.db, event.event.id, me(req))) ? 'mentoring' : 'mentors';
    return redirectWithNotice(reply, `/events/${event.event.slug}/${back}`, 'notice.bookingCancelled');
  });

  /** The mentor's own pages; anyone else is refused. */
  const loadMentor = async (req: FastifyRequest<SlugParams>) => {
    const event = await publishedEvent(app.db, req.params.slug, 'mentoring');
    const mentor = await mentorAt(app.db, event.event.id, me(req));
    authorize(req, mentor !== null);
    return { event, mentor: mentor! };
  };
  const schedulePage = async (req: FastifyRequest, reply: FastifyReply, event: EventDetail, mentorId: string, form?: Form) =>
    reply.page({
      title: req.t('mentors.mySchedule'),
      status: form ? 400 : 200,
      hasErrors: Boolean(form),
      body: <SchedulePage event={event} schedule={await scheduleOf(app.db, mentorId)} form={form} />,
    });

  app.get<SlugParams>('/events/:slug/mentoring', take, async (req, reply) => {
    const { event, mentor } = await loadMentor(req);
    return schedulePage(req, reply, event, mentor.id);
  });
  app.post<SlugParams>('/events/:slug/mentoring/slots', take, async (req, reply) => {
    const { event, mentor } = await loadMentor(req);
    const form = parseForm(SlotForm, req.body);
    const startsAt = form.ok ? fromStockholmLocal(form.value.startsAt) : null;
    if (!form.ok || !startsAt || startsAt <= new Date()) {
      const errors: FieldErrors = form.ok ? { startsAt: { key: 'mentors.error.future' } } : form.errors;
      return schedulePage(req, reply, event, mentor.id, { values: form.ok ? (req.body as FormValues) : form.values, errors });
    }
    const result = await addSlot(app, mentor.id, startsAt, form.value.minutes);
    return redirectWithNotice(reply, `/events/${event.event.slug}/mentoring`, result === 'added' ? 'notice.slotAdded' : 'notice.slotExists');
  });
  app.post<{ Params: { slug: string; slotId: string } }>('/events/:slug/mentoring/slots/:slotId/remove', take, async (req, reply) => {
    const { event, mentor } = await loadMentor(req);
    if (!isUuid(req.params.slotId) || !(await removeSlot(app, mentor.id, req.params.slotId))) throw notFound();
    return redirectWithNotice(reply, `/events/${event.event.slug}/mentoring`, 'notice.slotRemoved');
  });
}
