import { asc, count, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { challenges, datasets, events, organisations, submissions } from '../../db/schema/index.ts';
import { isSolution } from '../realisation/rules.ts';
import { languages } from '../../web/i18n.ts';

/** Resources a sitemap part lists: each is two URLs (Swedish and English), well under the protocol's 50,000. */
export const PER_PART = 5000;

/** Public pages that are not one resource each. */
const STATIC_PATHS = ['/', '/challenges', '/events', '/solutions', '/realised', '/matches', '/datasets', '/organisations', '/privacy', '/accessibility'];

interface Entry {
  path: string;
  lastmod?: Date | null;
}

/** The public resources of a kind: what anyone may open, never drafts, withdrawn datasets or unpublished events. */
const kinds = {
  challenges: {
    table: challenges,
    where: ne(challenges.status, 'draft'),
    order: challenges.id,
    select: { key: challenges.slug, lastmod: challenges.updatedAt },
    path: (k: string) => `/challenges/${k}`,
  },
  events: {
    table: events,
    where: inArray(events.status, ['published', 'cancelled']),
    order: events.id,
    select: { key: events.slug },
    path: (k: string) => `/events/${k}`,
  },
  organisations: {
    table: organisations,
    where: undefined,
    order: organisations.id,
    select: { key: organisations.slug },
    path: (k: string) => `/organisations/${k}`,
  },
  datasets: {
    table: datasets,
    where: eq(datasets.status, 'active'),
    order: datasets.id,
    select: { key: datasets.id, lastmod: datasets.updatedAt },
    path: (k: string) => `/datasets/${k}`,
  },
} as const;
export type Kind = keyof typeof kinds | 'solutions';
export const KINDS: Kind[] = ['challenges', 'events', 'solutions', 'organisations', 'datasets'];

async function countOf(db: Db, kind: Kind): Promise<number> {
  if (kind === 'solutions') {
    const [row] = await db.select({ n: count() }).from(submissions).innerJoin(events, eq(events.id, submissions.eventId)).where(isSolution);
    return row.n;
  }
  const k = kinds[kind];
  const [row] = await db
    .select({ n: count() })
    .from(k.table)
    .where(k.where as SQL | undefined);
  return row.n;
}

async function entriesOf(db: Db, kind: Kind, page: number): Promise<Entry[]> {
  const offset = (page - 1) * PER_PART;
  if (kind === 'solutions') {
    const rows = await db
      .select({ id: submissions.id })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(isSolution)
      .orderBy(asc(submissions.id))
      .limit(PER_PART)
      .offset(offset);
    return rows.map((r) => ({ path: `/solutions/${r.id}` }));
  }
  const k = kinds[kind];
  const rows = (await db
    .select(k.select)
    .from(k.table)
    .where(k.where as SQL | undefined)
    .orderBy(asc(k.order))
    .limit(PER_PART)
    .offset(offset)) as { key: string; lastmod?: Date }[];
  return rows.map((r) => ({ path: k.path(r.key), lastmod: r.lastmod }));
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The sitemap index: the static part, then each kind in parts of PER_PART (none for a kind without resources). */
export async function sitemapIndex(db: Db, base: string): Promise<string> {
  const counts = await Promise.all(KINDS.map((kind) => countOf(db, kind)));
  const parts = ['pages', ...KINDS.flatMap((kind, i) => Array.from({ length: Math.ceil(counts[i] / PER_PART) }, (_, p) => `${kind}-${p + 1}`))];
  return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${parts.map((part) => `  <sitemap><loc>${escapeXml(`${base}/sitemaps/${part}.xml`)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
}

/**
 * One part of the sitemap, or null for a part that does not exist. The language of a page is chosen by `?lang=`,
 * so every page is listed once per language, each with both as hreflang alternates and the address without `?lang`
 * (which follows the reader's browser) as x-default.
 */
export async function sitemapPart(db: Db, base: string, part: string): Promise<string | null> {
  let entries: Entry[];
  if (part === 'pages') entries = STATIC_PATHS.map((path) => ({ path }));
  else {
    const match = /^(challenges|events|solutions|organisations|datasets)-([1-9]\d{0,5})$/.exec(part);
    if (!match) return null;
    entries = await entriesOf(db, match[1] as Kind, Number(match[2]));
    if (!entries.length) return null;
  }
  const urls = entries.flatMap(({ path, lastmod }) => {
    const url = (lang?: string) => escapeXml(`${base}${path}${lang ? `?lang=${lang}` : ''}`);
    const alternates = [
      ...languages.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${url(l)}"/>`),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${url()}"/>`,
    ].join('');
    return languages.map((lang) => `  <url><loc>${url(lang)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}${alternates}</url>`);
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>
`;
}
