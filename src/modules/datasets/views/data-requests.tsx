import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { dataRequestStatuses } from '../../../db/schema/index.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { requestFilters, type DataRequestDetail, type DataRequestSummary, type RequestFilter } from '../data-requests.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { CsvLink } from '../../../web/components/csv-link.tsx';
import { Tabs } from '../../../web/components/tabs.tsx';

export interface RequestFormState {
  values?: FormValues;
  errors?: FieldErrors;
}

interface Titled {
  id: string;
  slug: string;
  titleSv: string;
  titleEn: string;
}

/** The form that asks a publisher for data, tied to the challenge or event the asker came from. */
export function NewDataRequestPage({
  org,
  challenge,
  event,
  form,
}: {
  org: { name: string; slug: string };
  challenge: Titled | null;
  event: Titled | null;
  form: RequestFormState;
}) {
  const { t, lang } = usePage();
  const query = challenge ? `?challenge=${challenge.id}` : event ? `?event=${event.id}` : '';
  return (
    <>
      <h1>{t('dataRequest.newTitle', { name: org.name })}</h1>
      <p>{t('dataRequest.intro')}</p>
      {challenge && <p>{t('dataRequest.forChallenge', { title: pick(lang, challenge.titleSv, challenge.titleEn) })}</p>}
      {event && <p>{t('dataRequest.forEvent', { title: pick(lang, event.titleSv, event.titleEn) })}</p>}
      <p>{t('dataRequest.publicNote')}</p>
      <ErrorSummary
        errors={form.errors}
        labels={{
          title: 'dataRequest.title',
          description: 'dataRequest.description',
          format: 'dataRequest.format',
          challenge: 'dataRequest.challenge',
          event: 'dataRequest.event',
        }}
      />
      <form method="post" action={`/organisations/${org.slug}/data-requests/new${query}`} novalidate>
        <CsrfField />
        <input type="hidden" name="challenge" value={challenge?.id ?? ''} />
        <input type="hidden" name="event" value={event?.id ?? ''} />
        <TextField name="title" label="dataRequest.title" hint="dataRequest.titleHint" required maxLength={200} values={form.values} errors={form.errors} />
        <TextArea
          name="description"
          label="dataRequest.description"
          hint="dataRequest.descriptionHint"
          required
          rows={5}
          maxLength={4000}
          values={form.values}
          errors={form.errors}
        />
        <TextField name="format" label="dataRequest.format" hint="dataRequest.formatHint" maxLength={100} values={form.values} errors={form.errors} />
        <SubmitButton label="dataRequest.submit" />
      </form>
    </>
  );
}

/**
 * A short list of requests with their status, for the organisation page (requests to it) and the challenge page
 * (requests made for it, to any publisher), with a link to ask.
 */
export function DataRequestList({
  requests,
  askHref,
  showPublisher = false,
}: {
  requests: DataRequestSummary[];
  askHref: string | null;
  showPublisher?: boolean;
}) {
  const { t, lang } = usePage();
  return (
    <section id="data-requests" aria-labelledby="data-requests-title">
      <h2 id="data-requests-title">{t('dataRequest.listTitle')}</h2>
      {requests.length === 0 ? (
        <p>{t('dataRequest.none')}</p>
      ) : (
        <ul class="plain-list">
          {requests.map((r) => (
            <li key={r.id}>
              <a href={`/data-requests/${r.id}`}>{r.title}</a> · {t(`dataRequest.status.${r.status}`)}
              {showPublisher && <> · {r.organisationName}</>} · {formatDateTime(r.createdAt, lang)}
            </li>
          ))}
        </ul>
      )}
      {askHref && (
        <p>
          <a href={askHref}>{t('dataRequest.ask')}</a>
        </p>
      )}
      <p>
        {t('dataRequest.openData')} <CsvLink href="/open-data/data-requests.csv">CSV</CsvLink>, <a href="/open-data/data-requests.json">JSON</a>
      </p>
    </section>
  );
}

/** The requests a publisher answers for, open ones first by default. */
export function DataRequestInboxPage({ requests, filter }: { requests: DataRequestSummary[]; filter: RequestFilter }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('dataRequest.inbox')}</h1>
      <Tabs
        label={t('dataRequest.filter')}
        items={requestFilters.map((s) => ({ href: `/data-requests?state=${s}`, label: t(`dataRequest.filter.${s}`), current: s === filter }))}
      />
      {requests.length === 0 ? (
        <p>{t('dataRequest.inboxEmpty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('dataRequest.inbox')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dataRequest.title')}</th>
              <th scope="col">{t('dataRequest.publisher')}</th>
              <th scope="col">{t('dataRequest.received')}</th>
              <th scope="col">{t('dataRequest.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/data-requests/${r.id}`}>{r.title}</a>
                </td>
                <td>{r.organisationName}</td>
                <td>{formatDateTime(r.createdAt, lang)}</td>
                <td>{t(`dataRequest.status.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One request, public; the publisher's members (and the organiser) also get the form that answers it. */
export function DataRequestPage({
  row,
  answer,
}: {
  row: DataRequestDetail;
  answer: { datasets: { id: string; titleSv: string; titleEn: string }[]; form: RequestFormState } | null;
}) {
  const { t, lang } = usePage();
  const { request, organisation, challenge, event, dataset } = row;
  const values = answer?.form.values ?? { status: request.status, answer: request.answer ?? '', dataset: request.datasetId ?? '' };
  return (
    <>
      <h1>{request.title}</h1>
      <dl class="summary-list">
        <dt>{t('dataRequest.publisher')}</dt>
        <dd>
          <a href={`/organisations/${organisation.slug}`}>{organisation.name}</a>
        </dd>
        <dt>{t('dataRequest.status')}</dt>
        <dd>{t(`dataRequest.status.${request.status}`)}</dd>
        {challenge?.slug && (
          <>
            <dt>{t('dataRequest.challenge')}</dt>
            <dd>
              <a href={`/challenges/${challenge.slug}`}>
                <Localised sv={challenge.titleSv} en={challenge.titleEn} />
              </a>
            </dd>
          </>
        )}
        {event?.slug && (
          <>
            <dt>{t('dataRequest.event')}</dt>
            <dd>
              <a href={`/events/${event.slug}`}>
                <Localised sv={event.titleSv} en={event.titleEn} />
              </a>
            </dd>
          </>
        )}
        <dt>{t('dataRequest.received')}</dt>
        <dd>{formatDateTime(request.createdAt, lang)}</dd>
        {request.format && (
          <>
            <dt>{t('dataRequest.format')}</dt>
            <dd>{request.format}</dd>
          </>
        )}
        <dt>{t('dataRequest.description')}</dt>
        <dd class="pre-line">{request.description}</dd>
        {request.answer && (
          <>
            <dt>{t('dataRequest.answer')}</dt>
            <dd class="pre-line">{request.answer}</dd>
          </>
        )}
        {dataset?.id && (
          <>
            <dt>{t('dataRequest.dataset')}</dt>
            <dd>
              <a href={`/datasets/${dataset.id}`}>{pick(lang, dataset.titleSv, dataset.titleEn) || t('datasets.untitled')}</a>
            </dd>
          </>
        )}
      </dl>
      {answer && (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t('dataRequest.answerTitle')}</h2>
          <p>
            <a href="/data-requests">{t('dataRequest.inbox')}</a>
          </p>
          <ErrorSummary errors={answer.form.errors} labels={{ status: 'dataRequest.status', answer: 'dataRequest.answer', dataset: 'dataRequest.dataset' }} />
          <form method="post" action={`/data-requests/${request.id}/answer`} novalidate>
            <CsrfField />
            <Select
              name="status"
              label="dataRequest.status"
              required
              values={values}
              errors={answer.form.errors}
              options={dataRequestStatuses.map((s) => ({ value: s, label: t(`dataRequest.status.${s}`) }))}
            />
            <TextArea
              name="answer"
              label="dataRequest.answer"
              hint="dataRequest.answerHint"
              rows={5}
              maxLength={2000}
              values={values}
              errors={answer.form.errors}
            />
            <Select
              name="dataset"
              label="dataRequest.dataset"
              hint="dataRequest.datasetHint"
              values={values}
              errors={answer.form.errors}
              options={[
                { value: '', label: t('dataRequest.noDataset') },
                ...answer.datasets.map((d) => ({ value: d.id, label: pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled') })),
              ]}
            />
            <SubmitButton label="dataRequest.sendAnswer" />
          </form>
        </section>
      )}
    </>
  );
}
