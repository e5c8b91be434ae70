import type { Db } from './client.ts';

/**
 * A prepared statement per database, built on first use. For the hot, fixed-shape queries: on PostgreSQL a named
 * statement is planned once per connection instead of on every request, which for these short queries costs more
 * than running them. Anything else made once per database is made the same way (the kept HTML's stores, search's
 * statements by shape).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statement = cache.get(db);
    if (!statement) cache.set(db, (statement = build(db)));
    return statement;
  };
}
