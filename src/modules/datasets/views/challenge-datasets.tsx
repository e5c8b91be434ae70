import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { pick } from '../../challenges/views/parts.tsx';

interface Summary {
  id: string;
  titleSv: string;
  titleEn: string;
  publisherName: string;
}

/** The challenge page's data section; its editors also get suggestions to link, each with one button. */
export function ChallengeDatasets({ slug, linked, suggested, canEdit }: { slug: string; linked: Summary[]; suggested: Summary[]; canEdit: boolean }) {
  const { t, lang } = usePage();
  const title = (d: Summary) => pick(lang, d.titleSv, d.titleEn) || t('datasets.untitled');
  const button = (d: Summary, action: 'add' | 'remove') => (
    <form method="post" action={`/challenges/${slug}/datasets${action === 'remove' ? '/remove' : ''}`} class="inline-form">
      <CsrfField />
      <input type="hidden" name="dataset" value={d.id} />
      <button type="submit" class="button secondary" aria-label={`${t(`datasets.link.${action}`)}: ${title(d)}`}>
        {t(`datasets.link.${action}`)}
      </button>
    </form>
  );
  return (
    <section>
      <h2>{t('datasets.forChallenge')}</h2>
      {linked.length === 0 ? (
        <p>{t('datasets.noneLinked')}</p>
      ) : (
        <ul>
          {linked.map((d) => (
            <li key={d.id}>
              <a href={`/datasets/${d.id}`}>{title(d)}</a> ({d.publisherName}) {canEdit && button(d, 'remove')}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <h3>{t('datasets.suggested')}</h3>
          {suggested.length === 0 ? (
            <p>{t('datasets.noSuggestions')}</p>
          ) : (
            <ul>
              {suggested.map((d) => (
                <li key={d.id}>
                  <a href={`/datasets/${d.id}`}>{title(d)}</a> ({d.publisherName}) {button(d, 'add')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
