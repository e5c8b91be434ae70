import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import type { FollowTarget } from '../../../db/schema/index.ts';

/**
 * Follow or stop following a solution, a challenge or an organisation: one form, one button whose text says what it
 * does. Someone not signed in gets a sign-in link instead (no form, so a public page stays cacheable). `following`
 * comes from `isFollowing` in ../queries.ts (following twice is harmless, so a page that does not know offers "Följ").
 */
export function FollowButton({ type, id, following }: { type: FollowTarget; id: string; following: boolean | null }) {
  const { t, user, url } = usePage();
  if (!user) {
    return (
      <p class="follow">
        <a href={`/signin?next=${encodeURIComponent(url)}`}>{t(`follow.signIn.${type}`)}</a>
      </p>
    );
  }
  return (
    <form method="post" action="/follows" class="follow">
      <CsrfField />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="next" value={url} />
      <button type="submit" name="follow" value={following ? 'no' : 'yes'} class={following ? 'button button-secondary' : 'button'}>
        {following ? t('follow.stop') : t('follow.start')}
      </button>{' '}
      <span class="hint">{following ? t(`follow.following.${type}`) : t(`follow.hint.${type}`)}</span>
    </form>
  );
}
