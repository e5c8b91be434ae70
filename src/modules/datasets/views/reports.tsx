import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { datasetProblemKinds } from '../../../db/schema/index.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { reportStates, type DatasetReport, type InboxReport, type ReportState } from '../reports.ts';
import { Tabs } from '../../../web/components/tabs.tsx';

export interface ReportFormState {
  values?: FormValues;
  errors?: FieldErrors;
}

/** A dataset page's problem reports, and the form to report one (for the signed in). */
export function DatasetReports({
  datasetId,
  reports,
  signedIn,
  canAnswer,
  form,
}: {
  datasetId: string;
  reports: DatasetReport[];
  signedIn: boolean;
  canAnswer: boolean;
  form: ReportFormState;
}) {
  const { t, lang } = usePage();
  return (
    <section id="reports" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('report.title')}</h2>
      {reports.length === 0 ? (
        <p>{t('report.none')}</p>
      ) : (
        <ul class="reports">
          {reports.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{t(`report.kind.${r.kind}`)}</strong> · {formatDateTime(r.createdAt, lang)}
              </p>
              <p class="pre-line">{r.message}</p>
              {r.answer ? (
                <p class="answer pre-line">
                  <strong>{t('report.answer')}:</strong> {r.answer}
                </p>
              ) : (
                <p>{t('report.unanswered')}</p>
              )}
              {canAnswer && <a href={`/dataset-reports/${r.id}`}>{r.answer ? t('report.changeAnswer') : t('report.doAnswer')}</a>}
            </li>
          ))}
        </ul>
      )}
      {signedIn ? (
        <>
          <h3>{t('report.new')}</h3>
          <p>{t('report.publicNote')}</p>
          <ErrorSummary errors={form.errors} labels={{ kind: 'report.kind', message: 'report.message' }} />
          <form method="post" action={`/datasets/${datasetId}/reports`} novalidate>
            <CsrfField />
            <Select
              name="kind"
              label="report.kind"
              required
              values={form.values}
              errors={form.errors}
              options={datasetProblemKinds.map((k) => ({ value: k, label: t(`report.kind.${k}`) }))}
            />
            <TextArea
              name="message"
              label="report.message"
              hint="report.messageHint"
              required
              rows={4}
              maxLength={2000}
              values={form.values}
              errors={form.errors}
            />
            <SubmitButton label="report.submit" />
          </form>
        </>
      ) : (
        <p>
          <a href={`/signin?next=${encodeURIComponent(`/datasets/${datasetId}#reports`)}`}>{t('report.signIn')}</a>
        </p>
      )}
    </section>
  );
}

/** The reports a publisher answers for, open ones first by default. */
export function ReportInboxPage({ reports, state }: { reports: InboxReport[]; state: ReportState }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('report.inbox')}</h1>
      <Tabs
        label={t('report.filter')}
        items={reportStates.map((s) => ({ href: `/dataset-reports?state=${s}`, label: t(`report.state.${s}`), current: s === state }))}
      />
      {reports.length === 0 ? (
        <p>{t('report.inboxEmpty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('report.inbox')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.dataset')}</th>
              <th scope="col">{t('report.kind')}</th>
              <th scope="col">{t('report.received')}</th>
              <th scope="col">{t('report.status')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/dataset-reports/${r.id}`}>{pick(lang, r.titleSv, r.titleEn) || t('datasets.untitled')}</a>
                </td>
                <td>{t(`report.kind.${r.kind}`)}</td>
                <td>{formatDateTime(r.createdAt, lang)}</td>
                <td>{r.answer ? t('report.state.answered') : t('report.state.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One report and the form that answers it; the reporter is told by e-mail. */
export function ReportPage({
  report,
  dataset,
  form,
}: {
  report: DatasetReport;
  dataset: { id: string; titleSv: string; titleEn: string };
  form: ReportFormState;
}) {
  const { t, lang } = usePage();
  const title = pick(lang, dataset.titleSv, dataset.titleEn) || t('datasets.untitled');
  return (
    <>
      <h1>{t('report.about', { title })}</h1>
      <p>
        <a href={`/datasets/${dataset.id}#reports`}>{t('report.toDataset')}</a> · <a href="/dataset-reports">{t('report.inbox')}</a>
      </p>
      <dl class="summary-list">
        <dt>{t('report.kind')}</dt>
        <dd>{t(`report.kind.${report.kind}`)}</dd>
        <dt>{t('report.received')}</dt>
        <dd>{formatDateTime(report.createdAt, lang)}</dd>
        <dt>{t('report.message')}</dt>
        <dd class="pre-line">{report.message}</dd>
      </dl>
      <ErrorSummary errors={form.errors} labels={{ answer: 'report.answer' }} />
      <form method="post" action={`/dataset-reports/${report.id}/answer`} novalidate>
        <CsrfField />
        <TextArea
          name="answer"
          label="report.answer"
          hint="report.answerHint"
          required
          rows={5}
          maxLength={2000}
          values={form.values ?? { answer: report.answer ?? '' }}
          errors={form.errors}
        />
        <SubmitButton label="report.sendAnswer" />
      </form>
    </>
  );
}
