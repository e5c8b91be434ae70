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
export async function changeVersion(db: Db): Promise<string> {
  // On a streaming replica the sequence does not move with each change (PostgreSQL logs sequences 32 values ahead),
  // but the position it has replayed to does: a cache over replica reads is kept only until the replica moves on.
  const [row] = await rowsOf<{ v: string }>(
    db,
    sql`select (last_value::text || is_called::text || coalesce(pg_last_wal_replay_lsn()::text, '')) as v from change_version`,
  );
  return row.v;
}

/** Called after every change that a cache may hold; see changeVersion. */
export async function noteChange(db: Db): Promise<void> {
  await rowsOf(db, sql`select nextval('change_version')`);
}
