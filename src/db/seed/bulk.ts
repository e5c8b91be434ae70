import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableColumns } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db } from '../client.ts';

/** One field in COPY's text format: `\N` for null, and backslash, tab, newline and carriage return escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/**
 * Writes generated rows in bulk, one table after another in the order given: on PostgreSQL with `COPY … FROM STDIN`
 * (one statement per batch, no parameters, so the seed is bound by PostgreSQL rather than by building SQL), on PGlite
 * with multi-row INSERTs of 1,000. While PostgreSQL takes one batch the caller generates the next: `write` waits for
 * the previous batch only. `flush` waits for the last; call it before reading what was written.
 * Values go through each column's own driver mapping (dates, JSON, arrays), so rows look as they would for
 * `db.insert(table).values(rows)`; a column left out of every row gets its database default.
 */
export class BulkWriter {
  private tail: Promise<void> = Promise.resolve();
  private readonly pool: pg.Pool | null;
  rows = 0;

  constructor(private readonly db: Db) {
    const client = (db as unknown as { $client: unknown }).$client;
    this.pool = client instanceof pg.Pool ? client : null;
  }

  async write<T extends PgTable>(table: T, rows: T['$inferInsert'][]): Promise<void> {
    await this.tail;
    if (rows.length === 0) return;
    this.rows += rows.length;
    // Not awaited: the next batch is generated meanwhile. Its failure surfaces at the next write or flush.
    this.tail = this.pool ? this.copy(this.pool, table, rows) : this.insert(table, rows);
  }

  async flush(): Promise<void> {
    await this.tail;
  }

  private async insert<T extends PgTable>(table: T, rows: T['$inferInsert'][]) {
    for (let i = 0; i < rows.length; i += 1000) await this.db.insert(table).values(rows.slice(i, i + 1000));
  }

  private async copy<T extends PgTable>(pool: pg.Pool, table: T, rows: T['$inferInsert'][]) {
    const columns = getTableColumns(table);
    const keys = [...new Set(rows.flatMap((row) => Object.keys(row as object)))].filter((key) => key in columns);
    const { name, schema } = getTableConfig(table);
    const target = `${schema ? `"${schema}".` : ''}"${name}"`;
    const statement = `copy ${target} (${keys.map((k) => `"${columns[k].name}"`).join(', ')}) from stdin`;
    const line = (row: Record<string, unknown>) =>
      `${keys.map((k) => field(row[k] === null || row[k] === undefined ? null : columns[k].mapToDriverValue(row[k]))).join('\t')}\n`;
    // Some hundred rows a chunk: one chunk a row costs more in the stream than the encoding does.
    const lines = function* () {
      for (let i = 0; i < rows.length; i += 500)
        yield rows
          .slice(i, i + 500)
          .map((row) => line(row as Record<string, unknown>))
          .join('');
    };
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(lines()), client.query(copyFrom(statement)));
    } finally {
      client.release();
    }
  }
}
