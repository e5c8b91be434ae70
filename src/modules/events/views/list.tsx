import { usePage } from '../../../web/page-context.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventTense } from '../phases.ts';
import type { ListedEvent } from '../queries.ts';

/** Events in three groups: upcoming (soonest first), running, and past (latest first). */
export function EventListPage({ groups }: { groups: Record<EventTense, ListedEvent[]> }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('events.title')}</h1>
      <p>{t('events.intro')}</p>
      {(['running', 'upcoming', 'past'] as const).map((tense) => (
        <section key={tense} aria-labelledby={`events-${tense}`}>
          <h2 id={`events-${tense}`}>{t(`events.tense.${tense}`)}</h2>
          {groups[tense].length === 0 ? (
            <p>{t('events.none')}</p>
          ) : (
            <ul class="cards">
              {groups[tense].map(({ event: e, startsAt }) => (
                <li key={e.id}>
                  <h3>
                    <a href={`/events/${e.slug}`}>{pick(lang, e.titleSv, e.titleEn)}</a>
                  </h3>
                  <p>
                    {t(`events.kind.${e.kind}`)} · {e.online ? t('events.online') : e.place}
                    {startsAt && (
                      <>
                        {' '}
                        · <time datetime={startsAt.toISOString()}>{formatDateTime(startsAt, lang)}</time>
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
