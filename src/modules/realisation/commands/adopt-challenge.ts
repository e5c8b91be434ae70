import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { challengeAdoptions } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { notifyFollowers } from '../../notifications/notify.ts';
import type { OrganisationRef } from '../matching-queries.ts';

interface ChallengeRef {
  id: string;
  slug: string;
  titleSv: string;
  titleEn: string;
}

/**
 * An approved organisation takes up another's challenge as its own: it is listed among the challenge's owners and is a
 * need owner of the challenge's solutions. Adopting twice (even at once) leaves one adoption.
 */
export async function adoptChallenge(
  ctx: Ctx,
  w: { actorId: string; challenge: ChallengeRef; organisation: OrganisationRef },
  message: string,
): Promise<'adopted' | 'already'> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(challengeAdoptions)
      .values({ challengeId: w.challenge.id, organisationId: w.organisation.id, adoptedBy: w.actorId, message })
      .onConflictDoNothing()
      .returning({ createdAt: challengeAdoptions.createdAt });
    if (!row) return 'already';
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'challenge.adopted',
      subjectType: 'challenge',
      subjectId: w.challenge.id,
      details: { organisation: w.organisation.id },
    });
    await notifyFollowers(tx, {
      targets: [
        { type: 'challenge', id: w.challenge.id },
        { type: 'organisation', id: w.organisation.id },
      ],
      kind: 'challenge.adopted',
      path: `/challenges/${w.challenge.slug}`,
      params: { challenge: w.challenge.titleSv || w.challenge.titleEn, organisation: w.organisation.name },
      actorId: w.actorId,
    });
    return 'adopted';
  });
}

/** The organisation gives the adoption up; the history (audit log, realisation updates it wrote) stays. */
export async function giveUpAdoption(
  ctx: Ctx,
  w: { actorId: string; challenge: ChallengeRef; organisation: OrganisationRef },
): Promise<'removed' | 'not_adopter'> {
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(challengeAdoptions)
      .where(and(eq(challengeAdoptions.challengeId, w.challenge.id), eq(challengeAdoptions.organisationId, w.organisation.id)))
      .returning({ organisationId: challengeAdoptions.organisationId });
    if (!removed.length) return 'not_adopter';
    await recordAudit(tx, {
      actorId: w.actorId,
      action: 'challenge.adoption_removed',
      subjectType: 'challenge',
      subjectId: w.challenge.id,
      details: { organisation: w.organisation.id },
    });
    return 'removed';
  });
}
