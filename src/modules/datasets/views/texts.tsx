import type { ComponentChildren } from 'preact';
import type { LangText } from '../../../db/schema/index.ts';
import type { Lang } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';

/**
 * A dataset's texts as kept: the list with each language, when the harvest kept one; else its Swedish and English
 * columns. `unknownSv` for a dataset harvested before languages were kept, whose Swedish column may hold any
 * untagged or other-language text.
 */
export function textsOf(texts: LangText[] | undefined, sv: string, en: string, unknownSv: boolean): LangText[] {
  if (texts?.length) return texts;
  return [...(sv.trim() ? [{ lang: unknownSv ? '' : 'sv', value: sv }] : []), ...(en.trim() ? [{ lang: 'en', value: en }] : [])];
}

const rank = (page: Lang) => (t: LangText) => {
  const base = t.lang.split('-')[0];
  return base === page ? 0 : base === (page === 'sv' ? 'en' : 'sv') ? 1 : t.lang ? 2 : 3;
};

/** The text to show on a page in `page`: in its language, then Swedish or English, then any tagged, then untagged. */
export function preferred(texts: LangText[], page: Lang): LangText | undefined {
  const order = rank(page);
  return texts.reduce<LangText | undefined>((best, t) => (!best || order(t) < order(best) ? t : best), undefined);
}

/**
 * A text in its own language: `lang` names it when it is not the page's (WCAG 3.1.2), and a text whose language is
 * not known gets `lang=""`, which says so, rather than inheriting the page's language it may well not be in.
 */
export function InLang({
  text,
  as: Tag = 'span',
  children,
  ...rest
}: {
  text: LangText;
  as?: 'span' | 'p' | 'h1' | 'h2' | 'td' | 'a';
  children?: ComponentChildren;
  href?: string;
  class?: string;
}) {
  const { lang } = usePage();
  return (
    <Tag lang={text.lang === lang ? undefined : text.lang} {...rest}>
      {children ?? text.value}
    </Tag>
  );
}
