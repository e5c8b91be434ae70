import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
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

export async function findUserById(db: Db | Tx, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** How a person is shown next to what they wrote; erased accounts show as "deleted user". */
export function displayName(user: { name: string | null; deletedAt: Date | null } | null, t: Translate): string {
  if (!user || user.deletedAt) return t('user.deleted');
  return user.name || t('user.unnamed');
}
