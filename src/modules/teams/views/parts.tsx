import { usePage } from '../../../web/page-context.ts';
import type { MatchReason } from '../matching.ts';

const languageNames = new Map<string, string>();
/**
 * A language code in the reader's language ("ar" → "arabiska" / "Arabic"). Each name is looked up once: asking
 * Intl.DisplayNames costs microseconds, and a board names the same few working languages again and again.
 */
export function languageName(code: string, lang: string) {
  const key = `${lang}:${code}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
    // Codes come from the schema's working languages (a closed list), so this stays small.
    languageNames.set(key, name);
  }
  return name;
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
