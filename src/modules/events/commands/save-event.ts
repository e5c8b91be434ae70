import { and, eq, gte, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { rowsOf, type Tx } from '../../../db/client.ts';
import {
  eventAnnouncements,
  eventChallenges,
  eventPhases,
  eventRegistrations,
  events,
  eventTracks,
  outbox,
  users,
  type EventKind,
  type EventStatus,
} from '../../../db/schema/index.ts';
import { uniqueSlug } from '../../../db/slug.ts';
import { translator } from '../../../web/i18n.ts';
import { changedFields, recordAudit } from '../../audit/audit.ts';
import { outboxSignal } from '../../notifications/outbox.ts';
import type { PhaseInput } from '../schema.ts';
import { galleryRefusal } from '../../proposals/rules.ts';
import { recordOverride, type Override, type PhaseRefusal } from '../override.ts';
import { tellPublishersOfSolutions } from '../../datasets/commands/tell-publishers.ts';

export interface EventInput {
  organisationId: string | null;
  kind: EventKind;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  online: boolean;
  place: string;
  capacity: number | null;
  teamMin: number;
  teamMax: number;
  graceMinutes: number;
  rulesSv: string;
  rulesEn: string;
  phases: PhaseInput[];
  challengeIds: string[];
  tracks: { nameSv: string; nameEn: string }[];
}

type Fields = Omit<EventInput, 'phases' | 'challengeIds' | 'tracks'>;
const fieldsOf = ({ phases: _p, challengeIds: _c, tracks: _t, ...fields }: EventInput): Fields => fields;

/** A new event, as a draft: the organiser publishes it, or an organisation sends it for approval. */
export async function createEvent(ctx: Ctx, actorId: string, input: EventInput): Promise<{ slug: string }> {
  return ctx.db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, events, events.slug, input.titleSv);
    const [event] = await tx
      .insert(events)
      .values({ slug, ...fieldsOf(input) })
      .returning({ id: events.id });
    await replaceParts(tx, event.id, input);
    await recordAudit(tx, { actorId, action: 'event.created', subjectType: 'event', subjectId: event.id });
    return { slug };
  });
}

/** Saves changes; changed rules raise the rules version, so later registrations record which rules they accepted. */
export async function updateEvent(ctx: Ctx, actorId: string, event: typeof events.$inferSelect, input: EventInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const fields = fieldsOf(input);
    const changed = changedFields(event, fields);
    const rulesChanged = changed.includes('rulesSv') || changed.includes('rulesEn');
    await tx
      .update(events)
      .set({ ...fields, rulesVersion: rulesChanged ? event.rulesVersion + 1 : event.rulesVersion })
      .where(eq(events.id, event.id));
    await replaceParts(tx, event.id, input);
    await recordAudit(tx, { actorId, action: 'event.updated', subjectType: 'event', subjectId: event.id, details: { changed } });
  });
}

/** Phases and challenges are replaced; tracks are kept by position, so teams keep the track they chose. */
async function replaceParts(tx: Tx, eventId: string, input: EventInput) {
  await tx.delete(eventPhases).where(eq(eventPhases.eventId, eventId));
  if (input.phases.length) await tx.insert(eventPhases).values(input.phases.map((p) => ({ eventId, ...p })));
  await tx.delete(eventChallenges).where(eq(eventChallenges.eventId, eventId));
  if (input.challengeIds.length) await tx.insert(eventChallenges).values(input.challengeIds.map((challengeId) => ({ eventId, challengeId })));
  await tx.delete(eventTracks).where(and(eq(eventTracks.eventId, eventId), gte(eventTracks.position, input.tracks.length)));
  for (const [position, track] of input.tracks.entries()) {
    await tx
      .insert(eventTracks)
      .values({ eventId, position, ...track })
      .onConflictDoUpdate({ target: [eventTracks.eventId, eventTracks.position], set: track });
  }
}

/** Moves an event through its lifecycle; a cancelled event brought back is recorded as reinstated. */
export async function changeEventStatus(ctx: Ctx, actorId: string, event: { id: string; status: EventStatus }, to: EventStatus): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(events).set({ status: to }).where(eq(events.id, event.id));
    const action = event.status === 'cancelled' && to === 'published' ? 'event.reinstated' : `event.${to}`;
    await recordAudit(tx, { actorId, action, subjectType: 'event', subjectId: event.id, details: { from: event.status } });
  });
}

/**
 * Publishes or hides the solution gallery. Publishing waits until submitting has closed (deadline plus grace), so no
 * team's work goes public while others still write; only an organiser's override, with its reason, goes earlier.
 */
export async function setGallery(
  ctx: Ctx,
  actorId: string,
  eventId: string,
  published: boolean,
  override: Override | null = null,
): Promise<'done' | { refused: PhaseRefusal }> {
  return ctx.db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (published && !event.galleryPublished) {
      const refused = galleryRefusal(await tx.select().from(eventPhases).where(eq(eventPhases.eventId, eventId)), event.graceMinutes, new Date());
      if (refused && !override) return { refused };
      if (refused && override) await recordOverride(tx, actorId, eventId, refused, override);
    }
    await tx.update(events).set({ galleryPublished: published }).where(eq(events.id, eventId));
    if (published) await tellPublishersOfSolutions(tx, eventId, actorId); // the publishers of the data its solutions used
    await recordAudit(tx, { actorId, action: published ? 'event.galleryPublished' : 'event.galleryHidden', subjectType: 'event', subjectId: eventId });
    return 'done';
  });
}

/**
 * An announcement: shown on the event page and mailed to everyone registered or waiting, through the outbox in one
 * INSERT … SELECT, so thousands of registrants cost one statement, not thousands.
 */
export async function announce(ctx: Ctx, actorId: string, event: typeof events.$inferSelect, subject: string, body: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    await tx.insert(eventAnnouncements).values({ eventId: event.id, authorId: actorId, subject, body });
    const link = `${ctx.config.publicUrl}/events/${event.slug}`;
    let queued = 0;
    for (const lang of ['sv', 'en'] as const) {
      const t = translator(lang);
      const title = lang === 'en' && event.titleEn ? event.titleEn : event.titleSv;
      const rows = await rowsOf<{ id: number }>(
        tx,
        sql`insert into ${outbox} (user_id, to_address, subject, text_body)
            select u.id, u.email, ${t('mail.event.announcement.subject', { title, subject })}, ${t('mail.event.announcement.body', { title, body, link })}
            from ${eventRegistrations} r join ${users} u on u.id = r.user_id
            where r.event_id = ${event.id} and r.status in ('registered', 'waitlisted') and u.email is not null
              and (u.preferred_language = 'en') = ${lang === 'en'}
            returning id`,
      );
      queued += rows.length;
    }
    await recordAudit(tx, { actorId, action: 'event.announced', subjectType: 'event', subjectId: event.id, details: { recipients: queued } });
    outboxSignal.emit('queued');
    return queued;
  });
}
