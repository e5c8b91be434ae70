import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { notices } from '../../../db/schema/index.ts';

/** Marks a person's notices read: the given ones (those just shown), or all. Returns how many were unread. */
export async function markNoticesRead({ db }: Ctx, userId: string, ids?: number[]): Promise<number> {
  if (ids && !ids.length) return 0;
  const read = await db
    .update(notices)
    .set({ readAt: sql`now()` })
    .where(and(eq(notices.userId, userId), isNull(notices.readAt), ids ? inArray(notices.id, ids) : undefined))
    .returning({ id: notices.id });
  return read.length;
}
