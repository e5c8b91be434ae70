import { preparedPerDb } from '../../db/prepared.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { eventSpan, tenseOf, type EventTense, type Phase } from './phases.ts';
import { challenges, eventAnnouncements, eventChallenges, eventPhases, eventRegistrations, events, eventTracks, organisations } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { eventHas, type EventPart } from './kinds.ts';
import type { Actor } from '../../web/policy.ts';
import { sharedQuery } from '../../web/shared-cache.ts';
import { CONTENT_AND_ACTIVITY } from '../../web/changes.ts';

export type Event = typeof events.$inferSelect;

type Phase_ = typeof eventPhases.$inferSelect;
type Track = typeof eventTracks.$inferSelect;
type Announcement = typeof eventAnnouncements.$inferSelect;
interface CoveredChallenge {
  id: string;
  slug: string;
  titleSv: string;
  titleEn: string;
  orgName: string;
}
/** JSON brings times back as text; these turn them into Dates again. */
const at = (v: string | Date) => new Date(v);

// Every page of an event runs it, so it is prepared once (built and planned) rather than on each request.
const eventBySlug = preparedPerDb((db) =>
  db
    .select({
      event: events,
      organisationName: organisations.name,
      organisationSlug: organisations.slug,
      phases: sql<
        Phase_[]
      >`coalesce((select json_agg(json_build_object('eventId', p.event_id, 'kind', p.kind, 'startsAt', p.starts_at, 'endsAt', p.ends_at)) from ${eventPhases} p where p.event_id = ${events.id}), '[]')`,
      challenges: sql<
        CoveredChallenge[]
      >`coalesce((select json_agg(json_build_object('id', c.id, 'slug', c.slug, 'titleSv', c.title_sv, 'titleEn', c.title_en, 'orgName', o.name) order by c.title_sv)
        from ${eventChallenges} ec join ${challenges} c on c.id = ec.challenge_id join ${organisations} o on o.id = c.organisation_id
        where ec.event_id = ${events.id} and c.status <> 'draft'), '[]')`,
      tracks: sql<
        Track[]
      >`coalesce((select json_agg(json_build_object('id', t.id, 'eventId', t.event_id, 'position', t.position, 'nameSv', t.name_sv, 'nameEn', t.name_en) order by t.position) from ${eventTracks} t where t.event_id = ${events.id}), '[]')`,
      announcements: sql<
        Announcement[]
      >`coalesce((select json_agg(json_build_object('id', a.id, 'eventId', a.event_id, 'authorId', a.author_id, 'subject', a.subject, 'body', a.body, 'createdAt', a.created_at) order by a.created_at desc)
        from ${eventAnnouncements} a where a.event_id = ${events.id}), '[]')`,
    })
    .from(events)
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(events.slug, sql.placeholder('slug')))
    .prepare('event_by_slug'),
);

/**
 * An event with its phases, challenges (with their need owners), tracks, announcements, organiser and counts, in one
 * query: every page of an event's life (its page, team board, mentors, proposals, gallery) starts here, so it is kept
 * while nothing changes (web/shared-cache.ts).
 */
export const findEventBySlug = sharedQuery(readEventBySlug, { reads: CONTENT_AND_ACTIVITY });
async function readEventBySlug(db: Db, slug: string) {
  const [row] = await eventBySlug(db).execute({ slug });
  if (!row) return null;
  return {
    event: row.event,
    organisationName: row.organisationName,
    organisationSlug: row.organisationSlug,
    phases: row.phases.map((p) => ({ ...p, startsAt: at(p.startsAt), endsAt: at(p.endsAt) })),
    challenges: row.challenges,
    tracks: row.tracks,
    announcements: row.announcements.map((a) => ({ ...a, createdAt: at(a.createdAt) })),
    registered: row.event.registeredCount,
    waitlisted: row.event.waitlistedCount,
  };
}
export type EventDetail = NonNullable<Awaited<ReturnType<typeof readEventBySlug>>>;

/**
 * Published events as the list shows them: upcoming (soonest first), running, and past (latest first), each with its
 * phases and its own dates (not registration's). All phases come in one query.
 */
export async function eventsByTense(db: Db, now: Date) {
  const rows = await db.select().from(events).where(eq(events.status, 'published'));
  const phases = rows.length
    ? await db
        .select()
        .from(eventPhases)
        .where(
          inArray(
            eventPhases.eventId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const phasesOf = new Map<string, typeof phases>();
  for (const p of phases) {
    const list = phasesOf.get(p.eventId);
    if (list) list.push(p);
    else phasesOf.set(p.eventId, [p]);
  }
  const groups: Record<EventTense, ListedEvent[]> = { upcoming: [], running: [], past: [] };
  for (const event of rows) {
    const own = phasesOf.get(event.id) ?? [];
    groups[tenseOf(own, now)].push({ event, phases: own, span: eventSpan(own) });
  }
  const at = (e: ListedEvent) => e.span?.startsAt.getTime() ?? 0;
  groups.upcoming.sort((a, b) => at(a) - at(b));
  groups.running.sort((a, b) => at(a) - at(b));
  groups.past.sort((a, b) => at(b) - at(a));
  return groups;
}
export interface ListedEvent {
  event: Event;
  phases: Phase[];
  /** From its first phase after registration to the end of its last (phases.ts, eventSpan). */
  span: { startsAt: Date; endsAt: Date } | null;
}

/** A person's registration at an event, if any. */
export async function registrationOf(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row ?? null;
}

/**
 * A published event, for the pages where people take part (teams, mentors, proposals); anything else is missing, as
 * is a part the event's kind does not have (a workshop's team board).
 */
export async function publishedEvent(db: Db, slug: string, part?: EventPart): Promise<EventDetail> {
  const event = await findEventBySlug(db, slug);
  if (!event || event.event.status !== 'published' || (part && !eventHas(event.event.kind, part))) throw notFound();
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

/** How many events an organisation's page lists. */
export const ORGANISATION_EVENTS_SHOWN = 10;

/**
 * Published events an organisation runs, or that take up its challenges, latest first, each with its own dates (not
 * registration's) and whether the organisation runs it; with how many there are. One query.
 */
export async function eventsOfOrganisation(db: Db, organisationId: string) {
  const own = sql`p.event_id = ${events.id} and p.kind <> 'registration'`;
  const rows = await db
    .select({
      slug: events.slug,
      titleSv: events.titleSv,
      titleEn: events.titleEn,
      runs: sql<boolean>`coalesce(${events.organisationId} = ${organisationId}, false)`,
      startsAt: sql<Date | string | null>`(select min(p.starts_at) from ${eventPhases} p where ${own})`.as('starts_at'),
      endsAt: sql<Date | string | null>`(select max(p.ends_at) from ${eventPhases} p where ${own})`.as('ends_at'),
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(events)
    .where(
      and(
        eq(events.status, 'published'),
        sql`(${events.organisationId} = ${organisationId} or exists (
          select 1 from ${eventChallenges} ec join ${challenges} c on c.id = ec.challenge_id where ec.event_id = ${events.id} and c.organisation_id = ${organisationId}))`,
      ),
    )
    .orderBy(sql`starts_at desc nulls last`, asc(events.slug))
    .limit(ORGANISATION_EVENTS_SHOWN);
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { rows: rows.map(({ total: _t, startsAt, endsAt, ...row }) => ({ ...row, startsAt: at(startsAt), endsAt: at(endsAt) })), total: rows[0]?.total ?? 0 };
}
