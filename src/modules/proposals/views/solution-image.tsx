import { usePage } from '../../../web/page-context.ts';
import { imageUrl, type ImageMeta } from '../image-queries.ts';

/** The alt text in the page's language when there is one, else the other, marked with its language (WCAG 3.1.2). */
export function altText(lang: 'sv' | 'en', image: Pick<ImageMeta, 'altSv' | 'altEn'>) {
  const own = lang === 'en' ? image.altEn : image.altSv;
  if (own) return { text: own, lang: undefined };
  return { text: lang === 'en' ? image.altSv : image.altEn, lang: lang === 'en' ? 'sv' : 'en' };
}

/**
 * A solution's image with its alt text and its size, so the page does not jump while it loads. Cards load theirs
 * lazily: a gallery page holds twenty.
 */
export function SolutionImage({ id, image, size }: { id: string; image: ImageMeta; size: 'full' | 'card' }) {
  const { lang } = usePage();
  const alt = altText(lang, image);
  const card = size === 'card';
  return (
    <img
      class={card ? 'solution-image solution-image-card' : 'solution-image'}
      src={imageUrl(id, image, size)}
      alt={alt.text}
      lang={alt.lang}
      width={card ? image.cardWidth : image.width}
      height={card ? image.cardHeight : image.height}
      loading={card ? 'lazy' : undefined}
      decoding="async"
    />
  );
}
