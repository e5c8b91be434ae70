import crypto from 'node:crypto';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { eventPhases, eventRegistrations, events, mentorBookings, mentors, mentorSlots, teamMembers, teams, users } from '../../db/schema/index.ts';
import type { Translate } from '../../web/i18n.ts';
import { phaseEntries, type CalendarEntry } from './calendar.ts';

/**
 * A personal feed's address carries the person's id and an HMAC of it: calendar apps cannot sign in, so the secret
 * URL is the credential. It changes when the session secret does; nothing is stored.
 */
export function calendarToken(secret: string, userId: string): string {
  return `${userId}.${crypto.createHmac('sha256', secret).update(`calendar:${userId}`).digest('base64url').slice(0, 32)}`;
}

export function userOfToken(secret: string, token: string): string | null {
  const [userId] = token.split('.');
  if (!userId) return null;
  const expected = calendarToken(secret, userId);
  return expected.length === token.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(token)) ? userId : null;
}

/** The phases of every published event a person holds a place at, and their mentoring sessions (as team or mentor). */
export async function personalEntries(ctx: Ctx, userId: string, t: Translate, lang: string): Promise<CalendarEntry[]> {
  const mine = await ctx.db
    .select({ event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, userId), eq(eventRegistrations.status, 'registered'), eq(events.status, 'published')));
  const phases = mine.length
    ? await ctx.db
        .select()
        .from(eventPhases)
        .where(
          inArray(
            eventPhases.eventId,
            mine.map((m) => m.event.id),
          ),
        )
    : [];
  const entries = mine.flatMap(({ event }) => {
    const title = lang === 'en' && event.titleEn ? event.titleEn : event.titleSv;
    return phaseEntries(
      { slug: event.slug, title, place: event.place, online: event.online },
      phases.filter((p) => p.eventId === event.id),
      ctx.config.publicUrl,
      (p) => t(`events.phase.${p.kind}`),
    );
  });
  const sessions = await ctx.db
    .select({
      id: mentorBookings.id,
      startsAt: mentorSlots.startsAt,
      endsAt: mentorSlots.endsAt,
      teamName: teams.name,
      mentorName: users.name,
      slug: events.slug,
      question: mentorBookings.question,
    })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .innerJoin(users, eq(users.id, mentors.userId))
    .innerJoin(teams, eq(teams.id, mentorBookings.teamId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
    .where(and(isNull(mentorBookings.cancelledAt), or(eq(mentors.userId, userId), eq(teamMembers.userId, userId))));
  for (const s of sessions) {
    entries.push({
      uid: `mentoring-${s.id}@hack365`,
      title: t('calendar.mentoring', { team: s.teamName, mentor: s.mentorName ?? '' }),
      description: s.question,
      url: `${ctx.config.publicUrl}/events/${s.slug}/mentors`,
      location: 'Online',
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    });
  }
  return entries;
}
