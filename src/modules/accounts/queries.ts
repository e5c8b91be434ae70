import { and, eq, isNull, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { users } from '../../db/schema/index.ts';
import type { Translate } from '../../web/i18n.ts';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db | Tx, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)));
  return user ?? null;
}

// The account page (and GET /api/v1/me) read the whole person on every view: building the query for all of users'
// columns cost more of Node's time than the rest of the page's data, so outside a transaction it is built once.
const userById = preparedPerDb((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('user_by_id'),
);

export async function findUserById(db: Db | Tx, id: string) {
  const [user] = db instanceof PgTransaction ? await db.select().from(users).where(eq(users.id, id)) : await userById(db).execute({ id });
  return user ?? null;
}

/** How a person is shown next to what they wrote; erased accounts show as "deleted user". */
export function displayName(user: { name: string | null; deletedAt: Date | null } | null, t: Translate): string {
  if (!user || user.deletedAt) return t('user.deleted');
  return user.name || t('user.unnamed');
}
