import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog, organisations, users } from '../../db/schema/index.ts';

export async function findOrganisationBySlug(db: Db, slug: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  return org ?? null;
}

/** The organisation's change history with each actor, newest first, in one query. */
export async function organisationHistory(db: Db, organisationId: string, limit = 50) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      createdAt: auditLog.createdAt,
      actor: { name: users.name, deletedAt: users.deletedAt },
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.subjectId, organisationId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
