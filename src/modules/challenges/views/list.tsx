import { usePage } from '../../../web/page-context.ts';
import { Filter, Pagination, SearchForm } from '../../../web/components/listing.tsx';
import { organisationTypes } from '../../../db/schema/index.ts';
import type { ChallengeFilters, ChallengeHit } from '../search.ts';
import { themes } from '../themes.ts';
import { Marked, pick, StatusBadge, ThemeList } from './parts.tsx';
import { Button } from '../../../web/components/button.tsx';
import { Card } from '../../../web/components/card.tsx';

export function ChallengeListPage({
  filters,
  items,
  total,
  browsable,
  pageSize,
  canCreate,
}: {
  filters: ChallengeFilters;
  items: ChallengeHit[];
  total: number;
  browsable: number;
  pageSize: number;
  canCreate: boolean;
}) {
  const { t, lang } = usePage();
  const pages = Math.max(1, Math.ceil(browsable / pageSize));
  return (
    <>
      <h1>{t('challenges.title')}</h1>
      <p>{t('challenges.intro')}</p>
      <p>
        {canCreate && (
          <>
            <Button href="/challenges/new">{t('challenges.new')}</Button>{' '}
          </>
        )}
        <a href={`/feeds/challenges.atom?lang=${lang}`}>{t('challenges.feed')}</a>
      </p>
      <SearchForm action="/challenges" label={t('challenges.searchLabel')} q={filters.q}>
        <div class="filters">
          <Filter name="theme" label={t('challenges.theme')} value={filters.theme} options={themes.map((th) => ({ value: th.code, label: th.label[lang] }))} />
          <Filter
            name="orgType"
            label={t('org.type')}
            value={filters.orgType}
            options={organisationTypes.map((o) => ({ value: o, label: t(`org.type.${o}`) }))}
          />
          <Filter
            name="status"
            label={t('challenges.status')}
            value={filters.status === 'published' ? '' : filters.status}
            any={t('challenge.status.published')}
            options={['closed', 'archived', 'all'].map((s) => ({ value: s, label: t(`challenges.statusFilter.${s as 'closed'}`) }))}
          />
          <Filter
            name="mode"
            label={t('challenges.mode')}
            value={filters.mode}
            options={[
              { value: 'year_round', label: t('challenge.yearRound') },
              { value: 'event', label: t('challenge.event') },
            ]}
          />
          <Filter
            name="sort"
            label={t('challenges.sort')}
            value={filters.sort}
            any={null}
            options={(filters.q ? ['relevance', 'newest', 'closing'] : ['newest', 'closing']).map((s) => ({
              value: s,
              label: t(`challenges.sort.${s as 'newest'}`),
            }))}
          />
        </div>
        {filters.organisation && <input type="hidden" name="organisation" value={filters.organisation} />}
      </SearchForm>
      {filters.organisation && (
        <p>
          {t('challenges.onlyOrganisation', { slug: filters.organisation })}{' '}
          <a href={linkTo(filters, { organisation: '', page: 1 })}>{t('challenges.showAll')}</a>
        </p>
      )}
      <p role="status">{total === 1 ? t('challenges.countOne') : t('challenges.count', { count: total })}</p>
      <ol class="results">
        {items.map((c) => (
          <Card
            key={c.slug}
            headingLevel={2}
            href={`/challenges/${c.slug}`}
            title={filters.q && lang === 'sv' ? <Marked text={c.titleMarked} /> : pick(lang, c.titleSv, c.titleEn)}
            meta={
              <>
                <a href={linkTo(filters, { organisation: c.orgSlug, page: 1 })}>{c.orgName}</a> · <StatusBadge status={c.status} /> ·{' '}
                {c.yearRound ? t('challenge.yearRound') : t('challenge.event')}
                {c.endsOn ? ` · ${t('challenge.endsOn', { date: c.endsOn })}` : ''}
              </>
            }
          >
            <p>{filters.q && lang === 'sv' ? <Marked text={c.summaryMarked} /> : pick(lang, c.summarySv, c.summaryEn)}</p>
            <ThemeList codes={c.themes} filter="/challenges" />
          </Card>
        ))}
      </ol>
      {browsable < total && filters.page >= pages && <p>{t('challenges.narrowDown', { count: browsable })}</p>}
      {pages > 1 && <Pagination current={filters.page} pages={pages} href={(page) => linkTo(filters, { page })} />}
    </>
  );
}

/** A /challenges link with the current filters and some changed; defaults are left out to keep URLs short. */
export function linkTo(filters: ChallengeFilters, change: Partial<ChallengeFilters>): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.theme) params.set('theme', next.theme);
  if (next.organisation) params.set('organisation', next.organisation);
  if (next.orgType) params.set('orgType', next.orgType);
  if (next.status !== 'published') params.set('status', next.status);
  if (next.mode) params.set('mode', next.mode);
  if (next.sort !== (next.q ? 'relevance' : 'newest')) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return `/challenges${query ? `?${query}` : ''}`;
}
