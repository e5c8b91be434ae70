import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { pick } from '../../challenges/views/parts.tsx';
import { Button } from '../../../web/components/button.tsx';

interface Summary {
  id: string;
  titleSv: string;
  titleEn: string;
  publisherName: string;
}

/** What an editor's search of the whole catalog found (null: nothing searched yet). */
export interface CatalogSearch {
  q: string;
  items: Summary[];
  total: number;
  /** How many hits the search brings back at most: beyond them, a narrower search. */
  shown: number;
}

/**
 * The challenge page's data section; its editors also get suggestions to link, each with one button, and a search
 * of the whole catalog (a GET form, so it works without script; the results come back with the page).
 */
export function ChallengeDatasets({
  slug,
  linked,
  suggested,
  search,
  canEdit,
}: {
  slug: string;
  linked: Summary[];
  suggested: Summary[];
  search: CatalogSearch | null;
  canEdit: boolean;
}) {
  const { t, lang } = usePage();
  const title = (d: Summary) => pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled');
  const button = (d: Summary, action: 'add' | 'remove') => (
    <form method="post" action={`/challenges/${slug}/datasets${action === 'remove' ? '/remove' : ''}`} class="inline-form">
      <CsrfField />
      <input type="hidden" name="dataset" value={d.id} />
      <Button variant="secondary" ariaLabel={`${t(`datasets.link.${action}`)}: ${title(d)}`}>
        {t(`datasets.link.${action}`)}
      </Button>
    </form>
  );
  return (
    <section>
      <h2>{t('datasets.forChallenge')}</h2>
      {linked.length === 0 ? (
        <p>{t('datasets.noneLinked')}</p>
      ) : (
        <ul>
          {linked.map((d) => (
            <li key={d.id}>
              <a href={`/datasets/${d.id}`}>{title(d)}</a> ({d.publisherName}) {canEdit && button(d, 'remove')}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <h3>{t('datasets.suggested')}</h3>
          {suggested.length === 0 ? (
            <p>{t('datasets.noSuggestions')}</p>
          ) : (
            <ul>
              {suggested.map((d) => (
                <li key={d.id}>
                  <a href={`/datasets/${d.id}`}>{title(d)}</a> ({d.publisherName}) {button(d, 'add')}
                </li>
              ))}
            </ul>
          )}
          <section id="datasets-search" aria-labelledby="datasets-search-heading">
            <h3 id="datasets-search-heading">{t('datasets.link.searchHeading')}</h3>
            <form method="get" action={`/challenges/${slug}#datasets-search`} role="search" class="search-form" aria-label={t('datasets.link.searchHeading')}>
              <div class="field">
                <label for="datasetQuery">{t('datasets.link.searchLabel')}</label>
                <input id="datasetQuery" name="datasetQuery" type="search" value={search?.q ?? ''} maxLength={200} />
              </div>
              <Button>{t('challenges.searchButton')}</Button>
            </form>
            {search && (
              <>
                <p role="status">
                  {t('datasets.link.found', { count: search.total })}
                  {search.total > search.shown && ` ${t('datasets.link.refine', { shown: search.shown })}`}
                </p>
                {search.items.length === 0 ? (
                  <p>{t('datasets.link.noneFound')}</p>
                ) : (
                  <ul>
                    {search.items.map((d) => (
                      <li key={d.id}>
                        <a href={`/datasets/${d.id}`}>{title(d)}</a> ({d.publisherName}) {button(d, 'add')}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
