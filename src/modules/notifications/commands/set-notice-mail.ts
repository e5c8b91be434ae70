import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { users, type NoticeMailMode } from '../../../db/schema/index.ts';

/** How a person gets notices by mail: each at once, a weekly digest, or none. The notice list keeps them all. */
export async function setNoticeMail({ db }: Ctx, userId: string, mode: NoticeMailMode): Promise<void> {
  await db.update(users).set({ noticeMail: mode }).where(eq(users.id, userId));
}
