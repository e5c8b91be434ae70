import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { challenges, organisations, organisationTypes, searchWords } from '../../db/schema/index.ts';
import { PAGE_SIZE, sorts, type Sort } from './schema.ts';
import { themeCodes } from './themes.ts';

export interface ChallengeFilters {
  q: string;
  theme: string;
  organisation: string;
  orgType: string;
  status: 'published' | 'closed' | 'archived' | 'all';
  mode: '' | 'year_round' | 'event';
  sort: Sort;
  page: number;
}

/** Reads filters from a query string, keeping only values that mean something (bad ones fall back to defaults). */
export function readFilters(query: Record<string, unknown>): ChallengeFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const oneOf = (v: unknown, allowed: readonly string[]) => (allowed.includes(str(v)) ? str(v) : '');
  const q = str(query.q).slice(0, 200);
  const status = str(query.status);
  const mode = str(query.mode);
  const sort = str(query.sort) as Sort;
  return {
    q,
    theme: oneOf(query.theme, themeCodes),
    organisation: str(query.organisation).slice(0, 100),
    orgType: oneOf(query.orgType, organisationTypes),
    status: status === 'closed' || status === 'archived' || status === 'all' ? status : 'published',
    mode: mode === 'year_round' || mode === 'event' ? mode : '',
    sort: sorts.includes(sort) && (sort !== 'relevance' || q) ? sort : q ? 'relevance' : 'newest',
    page: Math.max(1, Math.min(10_000, Number.parseInt(str(query.page), 10) || 1)),
  };
}

// Marks around highlighted words; control characters cannot come from the text, and the view turns them into
// <mark> elements, so user text is never inserted as HTML.
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/** What counts as a letter in a search word (listed, so that åäö count whatever the database's locale). */
const WORD_SEPARATOR = '[^a-z0-9åäöéèüæøà]+';

/**
 * The search text as one Swedish full-text query, each word widened to the similar words of the vocabulary:
 * "cykel skola" becomes (cykel | cyklar | cykelvägar) & (skola | skolmat | …). Trigrams thus run over the small
 * search_words table, and only the GIN full-text index runs over the challenges. Words hold letters and digits
 * only, so nothing typed can become tsquery syntax. PostgreSQL evaluates this subquery once per statement.
 */
function widenedQuery(q: Placeholder): SQL {
  return sql`(select to_tsquery('swedish', coalesce(string_agg(alternatives, ' & '), '')) from (
    select '(' || t.term || coalesce((
      select string_agg(' | ' || near.word, '') from (
        select ${searchWords.word} as word from ${searchWords}
        where t.term <% ${searchWords.word}
        order by word_similarity(t.term, ${searchWords.word}) desc limit 8) near), '') || ')' as alternatives
    from regexp_split_to_table(lower(${q}::text), ${WORD_SEPARATOR}) as t(term)
    where length(t.term) >= 2) terms)`;
}

/**
 * Public search: the widened Swedish full-text query (stemming, plus trigram neighbours for changed stems and
 * compounds), with filters, sorting and page numbers. Headlines are computed for the page's rows only.
 * With a query, every match is ranked anyway, so the total comes from a window count in the same statement;
 * without one, the page is read straight off the (status, published_at, id) index and counted separately (and
 * cached), joining organisations only when an organisation filter needs it.
 * Each combination of filters is one prepared statement (values as placeholders): planning these statements
 * cost more than running them.
 */
export async function searchChallenges(db: Db, f: ChallengeFilters) {
  const shape: SearchShape = {
    q: Boolean(f.q),
    allStatuses: f.status === 'all',
    theme: Boolean(f.theme),
    organisation: Boolean(f.organisation),
    orgType: Boolean(f.orgType),
    mode: Boolean(f.mode),
    sort: f.sort,
  };
  const statements = preparedSearch(db, shape);
  const values = {
    q: f.q,
    status: f.status,
    theme: f.theme,
    organisation: f.organisation,
    orgType: f.orgType,
    yearRound: f.mode === 'year_round',
    offset: (f.page - 1) * PAGE_SIZE,
  };
  const countNow = () => statements.count.execute(values);
  const [items, counted] = await Promise.all([statements.page.execute(values), f.q ? null : cachedCount(db, f, countNow)]);
  // A page past the end has no row to carry the window count; only then is it counted on its own.
  const total = counted ? counted[0].total : (items[0]?.total ?? (f.page > 1 ? (await countNow())[0].total : 0));
  return { items, total, page: f.page, pageSize: PAGE_SIZE };
}

interface SearchShape {
  q: boolean;
  allStatuses: boolean;
  theme: boolean;
  organisation: boolean;
  orgType: boolean;
  mode: boolean;
  sort: Sort;
}

const searchStatements = preparedPerDb(() => new Map<string, ReturnType<typeof prepareSearch>>());
function preparedSearch(db: Db, shape: SearchShape) {
  const perDb = searchStatements(db);
  const key = Object.values(shape).map((v) => (v === true ? '1' : v === false ? '0' : v)).join('');
  let statements = perDb.get(key);
  if (!statements) perDb.set(key, (statements = prepareSearch(db, shape, key)));
  return statements;
}

function prepareSearch(db: Db, shape: SearchShape, key: string) {
  const p = (name: string) => sql.placeholder(name);
  const tsq = widenedQuery(p('q'));
  const conditions: SQL[] = [
    shape.allStatuses ? sql`${challenges.status} in ('published', 'closed', 'archived')` : sql`${challenges.status} = ${p('status')}`,
  ];
  if (shape.q) conditions.push(sql`${challenges.searchVector} @@ ${tsq}`);
  if (shape.theme) conditions.push(sql`${challenges.themes} @> array[${p('theme')}::text]`);
  if (shape.organisation) conditions.push(sql`${organisations.slug} = ${p('organisation')}`);
  if (shape.orgType) conditions.push(sql`${organisations.type} = ${p('orgType')}`);
  if (shape.mode) conditions.push(sql`${challenges.yearRound} = ${p('yearRound')}`);
  const where = and(...conditions);

  const rank = shape.q ? sql`ts_rank_cd(${challenges.searchVector}, ${tsq})` : sql`0`;
  const order = {
    relevance: sql`rank desc, ${challenges.publishedAt} desc nulls last, ${challenges.id}`,
    newest: sql`${challenges.publishedAt} desc nulls last, ${challenges.id} desc`,
    closing: sql`${challenges.endsOn} asc nulls last, ${challenges.id}`,
  }[shape.sort];

  // Deferred join: the page's ids come off the index first (only sort keys are read for the rows skipped by
  // OFFSET), then the 20 rows are fetched whole with their organisation.
  const needsOrganisations = shape.organisation || shape.orgType;
  const ids = db
    .select({
      id: challenges.id,
      publishedAt: challenges.publishedAt,
      endsOn: challenges.endsOn,
      rank: sql<number>`${rank}`.as('rank'),
      total: (shape.q ? sql<number>`(count(*) over ())::int` : sql<number>`0`).as('total'),
    })
    .from(challenges);
  const page = (needsOrganisations ? ids.innerJoin(organisations, eq(organisations.id, challenges.organisationId)) : ids)
    .where(where)
    .orderBy(order)
    .limit(PAGE_SIZE)
    .offset(p('offset'))
    .as('page');

  const headline = (column: SQL) =>
    shape.q ? sql<string>`ts_headline('swedish', ${column}, ${tsq}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`})` : sql<string>`''`;
  const pageStatement = db
    .select({
      total: page.total,
      id: challenges.id,
      slug: challenges.slug,
      titleSv: challenges.titleSv,
      titleEn: challenges.titleEn,
      summarySv: challenges.summarySv,
      summaryEn: challenges.summaryEn,
      themes: challenges.themes,
      status: challenges.status,
      yearRound: challenges.yearRound,
      endsOn: challenges.endsOn,
      publishedAt: challenges.publishedAt,
      orgSlug: organisations.slug,
      orgName: organisations.name,
      orgType: organisations.type,
      titleMarked: headline(sql`${challenges.titleSv}`),
      summaryMarked: headline(sql`${challenges.summarySv}`),
    })
    .from(page)
    .innerJoin(challenges, eq(challenges.id, page.id))
    .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
    .orderBy(
      shape.sort === 'relevance'
        ? sql`${page.rank} desc, ${page.publishedAt} desc nulls last, ${page.id}`
        : shape.sort === 'closing'
          ? sql`${page.endsOn} asc nulls last, ${page.id}`
          : sql`${page.publishedAt} desc nulls last, ${page.id} desc`,
    )
    .prepare(`challenge_search_${key}`);
  const countBase = db.select({ total: sql<number>`count(*)::int` }).from(challenges);
  const countStatement = (needsOrganisations ? countBase.innerJoin(organisations, eq(organisations.id, challenges.organisationId)) : countBase)
    .where(where)
    .prepare(`challenge_count_${key}`);
  return { page: pageStatement, count: countStatement };
}
export type ChallengeHit = Awaited<ReturnType<typeof searchChallenges>>['items'][number];

/**
 * Counting thousands of rows costs more than reading a page of them, and browsing asks the same counts again and
 * again; so counts of filter combinations without a search query are kept for a while, per process and per
 * database. A total may then lag a new challenge by up to COUNT_TTL_MS; the rows themselves never do.
 */
const COUNT_TTL_MS = 30_000;
const counts = new WeakMap<Db, Map<string, { at: number; total: Promise<{ total: number }[]> }>>();
function cachedCount(db: Db, f: ChallengeFilters, count: () => Promise<{ total: number }[]>): Promise<{ total: number }[]> {
  const perDb = counts.get(db) ?? new Map();
  counts.set(db, perDb);
  const key = JSON.stringify([f.theme, f.organisation, f.orgType, f.status, f.mode]);
  const hit = perDb.get(key);
  if (hit && Date.now() - hit.at < COUNT_TTL_MS) return hit.total;
  if (perDb.size > 1000) perDb.clear();
  const total = count();
  perDb.set(key, { at: Date.now(), total });
  total.catch(() => perDb.delete(key));
  return total;
}

/** Forgets cached counts, after a change that adds, removes or moves challenges between statuses. */
export function forgetChallengeCounts(db: Db) {
  counts.delete(db);
}
