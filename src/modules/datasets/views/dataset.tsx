import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { ChallengeLinks, ThemeList } from '../../challenges/views/parts.tsx';
import { formatName, languageTag, licenceName, vocabularyLabel } from '../harvest/vocab.ts';
import type { DatasetDetail } from '../queries.ts';
import { InLang, preferred, textsOf } from './texts.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

/**
 * A dataset's page. A registered one (no harvest source) is edited here by its organisation: `editable` adds the
 * buttons for the dataset and its distributions.
 */
export function DatasetPage({ dataset: d, editable, reports }: { dataset: DatasetDetail; editable: boolean; reports: ComponentChildren }) {
  const { t, lang } = usePage();
  // Harvested before languages were kept: what the Swedish column holds may be in any language.
  const unknownSv = d.sourceId !== null && d.texts === null;
  const title = preferred(textsOf(d.texts?.title, d.titleSv, d.titleEn, unknownSv), lang);
  const description = preferred(textsOf(d.texts?.description, d.descriptionSv, d.descriptionEn, unknownSv), lang);
  const keywords = d.texts?.keywords ?? d.keywords.map((value) => ({ lang: unknownSv ? '' : 'sv', value }));
  const about = d.details;
  const vocabulary = (iri: string) => vocabularyLabel(iri, lang) || iri;
  const base = `/datasets/${d.id}`;
  return (
    <>
      {title ? <InLang text={title} as="h1" /> : <h1>{t('datasets.untitled')}</h1>}
      {d.status === 'withdrawn' && <NotificationBanner>{t(d.sourceId ? 'datasets.withdrawn' : 'datasets.withdrawnHere')}</NotificationBanner>}
      {editable && (
        <ButtonGroup>
          <Button href={`${base}/edit`} variant="secondary">
            {t('datasets.edit')}
          </Button>
          <Button href={`${base}/distributions/new`} variant="secondary">
            {t('datasets.addDistribution')}
          </Button>
          <form method="post" action={`${base}/status`} class="inline-form">
            <CsrfField />
            <input type="hidden" name="status" value={d.status === 'active' ? 'withdrawn' : 'active'} />
            <Button variant="secondary">{t(d.status === 'active' ? 'datasets.withdraw' : 'datasets.restore')}</Button>
          </form>
        </ButtonGroup>
      )}
      {description && <InLang text={description} as="p" />}
      <dl class="summary-list">
        <dt>{t('datasets.publisher')}</dt>
        <dd>{d.publisherName || '–'}</dd>
        {about.contacts?.length ? (
          <>
            <dt>{t('datasets.contact')}</dt>
            {about.contacts.map((c, i) => {
              const name = preferred(c.name, lang);
              return (
                <dd key={i}>
                  {name && <InLang text={name} />}
                  {c.email && (
                    <>
                      {name && ' '}
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </>
                  )}
                  {c.url && safeHref(c.url) && (
                    <>
                      {' '}
                      <a href={safeHref(c.url)}>{c.url}</a>
                    </>
                  )}
                </dd>
              );
            })}
          </>
        ) : (
          d.contactName && (
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
          )
        )}
        {keywords.length > 0 && (
          <>
            <dt>{t('challenge.keywords')}</dt>
            <dd>
              <ul class="keywords">
                {keywords.map((k) => (
                  <li key={`${k.lang}:${k.value}`}>
                    <InLang text={k} />
                  </li>
                ))}
              </ul>
            </dd>
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
        {about.temporal?.map((p, i) => (
          <Fact key={`t${i}`} term={t('datasets.temporal')}>
            {p.start || p.end ? t('datasets.period', { start: p.start ?? '…', end: p.end ?? '…' }) : <Link href={p.iri ?? ''} />}
          </Fact>
        ))}
        {about.spatial?.map((p, i) => {
          const label = p.label && preferred(p.label, lang);
          return (
            <Fact key={`s${i}`} term={t('datasets.spatial')}>
              {label ? <InLang text={label} /> : p.iri && <Link href={p.iri} />}
              {p.geometry && (
                <>
                  {' '}
                  <code class="geometry">{p.geometry.length > 300 ? `${p.geometry.slice(0, 300)} …` : p.geometry}</code>
                </>
              )}
            </Fact>
          );
        })}
        {about.frequency && <Fact term={t('datasets.frequency')}>{vocabulary(about.frequency)}</Fact>}
        {about.languages?.length ? (
          <Fact term={t('datasets.languages')}>{about.languages.map((l) => vocabularyLabel(l, lang) || languageName(l, lang)).join(', ')}</Fact>
        ) : null}
        {about.conformsTo?.map((c, i) => {
          const label = c.title && preferred(c.title, lang);
          return (
            <Fact key={`c${i}`} term={t('datasets.conformsTo')}>
              {c.iri && safeHref(c.iri) ? <a href={safeHref(c.iri)}>{label ? <InLang text={label} /> : c.iri}</a> : label ? <InLang text={label} /> : c.iri}
            </Fact>
          );
        })}
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
      <ThemeList codes={d.themes} filter="/datasets" />
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
              const own = preferred(textsOf(x.texts?.title, x.titleSv, x.titleEn, d.sourceId !== null && x.texts === null), lang);
              const name = own?.value || (x.kind === 'service' ? t('datasets.service') : t('datasets.distribution'));
              const formats = x.formats.length ? x.formats.join(', ') : formatName(x.format || x.mediaType);
              return (
                // The distribution's IRI in the published catalog is this row (`/datasets/:id#distribution-:id`).
                <tr key={x.id} id={`distribution-${x.id}`}>
                  {own ? <InLang text={own} as="td" /> : <td>{name}</td>}
                  <td>{formats || (x.kind === 'service' ? 'API' : '–')}</td>
                  <td>{x.licence ? licenceName(x.licence) : '–'}</td>
                  <td>{href ? <a href={href}>{x.downloadUrl ? t('datasets.download') : t('datasets.open')}</a> : '–'}</td>
                  {editable && (
                    <td>
                      <a href={`${base}/distributions/${x.id}/edit`} aria-label={`${t('datasets.editDistribution')}: ${name}`}>
                        {t('datasets.editDistribution')}
                      </a>{' '}
                      <form method="post" action={`${base}/distributions/${x.id}/remove`} class="inline-form">
                        <CsrfField />
                        <Button ariaLabel={`${t('datasets.removeDistribution')}: ${name}`} variant="secondary">
                          {t('datasets.removeDistribution')}
                        </Button>
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
      <ChallengeLinks challenges={d.challenges} empty={t('datasets.notUsedYet')} />
      {d.solutionCount > 0 && (
        <p>
          <a href={`/solutions?dataset=${d.id}`}>{t('datasets.usedInSolutions', { count: d.solutionCount })}</a>
        </p>
      )}
      {d.organisationSlug && (
        <p>
          <a href={`/organisations/${d.organisationSlug}/data-use`}>{t('datasets.publisherDataUse', { organisation: d.organisationName ?? '' })}</a>
        </p>
      )}
      {reports}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** An address as a link when it is a web address, else as text (an IRI such as a urn: names, it does not lead). */
function Link({ href }: { href: string }) {
  return safeHref(href) ? <a href={safeHref(href)}>{href}</a> : <>{href}</>;
}

/** A language's name in the page's language (a code such as "es" or "swe" as "spanska"), else the value as given. */
function languageName(value: string, lang: string): string {
  try {
    return (languageTag(value) && new Intl.DisplayNames([lang], { type: 'language' }).of(languageTag(value))) || value;
  } catch {
    return value;
  }
}
