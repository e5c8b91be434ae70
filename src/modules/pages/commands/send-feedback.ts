import type { Static } from 'typebox';
import type { Ctx } from '../../../context.ts';
import { feedback } from '../../../db/schema/index.ts';
import { translator } from '../../../web/i18n.ts';
import { enqueueMail } from '../../notifications/outbox.ts';
import type { FeedbackForm } from '../schema.ts';

/** Stores accessibility feedback and tells the organiser, as the DOS law's feedback mechanism asks. */
export async function sendAccessibilityFeedback({ db, config }: Ctx, userId: string | null, input: Static<typeof FeedbackForm>): Promise<void> {
  const t = translator('sv');
  await db.transaction(async (tx) => {
    await tx.insert(feedback).values({ userId, kind: 'accessibility', message: input.message, pageUrl: input.pageUrl ?? '', replyTo: input.replyTo ?? '' });
    await enqueueMail(tx, {
      to: config.organiserEmail,
      subject: t('mail.feedback.subject'),
      text: t('mail.feedback.body', { page: input.pageUrl || '–', replyTo: input.replyTo || '–', message: input.message }),
    });
  });
}
