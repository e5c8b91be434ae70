import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema/index.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: 'organisation' | 'challenge' | 'user' | 'application' | 'dataset' | 'event' | 'team' | 'submission' | 'mentoring' | 'report';
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Records who did what; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

/** The fields a save changes, for the audit entry (and to skip a save that changes nothing). */
export function changedFields<T extends object>(before: T, next: Partial<T>): string[] {
  return Object.keys(next).filter((k) => JSON.stringify(before[k as keyof T]) !== JSON.stringify(next[k as keyof T]));
}

/** A subject's history with each actor (deleted accounts come back with deletedAt set), newest first. */
export async function auditTrail(db: Db, subjectType: AuditEntry['subjectType'], subjectId: string, limit = 100) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actor: { name: users.name, deletedAt: users.deletedAt },
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
export type AuditTrail = Awaited<ReturnType<typeof auditTrail>>;
