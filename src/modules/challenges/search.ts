import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { challenges, organisations, organisationTypes, searchWords } from '../../db/schema/index.ts';
import { PAGE_SIZE, sorts, type Sort } from './schema.ts';
import { themeCodes } from './themes.ts';
import { changeVersion, CONTENT } from '../../web/changes.ts';
import { sharedQuery } from '../../web/shared-cache.ts';

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
 * compounds), with filters, sorting and page numbers.
 *
 * The order of all matches of a query and its filters (up to MAX_RESULTS) is computed once and kept for a while
 * (see MatchCache); each page then fetches its 20 rows by id, with headlines for those rows only. So page 500
 * costs what page 1 costs, and a popular search is ranked once, not on every request. Pages past MAX_RESULTS
 * are not offered (as search engines do): the reader is asked to narrow the search instead. The page itself is kept
 * too while nothing changes (web/shared-cache.ts), so a signed-in reader's list costs no query.
 */
export const searchChallenges = sharedQuery(findChallenges, { reads: CONTENT });
async function findChallenges(db: Db, f: ChallengeFilters, pageSize = PAGE_SIZE) {
  const matches = await matchCache(db).get(f);
  const offset = (f.page - 1) * pageSize;
  const ids = matches.ids.slice(offset, offset + pageSize);
  const rows = ids.length ? await preparedRows(db)[f.q ? 'marked' : 'plain'].execute({ ids: `{${ids.join(',')}}`, tsq: matches.tsquery }) : [];
  // The rows come back in any order; the page keeps the order of the matches. A row gone since the matches were
  // computed (made a draft, say) is simply left out.
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => byId.get(id) ?? []);
  return { items, total: matches.total, page: f.page, pageSize, browsable: Math.min(matches.total, MAX_RESULTS) };
}

/** How many matches can be paged through: 500 pages of 20. */
export const MAX_RESULTS = 10_000;

interface Matches {
  ids: string[];
  total: number;
  /** The widened query as text, so the page's headlines need not widen it again. */
  tsquery: string;
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

/**
 * Each combination of filters is one prepared statement (values as placeholders): planning these statements
 * cost more than running them.
 */
const matchStatements = preparedPerDb(() => new Map<string, ReturnType<typeof prepareMatches>>());
function findMatches(db: Db, f: ChallengeFilters): Promise<Matches> {
  const shape: SearchShape = {
    q: Boolean(f.q),
    allStatuses: f.status === 'all',
    theme: Boolean(f.theme),
    organisation: Boolean(f.organisation),
    orgType: Boolean(f.orgType),
    mode: Boolean(f.mode),
    sort: f.sort,
  };
  const perDb = matchStatements(db);
  const key = Object.values(shape)
    .map((v) => (v === true ? '1' : v === false ? '0' : v))
    .join('');
  let statement = perDb.get(key);
  if (!statement) perDb.set(key, (statement = prepareMatches(db, shape, key)));
  return statement
    .execute({ q: f.q, status: f.status, theme: f.theme, organisation: f.organisation, orgType: f.orgType, yearRound: f.mode === 'year_round' })
    .then((rows) => ({ ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0, tsquery: rows[0]?.tsquery ?? '' }));
}

function prepareMatches(db: Db, shape: SearchShape, key: string) {
  const p = (name: string) => sql.placeholder(name);
  const tsq = widenedQuery(p('q'));
  const conditions: SQL[] = [shape.allStatuses ? sql`${challenges.status} in ('published', 'closed', 'archived')` : sql`${challenges.status} = ${p('status')}`];
  if (shape.q) conditions.push(sql`${challenges.searchVector} @@ ${tsq}`);
  if (shape.theme) conditions.push(sql`${challenges.themes} @> array[${p('theme')}::text]`);
  if (shape.organisation) conditions.push(sql`${organisations.slug} = ${p('organisation')}`);
  if (shape.orgType) conditions.push(sql`${organisations.type} = ${p('orgType')}`);
  if (shape.mode) conditions.push(sql`${challenges.yearRound} = ${p('yearRound')}`);

  const order = {
    relevance: sql`ts_rank_cd(${challenges.searchVector}, ${tsq}) desc, ${challenges.publishedAt} desc nulls last, ${challenges.id}`,
    newest: sql`${challenges.publishedAt} desc nulls last, ${challenges.id} desc`,
    closing: sql`${challenges.endsOn} asc nulls last, ${challenges.id}`,
  }[shape.sort];
  // Only ids and sort keys are read here (off the indexes where the filters allow); the window count sees every
  // match, the limit keeps what can be paged through.
  const base = db
    .select({
      id: challenges.id,
      total: sql<number>`(count(*) over ())::int`.as('total'),
      tsquery: (shape.q ? sql<string>`${tsq}::text` : sql<string>`''`).as('tsquery'),
    })
    .from(challenges);
  const joined = shape.organisation || shape.orgType ? base.innerJoin(organisations, eq(organisations.id, challenges.organisationId)) : base;
  return joined
    .where(and(...conditions))
    .orderBy(order)
    .limit(MAX_RESULTS)
    .prepare(`challenge_matches_${key}`);
}

/** A page's rows by id, with their organisation; with a query, also its matches marked in title and summary. */
const preparedRows = preparedPerDb((db) => {
  const p = (name: string) => sql.placeholder(name);
  const tsq = sql`${p('tsq')}::tsquery`;
  const headline = (column: SQL) => sql<string>`ts_headline('swedish', ${column}, ${tsq}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`})`;
  const statement = (marked: boolean) =>
    db
      .select({
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
        titleMarked: marked ? headline(sql`${challenges.titleSv}`) : sql<string>`''`,
        summaryMarked: marked ? headline(sql`${challenges.summarySv}`) : sql<string>`''`,
      })
      .from(challenges)
      .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
      // Drafts never show, even if a challenge went back to draft after its matches were kept.
      .where(and(sql`${challenges.id} = any(${p('ids')}::uuid[])`, sql`${challenges.status} <> 'draft'`))
      .prepare(marked ? 'challenge_rows_marked' : 'challenge_rows');
  return { plain: statement(false), marked: statement(true) };
});
export type ChallengeHit = Awaited<ReturnType<typeof searchChallenges>>['items'][number];

/**
 * Kept matches, per process and per database. Browsing and popular searches ask the same question again and
 * again, and answering it (ranking every match, counting thousands of rows) costs far more than reading a page.
 * An entry lives TTL_MS and only while nothing has changed, through this instance or another (web/changes.ts), so
 * an editor's change shows in every instance's next search. Concurrent requests share one computation.
 * The memory is bounded by the number of ids kept in all, oldest entries going first.
 */
class MatchCache {
  static TTL_MS = 30_000;
  static MAX_IDS = 250_000; // ~20 MB of uuid strings
  private entries = new Map<string, { at: number; version: string; matches: Promise<Matches>; size: number }>();
  private size = 0;

  constructor(private readonly db: Db) {}

  async get(f: ChallengeFilters): Promise<Matches> {
    const key = JSON.stringify([f.q.toLowerCase(), f.theme, f.organisation, f.orgType, f.status, f.mode, f.sort]);
    const version = await changeVersion(this.db, CONTENT);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < MatchCache.TTL_MS) return hit.matches;
    if (hit) this.remove(key);
    const entry = { at: Date.now(), version, matches: findMatches(this.db, f), size: 0 };
    this.entries.set(key, entry);
    entry.matches.then(
      (m) => {
        if (this.entries.get(key) !== entry) return;
        entry.size = m.ids.length + 1;
        this.size += entry.size;
        for (const oldest of this.entries.keys()) {
          if (this.size <= MatchCache.MAX_IDS) break;
          this.remove(oldest);
        }
      },
      () => this.entries.get(key) === entry && this.remove(key),
    );
    return entry.matches;
  }

  private remove(key: string) {
    this.size -= this.entries.get(key)?.size ?? 0;
    this.entries.delete(key);
  }
}
const matchCaches = new WeakMap<Db, MatchCache>();
function matchCache(db: Db): MatchCache {
  let cache = matchCaches.get(db);
  if (!cache) matchCaches.set(db, (cache = new MatchCache(db)));
  return cache;
}

/** Forgets kept matches, after any change to challenges (call it after the commit). */
export function forgetChallengeMatches(db: Db) {
  matchCaches.delete(db);
}
