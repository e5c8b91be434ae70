import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mentorBookings, mentors, mentorSlots, teamMembers, teams, users } from '../../db/schema/index.ts';

export async function mentorAt(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select()
    .from(mentors)
    .where(and(eq(mentors.eventId, eventId), eq(mentors.userId, userId)));
  return row ?? null;
}

/** The event's mentors with their future slots, and for each slot whether it is taken (never by whom). */
export async function mentorsWithSlots(db: Db, eventId: string, now: Date) {
  const people = await db
    .select({ id: mentors.id, name: users.name, expertise: mentors.expertise, organisation: mentors.organisation, languages: mentors.languages })
    .from(mentors)
    .innerJoin(users, eq(users.id, mentors.userId))
    .where(eq(mentors.eventId, eventId))
    .orderBy(asc(users.name));
  if (!people.length) return [];
  const slots = await db
    .select({
      id: mentorSlots.id,
      mentorId: mentorSlots.mentorId,
      startsAt: mentorSlots.startsAt,
      endsAt: mentorSlots.endsAt,
      taken: sql<boolean>`${mentorBookings.id} is not null`,
    })
    .from(mentorSlots)
    .leftJoin(mentorBookings, and(eq(mentorBookings.slotId, mentorSlots.id), isNull(mentorBookings.cancelledAt)))
    .where(
      and(
        inArray(
          mentorSlots.mentorId,
          people.map((p) => p.id),
        ),
        gt(mentorSlots.startsAt, now),
      ),
    )
    .orderBy(asc(mentorSlots.startsAt));
  return people.map((p) => ({ ...p, slots: slots.filter((s) => s.mentorId === p.id) }));
}

/** A team's live bookings, with the mentor's name. */
export async function bookingsOfTeam(db: Db, teamId: string) {
  return db
    .select({ id: mentorBookings.id, startsAt: mentorSlots.startsAt, endsAt: mentorSlots.endsAt, question: mentorBookings.question, mentorName: users.name })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .innerJoin(users, eq(users.id, mentors.userId))
    .where(and(eq(mentorBookings.teamId, teamId), isNull(mentorBookings.cancelledAt)))
    .orderBy(asc(mentorSlots.startsAt));
}

/** A mentor's schedule: every slot, with the team and question where booked. */
export async function scheduleOf(db: Db, mentorId: string) {
  return db
    .select({
      slotId: mentorSlots.id,
      startsAt: mentorSlots.startsAt,
      endsAt: mentorSlots.endsAt,
      bookingId: mentorBookings.id,
      question: mentorBookings.question,
      teamId: teams.id,
      teamName: teams.name,
    })
    .from(mentorSlots)
    .leftJoin(mentorBookings, and(eq(mentorBookings.slotId, mentorSlots.id), isNull(mentorBookings.cancelledAt)))
    .leftJoin(teams, eq(teams.id, mentorBookings.teamId))
    .where(eq(mentorSlots.mentorId, mentorId))
    .orderBy(asc(mentorSlots.startsAt));
}

/** Whether a person mentors a team: they have a live booking with it. Such a mentor may read the team's draft. */
export async function mentorsTeam(db: Db, userId: string, teamId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mentorBookings.id })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .where(and(eq(mentorBookings.teamId, teamId), eq(mentors.userId, userId), isNull(mentorBookings.cancelledAt)))
    .limit(1);
  return Boolean(row);
}

export async function teamIdOf(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.eventId, eventId), eq(teamMembers.userId, userId)));
  return row?.teamId ?? null;
}

/** A live booking as one of its two sides sees it (its mentor or a member of its team); null for anyone else. */
export async function bookingFor(db: Db, bookingId: string, userId: string) {
  const [row] = await db
    .select({
      id: mentorBookings.id,
      startsAt: mentorSlots.startsAt,
      mentorName: users.name,
      mentorUserId: mentors.userId,
      teamId: teams.id,
      teamName: teams.name,
    })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .innerJoin(users, eq(users.id, mentors.userId))
    .innerJoin(teams, eq(teams.id, mentorBookings.teamId))
    .where(and(eq(mentorBookings.id, bookingId), isNull(mentorBookings.cancelledAt)));
  if (!row) return null;
  if (row.mentorUserId === userId) return { ...row, byMentor: true };
  const [member] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, row.teamId), eq(teamMembers.userId, userId)));
  return member ? { ...row, byMentor: false } : null;
}
