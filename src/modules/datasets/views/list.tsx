import { usePage } from '../../../web/page-context.ts';
import { Filter, Pagination, SearchForm } from '../../../web/components/listing.tsx';
import { themes } from '../../challenges/themes.ts';
import { ThemeList } from '../../challenges/views/parts.tsx';
import { licenceName } from '../harvest/vocab.ts';
import { InLang, preferred, textsOf } from './texts.tsx';
import type { DatasetFilters, DatasetHit, Facets } from '../search.ts';
import { Button } from '../../../web/components/button.tsx';

export function DatasetListPage(props: {
  filters: DatasetFilters;
  items: DatasetHit[];
  total: number;
  pageSize: number;
  facets: Facets;
  canPublish: boolean;
  /** The organisation whose datasets alone are listed (`?organisation=`), when one is. */
  organisation?: { name: string } | null;
}) {
  const { filters, items, total, pageSize, facets, canPublish, organisation } = props;
  const { t, lang } = usePage();
  const pages = Math.min(500, Math.max(1, Math.ceil(total / pageSize)));
  return (
    <>
      <h1>{t('datasets.title')}</h1>
      <p>{t('datasets.intro')}</p>
      <p>
        <a href="/datasets/dcat">{t('datasets.catalogLink')}</a>
      </p>
      {canPublish && (
        <>
          <p>{t('datasets.registerIntro')}</p>
          <ul class="actions" aria-label={t('datasets.manage')}>
            <li>
              <Button href="/datasets/new" variant="secondary">
                {t('datasets.register')}
              </Button>
            </li>
            <li>
              <a href="/harvest-sources">{t('nav.sources')}</a>
            </li>
            <li>
              <a href="/dataset-reports">{t('report.inbox')}</a>
            </li>
            <li>
              <a href="/data-requests">{t('dataRequest.inbox')}</a>
            </li>
          </ul>
        </>
      )}
      <SearchForm action="/datasets" label={t('datasets.searchLabel')} q={filters.q}>
        <div class="filters">
          <Filter name="theme" label={t('challenges.theme')} value={filters.theme} options={themes.map((th) => ({ value: th.code, label: th.label[lang] }))} />
          <Filter name="publisher" label={t('datasets.publisher')} value={filters.publisher} options={facets.publishers.map((p) => ({ value: p, label: p }))} />
          <Filter name="format" label={t('datasets.format')} value={filters.format} options={facets.formats.map((f) => ({ value: f, label: f }))} />
          <Filter
            name="licence"
            label={t('datasets.licence')}
            value={filters.licence}
            options={facets.licences.map((l) => ({ value: l, label: licenceName(l) }))}
          />
        </div>
        {filters.source && <input type="hidden" name="source" value={filters.source} />}
        {filters.organisation && <input type="hidden" name="organisation" value={filters.organisation} />}
      </SearchForm>
      {organisation && (
        <p>
          {t('datasets.ofOrganisation', { name: organisation.name })} <a href="/datasets">{t('challenges.showAll')}</a>
        </p>
      )}
      <p role="status">{t('datasets.count', { count: total })}</p>
      <ol class="results">
        {items.map((d) => {
          const title = preferred(textsOf(d.titles ?? undefined, d.titleSv, d.titleEn, d.unknownSv), lang);
          const description = preferred(textsOf(d.descriptions ?? undefined, d.descriptionSv, d.descriptionEn, d.unknownSv), lang);
          return (
            <li key={d.id} class="card">
              <h2 class="card-title">
                {title ? <InLang text={title} as="a" href={`/datasets/${d.id}`} /> : <a href={`/datasets/${d.id}`}>{t('datasets.untitled')}</a>}
              </h2>
              <p class="meta">
                {d.publisherName}
                {d.formats.length > 0 && ` · ${d.formats.join(', ')}`}
              </p>
              {description && <InLang text={{ ...description, value: truncate(description.value, 300) }} as="p" />}
              <ThemeList codes={d.themes} filter="/datasets" />
            </li>
          );
        })}
      </ol>
      {pages > 1 && <Pagination current={filters.page} pages={pages} href={(page) => datasetsLink(filters, page)} />}
    </>
  );
}

export const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')} …` : text);

function datasetsLink(filters: DatasetFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'theme', 'publisher', 'format', 'licence', 'source', 'organisation'] as const) if (filters[key]) params.set(key, filters[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/datasets${query ? `?${query}` : ''}`;
}
