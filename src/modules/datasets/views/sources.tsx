import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { describeRule, resultName } from '../validation-report.ts';
import type { harvestRuns, ValidationGroup } from '../../../db/schema/index.ts';
import type { HarvestSource } from '../harvest/run.ts';
import { SAMPLED_DATASETS } from '../harvest/sample.ts';
import { CsvLink } from '../../../web/components/csv-link.tsx';

type Run = typeof harvestRuns.$inferSelect;
export type SourceRow = HarvestSource & { organisationName: string | null };

export function SourcesPage({
  sources,
  organisations,
  values,
  errors,
}: {
  sources: SourceRow[];
  organisations: { id: string; name: string }[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('sources.title')}</h1>
      <p>{t('sources.intro')}</p>
      {sources.length === 0 ? (
        <p>{t('sources.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('sources.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sources.name')}</th>
              <th scope="col">{t('sources.owner')}</th>
              <th scope="col">{t('sources.schedule')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`/harvest-sources/${s.id}`}>{s.title}</a>
                </td>
                <td>{s.organisationName ?? t('sources.platform')}</td>
                <td>{t(`sources.schedule.${s.schedule}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('sources.add')}</h2>
      <ErrorSummary
        errors={errors}
        labels={{ title: 'sources.name', url: 'sources.url', kind: 'sources.kind', schedule: 'sources.schedule', organisation: 'sources.owner' }}
      />
      <form method="post" action="/harvest-sources" novalidate>
        <CsrfField />
        <TextField name="title" label="sources.name" required values={values} errors={errors} maxLength={200} />
        <TextField name="url" label="sources.url" hint="sources.urlHint" type="url" required values={values} errors={errors} maxLength={2000} />
        <Select
          name="kind"
          label="sources.kind"
          values={values}
          errors={errors}
          options={(['dcat', 'ckan'] as const).map((k) => ({ value: k, label: t(`sources.kind.${k}`) }))}
        />
        <Select
          name="schedule"
          label="sources.schedule"
          values={values}
          errors={errors}
          options={(['nightly', 'weekly', 'manual'] as const).map((k) => ({ value: k, label: t(`sources.schedule.${k}`) }))}
        />
        <Select
          name="organisation"
          label="sources.owner"
          values={values}
          errors={errors}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SubmitButton label="sources.submit" />
      </form>
    </>
  );
}

export function SourcePage({ source, runs, canHarvest }: { source: SourceRow; runs: Run[]; canHarvest: boolean }) {
  const { t } = usePage();
  const latest = runs.find((r) => r.status === 'succeeded' || r.status === 'failed');
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '–');
  return (
    <>
      <h1>{source.title}</h1>
      <dl class="summary-list">
        <dt>{t('sources.url')}</dt>
        <dd>{source.url}</dd>
        <dt>{t('sources.kind')}</dt>
        <dd>{t(`sources.kind.${source.kind}`)}</dd>
        <dt>{t('sources.schedule')}</dt>
        <dd>{t(`sources.schedule.${source.schedule}`)}</dd>
        <dt>{t('sources.owner')}</dt>
        <dd>{source.organisationName ?? t('sources.platform')}</dd>
      </dl>
      <p>
        <a href={`/datasets?source=${source.id}`}>{t('sources.datasets')}</a>
      </p>
      {canHarvest && (
        <form method="post" action={`/harvest-sources/${source.id}/harvest`}>
          <CsrfField />
          <SubmitButton label="sources.harvestNow" />
        </form>
      )}
      <h2>{t('sources.runs')}</h2>
      {runs.length === 0 ? (
        <p>{t('sources.noRuns')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('sources.runs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sources.queuedAt')}</th>
              <th scope="col">{t('sources.status')}</th>
              <th scope="col">{t('sources.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{when(r.finishedAt ?? r.queuedAt)}</td>
                <td>{t(`sources.run.${r.status}`)}</td>
                <td>{r.counts ? t('sources.countsText', { ...r.counts, newCount: r.counts.new }) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {latest && (
        <>
          <h2>{t('sources.report')}</h2>
          {latest.problems.length > 0 && (
            <ul class="problems">
              {latest.problems.slice(0, 100).map((p, i) => (
                <li key={i}>
                  <strong>{t(p.level === 'error' ? 'sources.error' : 'sources.warning')}:</strong> {t(`harvest.problem.${p.code}` as MessageKey)}
                  {p.subject && ` (${p.subject})`}
                </li>
              ))}
            </ul>
          )}
          {latest.validation && (
            <Violations
              groups={latest.validation.groups}
              partial={latest.validation.partial}
              reportPath={latest.validation.results ? `/harvest-sources/${source.id}/report` : null}
            />
          )}
        </>
      )}
    </>
  );
}

function Violations({ groups, partial, reportPath }: { groups: ValidationGroup[]; partial: boolean; reportPath: string | null }) {
  const { t } = usePage();
  const checked = groups.filter((g) => !g.unchecked);
  const unchecked = groups.filter((g) => g.unchecked);
  return (
    <>
      <h3>{t('validation.title')}</h3>
      {partial && <p>{t('validation.partial', { count: SAMPLED_DATASETS })}</p>}
      {reportPath && (
        <p>
          {t('validation.download')} <a href={`${reportPath}.ttl`}>{t('validation.downloadTtl')}</a>,{' '}
          <CsvLink href={`${reportPath}.csv`}>{t('validation.downloadCsv')}</CsvLink>
        </p>
      )}
      {checked.length === 0 ? <p>{t('validation.conforms')}</p> : <RuleTable groups={checked} caption={t('validation.title')} />}
      {unchecked.length > 0 && (
        <>
          <h4>{t('validation.uncheckedTitle')}</h4>
          <p>{t('validation.uncheckedIntro')}</p>
          <RuleTable groups={unchecked} caption={t('validation.uncheckedTitle')} />
        </>
      )}
    </>
  );
}

/** One row a rule: what is wrong, how to fix it, how often, and where (by title, then the IRI). */
function RuleTable({ groups, caption }: { groups: ValidationGroup[]; caption: string }) {
  const { t } = usePage();
  return (
    <table class="validation">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('validation.rule')}</th>
          <th scope="col">{t('validation.fixColumn')}</th>
          <th scope="col">{t('validation.count')}</th>
          <th scope="col">{t('validation.examples')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const { problem, fix } = describeRule(t, g);
          return (
            <tr key={`${g.focusClass}${g.path}${g.constraint}${g.parameter}`}>
              <td>{problem}</td>
              <td>{fix}</td>
              <td>{g.count}</td>
              <td>
                <ul>
                  {g.examples.map((iri, i) => {
                    const name = resultName(t, { label: g.labels?.[i] ?? '', ofDataset: g.ofDataset?.[i], focus: iri });
                    return (
                      <li key={iri}>
                        {name === iri ? (
                          iri
                        ) : (
                          <>
                            {name} ({iri})
                          </>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
