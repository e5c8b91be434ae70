import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * @fastify/rate-limit's store, in PostgreSQL: every instance counts into the same rows, so a limit of ten sign-ins
 * a minute is ten across the whole service, however many instances share the load. One statement per counted
 * request: it starts a new window when the last one is over, else adds one. Old windows are swept now and then.
 */
export function postgresRateLimitStore(db: Db, namespace = '') {
  let counted = 0;
  const sweep = () => rowsOf(db, sql`delete from rate_limits where resets_at < now() - interval '1 hour'`).catch(() => {});

  class PostgresStore {
    private readonly prefix: string;
    /** The plugin constructs it with its options (unused here); a route's store is made by `child`. */
    constructor(_options?: unknown, prefix = namespace ? `${namespace} ` : '') {
      this.prefix = prefix;
    }

    incr(client: string, done: Callback, timeWindow: number) {
      if (++counted % 1000 === 0) void sweep();
      const key = this.prefix + client;
      rowsOf<{ hits: number; ttl: number }>(
        db,
        sql`insert into rate_limits (key, hits, resets_at) values (${key}, 1, now() + ${timeWindow} * interval '1 millisecond')
            on conflict (key) do update set
              hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
              resets_at = case when rate_limits.resets_at <= now() then excluded.resets_at else rate_limits.resets_at end
            returning hits, greatest(0, extract(epoch from resets_at - now()) * 1000)::float8 as ttl`,
      ).then(
        ([row]) => done(null, { current: row.hits, ttl: Math.ceil(row.ttl) }),
        (err: Error) => done(err),
      );
    }

    read(client: string, done: Callback) {
      rowsOf<{ hits: number; ttl: number }>(
        db,
        sql`select hits, greatest(0, extract(epoch from resets_at - now()) * 1000)::float8 as ttl from rate_limits where key = ${this.prefix + client} and resets_at > now()`,
      ).then(
        ([row]) => done(null, row ? { current: row.hits, ttl: Math.ceil(row.ttl) } : { current: 0, ttl: 0 }),
        (err: Error) => done(err),
      );
    }

    /** One count per route: the same client's sign-ins and password resets are limited apart. */
    child(routeOptions: object) {
      // The plugin passes the route's options with its method and address as `routeInfo` (its own stores use it so).
      const { method = '', url = '' } = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
      return new PostgresStore(undefined, `${this.prefix}${method} ${url} `);
    }
  }
  return PostgresStore;
}
