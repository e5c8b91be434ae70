import { usePage } from '../../../web/page-context.ts';
import type { Lang } from '../../../web/i18n.ts';
import { MARK_END, MARK_START } from '../search.ts';
import { themeByCode } from '../themes.ts';

/** The English text for English readers when there is one, else the Swedish. */
export const pick = (lang: Lang, sv: string, en: string) => (lang === 'en' && en.trim() ? en : sv);

/** Renders text with search matches as <mark>; the text itself is always escaped. */
export function Marked({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return <>{parts.map((part, i) => (part.startsWith(MARK_START) ? <mark key={i}>{part.slice(1, -1)}</mark> : part))}</>;
}

export function ThemeList({ codes }: { codes: string[] }) {
  const { lang } = usePage();
  return (
    <ul class="tags">
      {codes.map((code) => (
        <li key={code}>{themeByCode.get(code)?.label[lang] ?? code}</li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = usePage();
  return <span class={`badge badge-${status}`}>{t(`challenge.status.${status as 'draft'}`)}</span>;
}
