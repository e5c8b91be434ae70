import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { eventPhases, eventRegistrations, events, type RegistrationStatus } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { mailPerson, recipientOf } from '../../notifications/mail-person.ts';
import { registrationRefusal } from '../phases.ts';
import { recordOverride, type Override, type PhaseRefusal } from '../override.ts';
import { answeredAny, storeAnswers, type DiversityInput } from '../diversity.ts';

/** Registered or waitlisted; 'closed' for an event not published; a refusal when registration is not open now. */
export type RegistrationOutcome = RegistrationStatus | 'closed' | { refused: PhaseRefusal };

/**
 * Registers a person for an event, as a registrant while places remain and on the waitlist after. The event row (and
 * with it the count a trigger keeps there) is locked for the decision and the insert, so concurrent registrations for
 * the last places queue up one by one and the event is never overfilled. The server's clock decides whether
 * registration is open; the organiser registering outside it needs an override with a reason (audited).
 */
export async function register(
  ctx: Ctx,
  userId: string,
  eventId: string,
  asTeam: boolean,
  diversity: DiversityInput = {},
  override: Override | null = null,
): Promise<RegistrationOutcome> {
  return ctx.db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (event.status !== 'published') return 'closed';
    const phases = await tx.select().from(eventPhases).where(eq(eventPhases.eventId, eventId));
    const refused = registrationRefusal(phases, new Date());
    if (refused && !override) return { refused };
    const [existing] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
    if (existing && existing.status !== 'cancelled') return existing.status;
    if (refused && override) await recordOverride(tx, userId, eventId, refused, override);
    const status: RegistrationStatus = event.capacity === null || event.registeredCount < event.capacity ? 'registered' : 'waitlisted';
    // Answers are stored once a person and event, apart from the registration, which records only that they were given.
    const answers = answeredAny(diversity) && !existing?.diversityAnswered;
    if (answers) await storeAnswers(tx, eventId, diversity);
    const values = {
      status,
      asTeam,
      rulesVersion: event.rulesVersion,
      acceptedRulesAt: new Date(),
      queuedAt: new Date(),
      cancelledAt: null,
      diversityAnswered: answers || (existing?.diversityAnswered ?? false),
    };
    await tx
      .insert(eventRegistrations)
      .values({ eventId, userId, ...values })
      .onConflictDoUpdate({ target: [eventRegistrations.eventId, eventRegistrations.userId], set: values });
    await recordAudit(tx, {
      actorId: userId,
      action: `event.${status}`,
      subjectType: 'event',
      subjectId: eventId,
      details: { rulesVersion: event.rulesVersion },
    });
    await tell(ctx, tx, userId, event, status === 'registered' ? 'registered' : 'waitlisted');
    return status;
  });
}

/** Cancels a person's place; a freed place goes to the first on the waitlist at once, who is told by e-mail. */
export async function cancelRegistration(ctx: Ctx, userId: string, eventId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    const [cancelled] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId), sql`${eventRegistrations.status} <> 'cancelled'`))
      .returning({ id: eventRegistrations.id });
    if (!cancelled) return;
    await recordAudit(tx, { actorId: userId, action: 'event.cancelled', subjectType: 'event', subjectId: eventId });
    await tell(ctx, tx, userId, event, 'cancelled');
    await promoteWaitlisted(ctx, tx, event);
  });
}

/** Fills free places from the waitlist, in the order people joined it. */
async function promoteWaitlisted(ctx: Ctx, tx: Tx, event: typeof events.$inferSelect) {
  // The count as the trigger left it after the cancellation, under the lock this transaction holds.
  const [{ taken }] = await tx.select({ taken: events.registeredCount }).from(events).where(eq(events.id, event.id));
  const free = event.capacity === null ? Infinity : event.capacity - taken;
  if (free <= 0) return;
  const next = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
    .limit(Number.isFinite(free) ? free : 1000);
  for (const r of next) {
    await tx.update(eventRegistrations).set({ status: 'registered' }).where(eq(eventRegistrations.id, r.id));
    await recordAudit(tx, { actorId: null, action: 'event.promoted', subjectType: 'event', subjectId: event.id, details: { user: r.userId } });
    await tell(ctx, tx, r.userId, event, 'promoted');
  }
}

async function tell(ctx: Ctx, tx: Tx, userId: string, event: typeof events.$inferSelect, what: 'registered' | 'waitlisted' | 'cancelled' | 'promoted') {
  const link = `${ctx.config.publicUrl}/events/${event.slug}`;
  await mailPerson(tx, await recipientOf(tx, userId), `mail.event.${what}`, (lang) => ({
    title: lang === 'en' && event.titleEn ? event.titleEn : event.titleSv,
    link,
  }));
}
