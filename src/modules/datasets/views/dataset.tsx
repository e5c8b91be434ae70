import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { pick, ThemeList } from '../../challenges/views/parts.tsx';
import { formatName, licenceName } from '../harvest/vocab.ts';
import type { DatasetDetail } from '../queries.ts';
import { Localised } from '../../../web/components/localised.tsx';

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

/**
 * A dataset's page. A registered one (no harvest source) is edited here by its organisation: `editable` adds the
 * buttons for the dataset and its distributions.
 */
export function DatasetPage({ dataset: d, editable, reports }: { dataset: DatasetDetail; editable: boolean; reports: ComponentChildren }) {
  const { t, lang } = usePage();
  const title = pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled');
  const base = `/datasets/${d.id}`;
  return (
    <>
      <h1>{title}</h1>
      {d.status === 'withdrawn' && <p class="notice">{t(d.sourceId ? 'datasets.withdrawn' : 'datasets.withdrawnHere')}</p>}
      {editable && (
        <div class="actions">
          <a href={`${base}/edit`} class="button button-secondary">
            {t('datasets.edit')}
          </a>
          <a href={`${base}/distributions/new`} class="button button-secondary">
            {t('datasets.addDistribution')}
          </a>
          <form method="post" action={`${base}/status`} class="inline-form">
            <CsrfField />
            <input type="hidden" name="status" value={d.status === 'active' ? 'withdrawn' : 'active'} />
            <button type="submit" class="button button-secondary">
              {t(d.status === 'active' ? 'datasets.withdraw' : 'datasets.restore')}
            </button>
          </form>
        </div>
      )}
      <p><Localised sv={d.descriptionSv} en={d.descriptionEn} /></p>
      <dl class="facts">
        <dt>{t('datasets.publisher')}</dt>
        <dd>{d.publisherName || '–'}</dd>
        {d.contactName && (
          <>
            <dt>{t('datasets.contact')}</dt>
            <dd>
              {d.contactName}
              {d.contactEmail && (
                <>
                  {' '}
                  (<a href={`mailto:${d.contactEmail}`}>{d.contactEmail}</a>)
                </>
              )}
            </dd>
          </>
        )}
        {d.keywords.length > 0 && (
          <>
            <dt>{t('challenge.keywords')}</dt>
            <dd>{d.keywords.join(', ')}</dd>
          </>
        )}
        {d.licences.length > 0 && (
          <>
            <dt>{t('datasets.licence')}</dt>
            <dd>{d.licences.map(licenceName).join(', ')}</dd>
          </>
        )}
        {d.landingPage && safeHref(d.landingPage) && (
          <>
            <dt>{t('datasets.landingPage')}</dt>
            <dd>
              <a href={safeHref(d.landingPage)}>{d.landingPage}</a>
            </dd>
          </>
        )}
        {d.sourceTitle && (
          <>
            <dt>{t('datasets.source')}</dt>
            <dd>{d.sourceTitle}</dd>
          </>
        )}
        {d.modified && (
          <>
            <dt>{t('datasets.modified')}</dt>
            <dd>{d.modified}</dd>
          </>
        )}
      </dl>
      <ThemeList codes={d.themes} />
      <h2>{t('datasets.distributions')}</h2>
      {d.distributions.length === 0 ? (
        <p>{t('datasets.noDistributions')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('datasets.distributions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('datasets.distribution')}</th>
              <th scope="col">{t('datasets.format')}</th>
              <th scope="col">{t('datasets.licence')}</th>
              <th scope="col">{t('datasets.link')}</th>
              {editable && <th scope="col">{t('datasets.manage')}</th>}
            </tr>
          </thead>
          <tbody>
            {d.distributions.map((x) => {
              const href = safeHref(x.downloadUrl || x.accessUrl);
              const name = pick(lang, x.titleSv, x.titleEn) || (x.kind === 'service' ? t('datasets.service') : t('datasets.distribution'));
              return (
                // The distribution's IRI in the published catalog is this row (`/datasets/:id#distribution-:id`).
                <tr key={x.id} id={`distribution-${x.id}`}>
                  <td>{name}</td>
                  <td>{formatName(x.format || x.mediaType) || (x.kind === 'service' ? 'API' : '–')}</td>
                  <td>{x.licence ? licenceName(x.licence) : '–'}</td>
                  <td>{href ? <a href={href}>{x.downloadUrl ? t('datasets.download') : t('datasets.open')}</a> : '–'}</td>
                  {editable && (
                    <td>
                      <a href={`${base}/distributions/${x.id}/edit`} aria-label={`${t('datasets.editDistribution')}: ${name}`}>
                        {t('datasets.editDistribution')}
                      </a>{' '}
                      <form method="post" action={`${base}/distributions/${x.id}/remove`} class="inline-form">
                        <CsrfField />
                        <button type="submit" class="button button-secondary" aria-label={`${t('datasets.removeDistribution')}: ${name}`}>
                          {t('datasets.removeDistribution')}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{t('datasets.usedIn')}</h2>
      {d.challenges.length === 0 ? (
        <p>{t('datasets.notUsedYet')}</p>
      ) : (
        <ul>
          {d.challenges.map((c) => (
            <li key={c.slug}>
              <a href={`/challenges/${c.slug}`}><Localised sv={c.titleSv} en={c.titleEn} /></a> ({c.orgName})
            </li>
          ))}
        </ul>
      )}
      {d.solutionCount > 0 && (
        <p>
          <a href={`/solutions?dataset=${d.id}`}>{t('datasets.usedInSolutions', { count: d.solutionCount })}</a>
        </p>
      )}
      {reports}
    </>
  );
}
