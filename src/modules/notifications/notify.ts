import { EventEmitter } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { follows, memberships, notices, users, type FollowTarget } from '../../db/schema/index.ts';

/** In-process signal that notices were written, so the notice-mail job need not wait for its next poll. */
export const noticeSignal = new EventEmitter();

export interface NoticeInput {
  /** What followed things the notice is about; everyone following any of them gets one notice. */
  targets: { type: FollowTarget; id: string }[];
  /** The message key's middle part: `notice.${kind}` is its text, `notice.${kind}.subject` its mail subject. */
  kind: string;
  /** Where the notice leads: a path on this site. */
  path: string;
  params: Record<string, string | number>;
  /** Who caused it: they are not told of their own doing. */
  actorId?: string | null;
}

/**
 * Writes one notice per follower, in the caller's transaction, with one INSERT … SELECT however many follow. Mail
 * follows from the notices (at once or in a weekly digest, as each person chose), so a rolled-back change tells no one.
 */
export async function notifyFollowers(db: Db | Tx, n: NoticeInput): Promise<number> {
  if (!n.targets.length) return 0;
  const targets = sql.join(
    n.targets.map((t) => sql`(${t.type}, ${t.id}::uuid)`),
    sql`, `,
  );
  return insertNotices(
    db,
    sql`select distinct f.user_id, ${n.kind}, ${n.path}, ${JSON.stringify(n.params)}::jsonb
    from ${follows} f join ${users} u on u.id = f.user_id and u.deleted_at is null
    where (f.target_type, f.target_id) in (${targets})
      and f.user_id is distinct from ${n.actorId ?? null}::uuid`,
  );
}

/**
 * Writes one notice per current member of an organisation (not the actor), in the caller's transaction: for what
 * happens to what the organisation is responsible for, such as its datasets, whether or not they follow anything.
 */
export async function notifyMembers(db: Db | Tx, n: Omit<NoticeInput, 'targets'> & { organisationId: string }): Promise<number> {
  return insertNotices(
    db,
    sql`select m.user_id, ${n.kind}, ${n.path}, ${JSON.stringify(n.params)}::jsonb
    from ${memberships} m join ${users} u on u.id = m.user_id and u.deleted_at is null
    where m.organisation_id = ${n.organisationId} and m.user_id is distinct from ${n.actorId ?? null}::uuid`,
  );
}

/**
 * Inserts the notices a query selects (user_id, kind, path, params) with one statement, and wakes the notice-mail
 * job when any were written. For callers whose recipients or texts vary per row (one notice per member of each
 * publisher of some datasets).
 */
export async function insertNotices(db: Db | Tx, select: SQL): Promise<number> {
  const result = await db.execute(sql`insert into ${notices} (user_id, kind, path, params) ${select}`);
  const count =
    (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as unknown as { affectedRows?: number }).affectedRows ?? 0;
  if (count) noticeSignal.emit('written');
  return count;
}
