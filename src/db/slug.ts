import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client.ts';

/** "Södertälje kommun" → "sodertalje-kommun": diacritics dropped, lower case, dashes between words. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'x';
}

/** A slug not yet used in the table's column: the base, else base-2, base-3, … in one query. */
export async function uniqueSlug(db: Db | Tx, table: PgTable, column: AnyPgColumn, text: string): Promise<string> {
  const base = slugify(text);
  const taken = await db
    .select({ slug: column })
    .from(table)
    .where(sql`${column} = ${base} or ${column} ~ ${`^${base}-[0-9]+$`}`);
  const used = new Set(taken.map((r) => String(r.slug)));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
