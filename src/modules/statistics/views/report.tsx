import { Fragment } from 'preact';
import type { ReportTexts } from '../../../db/schema/index.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDate } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { Report } from '../report.ts';
import { tableIds, tablesOf } from '../tables.ts';
import { PlainTable, shown, tableTitle } from './sections.tsx';
import { FigureSections } from './statistics.tsx';
import { Kept } from './kept.tsx';

const textFields = ['summary', 'lessons', 'nextYear'] as const;

/** The organiser's texts, in the page's language if written in it, else the other one marked with its language. */
function Text({ texts, field }: { texts: ReportTexts; field: (typeof textFields)[number] }) {
  const { t, lang } = usePage();
  const sv = texts[`${field}Sv`];
  const en = texts[`${field}En`];
  const own = lang === 'en' ? en : sv;
  const other = lang === 'en' ? sv : en;
  const body = own.trim() ? own : other;
  if (!body.trim()) return <p class="meta">{t('annual.noText')}</p>;
  return (
    <div class="pre-line" lang={own.trim() ? undefined : lang === 'en' ? 'sv' : 'en'}>
      {body}
    </div>
  );
}

/** The report itself: the same for the draft and the published copy; `base` is where its downloads live. */
export function ReportBody({ report, base }: { report: Report; base: string }) {
  const { t, lang } = usePage();
  const f = report.figures;
  return (
    <article class="report">
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('annual.summary')}</h2>
        <Text texts={report.texts} field="summary" />
      </section>
      {!f ? (
        <p>{t('annual.noFigures')}</p>
      ) : (
        <>
          <p class="meta">{report.previous ? t('annual.comparedWith', { year: report.year - 1 }) : t('annual.noPrevious', { year: report.year - 1 })}</p>
          <h2>{t('annual.events')}</h2>
          <PlainTable
            id="report-events"
            title={t('annual.eventsCaption', { year: report.year })}
            head={[t('solution.event'), t('annual.kind'), t('stats.totals.registrations'), t('stats.totals.teams'), t('stats.totals.published')]}
            rows={f.events.map((e) => [
              <a href={`/events/${e.slug}`}>{pick(lang, e.titleSv, e.titleEn)}</a>,
              t(`events.kind.${e.kind}`),
              shown(t, lang, e.registrations),
              shown(t, lang, e.teams),
              shown(t, lang, e.solutions),
            ])}
          />
          <h2>{t('annual.highlights')}</h2>
          {f.highlights.length === 0 ? (
            <p>{t('annual.noHighlights')}</p>
          ) : (
            <ul class="plain-list">
              {f.highlights.map((h) => (
                <li key={h.id} class="card">
                  <h3 class="card-title">
                    <a href={`/solutions/${h.id}`}>{h.title}</a>
                  </h3>
                  <p>
                    {t(`realisation.stage.${h.stage as 'pilot'}`)}
                    {h.confirmed ? '' : ` (${t('annual.reportedByTeam')})`} · {h.teamName}
                    {h.challengeSv ? ` · ${pick(lang, h.challengeSv, h.challengeEn ?? '')}` : ''}
                    {h.owners.length ? ` · ${h.owners.join(', ')}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('annual.newNeedOwners')}</h2>
          {f.newNeedOwners.length === 0 ? (
            <p>{t('annual.noNewNeedOwners')}</p>
          ) : (
            <ul>
              {f.newNeedOwners.map((o) => (
                <li key={o.slug}>
                  <a href={`/organisations/${o.slug}`}>{o.name}</a> ({t(`org.type.${o.type}`)})
                </li>
              ))}
            </ul>
          )}
          <FigureSections tables={tablesOf(f, report.previous)} figures={f} idPrefix="report-" />
          <h2>{t('annual.downloads')}</h2>
          <p>
            <a href={`${base}.json`}>{t('annual.wholeJson')}</a>
          </p>
          <PlainTable
            id="report-downloads"
            title={t('annual.downloadsCaption')}
            head={[t('stats.what'), 'CSV', 'JSON']}
            rows={tableIds.map((id) => [tableTitle(t, id), <a href={`${base}/tables/${id}.csv`}>CSV</a>, <a href={`${base}/tables/${id}.json`}>JSON</a>])}
          />
        </>
      )}
      <section aria-labelledby="lessons-title">
        <h2 id="lessons-title">{t('annual.lessons')}</h2>
        <Text texts={report.texts} field="lessons" />
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('annual.nextYear')}</h2>
        <Text texts={report.texts} field="nextYear" />
      </section>
    </article>
  );
}

/** The public, frozen report. */
export function PublishedReportPage({ report }: { report: Report }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('annual.title', { year: report.year })}</h1>
      <p class="meta">{t('annual.publishedOn', { date: formatDate(new Date(report.publishedAt!), lang, 'long') })}</p>
      <Kept id={`report ${report.year} ${report.publishedAt}`}>{() => <ReportBody report={report} base={`/reports/${report.year}`} />}</Kept>
    </>
  );
}

/** The organiser's draft: the texts to write, publishing, and the report as it would be published today. */
export function DraftReportPage({ report, values, errors }: { report: Report & { published: boolean }; values?: FormValues; errors?: FieldErrors }) {
  const { t, lang } = usePage();
  const v = values ?? (report.texts as unknown as FormValues);
  return (
    <>
      <h1>{t('annual.draftTitle', { year: report.year })}</h1>
      <p>{report.publishedAt ? t('annual.publishedStatus', { date: formatDate(new Date(report.publishedAt), lang, 'long') }) : t('annual.draftStatus')}</p>
      {report.published && (
        <p>
          <a href={`/reports/${report.year}`}>{t('annual.publicLink')}</a>
        </p>
      )}
      <section class="no-print" aria-labelledby="texts-title">
        <h2 id="texts-title">{t('annual.texts')}</h2>
        <ErrorSummary
          errors={errors}
          labels={
            Object.fromEntries(
              textFields.flatMap((f) => [
                [`${f}Sv`, `annual.field.${f}Sv`],
                [`${f}En`, `annual.field.${f}En`],
              ]),
            ) as never
          }
        />
        <form method="post" action={`/admin/reports/${report.year}`} novalidate>
          <CsrfField />
          {textFields.map((f) => (
            <Fragment key={f}>
              <TextArea name={`${f}Sv`} label={`annual.field.${f}Sv`} rows={5} maxLength={20000} values={v} errors={errors} />
              <TextArea name={`${f}En`} label={`annual.field.${f}En`} rows={5} maxLength={20000} values={v} errors={errors} />
            </Fragment>
          ))}
          <SubmitButton label="annual.save" />
        </form>
        <form method="post" action={`/admin/reports/${report.year}/publish`}>
          <CsrfField />
          <p>{t('annual.publishHint')}</p>
          <SubmitButton label={report.published ? 'annual.publishAgain' : 'annual.publish'} />
        </form>
      </section>
      <ReportBody report={report} base={`/admin/reports/${report.year}`} />
    </>
  );
}

/** /admin/reports: the years with figures, each report's state, and counting again now. */
export function ReportIndexPage({
  years,
  reports,
  computedAt,
}: {
  years: number[];
  reports: { year: number; publishedAt: Date | null }[];
  computedAt: Date | null;
}) {
  const { t, lang } = usePage();
  const all = [...new Set([...years, ...reports.map((r) => r.year)])].sort((a, b) => b - a);
  return (
    <>
      <h1>{t('annual.indexTitle')}</h1>
      <p>{computedAt ? t('stats.countedAt', { time: formatDate(computedAt, lang, 'long') }) : t('stats.notCounted')}</p>
      <form method="post" action="/admin/statistics/refresh">
        <CsrfField />
        <SubmitButton label="annual.refresh" />
      </form>
      <ul>
        {all.map((y) => {
          const r = reports.find((x) => x.year === y);
          return (
            <li key={y}>
              <a href={`/admin/reports/${y}`}>{t('annual.title', { year: y })}</a> –{' '}
              {r?.publishedAt ? t('annual.publishedStatus', { date: formatDate(r.publishedAt, lang, 'long') }) : t('annual.draftStatus')}
            </li>
          );
        })}
      </ul>
    </>
  );
}
