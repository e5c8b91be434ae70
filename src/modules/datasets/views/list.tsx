import { usePage } from '../../../web/page-context.ts';
import { themes } from '../../challenges/themes.ts';
import { pick, ThemeList } from '../../challenges/views/parts.tsx';
import { licenceName } from '../harvest/vocab.ts';
import type { DatasetFilters, DatasetHit, Facets } from '../search.ts';

export function DatasetListPage({ filters, items, total, pageSize, facets }: { filters: DatasetFilters; items: DatasetHit[]; total: number; pageSize: number; facets: Facets }) {
  const { t, lang } = usePage();
  const pages = Math.min(500, Math.max(1, Math.ceil(total / pageSize)));
  const select = (name: keyof DatasetFilters, label: string, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{t('challenges.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === filters[name]}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>{t('datasets.title')}</h1>
      <p>{t('datasets.intro')}</p>
      <p>
        <a href="/datasets/dcat">{t('datasets.catalogLink')}</a>
      </p>
      <form method="get" action="/datasets" role="search" class="search-form" aria-label={t('datasets.searchLabel')}>
        <div class="field">
          <label for="q">{t('challenges.search')}</label>
          <input id="q" name="q" type="search" value={filters.q} maxLength={200} />
        </div>
        <div class="filters">
          {select('theme', t('challenges.theme'), themes.map((th) => ({ value: th.code, label: th.label[lang] })))}
          {select('publisher', t('datasets.publisher'), facets.publishers.map((p) => ({ value: p, label: p })))}
          {select('format', t('datasets.format'), facets.formats.map((f) => ({ value: f, label: f })))}
          {select('licence', t('datasets.licence'), facets.licences.map((l) => ({ value: l, label: licenceName(l) })))}
        </div>
        {filters.source && <input type="hidden" name="source" value={filters.source} />}
        <button type="submit" class="button">
          {t('challenges.searchButton')}
        </button>
      </form>
      <p role="status">{t('datasets.count', { count: total })}</p>
      <ol class="results">
        {items.map((d) => (
          <li key={d.id} class="card">
            <h2 class="card-title">
              <a href={`/datasets/${d.id}`}>{pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled')}</a>
            </h2>
            <p class="meta">
              {d.publisherName}
              {d.formats.length > 0 && ` · ${d.formats.join(', ')}`}
            </p>
            <p>{truncate(pick(lang, d.descriptionSv, d.descriptionEn), 300)}</p>
            <ThemeList codes={d.themes} />
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav aria-label={t('pagination.label')} class="pagination">
          <ul>
            {filters.page > 1 && (
              <li>
                <a href={datasetsLink(filters, filters.page - 1)} rel="prev">
                  {t('pagination.previous')}
                </a>
              </li>
            )}
            <li>
              <a href={datasetsLink(filters, filters.page)} aria-current="page">
                {t('pagination.page', { page: filters.page })}
              </a>
            </li>
            {filters.page < pages && (
              <li>
                <a href={datasetsLink(filters, filters.page + 1)} rel="next">
                  {t('pagination.next')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

export const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')} …` : text);

function datasetsLink(filters: DatasetFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'theme', 'publisher', 'format', 'licence', 'source'] as const) if (filters[key]) params.set(key, filters[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/datasets${query ? `?${query}` : ''}`;
}
