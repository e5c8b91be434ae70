import { usePage } from '../../../web/page-context.ts';
import type { Lang } from '../../../web/i18n.ts';
import { MARK_END, MARK_START } from '../search.ts';
import { themeByCode } from '../themes.ts';
import { Tag, TagList, type TagVariant } from '../../../web/components/tag.tsx';
import { Localised } from '../../../web/components/localised.tsx';

/** The English text for English readers when there is one, else the Swedish. */
export const pick = (lang: Lang, sv: string, en: string) => (lang === 'en' && en.trim() ? en : sv);

/** Renders text with search matches as <mark>; the text itself is always escaped. */
export function Marked({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return <>{parts.map((part, i) => (part.startsWith(MARK_START) ? <mark key={i}>{part.slice(1, -1)}</mark> : part))}</>;
}

/** A thing's themes as tags; `filter` makes each a link to the list filtered by that theme (only where one exists). */
export function ThemeList({ codes, filter }: { codes: string[]; filter?: '/challenges' | '/datasets' }) {
  const { lang, t } = usePage();
  return (
    <TagList
      label={t('challenges.theme')}
      items={codes.map((code) => ({ label: themeByCode.get(code)?.label[lang] ?? code, href: filter && `${filter}?theme=${encodeURIComponent(code)}` }))}
    />
  );
}

const statusTag: Record<string, TagVariant> = { draft: 'warning', published: 'success', closed: 'muted', archived: 'muted' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = usePage();
  return <Tag variant={statusTag[status]}>{t(`challenge.status.${status as 'draft'}`)}</Tag>;
}

/** Challenges as links, each with its need owner in brackets (an event's challenges, those a dataset is used in). */
export function ChallengeLinks({
  challenges,
  empty,
}: {
  challenges: { slug: string; titleSv: string; titleEn: string | null; orgName: string | null }[];
  empty: string;
}) {
  if (challenges.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {challenges.map((c) => (
        <li key={c.slug}>
          <a href={`/challenges/${c.slug}`}>
            <Localised sv={c.titleSv} en={c.titleEn ?? ''} />
          </a>{' '}
          ({c.orgName})
        </li>
      ))}
    </ul>
  );
}
