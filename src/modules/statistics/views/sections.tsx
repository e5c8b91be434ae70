import type { Lang, Translate } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { themeByCode } from '../../challenges/themes.ts';
import { counties } from '../../events/diversity.ts';
import type { OrganisationType } from '../../../db/schema/index.ts';
import { levelOf } from '../figures.ts';
import type { Published } from '../suppression.ts';
import type { StatRow, StatTable } from '../tables.ts';
import { BarChart, FunnelChart, LineChart, type ChartRow } from './charts.tsx';
import { PlainTable } from './plain-table.tsx';
export { PlainTable };

const numberFormats = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };
const percentFormats = { sv: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }) };

/** A figure for people: the number, or why it is not shown. */
export function shown(t: Translate, lang: Lang, v: Published | undefined): string {
  if (v === 'small') return t('stats.fewerThan5');
  if (v === 'hidden') return t('stats.suppressed');
  return numberFormats[lang].format(v ?? 0);
}

/** What a row of a table stands for, in the reader's language. */
export function rowLabel(t: Translate, lang: Lang, table: string, key: string): string {
  const [kind, question] = table.split('.');
  switch (kind) {
    case 'totals':
      return t(`stats.totals.${key as 'participants'}`);
    case 'dataUse':
      return t(`stats.dataUse.${key as 'cited'}`);
    case 'eventsByKind':
      return t(`events.kind.${key as 'hackathon'}`);
    case 'challengesByStatus':
      return t(`challenge.status.${key as 'published'}`);
    case 'challengesByTheme':
    case 'datasetsUsedByTheme':
    case 'datasetsCitedByTheme':
      return themeByCode.get(key)?.label[lang] ?? key;
    case 'needOwnersByType':
      return `${t(`org.type.${key as OrganisationType}`)} (${t(`stats.level.${levelOf[key as OrganisationType] ?? 'none'}`)})`;
    case 'datasetsUsedByPublisher':
    case 'datasetsCitedByPublisher':
      return key || t('stats.unknownPublisher');
    case 'funnel':
      return t(`realised.step.${key as 'submitted'}`);
    case 'roles':
      return t(`profile.role.${key as 'developer'}`);
    case 'diversity':
      if (key === 'respondents') return t('stats.respondents');
      if (key === 'unanswered') return t('manage.unanswered');
      if (question === 'county') return key in counties ? counties[key as keyof typeof counties] : t(`diversity.county.${key as 'abroad'}`);
      if (question === 'firstHackathon') return t(key === 'yes' ? 'diversity.first.yes' : 'diversity.first.no');
      return t(`diversity.${question as 'gender'}.${key as 'woman'}`);
    default:
      return key;
  }
}

export const tableTitle = (t: Translate, id: string) => t(`stats.table.${id.replace('.', '_') as 'totals'}`);

type ChartKind = 'bar' | 'line' | 'funnel' | null;

/** One table of figures, drawn as a chart where that helps, always with the table itself; links where public. */
export function TableSection({ table, chart = null, limit, idPrefix = '' }: { table: StatTable; chart?: ChartKind; limit?: number; idPrefix?: string }) {
  const { t, lang } = usePage();
  const rows = limit ? table.rows.slice(0, limit) : table.rows;
  const title = tableTitle(t, table.id);
  const id = `${idPrefix}chart-${table.id.replace('.', '-')}`;
  const withPrevious = rows.some((r) => r.previous !== undefined);
  const withShare = rows.some((r) => r.share !== undefined);
  const head = [
    t('stats.what'),
    withPrevious ? t('stats.thisYear') : t('stats.count'),
    ...(withShare ? [t('stats.share')] : []),
    ...(withPrevious ? [t('stats.previousYear')] : []),
  ];
  const cells = rows.map((r) => [
    rowLabel(t, lang, table.id, r.key),
    <Value row={r} />,
    ...(withShare ? [typeof r.share === 'number' ? `${percentFormats[lang].format(r.share)} %` : ''] : []),
    ...(withPrevious ? [shown(t, lang, r.previous)] : []),
  ]);
  if (!rows.length) {
    return (
      <section class="stat-section">
        <h3>{title}</h3>
        <p>{t('stats.nothing')}</p>
      </section>
    );
  }
  const numeric = rows.filter((r) => typeof r.value === 'number') as (StatRow & { value: number })[];
  if (chart && numeric.length === rows.length) {
    const chartRows: ChartRow[] = rows.map((r) => ({ label: rowLabel(t, lang, table.id, r.key), value: r.value as number }));
    const props = { id, title, summary: summaryOf(t, lang, chart, chartRows), rows: chartRows, table: { head, rows: cells } };
    return (
      <section class="stat-section">
        {chart === 'line' ? <LineChart {...props} /> : chart === 'funnel' ? <FunnelChart {...props} /> : <BarChart {...props} />}
      </section>
    );
  }
  return (
    <section class="stat-section">
      <PlainTable id={id} title={title} head={head} rows={cells} />
    </section>
  );
}

function Value({ row }: { row: StatRow }) {
  const { t, lang } = usePage();
  const text = shown(t, lang, row.value);
  return row.href && typeof row.value === 'number' && row.value > 0 ? <a href={row.href}>{text}</a> : <>{text}</>;
}

/** The text a chart says in words: the largest and the total, the first and last year, or the funnel's ends. */
function summaryOf(t: Translate, lang: Lang, chart: Exclude<ChartKind, null>, rows: ChartRow[]): string {
  const f = (n: number) => numberFormats[lang].format(n);
  if (chart === 'line') {
    const first = rows[0];
    const last = rows[rows.length - 1];
    return t('stats.summary.line', { first: first.label, firstValue: f(first.value), last: last.label, lastValue: f(last.value) });
  }
  if (chart === 'funnel')
    return t('stats.summary.funnel', {
      first: rows[0].label,
      firstValue: f(rows[0].value),
      last: rows[rows.length - 1].label,
      lastValue: f(rows[rows.length - 1].value),
    });
  const largest = rows.reduce((a, b) => (b.value > a.value ? b : a), rows[0]);
  return t('stats.summary.bar', { label: largest.label, value: f(largest.value), total: f(rows.reduce((s, r) => s + r.value, 0)) });
}
