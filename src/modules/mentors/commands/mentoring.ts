import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Db, Tx } from '../../../db/client.ts';
import { events, mentorBookings, mentors, mentorSlots, teamMembers, teams, users } from '../../../db/schema/index.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { recordAudit } from '../../audit/audit.ts';
import { mailPerson, recipientColumns, recipientOf } from '../../notifications/mail-person.ts';

export interface MentorInput {
  email: string;
  expertise: string;
  organisation: string;
  languages: string[];
}

/** Attaches a person (by the e-mail of their account) to an event as a mentor; they are told by mail. */
export async function addMentor(
  ctx: Ctx,
  actorId: string,
  event: { id: string; slug: string; titleSv: string },
  input: MentorInput,
): Promise<'added' | 'noAccount'> {
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select(recipientColumns).from(users).where(eq(users.email, input.email.toLowerCase()));
    if (!person) return 'noAccount';
    const values = { expertise: input.expertise, organisation: input.organisation, languages: input.languages };
    await tx
      .insert(mentors)
      .values({ eventId: event.id, userId: person.id, ...values })
      .onConflictDoUpdate({ target: [mentors.eventId, mentors.userId], set: values });
    await recordAudit(tx, { actorId, action: 'mentor.added', subjectType: 'event', subjectId: event.id, details: { user: person.id } });
    await mailPerson(tx, person, 'mail.mentor.added', { title: event.titleSv, link: `${ctx.config.publicUrl}/events/${event.slug}/mentoring` });
    return 'added';
  });
}

export async function addSlot(ctx: Ctx, mentorId: string, startsAt: Date, minutes: number): Promise<'added' | 'exists'> {
  const rows = await ctx.db
    .insert(mentorSlots)
    .values({ mentorId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) })
    .onConflictDoNothing()
    .returning({ id: mentorSlots.id });
  return rows.length ? 'added' : 'exists';
}

/** A mentor removes a slot nobody has booked. */
export async function removeSlot(ctx: Ctx, mentorId: string, slotId: string): Promise<boolean> {
  const rows = await ctx.db
    .delete(mentorSlots)
    .where(
      and(
        eq(mentorSlots.id, slotId),
        eq(mentorSlots.mentorId, mentorId),
        sql`not exists (select 1 from ${mentorBookings} b where b.slot_id = ${mentorSlots.id} and b.cancelled_at is null)`,
      ),
    )
    .returning({ id: mentorSlots.id });
  return rows.length > 0;
}

/**
 * Books a future slot for a team. The database's partial unique index (one live booking a slot) decides races:
 * of many teams booking one slot at once, exactly one insert succeeds and the others find it taken.
 */
export async function book(ctx: Ctx, userId: string, teamId: string, eventId: string, slotId: string, question: string): Promise<'booked' | 'taken' | 'gone'> {
  return ctx.db.transaction(async (tx) => {
    const [slot] = await tx
      .select({ id: mentorSlots.id, startsAt: mentorSlots.startsAt, mentorUserId: mentors.userId })
      .from(mentorSlots)
      .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
      .where(and(eq(mentorSlots.id, slotId), eq(mentors.eventId, eventId), gt(mentorSlots.startsAt, new Date())));
    if (!slot) return 'gone';
    const [booking] = await tx
      .insert(mentorBookings)
      .values({ slotId, teamId, bookedBy: userId, question })
      .onConflictDoNothing()
      .returning({ id: mentorBookings.id });
    if (!booking) return 'taken';
    await recordAudit(tx, { actorId: userId, action: 'mentoring.booked', subjectType: 'mentoring', subjectId: booking.id });
    const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
    const mentor = await recipientOf(tx, slot.mentorUserId);
    await mailPerson(tx, mentor, 'mail.mentor.booked', { team: team.name, question, at: formatDateTime(slot.startsAt, 'sv') });
    return 'booked';
  });
}

/** Either side cancels; the other side is told. */
export async function cancelBooking(ctx: Ctx, userId: string, bookingId: string): Promise<'cancelled' | 'notYours'> {
  return ctx.db.transaction(async (tx) => {
    const [b] = await tx
      .select({ id: mentorBookings.id, teamId: mentorBookings.teamId, startsAt: mentorSlots.startsAt, mentorUserId: mentors.userId, teamName: teams.name })
      .from(mentorBookings)
      .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
      .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
      .innerJoin(teams, eq(teams.id, mentorBookings.teamId))
      .where(and(eq(mentorBookings.id, bookingId), isNull(mentorBookings.cancelledAt)))
      .for('update', { of: mentorBookings });
    if (!b) return 'notYours';
    const members = await membersOf(tx, b.teamId);
    const byMentor = b.mentorUserId === userId;
    if (!byMentor && !members.some((m) => m.id === userId)) return 'notYours';
    await tx.update(mentorBookings).set({ cancelledAt: new Date() }).where(eq(mentorBookings.id, b.id));
    await recordAudit(tx, { actorId: userId, action: 'mentoring.cancelled', subjectType: 'mentoring', subjectId: b.id });
    const params = { team: b.teamName, at: formatDateTime(b.startsAt, 'sv') };
    if (byMentor) for (const m of members) await mailPerson(tx, m, 'mail.mentor.cancelledByMentor', params);
    else {
      const mentor = await recipientOf(tx, b.mentorUserId);
      await mailPerson(tx, mentor, 'mail.mentor.cancelledByTeam', params);
    }
    return 'cancelled';
  });
}

/** Reminds both sides of sessions starting within the next day, once each; safe to run from several processes. */
export async function sendMentoringReminders(ctx: Ctx, now = new Date()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: mentorBookings.id,
        teamId: mentorBookings.teamId,
        startsAt: mentorSlots.startsAt,
        mentorUserId: mentors.userId,
        teamName: teams.name,
        eventSlug: events.slug,
      })
      .from(mentorBookings)
      .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
      .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
      .innerJoin(teams, eq(teams.id, mentorBookings.teamId))
      .innerJoin(events, eq(events.id, mentors.eventId))
      .where(
        and(
          isNull(mentorBookings.cancelledAt),
          isNull(mentorBookings.remindedAt),
          gt(mentorSlots.startsAt, now),
          lte(mentorSlots.startsAt, new Date(now.getTime() + 24 * 3600_000)),
        ),
      )
      .for('update', { of: mentorBookings, skipLocked: true });
    for (const b of due) {
      const params = { team: b.teamName, at: formatDateTime(b.startsAt, 'sv'), link: `${ctx.config.publicUrl}/events/${b.eventSlug}/mentors` };
      const mentor = await recipientOf(tx, b.mentorUserId);
      for (const person of [mentor, ...(await membersOf(tx, b.teamId))]) await mailPerson(tx, person, 'mail.mentor.reminder', params);
      await tx.update(mentorBookings).set({ remindedAt: now }).where(eq(mentorBookings.id, b.id));
    }
    return due.length;
  });
}

async function membersOf(tx: Tx | Db, teamId: string) {
  return tx.select(recipientColumns).from(teamMembers).innerJoin(users, eq(users.id, teamMembers.userId)).where(eq(teamMembers.teamId, teamId));
}
