import { usePage } from '../page-context.ts';

/**
 * Text kept in Swedish and English, shown in the page's language. Where an English page has only the Swedish, that
 * text is marked `lang="sv"` so screen readers pronounce it as Swedish (WCAG 3.1.2).
 */
export function Localised({ sv, en }: { sv: string; en: string | null | undefined }) {
  const { lang } = usePage();
  const english = (en ?? '').trim();
  if (lang === 'en' && english) return <>{en}</>;
  if (lang === 'en' && sv) return <span lang="sv">{sv}</span>;
  return <>{sv}</>;
}
