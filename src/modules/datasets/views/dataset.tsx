import { usePage } from '../../../web/page-context.ts';
import { pick, ThemeList } from '../../challenges/views/parts.tsx';
import { formatName, licenceName } from '../harvest/vocab.ts';
import type { DatasetDetail } from '../queries.ts';

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

export function DatasetPage({ dataset: d }: { dataset: DatasetDetail }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled')}</h1>
      {d.status === 'withdrawn' && <p class="notice">{t('datasets.withdrawn')}</p>}
      <p>{pick(lang, d.descriptionSv, d.descriptionEn)}</p>
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
            </tr>
          </thead>
          <tbody>
            {d.distributions.map((x) => {
              const href = safeHref(x.downloadUrl || x.accessUrl);
              return (
                <tr key={x.id}>
                  <td>{pick(lang, x.titleSv, x.titleEn) || (x.kind === 'service' ? t('datasets.service') : t('datasets.distribution'))}</td>
                  <td>{formatName(x.format || x.mediaType) || (x.kind === 'service' ? 'API' : '–')}</td>
                  <td>{x.licence ? licenceName(x.licence) : '–'}</td>
                  <td>{href ? <a href={href}>{x.downloadUrl ? t('datasets.download') : t('datasets.open')}</a> : '–'}</td>
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
              <a href={`/challenges/${c.slug}`}>{pick(lang, c.titleSv, c.titleEn)}</a> ({c.orgName})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
