import { usePage } from '../../../web/page-context.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import type { Ownership } from '../matching-queries.ts';
import { Button } from '../../../web/components/button.tsx';

/**
 * On a challenge's page: all its owners, the organisation that posted it and those that adopted it, and the way to
 * adopt it (or give an adoption up) for members of approved organisations.
 */
export function ChallengeOwners({
  slug,
  postedBy,
  ownership,
  adoptable,
}: {
  slug: string;
  postedBy: { slug: string; name: string };
  ownership: Ownership;
  adoptable: boolean;
}) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="owners-heading">
      <h2 id="owners-heading">{t('adopt.owners')}</h2>
      <ul>
        <li>
          <a href={`/organisations/${postedBy.slug}`}>{postedBy.name}</a> ({t('adopt.postedBy')})
        </li>
        {ownership.adopters.map((a) => (
          <li key={a.id}>
            <a href={`/organisations/${a.slug}`}>{a.name}</a> ({t('adopt.adoptedOn', { date: formatDateTime(a.since, lang) })})
          </li>
        ))}
      </ul>
      {adoptable && ownership.mayAdopt.length > 0 && (
        <p>
          <Button href={`/challenges/${slug}/adopt`} variant="secondary">
            {t('adopt.button')}
          </Button>
        </p>
      )}
      {ownership.adoptedByMine.length > 0 && (
        <p>
          <a href={`/challenges/${slug}/adopt`}>{t('adopt.manage')}</a>
        </p>
      )}
    </section>
  );
}
