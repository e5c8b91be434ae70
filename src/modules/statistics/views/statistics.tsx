import { formatDateTime } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { diversityQuestions } from '../count.ts';
import type { Figures } from '../figures.ts';
import { tablesOf, type StatTable } from '../tables.ts';
import { Kept } from './kept.tsx';
import { PlainTable, rowLabel, shown, TableSection } from './sections.tsx';
import { Tabs } from '../../../web/components/tabs.tsx';

const chartOf: Record<string, 'bar' | 'line' | 'funnel' | undefined> = {
  byYear: 'line',
  eventsByKind: 'bar',
  challengesByStatus: 'bar',
  challengesByTheme: 'bar',
  needOwnersByType: 'bar',
  datasetsUsedByPublisher: 'bar',
  funnel: 'funnel',
};
const LIMITS: Record<string, number> = { challengesByTheme: 13, datasetsUsedByPublisher: 10, datasetsCitedByPublisher: 10 };

/** Every table of a scope in the order an analyst reads them: headline, events, challenges, need owners, data, realisation, diversity. */
export function FigureSections({ tables, figures, idPrefix = '' }: { tables: StatTable[]; figures: Figures; idPrefix?: string }) {
  const { t } = usePage();
  const section = (id: string) => {
    const table = tables.find((x) => x.id === id)!;
    if (id === 'byYear' && !table.rows.length) return null;
    return <TableSection key={id} table={table} chart={chartOf[id] ?? null} limit={LIMITS[id]} idPrefix={idPrefix} />;
  };
  return (
    <>
      <h2>{t('stats.headline')}</h2>
      {section('totals')}
      {section('byYear')}
      <h2>{t('stats.eventsAndChallenges')}</h2>
      {section('eventsByKind')}
      {section('challengesByStatus')}
      {section('challengesByTheme')}
      <h2>{t('stats.needOwners')}</h2>
      <p>{t('stats.needOwnersHint')}</p>
      {section('needOwnersByType')}
      <h2>{t('stats.data')}</h2>
      <p>{t('stats.dataHint')}</p>
      {section('dataUse')}
      {section('datasetsUsedByPublisher')}
      {section('datasetsCitedByPublisher')}
      {section('datasetsUsedByTheme')}
      {section('datasetsCitedByTheme')}
      <h2>{t('stats.realisation')}</h2>
      {section('funnel')}
      <h2>{t('stats.diversity')}</h2>
      <p>{t('stats.diversityHint')}</p>
      {diversityQuestions.map((q) => section(`diversity.${q}`))}
      {section('roles')}
      <p class="meta">{t('stats.rolesHint')}</p>
      {figures.diversityByEvent.length > 0 && <DiversityByEvent figures={figures} idPrefix={idPrefix} />}
    </>
  );
}

/** Per event of the year: the respondents and the first-time answers, protected with the year's tables. */
function DiversityByEvent({ figures, idPrefix }: { figures: Figures; idPrefix: string }) {
  const { t, lang } = usePage();
  const head = [
    t('solution.event'),
    t('stats.respondents'),
    ...figures.diversity.questions.firstHackathon.map((a) => rowLabel(t, lang, 'diversity.firstHackathon', a.answer)),
  ];
  return (
    <PlainTable
      id={`${idPrefix}diversity-events`}
      title={t('stats.diversityByEvent')}
      head={head}
      rows={figures.diversityByEvent.map((e) => [
        <a href={`/events/${e.slug}`}>{pick(lang, e.titleSv, e.titleEn)}</a>,
        shown(t, lang, e.table.respondents),
        ...e.table.questions.firstHackathon.map((a) => shown(t, lang, a.value)),
      ])}
    />
  );
}

/** /statistics and /statistics/:year: the figures as the job last counted them, with downloads and the other years. */
export function StatisticsPage({ figures, years }: { figures: Figures | null; years: number[] }) {
  const { t, lang } = usePage();
  const year = figures?.year ?? null;
  const scope = year === null ? 'all' : String(year);
  return (
    <>
      <h1>{year === null ? t('stats.title') : t('stats.titleYear', { year })}</h1>
      <p class="lead">{t('stats.intro')}</p>
      <Tabs
        label={t('stats.years')}
        items={[
          { href: '/statistics', label: t('stats.allYears'), current: year === null },
          ...years.map((y) => ({ href: `/statistics/${y}`, label: String(y), current: year === y })),
        ]}
      />
      {!figures ? (
        <p>{t('stats.notCounted')}</p>
      ) : (
        <>
          <p class="meta">{t('stats.countedAt', { time: formatDateTime(new Date(figures.computedAt), lang) })}</p>
          <ul class="actions">
            <li>
              <a href={`/open-data/statistics.csv?scope=${scope}`}>{t('stats.downloadCsv')}</a>
            </li>
            <li>
              <a href={`/open-data/statistics.json?scope=${scope}`}>{t('stats.downloadJson')}</a>
            </li>
            {year !== null && (
              <li>
                <a href={`/reports/${year}`}>{t('stats.reportLink', { year })}</a>
              </li>
            )}
          </ul>
          <Kept id={`statistics ${scope} ${figures.computedAt}`}>{() => <FigureSections tables={tablesOf(figures)} figures={figures} />}</Kept>
        </>
      )}
    </>
  );
}
