import type { Static } from 'typebox';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { users } from '../../../db/schema/index.ts';
import type { ProfilePatch } from '../schema.ts';

export type ProfileChanges = Static<typeof ProfilePatch>;

export async function updateProfile({ db }: Ctx, userId: string, changes: ProfileChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.update(users).set(changes).where(eq(users.id, userId));
}
