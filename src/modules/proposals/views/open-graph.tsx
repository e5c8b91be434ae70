import type { Lang } from '../../../web/i18n.ts';
import { imageUrl, type ImageMeta } from '../image-queries.ts';
import { altText } from './solution-image.tsx';

interface Props {
  id: string;
  title: string;
  pitch: string;
  image: ImageMeta | null;
  lang: Lang;
  /** PUBLIC_URL: link previews need absolute addresses. */
  publicUrl: string;
}

/**
 * Open Graph tags for a solution's <head>, so a link shared in chat or social media shows its title, pitch and image.
 * Everything here is already public on the page; the services fetch it on their own servers, not the reader's.
 */
export function SolutionOpenGraph({ id, title, pitch, image, lang, publicUrl }: Props) {
  const alt = image && altText(lang, image);
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content="Hack for Sweden 365" />
      <meta property="og:locale" content={lang === 'en' ? 'en_GB' : 'sv_SE'} />
      <meta property="og:url" content={`${publicUrl}/solutions/${id}`} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={pitch} />
      {image && (
        <>
          <meta property="og:image" content={`${publicUrl}${imageUrl(id, image)}`} />
          <meta property="og:image:type" content="image/webp" />
          <meta property="og:image:width" content={String(image.width)} />
          <meta property="og:image:height" content={String(image.height)} />
          {alt?.text && <meta property="og:image:alt" content={alt.text} />}
        </>
      )}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
    </>
  );
}
