import { usePage } from '../../../web/page-context.ts';
import { Filter, Pagination } from '../../../web/components/listing.tsx';
import { formatDateTime } from '../../../web/i18n.ts';
import { MATCHES_PER_PAGE, type Match, type MatchFilter } from '../matching-queries.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { CsvLink } from '../../../web/components/csv-link.tsx';
import { Button } from '../../../web/components/button.tsx';

export interface MatchesPageProps {
  filter: MatchFilter;
  items: Match[];
  total: number;
  organisations: { slug: string; name: string }[];
}

/** The match log: who took which solution forward, and who adopted which challenge, newest first. */
export function MatchesPage({ filter, items, total, organisations }: MatchesPageProps) {
  const { t, lang } = usePage();
  const pages = Math.max(1, Math.ceil(total / MATCHES_PER_PAGE));
  const href = (page: number) =>
    `/matches?${new URLSearchParams({ ...(filter.organisation ? { organisation: filter.organisation } : {}), page: String(page) })}`;
  return (
    <>
      <h1>{t('matches.title')}</h1>
      <p class="lead">{t('matches.lead')}</p>
      <form method="get" action="/matches" class="search-form" aria-label={t('matches.filter')}>
        <Filter
          name="organisation"
          label={t('matches.organisation')}
          value={filter.organisation}
          options={organisations.map((o) => ({ value: o.slug, label: o.name }))}
          any={t('matches.anyOrganisation')}
        />
        <Button>{t('matches.show')}</Button>
      </form>
      <p role="status">{t('matches.count', { count: total })}</p>
      {items.length > 0 && (
        <table>
          <caption class="visually-hidden">{t('matches.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matches.when')}</th>
              <th scope="col">{t('matches.organisation')}</th>
              <th scope="col">{t('matches.what')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={`${m.kind} ${m.target} ${m.organisationSlug}`}>
                <td>
                  <time dateTime={m.at.toISOString()}>{formatDateTime(m.at, lang)}</time>
                </td>
                <td>
                  <a href={`/organisations/${m.organisationSlug}`}>{m.organisationName}</a>
                </td>
                <td>
                  {t(m.kind === 'solution' ? 'matches.tookForward' : 'matches.adopted')}{' '}
                  <a href={m.kind === 'solution' ? `/solutions/${m.target}` : `/challenges/${m.target}`}>
                    <Localised sv={m.titleSv} en={m.titleEn} />
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && <Pagination current={filter.page} pages={pages} href={href} />}
      <p>
        <CsvLink href="/open-data/matches.csv">{t('matches.csv')}</CsvLink>
      </p>
    </>
  );
}
