import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { solutionImages } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { EncodedImage } from '../image.ts';

export interface ImageAlt {
  altSv: string;
  altEn: string;
}

/** Puts a re-encoded image on a proposal or solution, replacing any before it; without one, changes the alt text. */
export async function setSolutionImage(db: Db, actorId: string | null, submissionId: string, alt: ImageAlt, image?: EncodedImage) {
  await db.transaction(async (tx) => {
    const updatedAt = new Date();
    if (image) {
      const values = { ...image, ...alt, uploadedBy: actorId, updatedAt };
      await tx
        .insert(solutionImages)
        .values({ submissionId, ...values })
        .onConflictDoUpdate({ target: solutionImages.submissionId, set: values });
    } else
      await tx
        .update(solutionImages)
        .set({ ...alt, updatedAt })
        .where(eq(solutionImages.submissionId, submissionId));
    const action = image ? 'submission.image.set' : 'submission.image.alt';
    await recordAudit(tx, { actorId, action, subjectType: 'submission', subjectId: submissionId, details: image ? { hash: image.hash } : {} });
  });
}

/** Takes a proposal's or solution's image away; false when it had none. */
export async function removeSolutionImage(db: Db, actorId: string, submissionId: string) {
  return db.transaction(async (tx) => {
    const gone = await tx.delete(solutionImages).where(eq(solutionImages.submissionId, submissionId)).returning({ hash: solutionImages.hash });
    if (gone.length) await recordAudit(tx, { actorId, action: 'submission.image.removed', subjectType: 'submission', subjectId: submissionId });
    return gone.length > 0;
  });
}
