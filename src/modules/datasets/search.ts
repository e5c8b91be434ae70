import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { datasets } from '../../db/schema/index.ts';
import { themeCodes } from '../challenges/themes.ts';
import { isUuid } from '../../db/ids.ts';
import { changeVersion, CONTENT, noteChange } from '../../web/changes.ts';
import { sharedQuery } from '../../web/shared-cache.ts';

export const DATASET_PAGE_SIZE = 20;

export interface DatasetFilters {
  q: string;
  theme: string;
  publisher: string;
  format: string;
  licence: string;
  source: string;
  /** An organisation's id: its datasets, registered or harvested (linked from its page). */
  organisation: string;
  withdrawn: boolean;
  page: number;
}

/** Filters from a query string; values that mean nothing fall back to defaults rather than erroring. */
export function readDatasetFilters(query: Record<string, unknown>): DatasetFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const source = str(query.source);
  return {
    q: str(query.q).slice(0, 200),
    theme: themeCodes.includes(str(query.theme)) ? str(query.theme) : '',
    publisher: str(query.publisher).slice(0, 200),
    format: str(query.format)
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '')
      .slice(0, 20),
    licence: str(query.licence).slice(0, 300),
    source: isUuid(source) ? source : '',
    organisation: isUuid(str(query.organisation)) ? str(query.organisation) : '',
    withdrawn: str(query.withdrawn) === 'yes',
    page: Math.max(1, Math.min(500, Number.parseInt(str(query.page), 10) || 1)),
  };
}

/**
 * Swedish full-text search over titles, keywords, publishers and descriptions (websearch syntax: quoted phrases,
 * "or", -word), with filters on the GIN-indexed arrays and a window count for the total.
 */
/** Kept while nothing changes (web/shared-cache.ts): browsing and popular searches ask the same again and again. */
export const searchDatasets = sharedQuery(findDatasets, { reads: CONTENT });
async function findDatasets(db: Db, f: DatasetFilters, pageSize = DATASET_PAGE_SIZE) {
  const tsq = sql`websearch_to_tsquery('swedish', ${f.q})`;
  const conditions: SQL[] = [eq(datasets.status, f.withdrawn ? 'withdrawn' : 'active')];
  if (f.q) conditions.push(sql`${datasets.searchVector} @@ ${tsq}`);
  if (f.theme) conditions.push(sql`${datasets.themes} @> array[${f.theme}]::text[]`);
  if (f.format) conditions.push(sql`${datasets.formats} @> array[${f.format}]::text[]`);
  if (f.licence) conditions.push(sql`${datasets.licences} @> array[${f.licence}]::text[]`);
  if (f.publisher) conditions.push(eq(datasets.publisherName, f.publisher));
  if (f.source) conditions.push(eq(datasets.sourceId, f.source));
  if (f.organisation) conditions.push(eq(datasets.organisationId, f.organisation));
  const rows = await db
    .select({
      id: datasets.id,
      titleSv: datasets.titleSv,
      titleEn: datasets.titleEn,
      descriptionSv: datasets.descriptionSv,
      descriptionEn: datasets.descriptionEn,
      titles: sql<{ lang: string; value: string }[] | null>`${datasets.texts}->'title'`,
      descriptions: sql<{ lang: string; value: string }[] | null>`${datasets.texts}->'description'`,
      unknownSv: sql<boolean>`${datasets.sourceId} is not null and ${datasets.texts} is null`,
      publisherName: datasets.publisherName,
      themes: datasets.themes,
      formats: datasets.formats,
      status: datasets.status,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(datasets)
    .where(and(...conditions))
    .orderBy(...(f.q ? [desc(sql`ts_rank_cd(${datasets.searchVector}, ${tsq})`), asc(datasets.id)] : [asc(datasets.titleSv), asc(datasets.id)]))
    .limit(pageSize)
    .offset((f.page - 1) * pageSize);
  const total = rows[0]?.total ?? (f.page > 1 ? await countDatasets(db, and(...conditions)!) : 0);
  return { items: rows.map(({ total: _t, ...row }) => row), total, page: f.page, pageSize };
}
export type DatasetHit = Awaited<ReturnType<typeof searchDatasets>>['items'][number];

async function countDatasets(db: Db, where: SQL) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(datasets)
    .where(where);
  return row.n;
}

/** The values the filters offer, with counts (publishers, formats, licences); kept a minute, they change slowly. */
const facetCache = new WeakMap<Db, { at: number; version: string; facets: Promise<Facets> }>();
export interface Facets {
  publishers: string[];
  formats: string[];
  licences: string[];
}
export async function datasetFacets(db: Db): Promise<Facets> {
  const version = await changeVersion(db, CONTENT);
  const hit = facetCache.get(db);
  if (hit && hit.version === version && Date.now() - hit.at < 60_000) return hit.facets;
  const facets = (async () => {
    const top = (column: SQL) =>
      rowsOf<{ v: string }>(
        db,
        sql`select v from (select ${column} as v, count(*) n from ${datasets} where status = 'active' group by 1) x where v <> '' order by n desc, v limit 50`,
      );
    const [publishers, formats, licences] = await Promise.all([
      top(sql`${datasets.publisherName}`),
      top(sql`unnest(${datasets.formats})`),
      top(sql`unnest(${datasets.licences})`),
    ]);
    return {
      publishers: publishers.map((r) => r.v).sort((a, b) => a.localeCompare(b, 'sv')),
      formats: formats.map((r) => r.v).sort(),
      licences: licences.map((r) => r.v),
    };
  })();
  facetCache.set(db, { at: Date.now(), version, facets });
  facets.catch(() => facetCache.delete(db));
  return facets;
}

/** After a harvest or a registration: the filters' values may have changed, here and in every other instance. */
export async function forgetDatasetSearches(db: Db) {
  facetCache.delete(db);
  // A harvest is no request, so nothing else tells the other instances; awaited, so that whoever asks next sees it.
  await noteChange(db);
}
