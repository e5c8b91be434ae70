import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { eventPhases, events, solutionImages, submissions, teamMembers, teams } from '../../db/schema/index.ts';
import type { Actor } from '../../web/policy.ts';
import { isSolution } from '../realisation/rules.ts';
import { proposalRefusal } from './rules.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** What a page needs to show an image: never its bytes. */
export const imageFields = {
  hash: solutionImages.hash,
  altSv: solutionImages.altSv,
  altEn: solutionImages.altEn,
  width: solutionImages.width,
  height: solutionImages.height,
  cardWidth: solutionImages.cardWidth,
  cardHeight: solutionImages.cardHeight,
};
export type ImageMeta = { hash: string; altSv: string; altEn: string; width: number; height: number; cardWidth: number; cardHeight: number };

/** The image's address; `v` changes with the image, so the address may be cached for good. */
export const imageUrl = (submissionId: string, image: Pick<ImageMeta, 'hash'>, size: 'full' | 'card' = 'full') =>
  `/solutions/${submissionId}/image${size === 'card' ? '-card' : ''}.webp?v=${image.hash}`;

/**
 * A proposal or solution with what decides who sees and changes its image: whether it is public (`isSolution`), its
 * team and whether the actor is in it, and whether proposals may be saved now.
 */
export async function imageSubject(db: Db, id: string, actor: Actor) {
  if (!isUuid(id)) return null;
  const userId = actor.user?.id ?? null;
  const [row] = await db
    .select({
      id: submissions.id,
      title: submissions.title,
      status: submissions.status,
      teamId: teams.id,
      teamName: teams.name,
      eventId: events.id,
      eventSlug: events.slug,
      graceMinutes: events.graceMinutes,
      isPublic: sql<boolean>`${isSolution}`.as('is_public'),
      member: isMember(teams.id, userId),
    })
    .from(submissions)
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .innerJoin(events, eq(events.id, submissions.eventId))
    .where(eq(submissions.id, id));
  if (!row) return null;
  const phases = await db
    .select({ kind: eventPhases.kind, startsAt: eventPhases.startsAt, endsAt: eventPhases.endsAt })
    .from(eventPhases)
    .where(eq(eventPhases.eventId, row.eventId));
  const organiser = actor.user?.isOrganiser === true;
  // The team changes its image as it changes its proposal: while proposals may be saved, and once the solution is
  // public, for as long as it writes its realisation record. The organiser may always (to take down what offends).
  const teamMayEdit = row.member && row.status !== 'withdrawn' && (row.isPublic || proposalRefusal(phases, row.graceMinutes, new Date()) === null);
  return { ...row, mayView: row.isPublic || row.member || organiser, mayEdit: organiser || teamMayEdit };
}
export type ImageSubject = NonNullable<Awaited<ReturnType<typeof imageSubject>>>;

export async function imageOf(db: Db, submissionId: string): Promise<ImageMeta | null> {
  const [row] = await db.select(imageFields).from(solutionImages).where(eq(solutionImages.submissionId, submissionId));
  return row ?? null;
}

/**
 * The bytes of one size with the hash that is their ETag, and whether the solution is public; null when there is no
 * image or the actor may not see it (public solutions: anyone; before: the team and the organiser). One query, since
 * a gallery page asks for twenty.
 */
export async function imageForViewer(db: Db, submissionId: string, actor: Actor, size: 'full' | 'card') {
  if (!isUuid(submissionId)) return null;
  const userId = actor.user?.id ?? null;
  const [row] = await db
    .select({
      hash: solutionImages.hash,
      data: size === 'full' ? solutionImages.data : solutionImages.cardData,
      isPublic: sql<boolean>`${isSolution}`.as('is_public'),
      member: isMember(submissions.teamId, userId),
    })
    .from(solutionImages)
    .innerJoin(submissions, eq(submissions.id, solutionImages.submissionId))
    .innerJoin(events, eq(events.id, submissions.eventId))
    .where(eq(solutionImages.submissionId, submissionId));
  if (!row || !(row.isPublic || row.member || actor.user?.isOrganiser === true)) return null;
  return { hash: row.hash, data: row.data, isPublic: row.isPublic };
}

/** Whether the person (if any) is a member of the team in `team`, as a column. */
function isMember(team: AnyPgColumn, userId: string | null | undefined) {
  return userId
    ? sql<boolean>`exists (select 1 from ${teamMembers} m where m.team_id = ${team} and m.user_id = ${userId})`.as('member')
    : sql<boolean>`false`.as('member');
}
