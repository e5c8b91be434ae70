import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';

/**
 * What an instance may keep in memory (kept pages, search matches, filter values) is only right until something
 * changes, through this instance or any other. Every change bumps one PostgreSQL sequence before its answer
 * leaves; a cache keeps the value it saw with what it made, and reads the sequence (one tiny query, no table) before
 * using it. So a change made through one instance is seen on the next request through another, with no window:
 * LISTEN/NOTIFY would deliver the news a moment after the answer, and a reader arriving in that moment would get
 * the stale page.
 */
export function changeVersion(db: Db): Promise<string> {
  const known = perRequest.getStore();
  if (!known) return readVersion(db);
  let version = known.reading.get(db);
  if (!version) {
    known.reading.set(db, (version = readVersion(db)));
    version.then((v) => known.read.set(db, v)).catch(() => undefined);
  }
  return version;
}

/**
 * The request's reading of the version when it has arrived already (with the session, or for a cache earlier in
 * the request), else undefined: for work that is only worth keeping if it costs no round trip of its own.
 */
export function knownVersion(db: Db): string | undefined {
  return perRequest.getStore()?.read.get(db);
}

/**
 * The version as a column, for a query that runs anyway: the session lookup reads it in the same round trip, so a
 * signed-in page's caches cost no query of their own.
 */
// On a streaming replica the sequence does not move with each change (PostgreSQL logs sequences 32 values ahead),
// but the position it has replayed to does: a cache over replica reads is kept only until the replica moves on.
export const versionColumn = sql<string>`(select last_value::text || is_called::text || coalesce(pg_last_wal_replay_lsn()::text, '') from change_version)`;

async function readVersion(db: Db): Promise<string> {
  const [row] = await rowsOf<{ v: string }>(db, sql`select ${versionColumn} as v`);
  return row.v;
}

/**
 * One reading per request and database. Reading it once, at the start, is safe: whatever a cache keeps during the
 * request is tagged with a version no newer than the data it holds, so at worst it is thrown away early.
 */
const perRequest = new AsyncLocalStorage<{ reading: Map<Db, Promise<string>>; read: Map<Db, string> }>();

/** Runs a request's remaining hooks and handler with their own reading of the version (a Fastify onRequest hook). */
export function versionPerRequest(_req: unknown, _reply: unknown, done: () => void) {
  perRequest.run({ reading: new Map(), read: new Map() }, done);
}

/** The version as a query that ran anyway read it (see versionColumn). */
export function versionRead(db: Db, version: string) {
  const known = perRequest.getStore();
  known?.reading.set(db, Promise.resolve(version));
  known?.read.set(db, version);
}

/** Called after every change that a cache may hold; see changeVersion. */
export async function noteChange(db: Db): Promise<void> {
  await rowsOf(db, sql`select nextval('change_version')`);
}
