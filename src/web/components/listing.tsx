import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import { Button } from './button.tsx';

/**
 * A filter of a search form: a select whose first option means "any" (`any={null}` leaves it out, for choices such
 * as the sort order that always have a value).
 */
export function Filter({
  name,
  label,
  value,
  options,
  any,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  any?: string | null;
  /** Said under the label (why the list is short, say). */
  hint?: string;
}) {
  const { t } = usePage();
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`filter-${name}-hint`}>
          {hint}
        </p>
      )}
      <select id={`filter-${name}`} name={name} aria-describedby={hint ? `filter-${name}-hint` : undefined}>
        {any !== null && <option value="">{any ?? t('challenges.any')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A list's search form: the words, then its filters (children), then the search button. Works as a plain GET form. */
export function SearchForm({ action, label, q, children }: { action: string; label: string; q: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <form method="get" action={action} role="search" class="search-form" aria-label={label}>
      <div class="field">
        <label for="q">{t('challenges.search')}</label>
        <input id="q" name="q" type="search" value={q} maxLength={200} />
      </div>
      {children}
      <Button>{t('challenges.searchButton')}</Button>
    </form>
  );
}

/**
 * Pagination (GOV.UK's pagination): previous, first, a window around the current page, last and next, each at least
 * 44 px; the current page marked aria-current. CSS: "Pagination" in src/web/styles/components.css.
 *   <Pagination current={2} pages={9} href={(page) => `/challenges?page=${page}`} />   (`href` keeps the list's filters)
 */
export function Pagination({ current, pages, href }: { current: number; pages: number; href: (page: number) => string }) {
  const { t } = usePage();
  const window = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={t('pagination.label')} class="pagination">
      <ul>
        {current > 1 && (
          <li>
            <a href={href(current - 1)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        )}
        {window.map((p, i) => (
          <li key={p}>
            {i > 0 && p - window[i - 1] > 1 && <span aria-hidden="true">… </span>}
            {p === current ? (
              <a href={href(p)} aria-current="page">
                {t('pagination.page', { page: p })}
              </a>
            ) : (
              <a href={href(p)}>{t('pagination.page', { page: p })}</a>
            )}
          </li>
        ))}
        {current < pages && (
          <li>
            <a href={href(current + 1)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
