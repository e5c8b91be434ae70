import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { challenges, events, follows, followTargets, notices, organisations, submissions, type FollowTarget } from '../../db/schema/index.ts';
import { findSolution } from '../realisation/queries.ts';
import { isSolution } from '../realisation/rules.ts';

export const isFollowTarget = (value: unknown): value is FollowTarget => followTargets.includes(value as FollowTarget);

/** Whether a thing can be followed: it exists and everyone may see it (a solution, a challenge past its draft, an organisation). */
export async function isPublicTarget(db: Db, type: FollowTarget, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  if (type === 'solution') return (await findSolution(db, id)) !== null;
  if (type === 'challenge') {
    const [row] = await db.select({ status: challenges.status }).from(challenges).where(eq(challenges.id, id));
    return row !== undefined && row.status !== 'draft';
  }
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  return row !== undefined;
}

/** For a follow button: null for someone not signed in (they get a sign-in link instead). */
export async function isFollowing(db: Db, userId: string | undefined, type: FollowTarget, id: string): Promise<boolean | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, type), eq(follows.targetId, id)));
  return row !== undefined;
}

export interface Followed {
  type: FollowTarget;
  id: string;
  titleSv: string;
  titleEn: string;
  href: string;
  since: Date;
}

/**
 * What a person follows, with names and links, newest first, as one JSON array (a part of My page's one statement);
 * things no longer public are left out. `since` comes as text: see `followedFrom`.
 */
export const followsJson = (userId: string) => sql`coalesce((select json_agg(x order by x.since desc) from (
    select f.target_type as type, f.target_id as id, ${submissions.title} as "titleSv", '' as "titleEn", '/solutions/' || f.target_id as href, f.created_at as since
      from ${follows} f join ${submissions} on ${submissions.id} = f.target_id join ${events} on ${events.id} = ${submissions.eventId}
      where f.user_id = ${userId} and f.target_type = 'solution' and ${isSolution}
    union all
    select f.target_type, f.target_id, c.title_sv, c.title_en, '/challenges/' || c.slug, f.created_at
      from ${follows} f join ${challenges} c on c.id = f.target_id
      where f.user_id = ${userId} and f.target_type = 'challenge' and c.status <> 'draft'
    union all
    select f.target_type, f.target_id, o.name, '', '/organisations/' || o.slug, f.created_at
      from ${follows} f join ${organisations} o on o.id = f.target_id
      where f.user_id = ${userId} and f.target_type = 'organisation') x), '[]')`;

export const followedFrom = (rows: (Omit<Followed, 'since'> & { since: string })[]): Followed[] => rows.map((r) => ({ ...r, since: new Date(r.since) }));

export const NOTICE_PAGE = 20;

/** One page of a person's notices, newest first, with how many there are and how many are unread. */
export async function noticesOf(db: Db, userId: string, page: number, size = NOTICE_PAGE) {
  const [rows, [counts]] = await Promise.all([
    db
      .select()
      .from(notices)
      .where(eq(notices.userId, userId))
      .orderBy(desc(notices.createdAt), desc(notices.id))
      .limit(size)
      .offset((page - 1) * size),
    db
      .select({ total: sql<number>`count(*)::int`, unread: sql<number>`(count(*) filter (where ${notices.readAt} is null))::int` })
      .from(notices)
      .where(eq(notices.userId, userId)),
  ]);
  return { rows, total: counts.total, unread: counts.unread };
}
export type Notice = typeof notices.$inferSelect;

/** The few newest notices, for My page, as one JSON array (see `followsJson`); `noticesFrom` reads it. */
export const recentNoticesJson = (userId: string, size = 5) => sql`coalesce((select json_agg(x order by x."createdAt" desc, x.id desc) from (
    select id, user_id as "userId", kind, path, params, created_at as "createdAt", read_at as "readAt", mailed_at as "mailedAt"
      from ${notices} where user_id = ${userId} order by created_at desc, id desc limit ${size}) x), '[]')`;

type NoticeJson = Omit<Notice, 'createdAt' | 'readAt' | 'mailedAt'> & { createdAt: string; readAt: string | null; mailedAt: string | null };
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
export const noticesFrom = (rows: NoticeJson[]): Notice[] =>
  rows.map((n) => ({ ...n, createdAt: new Date(n.createdAt), readAt: dateOrNull(n.readAt), mailedAt: dateOrNull(n.mailedAt) }));
