import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { Pagination } from '../../../web/components/listing.tsx';
import type { Lang } from '../../../web/i18n.ts';
import { periodColumns, type DatasetUse, type PeriodTotals, type UseOverTime } from '../data-use.ts';
import { PlainTable } from '../../statistics/views/plain-table.tsx';

export interface DataUsePageProps {
  org: { slug: string; name: string };
  counts: { all: number; active: number };
  used: { rows: DatasetUse[]; total: number };
  page: number;
  pages: number;
  overTime: UseOverTime;
  /** The year whose months are shown, or null when nothing happened yet. */
  year: string | null;
  requests: ComponentChildren;
}

/** A title in the page's language when there is one; marked with its language when it is not the page's. */
function Title({ lang, sv, en }: { lang: Lang; sv: string; en: string }) {
  if (lang === 'en' && en.trim()) return <>{en}</>;
  if (sv.trim()) return <>{sv}</>;
  return <span lang="en">{en}</span>;
}

/** Where a publisher sees how its datasets were used: per dataset, over time, with downloads. Public. */
export function DataUsePage({ org, counts, used, page, pages, overTime, year, requests }: DataUsePageProps) {
  const { t } = usePage();
  const base = `/organisations/${org.slug}/data-use`;
  const unused = counts.all - used.total;
  return (
    <>
      <h1>{t('dataUse.title', { name: org.name })}</h1>
      <p>{t('dataUse.intro')}</p>
      {counts.all === 0 ? (
        <p>{t('dataUse.noDatasets', { name: org.name })}</p>
      ) : (
        <p>{t('dataUse.counts', { all: counts.all, active: counts.active, used: used.total })}</p>
      )}
      <ul class="actions">
        <li>
          <a href={`${base}.csv`}>{t('dataUse.csv')}</a>
        </li>
        <li>
          <a href={`${base}.json`}>{t('dataUse.json')}</a>
        </li>
        <li>
          <a href={`/organisations/${org.slug}/datasets/usage`}>{t('dataUse.rdf')}</a>
        </li>
        <li>
          <a href={`/organisations/${org.slug}`}>{t('dataUse.back', { name: org.name })}</a>
        </li>
      </ul>

      <section aria-labelledby="over-time">
        <h2 id="over-time">{t('dataUse.overTime')}</h2>
        {overTime.years.length === 0 ? (
          <p>{t('dataUse.nothingYet')}</p>
        ) : (
          <>
            <p>{t('dataUse.overTimeHint')}</p>
            <Totals
              id="per-year"
              caption={t('dataUse.perYear')}
              head={t('dataUse.year')}
              rows={overTime.years}
              label={(p) => <a href={`${base}?year=${p}#months`}>{p}</a>}
            />
            {year && (
              <div id="months">
                <Totals
                  id="per-month"
                  caption={t('dataUse.perMonth', { year })}
                  head={t('dataUse.month')}
                  rows={overTime.months.filter((m) => m.period.startsWith(`${year}-`))}
                  label={(p) => <MonthName period={p} />}
                />
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="per-dataset">
        <h2 id="per-dataset">{t('dataUse.perDataset')}</h2>
        {used.total === 0 ? (
          counts.all > 0 && <p>{t('dataUse.noneUsed')}</p>
        ) : (
          <>
            {used.rows.map((d) => (
              <DatasetBlock key={d.id} d={d} />
            ))}
            {pages > 1 && <Pagination current={page} pages={pages} href={(p) => `${base}?page=${p}${year ? `&year=${year}` : ''}#per-dataset`} />}
          </>
        )}
        {unused > 0 && used.total > 0 && <p>{t('dataUse.unused', { count: unused })}</p>}
      </section>
      {requests}
    </>
  );
}

function MonthName({ period }: { period: string }) {
  const { lang } = usePage();
  const [y, m] = period.split('-').map(Number);
  const name = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  return <>{name}</>;
}

function Totals({
  id,
  caption,
  head,
  rows,
  label,
}: {
  id: string;
  caption: string;
  head: string;
  rows: PeriodTotals[];
  label: (period: string) => ComponentChildren;
}) {
  const { t } = usePage();
  return (
    <PlainTable
      id={id}
      title={caption}
      head={[head, ...periodColumns.map((c) => t(`dataUse.column.${c}`))]}
      rows={rows.map((r) => [label(r.period), ...periodColumns.map((c) => r[c])])}
    />
  );
}

function DatasetBlock({ d }: { d: DatasetUse }) {
  const { t, lang } = usePage();
  const hidden = d.submitted - d.solutions.length;
  return (
    <article class="data-use" aria-labelledby={`use-${d.id}`}>
      <h3 id={`use-${d.id}`}>
        <a href={`/datasets/${d.id}`}>
          <Title lang={lang} sv={d.titleSv} en={d.titleEn} />
        </a>
        {d.status === 'withdrawn' && <> ({t('dataUse.withdrawn')})</>}
      </h3>
      <dl class="summary-list">
        <dt>{t('dataUse.column.challenges')}</dt>
        <dd>{d.challenges.length}</dd>
        <dt>{t('dataUse.column.submitted')}</dt>
        <dd>{d.submitted}</dd>
        <dt>{t('dataUse.column.finalists')}</dt>
        <dd>{d.finalists}</dd>
        <dt>{t('dataUse.column.winners')}</dt>
        <dd>{d.winners}</dd>
        <dt>{t('dataUse.column.realised')}</dt>
        <dd>{d.realised}</dd>
        <dt>{t('dataUse.column.reports')}</dt>
        <dd>
          {d.reportsOpen + d.reportsAnswered > 0 ? (
            <a href={`/datasets/${d.id}#reports`}>{t('dataUse.reportCounts', { open: d.reportsOpen, answered: d.reportsAnswered })}</a>
          ) : (
            t('dataUse.reportCounts', { open: 0, answered: 0 })
          )}
        </dd>
        <dt>{t('dataUse.column.requests')}</dt>
        <dd>{d.requests}</dd>
      </dl>
      {d.challenges.length > 0 && (
        <>
          <h4>{t('dataUse.citedBy')}</h4>
          <ul>
            {d.challenges.map((c) => (
              <li key={c.slug}>
                <a href={`/challenges/${c.slug}`}>
                  <Title lang={lang} sv={c.titleSv} en={c.titleEn} />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.submitted > 0 && (
        <>
          <h4>{t('dataUse.usedBy')}</h4>
          {d.solutions.length > 0 && (
            <ul>
              {d.solutions.map((s) => (
                <li key={s.id}>
                  <a href={`/solutions/${s.id}`}>{s.title}</a>
                  {s.winner && <> – {t('dataUse.winner')}</>}
                  {!s.winner && s.finalist && <> – {t('dataUse.finalist')}</>}
                  {s.realised && <> – {t('dataUse.realised')}</>}
                </li>
              ))}
            </ul>
          )}
          {hidden > 0 && <p>{t('dataUse.notYetPublic', { count: hidden })}</p>}
        </>
      )}
    </article>
  );
}
