import { LRUCache } from 'lru-cache';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { ALL_KINDS, changeVersion, type ChangeKind } from './changes.ts';

interface Kept<V> {
  version: string;
  value: Promise<V>;
}

/**
 * A query whose answer is the same for everyone (a gallery's page, the filters' values), kept per process and per
 * database until anything changes, through this instance or another (web/changes.ts), and at most `ttlMs`. The
 * page cache serves anonymous visitors whole pages; this serves the same data to signed-in people, whose pages
 * differ in their header and forms, and on a signed-in page the version comes with the session (no round trip),
 * so a hit costs no query at all. Concurrent requests for the same answer share one computation. `reads` names the
 * kinds of change the answer depends on (web/changes.ts): content only, for a list that shows no one's activity.
 */
export function sharedQuery<A extends unknown[], V>(
  make: (db: Db, ...args: A) => Promise<V>,
  { ttlMs = 30_000, max = 200, reads = ALL_KINDS }: { ttlMs?: number; max?: number; reads?: readonly ChangeKind[] } = {},
): (db: Db, ...args: A) => Promise<V> {
  const perDb = new WeakMap<Db, LRUCache<string, Kept<V>>>();
  return async (db, ...args) => {
    // Inside a transaction the answer must include the transaction's own writes: asked afresh.
    if ((db as unknown) instanceof PgTransaction) return make(db, ...args);
    let kept = perDb.get(db);
    if (!kept) perDb.set(db, (kept = new LRUCache<string, Kept<V>>({ max, ttl: ttlMs })));
    const key = JSON.stringify(args);
    const version = await changeVersion(db, reads);
    const hit = kept.get(key);
    if (hit?.version === version) return hit.value;
    const entry = { version, value: make(db, ...args) };
    kept.set(key, entry);
    // A failure is not kept: the next request asks again.
    entry.value.catch(() => kept.get(key) === entry && kept.delete(key));
    return entry.value;
  };
}
