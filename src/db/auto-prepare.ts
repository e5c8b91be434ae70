import crypto from 'node:crypto';
import pg from 'pg';
import { LRUCache } from 'lru-cache';

/**
 * Automatic preparation, as Npgsql and pgx do it: a parameterised query seen again is sent as a named statement,
 * so each pooled connection parses and plans it once and then only binds and runs it. Profiled at `--scale 10`,
 * planning was most of what PostgreSQL spent on a signed-in page (about 2 ms for each of the `/me` page's joins
 * against well under 1 ms to run them), and PostgreSQL's CPU, not Node's, bounded how many such pages a second
 * the machine served.
 *
 * Bounded, because every name costs memory in each connection on the server: a text is named on its second
 * sighting (a text built around inlined values is seen once and never named), and at most MAX_NAMED texts are.
 */
const MAX_NAMED = 2000;
const seen = new LRUCache<string, true>({ max: 10_000 });
const named = new Map<string, string>();

function nameFor(text: string): string | undefined {
  const name = named.get(text);
  if (name || named.size >= MAX_NAMED) return name;
  if (!seen.has(text)) {
    seen.set(text, true);
    return undefined;
  }
  seen.delete(text);
  const fresh = `a_${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
  named.set(text, fresh);
  return fresh;
}

type QueryConfig = { text?: unknown; name?: string; values?: unknown[] };

/** A pg client that names repeated parameterised queries; given to the pool as its `Client`. */
export class AutoPreparingClient extends pg.Client {
  // The signature pg's overloads share; the override only adds a name to a config object.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = config as QueryConfig | null;
    // Only parameterised queries: they already travel as one statement in the extended protocol, whereas a text
    // without parameters may hold several statements (migrations), which a named statement cannot.
    const parameters = Array.isArray(values) ? values : query?.values;
    if (query && typeof query === 'object' && !query.name && typeof query.text === 'string' && parameters?.length) {
      const name = nameFor(query.text);
      if (name) config = { ...query, name };
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}
