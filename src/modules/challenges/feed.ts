import type { Lang } from '../../web/i18n.ts';
import type { latestPublished } from './queries.ts';
import { pick } from './views/parts.tsx';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** An Atom 1.0 feed of the newest published challenges (RFC 4287). */
export function atomFeed(rows: Awaited<ReturnType<typeof latestPublished>>, publicUrl: string, lang: Lang): string {
  const updated = rows[0]?.challenge.updatedAt ?? new Date(0);
  // A text without an English version is shown in Swedish, and says so (WCAG 3.1.2, as pages do with lang="sv").
  const langOf = (en: string) => (lang === 'en' && !en.trim() ? ' xml:lang="sv"' : '');
  const entries = rows.map(({ challenge: c, organisation: o }) => {
    const url = `${publicUrl}/challenges/${c.slug}`;
    return `  <entry>
    <id>${escapeXml(url)}</id>
    <title${langOf(c.titleEn)}>${escapeXml(pick(lang, c.titleSv, c.titleEn))}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <published>${(c.publishedAt ?? c.createdAt).toISOString()}</published>
    <updated>${c.updatedAt.toISOString()}</updated>
    <author><name>${escapeXml(o.name)}</name><uri>${escapeXml(`${publicUrl}/organisations/${o.slug}`)}</uri></author>
    <summary${langOf(c.summaryEn)}>${escapeXml(pick(lang, c.summarySv, c.summaryEn))}</summary>
${c.themes.map((th) => `    <category term="${escapeXml(th)}" scheme="http://publications.europa.eu/resource/authority/data-theme"/>`).join('\n')}
  </entry>`;
  });
  // Each language is a feed of its own: its own id and self link, and the other language as an alternate.
  const feedUrl = (l: Lang) => `${publicUrl}/feeds/challenges.atom?lang=${l}`;
  const other: Lang = lang === 'sv' ? 'en' : 'sv';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${escapeXml(feedUrl(lang))}</id>
  <title>Hack for Sweden 365 – ${lang === 'sv' ? 'utmaningar' : 'challenges'}</title>
  <link rel="self" type="application/atom+xml" hreflang="${lang}" href="${escapeXml(feedUrl(lang))}"/>
  <link rel="alternate" type="application/atom+xml" hreflang="${other}" href="${escapeXml(feedUrl(other))}"/>
  <link rel="alternate" type="text/html" hreflang="${lang}" href="${escapeXml(`${publicUrl}/challenges?lang=${lang}`)}"/>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}
