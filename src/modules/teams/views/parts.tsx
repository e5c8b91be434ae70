import { usePage } from '../../../web/page-context.ts';
import type { MatchReason } from '../matching.ts';

const displayNames = new Map<string, Intl.DisplayNames>();
/** A language code in the reader's language ("ar" → "arabiska" / "Arabic"); the formatter is made once a language. */
export function languageName(code: string, lang: string) {
  let names = displayNames.get(lang);
  if (!names) displayNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'language' })));
  return names.of(code) ?? code;
}

export function RoleList({ roles }: { roles: string[] }) {
  const { t } = usePage();
  return <>{roles.map((r) => t(`team.role.${r as 'developer'}`)).join(', ')}</>;
}

/** Why a match is suggested, in words. */
export function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const { t, lang } = usePage();
  return (
    <ul class="reasons">
      {reasons.map((r) => (
        <li key={r.kind}>
          {r.kind === 'roles'
            ? t('board.reason.roles', { roles: r.roles.map((x) => t(`team.role.${x}`)).join(', ') })
            : r.kind === 'challenge'
              ? t('board.reason.challenge')
              : t('board.reason.language', { languages: r.languages.map((x) => languageName(x, lang)).join(', ') })}
        </li>
      ))}
    </ul>
  );
}

export const teamPath = (eventSlug: string, teamId: string) => `/events/${eventSlug}/teams/${teamId}`;
