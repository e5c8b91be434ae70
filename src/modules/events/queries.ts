import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { challenges, eventChallenges, eventPhases, eventRegistrations, events, organisations } from '../../db/schema/index.ts';

export type Event = typeof events.$inferSelect;

/** An event with its phases, challenges, organiser and how many are registered and waiting. */
export async function findEventBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ event: events, organisationName: organisations.name, organisationSlug: organisations.slug })
    .from(events)
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(events.slug, slug));
  if (!row) return null;
  const [phases, covered, [counts]] = await Promise.all([
    db.select().from(eventPhases).where(eq(eventPhases.eventId, row.event.id)),
    db
      .select({ slug: challenges.slug, titleSv: challenges.titleSv, titleEn: challenges.titleEn, orgName: organisations.name })
      .from(eventChallenges)
      .innerJoin(challenges, eq(challenges.id, eventChallenges.challengeId))
      .innerJoin(organisations, eq(organisations.id, challenges.organisationId))
      .where(and(eq(eventChallenges.eventId, row.event.id), ne(challenges.status, 'draft')))
      .orderBy(asc(challenges.titleSv)),
    db
      .select({
        registered: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'registered')::int`,
        waitlisted: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'waitlisted')::int`,
      })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, row.event.id)),
  ]);
  return { ...row, phases, challenges: covered, ...counts };
}
export type EventDetail = NonNullable<Awaited<ReturnType<typeof findEventBySlug>>>;

/** Published events with their phases (one query for all phases), for the list. */
export async function publishedEvents(db: Db) {
  const rows = await db.select().from(events).where(eq(events.status, 'published'));
  const phases = rows.length ? await db.select().from(eventPhases).where(inArray(eventPhases.eventId, rows.map((r) => r.id))) : [];
  const phasesOf = new Map<string, typeof phases>();
  for (const p of phases) phasesOf.set(p.eventId, [...(phasesOf.get(p.eventId) ?? []), p]);
  return rows.map((event) => ({ event, phases: phasesOf.get(event.id) ?? [] }));
}

/** A person's registration at an event, if any. */
export async function registrationOf(db: Db, eventId: string, userId: string) {
  const [row] = await db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row ?? null;
}
