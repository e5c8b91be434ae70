import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema/index.ts';
import { AutoPreparingClient } from './auto-prepare.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows of a raw SQL statement; both drivers answer with `{ rows }`. */
export async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Connections to the database, for /metrics: a pg pool's own counts, or PGlite's single connection. */
export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface Database {
  db: Db;
  /** A streaming replica (DATABASE_REPLICA_URL) for reads that may lag a moment behind: search. Else `db`. */
  readDb: Db;
  kind: 'pglite' | 'postgres';
  pool(): PoolStats;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class DatabaseLockedError extends Error {}

export type DatabaseOptions = { url: string; poolSize?: number; replicaUrl?: string | null } | { dataDir: string } | { pglite: PGlite }; // an instance the caller owns (tests load a migrated template into memory)

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in a directory it locks for itself. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.poolSize ?? 10, options.replicaUrl ?? null);
  if ('pglite' in options) return wrapPglite(options.pglite, async () => {});
  return openPgliteDir(options.dataDir);
}

/**
 * Per-connection settings. Challenge search uses `<%` (trigram word similarity); at the default 0.6 "cykel" misses
 * "cyklar" (0.5), so 0.5 it is: still strict enough that unrelated words do not match.
 */
const WORD_SIMILARITY_THRESHOLD = '0.5';
const SESSION_SETTINGS = `SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`;

function openPostgres(url: string, max: number, replicaUrl: string | null): Database {
  const connect = (connectionString: string) => {
    // Sent in the startup packet, so every pooled connection has it before its first query.
    const pool = new pg.Pool({
      connectionString,
      max,
      Client: AutoPreparingClient,
      options: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`,
    });
    // An idle connection can be cut by the server (restart, failover, admin); the pool drops it and opens another.
    // Without a listener that error would end the process.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 50, msg: 'idle database connection lost', err: err.message })));
    return pool;
  };
  const pool = connect(url);
  const replica = replicaUrl ? connect(replicaUrl) : null;
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    readDb: replica ? (drizzlePg({ client: replica, schema }) as unknown as Db) : db,
    kind: 'postgres',
    pool: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    migrate: async () => migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder }),
    close: async () => {
      await pool.end();
      await replica?.end();
    },
  };
}

/** A PGlite with the extensions our migrations use; in memory when no directory is given. */
export function createPglite(dataDir?: string): PGlite {
  // One options object: `new PGlite(undefined, options)` silently drops the options.
  return new PGlite({ dataDir, extensions: { pg_trgm } });
}

async function openPgliteDir(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  // Two processes on one PGlite directory corrupt it, so the directory is locked for the process's lifetime.
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, '.hack365.lock'), stale: 15_000, update: 5_000 });
  } catch {
    throw new DatabaseLockedError(
      `The database directory ${dataDir} is in use by another hack365 process. ` +
        'Stop that process, or point DATA_DIR at another directory, or use DATABASE_URL for several instances.',
    );
  }
  try {
    const client = createPglite(path.join(dataDir, 'pglite'));
    await client.waitReady;
    return wrapPglite(client, async () => {
      await client.close();
      await release();
    });
  } catch (err) {
    await release();
    throw err;
  }
}

function wrapPglite(client: PGlite, onClose: () => Promise<void>): Database {
  void client.exec(SESSION_SETTINGS);
  const db = drizzlePglite({ client, schema });
  // PGlite is one connection that runs one statement or transaction at a time and queues the rest. Counting the
  // calls under way shows it as a pool of one: busy or idle, and how many wait.
  let inFlight = 0;
  for (const name of ['query', 'exec', 'transaction'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      inFlight++;
      try {
        return await original(...args);
      } finally {
        inFlight--;
      }
    };
  }
  return {
    db: db as unknown as Db,
    readDb: db as unknown as Db,
    kind: 'pglite',
    pool: () => ({ max: 1, total: 1, idle: inFlight === 0 ? 1 : 0, waiting: Math.max(0, inFlight - 1) }),
    migrate: async () => migratePglite(db, { migrationsFolder }),
    close: onClose,
  };
}
