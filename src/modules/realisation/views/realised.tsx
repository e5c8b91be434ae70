import type { ComponentChildren } from 'preact';
import { Filter, Pagination } from '../../../web/components/listing.tsx';
import { usePage } from '../../../web/page-context.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { filterParams } from '../filters.ts';
import { funnelSteps, REALISED_PAGE, reachedSteps, type EventFunnel, type FunnelCounts, type RealisedItem, type ReachedStep } from '../funnel.ts';
import { JuryResultText, NeedOwnerList, StageBadge } from './record.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { CsvLink } from '../../../web/components/csv-link.tsx';
import { Button } from '../../../web/components/button.tsx';
import { PlainTable } from '../../statistics/views/plain-table.tsx';

interface RealisedProps {
  filter: { event: string; year: number | null };
  page: number;
  /** Every event with solutions (for the filters), and those the filter keeps. */
  events: EventFunnel[];
  selected: EventFunnel[];
  total: FunnelCounts;
  byYear: { year: number; funnel: FunnelCounts }[];
  items: RealisedItem[];
  itemCount: number;
}

const percent = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

/** A bar for the eye; the number beside it says the same for everyone, so the bar is hidden from screen readers. */
function Bar({ value, max }: { value: number; max: number }) {
  return (
    <svg class="bar" width="160" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="bar-track" width="100" height="10" />
      <rect class="bar-fill" width={max ? (value / max) * 100 : 0} height="10" />
    </svg>
  );
}

/** The public funnel: how far finished solutions got, overall, per year and per event, then the ones that moved. */
export function RealisedPage(p: RealisedProps) {
  const { t, lang } = usePage();
  const scope = p.filter.event
    ? pick(lang, p.selected[0]?.titleSv ?? p.filter.event, p.selected[0]?.titleEn ?? '')
    : p.filter.year
      ? String(p.filter.year)
      : t('realised.allEvents');
  const years = [...new Set(p.events.map((e) => e.year))];
  const submitted = p.total.counts.submitted;
  const link = (page: number) => {
    const q = filterParams(p.filter);
    if (page > 1) q.set('page', String(page));
    const query = q.toString();
    return query ? `/realised?${query}` : '/realised';
  };
  return (
    <>
      <h1>{t('realised.title')}</h1>
      <p class="lead">{t('realised.intro')}</p>
      <form method="get" action="/realised" class="search-form" aria-label={t('realised.filterLabel')}>
        <div class="filters">
          <Filter
            name="year"
            label={t('solution.year')}
            value={p.filter.year ? String(p.filter.year) : ''}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <Filter
            name="event"
            label={t('solution.event')}
            value={p.filter.event}
            options={p.events.map((e) => ({ value: e.slug, label: pick(lang, e.titleSv, e.titleEn) }))}
          />
        </div>
        <Button>{t('realised.show')}</Button>
      </form>

      <table class="funnel">
        <caption>{t('realised.funnelCaption', { scope })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('realised.step')}</th>
            <th scope="col">{t('realised.solutions')}</th>
            <th scope="col">{t('realised.share')}</th>
            <th scope="col">{t('realised.confirmed')}</th>
          </tr>
        </thead>
        <tbody>
          {funnelSteps.map((step) => (
            <tr key={step}>
              <th scope="row">{t(`realised.step.${step}`)}</th>
              <td>
                <Bar value={p.total.counts[step]} max={submitted} /> {p.total.counts[step]}
              </td>
              <td>{percent(p.total.counts[step], submitted)} %</td>
              <td>{(reachedSteps as readonly string[]).includes(step) ? p.total.confirmed[step as ReachedStep] : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('realised.leftRoad', { paused: p.total.paused, stopped: p.total.stopped })}</p>
      <p class="meta">{t('realised.howCounted')}</p>
      <p>
        <a href="/matches">{t('realised.matchesLink')}</a>
      </p>

      <StepTable
        id="by-year"
        caption={t('realised.byYear')}
        head={t('solution.year')}
        rows={p.byYear.map((y) => ({ key: String(y.year), label: <a href={`/realised?year=${y.year}`}>{y.year}</a>, funnel: y.funnel }))}
      />
      <StepTable
        id="by-event"
        caption={t('realised.byEvent')}
        head={t('solution.event')}
        rows={p.selected.map((e) => ({
          key: e.slug,
          label: (
            <a href={`/realised?event=${e.slug}`}>
              <Localised sv={e.titleSv} en={e.titleEn} />
            </a>
          ),
          funnel: e,
        }))}
      />

      <h2>{t('realised.movedOn', { count: p.itemCount })}</h2>
      {p.items.length === 0 ? (
        <p>{t('realised.noneMoved')}</p>
      ) : (
        <ul class="plain-list">
          {p.items.map((s) => (
            <li key={s.id} class="card">
              <h3 class="card-title">
                <a href={`/solutions/${s.id}`}>{s.title}</a>
              </h3>
              <dl class="summary-list">
                <dt>{t('solution.stage')}</dt>
                <dd>
                  <StageBadge stage={s.stage} confirmed={s.confirmed} />
                </dd>
                <dt>{t('solution.event')}</dt>
                <dd>
                  <Localised sv={s.eventSv} en={s.eventEn} />
                </dd>
                <dt>{t('team.challenge')}</dt>
                <dd>
                  {s.challengeSlug ? (
                    <a href={`/challenges/${s.challengeSlug}`}>
                      <Localised sv={s.challengeSv!} en={s.challengeEn ?? ''} />
                    </a>
                  ) : (
                    t('solution.noChallenge')
                  )}
                </dd>
                <dt>{t('solution.needOwners')}</dt>
                <dd>
                  <NeedOwnerList owners={s.owners} />
                </dd>
                <dt>{t('proposal.datasets')}</dt>
                <dd>
                  {s.datasets.length
                    ? s.datasets.map((d, i) => [
                        i > 0 && ', ',
                        <a key={d.id} href={`/datasets/${d.id}`}>
                          <Localised sv={d.titleSv} en={d.titleEn} />
                        </a>,
                      ])
                    : t('proposal.noDatasets')}
                </dd>
                {(s.jury.finalist || s.jury.awards.length > 0) && (
                  <>
                    <dt>{t('solution.juryResult')}</dt>
                    <dd>
                      <JuryResultText jury={s.jury} />
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
      {p.itemCount > REALISED_PAGE && <Pagination current={p.page} pages={Math.ceil(p.itemCount / REALISED_PAGE)} href={link} />}
      <p>
        {t('realised.openData')} <CsvLink href="/open-data/realisation.csv">CSV</CsvLink>, <a href="/open-data/realisation.json">JSON</a>,{' '}
        <a href="/api/docs">{t('footer.api')}</a>
      </p>
    </>
  );
}

/** Funnel steps side by side, one row per year or event. */
function StepTable({
  id,
  caption,
  head,
  rows,
}: {
  id: string;
  caption: string;
  head: string;
  rows: { key: string; label: ComponentChildren; funnel: FunnelCounts }[];
}) {
  const { t } = usePage();
  if (rows.length === 0) return null;
  return (
    <PlainTable
      id={id}
      title={caption}
      head={[head, ...funnelSteps.map((s) => t(`realised.step.${s}`)), t('realisation.stage.paused'), t('realisation.stage.stopped')]}
      rows={rows.map((r) => [r.label, ...funnelSteps.map((s) => r.funnel.counts[s]), r.funnel.paused, r.funnel.stopped])}
    />
  );
}
