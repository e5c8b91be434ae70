import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';

/**
 * What is changed, by how often it changes while a hackathon runs. Participants register, join and leave teams,
 * vote, book mentors and save drafts all the time; lists of challenges, datasets and solutions show none of it. Each
 * kind has a sequence of its own (moved by triggers, see migration 0020), so those changes do not throw away the
 * lists every instance keeps. What a cache reads is declared where it is made (`reads`); all kinds unless it says.
 */
export type ChangeKind = 'content' | 'activity' | 'drafts';
export const ALL_KINDS: readonly ChangeKind[] = ['content', 'activity', 'drafts'];
/** For what shows no one's activity: lists of challenges, datasets and solutions, and what those say about themselves. */
export const CONTENT: readonly ChangeKind[] = ['content'];
/** For what shows counts of registrations too (an event's page). */
export const CONTENT_AND_ACTIVITY: readonly ChangeKind[] = ['content', 'activity'];
const SEQUENCES: Record<ChangeKind, string> = { content: 'change_version', activity: 'change_version_activity', drafts: 'change_version_drafts' };
const POSITION: Record<ChangeKind, number> = { content: 0, activity: 1, drafts: 2 };
const REPLAY = 3;
/** A sequence's value as a reading holds it (is_called tells a fresh sequence from one moved once). */
const readingOf = (sequence: string) => `${sequence}.last_value::text || ${sequence}.is_called::text`;

/**
 * The part of a reading (every kind's value, then a replica's replay position) that a cache reading `reads` depends
 * on: what it keeps stays right while this part is the same.
 */
export function versionFor(version: string, reads: readonly ChangeKind[] = ALL_KINDS): string {
  if (reads === ALL_KINDS) return version;
  const parts = version.split('|');
  return `${reads.map((kind) => parts[POSITION[kind]]).join('|')}|${parts[REPLAY]}`;
}

/**
 * What an instance may keep in memory (kept pages, search matches, filter values) is only right until something
 * changes, through this instance or any other. Every change bumps a PostgreSQL sequence of its kind before its
 * answer leaves; a cache keeps the value it saw with what it made, and reads the sequences (one tiny query, no
 * table) before using it. So a change made through one instance is seen on the next request through another, with
 * no window: LISTEN/NOTIFY would deliver the news a moment after the answer, and a reader arriving in that moment
 * would get the stale page.
 */
export async function changeVersion(db: Db, reads: readonly ChangeKind[] = ALL_KINDS): Promise<string> {
  const known = perRequest.getStore();
  if (!known) return versionFor(await readVersion(db), reads);
  let version = known.reading.get(db);
  if (!version) {
    known.reading.set(db, (version = readVersion(db)));
    version.then((v) => known.read.set(db, v)).catch(() => undefined);
  }
  return versionFor(await version, reads);
}

/**
 * The request's reading of the version when it has arrived already (with the session, or for a cache earlier in
 * the request), else undefined: for work that is only worth keeping if it costs no round trip of its own.
 */
export function knownVersion(db: Db, reads: readonly ChangeKind[] = ALL_KINDS): string | undefined {
  const version = perRequest.getStore()?.read.get(db);
  return version === undefined ? undefined : versionFor(version, reads);
}

/**
 * The version as a column, for a query that runs anyway: the session lookup reads it in the same round trip, so a
 * signed-in page's caches cost no query of their own.
 */
// On a streaming replica the sequence does not move with each change (PostgreSQL logs sequences 32 values ahead),
// but the position it has replayed to does: a cache over replica reads is kept only until the replica moves on.
export const versionColumn = sql<string>`(select concat_ws('|', ${sql.raw(ALL_KINDS.map((kind) => readingOf(SEQUENCES[kind])).join(', '))},
  coalesce(pg_last_wal_replay_lsn()::text, '')) from ${sql.raw(ALL_KINDS.map((kind) => SEQUENCES[kind]).join(', '))})`;

async function readVersion(db: Db): Promise<string> {
  const [row] = await rowsOf<{ v: string }>(db, sql`select ${versionColumn} as v`);
  return row.v;
}

/**
 * One reading per request and database. Reading it once, at the start, is safe: whatever a cache keeps during the
 * request is tagged with a version no newer than the data it holds, so at worst it is thrown away early.
 */
const perRequest = new AsyncLocalStorage<{ reading: Map<Db, Promise<string>>; read: Map<Db, string> }>();

/** Runs a request's remaining hooks and handler with their own reading of the version (a Fastify onRequest hook). */
export function versionPerRequest(_req: unknown, _reply: unknown, done: () => void) {
  perRequest.run({ reading: new Map(), read: new Map() }, done);
}

/** The version as a query that ran anyway read it (see versionColumn). */
export function versionRead(db: Db, version: string) {
  const known = perRequest.getStore();
  known?.reading.set(db, Promise.resolve(version));
  known?.read.set(db, version);
}

/** Called after a change that a cache may hold, of the kinds given (all, unless it says). */
export async function noteChange(db: Db, kinds: readonly ChangeKind[] = ALL_KINDS): Promise<void> {
  await rowsOf(db, sql.raw(`select ${kinds.map((kind) => `nextval('${SEQUENCES[kind]}')`).join(', ')}`));
}

/**
 * After a request's writes are committed: moves again every kind that moved since the request read the versions
 * (its own triggers moved them before the commit, when a reader could still see the old rows and keep them under
 * the new value). A kind someone else moved meanwhile is moved once more, which costs a cache one early refresh.
 * A request that read no version moves every kind.
 */
export async function noteChangesOfRequest(db: Db): Promise<void> {
  const before = (knownVersion(db) ?? '').split('|');
  const moved = ALL_KINDS.map(
    (kind) =>
      sql`case when (select ${sql.raw(readingOf(SEQUENCES[kind]))} from ${sql.raw(SEQUENCES[kind])}) <> ${before[POSITION[kind]] ?? ''} then nextval(${SEQUENCES[kind]}) end`,
  );
  await rowsOf(db, sql`select ${sql.join(moved, sql`, `)}`);
}
