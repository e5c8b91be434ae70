import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tenseOf, type EventTense, type Phase } from './phases.ts';
import { challenges, eventAnnouncements, eventChallenges, eventPhases, eventRegistrations, events, eventTracks, organisations } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import type { Actor } from '../../web/policy.ts';

export type Event = typeof events.$inferSelect;

/** An event with its phases, challenges, organiser and how many are registered and waiting. */
export async function findEventBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ event: events, organisationName: organisations.name, organisationSlug: organisations.slug })
    .from(events)
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(events.slug, slug));
  if (!row) return null;
  const [phases, covered, tracks, announcements] = await Promise.all([
    db.select().from(eventPhases).where(eq(eventPhases.eventId, row.event.id)),
    db
      .select({ id: challenges.id, slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn, orgName: organisations.name })
      .from(eventChallenges)
      .innerJoin(challenges, eq(challenges.id, eventChallenges.challengeId))
      .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
      .where(and(eq(eventChallenges.eventId, row.event.id), ne(challenges.status, 'draft')))
      .orderBy(asc(challenges.titleSv)),
    db.select().from(eventTracks).where(eq(eventTracks.eventId, row.event.id)).orderBy(asc(eventTracks.position)),
    db.select().from(eventAnnouncements).where(eq(eventAnnouncements.eventId, row.event.id)).orderBy(desc(eventAnnouncements.createdAt)),
  ]);
  return { ...row, phases, challenges: covered, tracks, announcements, registered: row.event.registeredCount, waitlisted: row.event.waitlistedCount };
}
export type EventDetail = NonNullable<Awaited<ReturnType<typeof findEventBySlug>>>;

/**
 * Published events as the list shows them: upcoming (soonest first), running, and past (latest first), each with its
 * phases and first start. All phases come in one query.
 */
export async function eventsByTense(db: Db, now: Date) {
  const rows = await db.select().from(events).where(eq(events.status, 'published'));
  const phases = rows.length ? await db.select().from(eventPhases).where(inArray(eventPhases.eventId, rows.map((r) => r.id))) : [];
  const phasesOf = new Map<string, typeof phases>();
  for (const p of phases) {
    const list = phasesOf.get(p.eventId);
    if (list) list.push(p);
    else phasesOf.set(p.eventId, [p]);
  }
  const groups: Record<EventTense, ListedEvent[]> = { upcoming: [], running: [], past: [] };
  for (const event of rows) {
    const own = phasesOf.get(event.id) ?? [];
    const starts = own.map((p) => p.startsAt.getTime());
    groups[tenseOf(own, now)].push({ event, phases: own, startsAt: starts.length ? new Date(Math.min(...starts)) : null });
  }
  const at = (e: ListedEvent) => e.startsAt?.getTime() ?? 0;
  groups.upcoming.sort((a, b) => at(a) - at(b));
  groups.running.sort((a, b) => at(a) - at(b));
  groups.past.sort((a, b) => at(b) - at(a));
  return groups;
}
export interface ListedEvent {
  event: Event;
  phases: Phase[];
  startsAt: Date | null;
}

/** A person's registration at an event, if any. */
export async function registrationOf(db: Db, eventId: string, userId: string) {
  const [row] = await db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row ?? null;
}

/** A published event, for the pages where people take part (teams, mentors, proposals); anything else is missing. */
export async function publishedEvent(db: Db, slug: string): Promise<EventDetail> {
  const event = await findEventBySlug(db, slug);
  if (!event || event.event.status !== 'published') throw notFound();
  return event;
}

/** Whether a person holds a place (not the waitlist) at an event: the condition for joining a team. */
export async function holdsPlace(db: Db, eventId: string, userId: string): Promise<boolean> {
  return (await registrationOf(db, eventId, userId))?.status === 'registered';
}

/**
 * The organisations an actor may run events for: approved need owners they belong to. The organiser may also run
 * events as the platform itself (null) or for any approved organisation.
 */
export async function eventOrganisationsFor(db: Db, actor: Actor): Promise<{ id: string | null; name: string }[]> {
  const user = actor.user;
  if (!user) return [];
  const ids = user.memberships.map((m) => m.organisationId);
  if (!user.isOrganiser && !ids.length) return [];
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.isNeedOwner, true), user.isOrganiser ? undefined : inArray(organisations.id, ids)))
    .orderBy(asc(organisations.name));
  return user.isOrganiser ? [{ id: null, name: 'Hack for Sweden 365' }, ...rows] : rows;
}

/** Events not yet public that the actor runs (drafts, and those awaiting approval), for their list. */
export async function unpublishedEventsFor(db: Db, actor: Actor) {
  const user = actor.user;
  if (!user) return [];
  const ids = user.memberships.map((m) => m.organisationId);
  if (!user.isOrganiser && !ids.length) return [];
  return db
    .select({ slug: events.slug, titleSv: events.titleSv, titleEn: events.titleEn, status: events.status })
    .from(events)
    .where(and(inArray(events.status, ['draft', 'pending']), user.isOrganiser ? undefined : inArray(events.organisationId, ids)))
    .orderBy(desc(events.createdAt))
    .limit(50);
}

/** Challenges an event may cover: published ones, by title. */
export async function coverableChallenges(db: Db) {
  return db
    .select({ id: challenges.id, titleSv: challenges.titleSv, titleEn: challenges.titleEn, orgName: organisations.name })
    .from(challenges)
    .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
    .where(eq(challenges.status, 'published'))
    .orderBy(asc(challenges.titleSv));
}
