import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import type { EventDetail } from '../../events/queries.ts';
import { languageName } from '../../teams/views/parts.tsx';
import { workingLanguages } from '../../teams/schema.ts';
import type { bookingsOfTeam, mentorsWithSlots, scheduleOf } from '../queries.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { Button } from '../../../web/components/button.tsx';

type Form = { values?: FormValues; errors?: FieldErrors };

interface MentorsProps {
  event: EventDetail;
  mentors: Awaited<ReturnType<typeof mentorsWithSlots>>;
  teamId: string | null;
  bookings: Awaited<ReturnType<typeof bookingsOfTeam>>;
  isMentor: boolean;
  canManage: boolean;
  booking?: Form;
  adding?: Form;
}

/** The event's mentors and their free times; a team books one with a short question; organisers add mentors. */
export function MentorsPage(p: MentorsProps) {
  const { t, lang } = usePage();
  const ev = p.event.event;
  const base = `/events/${ev.slug}`;
  const free = p.mentors.flatMap((m) =>
    m.slots
      .filter((s) => !s.taken)
      .map((s) => ({
        value: s.id,
        label: `${m.name} – ${formatDateTime(s.startsAt, lang)} (${Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000)} min)`,
      })),
  );
  return (
    <>
      <p>
        <a href={base}>
          <Localised sv={ev.titleSv} en={ev.titleEn} />
        </a>
      </p>
      <h1>{t('mentors.title')}</h1>
      {p.isMentor && (
        <p>
          <Button href={`${base}/mentoring`} variant="secondary">
            {t('mentors.mySchedule')}
          </Button>
        </p>
      )}
      {p.mentors.length === 0 ? (
        <p>{t('mentors.none')}</p>
      ) : (
        <ul class="cards">
          {p.mentors.map((m) => (
            <li key={m.id}>
              <h2>{m.name}</h2>
              <p>{m.expertise}</p>
              {m.organisation && <p class="meta">{m.organisation}</p>}
              {m.languages.length > 0 && (
                <p>
                  {t('board.languages')}: {m.languages.map((l) => languageName(l, lang)).join(', ')}
                </p>
              )}
              <p>{t('mentors.freeSlots', { count: m.slots.filter((s) => !s.taken).length })}</p>
            </li>
          ))}
        </ul>
      )}

      {p.teamId && (
        <section aria-labelledby="book-title">
          <h2 id="book-title">{t('mentors.book')}</h2>
          {p.bookings.length > 0 && (
            <>
              <h3>{t('mentors.yourBookings')}</h3>
              <ul>
                {p.bookings.map((b) => (
                  <li key={b.id}>
                    {b.mentorName}, {formatDateTime(b.startsAt, lang)}: {b.question}{' '}
                    <a
                      href={`${base}/bookings/${b.id}/cancel`}
                      class="link-warning"
                      aria-label={`${t('mentors.cancel')}: ${b.mentorName}, ${formatDateTime(b.startsAt, lang)}`}
                    >
                      {t('mentors.cancel')}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {free.length === 0 ? (
            <p>{t('mentors.noFreeSlots')}</p>
          ) : (
            <>
              <ErrorSummary errors={p.booking?.errors} labels={{ slot: 'mentors.slot', question: 'mentors.question' }} />
              <form method="post" action={`${base}/mentors/book`} novalidate>
                <CsrfField />
                <Select name="slot" label="mentors.slot" required options={free} values={p.booking?.values} errors={p.booking?.errors} />
                <TextArea
                  name="question"
                  label="mentors.question"
                  hint="mentors.questionHint"
                  required
                  rows={3}
                  maxLength={500}
                  values={p.booking?.values}
                  errors={p.booking?.errors}
                />
                <SubmitButton label="mentors.bookButton" />
              </form>
            </>
          )}
        </section>
      )}

      {p.canManage && (
        <section aria-labelledby="add-mentor">
          <h2 id="add-mentor">{t('mentors.add')}</h2>
          <ErrorSummary
            errors={p.adding?.errors}
            labels={{ email: 'mentors.email', expertise: 'mentors.expertise', organisation: 'mentors.organisation', languages: 'board.languages' }}
          />
          <form method="post" action={`${base}/mentors`} novalidate>
            <CsrfField />
            <TextField name="email" type="email" label="mentors.email" hint="mentors.emailHint" required values={p.adding?.values} errors={p.adding?.errors} />
            <TextField name="expertise" label="mentors.expertise" required maxLength={300} values={p.adding?.values} errors={p.adding?.errors} />
            <TextField name="organisation" label="mentors.organisation" maxLength={150} values={p.adding?.values} errors={p.adding?.errors} />
            <Checkboxes
              name="languages"
              label="board.languages"
              values={p.adding?.values}
              errors={p.adding?.errors}
              options={workingLanguages.map((l) => ({ value: l, label: languageName(l, lang) }))}
            />
            <SubmitButton label="mentors.addButton" />
          </form>
        </section>
      )}
    </>
  );
}

/** A mentor's own page: their times, who booked them and why, with the team's draft a click away. */
export function SchedulePage({ event, schedule, form }: { event: EventDetail; schedule: Awaited<ReturnType<typeof scheduleOf>>; form?: Form }) {
  const { t, lang } = usePage();
  const base = `/events/${event.event.slug}`;
  return (
    <>
      <p>
        <a href={`${base}/mentors`}>{t('mentors.title')}</a>
      </p>
      <h1>{t('mentors.mySchedule')}</h1>
      {schedule.length === 0 ? (
        <p>{t('mentors.noSlots')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('mentors.mySchedule')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mentors.when')}</th>
              <th scope="col">{t('mentors.bookedBy')}</th>
              <th scope="col">{t('mentors.question')}</th>
              <th scope="col">{t('mentors.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.map((s) => (
              <tr key={s.slotId}>
                <td>{formatDateTime(s.startsAt, lang)}</td>
                <td>{s.teamId ? <a href={`${base}/teams/${s.teamId}/proposal`}>{s.teamName}</a> : t('mentors.free')}</td>
                <td>{s.question ?? ''}</td>
                <td>
                  {s.bookingId ? (
                    <a href={`${base}/bookings/${s.bookingId}/cancel`} class="link-warning">
                      {t('mentors.cancel')}
                    </a>
                  ) : (
                    // A free time affects nobody else: it goes at once.
                    <form method="post" action={`${base}/mentoring/slots/${s.slotId}/remove`} class="inline">
                      <CsrfField />
                      <SubmitButton label="mentors.removeSlot" />
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('mentors.addSlot')}</h2>
      <ErrorSummary errors={form?.errors} labels={{ startsAt: 'mentors.startsAt', minutes: 'mentors.minutes' }} />
      <form method="post" action={`${base}/mentoring/slots`} novalidate>
        <CsrfField />
        <TextField name="startsAt" type="datetime-local" label="mentors.startsAt" required values={form?.values} errors={form?.errors} />
        <TextField name="minutes" type="number" label="mentors.minutes" required values={form?.values ?? { minutes: '30' }} errors={form?.errors} />
        <SubmitButton label="mentors.addSlotButton" />
      </form>
    </>
  );
}
