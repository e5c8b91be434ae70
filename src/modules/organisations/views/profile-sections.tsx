import { formatDate } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { datasetTitle } from '../../proposals/views/content.tsx';
import type { datasetsOfOrganisation } from '../../datasets/queries.ts';
import type { eventsOfOrganisation } from '../../events/queries.ts';

/** The datasets an organisation publishes: the first few, and the whole list filtered to it. */
export function OrganisationDatasets({ organisationId, list }: { organisationId: string; list: Awaited<ReturnType<typeof datasetsOfOrganisation>> }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="org-datasets-heading">
      <h2 id="org-datasets-heading">{t('org.datasets')}</h2>
      {list.total === 0 ? (
        <p>{t('org.noDatasets')}</p>
      ) : (
        <>
          <ul>
            {list.rows.map((d) => {
              const title = datasetTitle(lang, d);
              return (
                <li key={d.id}>
                  <a href={`/datasets/${d.id}`} lang={title.lang}>
                    {title.text || t('datasets.untitled')}
                  </a>
                  {d.registered && <span class="meta"> ({t('org.registered')})</span>}
                </li>
              );
            })}
          </ul>
          <p>
            <a href={`/datasets?organisation=${organisationId}`}>{t('org.allDatasets', { count: list.total })}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** Events an organisation runs or that take up its challenges, latest first, with their dates. */
export function OrganisationEvents({ list }: { list: Awaited<ReturnType<typeof eventsOfOrganisation>> }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="org-events-heading">
      <h2 id="org-events-heading">{t('org.events')}</h2>
      {list.total === 0 ? (
        <p>{t('org.noEvents')}</p>
      ) : (
        <ul>
          {list.rows.map((e) => (
            <li key={e.slug}>
              <a href={`/events/${e.slug}`}>
                <Localised sv={e.titleSv} en={e.titleEn} />
              </a>
              {e.startsAt && (
                <>
                  {' – '}
                  <time dateTime={e.startsAt.toISOString()}>{formatDate(e.startsAt, lang)}</time>
                </>
              )}{' '}
              <span class="meta">({t(e.runs ? 'org.eventRuns' : 'org.eventHasChallenge')})</span>
            </li>
          ))}
        </ul>
      )}
      {list.total > list.rows.length && <p>{t('org.moreEvents', { shown: list.rows.length, count: list.total })}</p>}
    </section>
  );
}
