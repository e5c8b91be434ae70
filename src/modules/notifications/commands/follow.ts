import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { follows, type FollowTarget } from '../../../db/schema/index.ts';

export interface Target {
  type: FollowTarget;
  id: string;
}

/** Following twice is following once (the primary key); the caller has checked that the target is public. */
export async function follow({ db }: Ctx, userId: string, target: Target): Promise<void> {
  await db.insert(follows).values({ userId, targetType: target.type, targetId: target.id }).onConflictDoNothing();
}

/** Returns whether the person followed it. */
export async function unfollow({ db }: Ctx, userId: string, target: Target): Promise<boolean> {
  const gone = await db
    .delete(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, target.type), eq(follows.targetId, target.id)))
    .returning({ userId: follows.userId });
  return gone.length > 0;
}
