import { usePage } from '../../../web/page-context.ts';
import { formatDate, formatDateTime, type Lang } from '../../../web/i18n.ts';
import type { EventTense } from '../phases.ts';
import type { ListedEvent } from '../queries.ts';
import type { EventStatus } from '../../../db/schema/index.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { Button } from '../../../web/components/button.tsx';

/** Events in three groups: upcoming (soonest first), running, and past (latest first). */
export function EventListPage({
  groups,
  unpublished,
  canCreate,
  calendarUrl,
}: {
  groups: Record<EventTense, ListedEvent[]>;
  unpublished: { slug: string; titleSv: string; titleEn: string; status: EventStatus }[];
  canCreate: boolean;
  calendarUrl: string | null;
}) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('events.title')}</h1>
      <p>{t('events.intro')}</p>
      {canCreate && (
        <p>
          <Button href="/events/new">{t('eventForm.new')}</Button>
        </p>
      )}
      {calendarUrl && (
        <p>
          {t('calendar.subscribe')} <code class="break">{calendarUrl}</code>
        </p>
      )}
      {unpublished.length > 0 && (
        <section aria-labelledby="events-unpublished">
          <h2 id="events-unpublished">{t('events.unpublished')}</h2>
          <ul>
            {unpublished.map((e) => (
              <li key={e.slug}>
                <a href={`/events/${e.slug}`}>
                  <Localised sv={e.titleSv} en={e.titleEn} />
                </a>{' '}
                ({t(`events.status.${e.status}`)})
              </li>
            ))}
          </ul>
        </section>
      )}
      {(['running', 'upcoming', 'past'] as const).map((tense) => (
        <section key={tense} aria-labelledby={`events-${tense}`}>
          <h2 id={`events-${tense}`}>{t(`events.tense.${tense}`)}</h2>
          {groups[tense].length === 0 ? (
            <p>{t('events.none')}</p>
          ) : (
            <ul class="cards">
              {groups[tense].map(({ event: e, span }) => (
                <li key={e.id}>
                  <h3>
                    <a href={`/events/${e.slug}`}>
                      <Localised sv={e.titleSv} en={e.titleEn} />
                    </a>
                  </h3>
                  <p>
                    {t(`events.kind.${e.kind}`)} · {e.online ? t('events.online') : e.place}
                    {span && (
                      <>
                        {' '}
                        · <EventDates span={span} />
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

const sameDay = (a: Date, b: Date, lang: Lang) => formatDate(a, lang) === formatDate(b, lang);

/** An event's own dates, start to end ("12 jan. 2027 09:00 – 13 jan. 2027 09:00"), as machine-readable times. */
export function EventDates({ span }: { span: { startsAt: Date; endsAt: Date } }) {
  const { lang } = usePage();
  // Ending the day it starts, only the end time is repeated.
  const end = sameDay(span.startsAt, span.endsAt, lang) ? formatDateTime(span.endsAt, lang).split(' ').pop() : formatDateTime(span.endsAt, lang);
  return (
    <>
      <time datetime={span.startsAt.toISOString()}>{formatDateTime(span.startsAt, lang)}</time>
      {' – '}
      <time datetime={span.endsAt.toISOString()}>{end}</time>
    </>
  );
}
