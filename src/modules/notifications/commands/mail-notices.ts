import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/client.ts';
import { notices, users } from '../../../db/schema/index.ts';
import { isLang, translator, type Translate } from '../../../web/i18n.ts';
import { enqueueMails, type MailMessage } from '../outbox.ts';
import { noticeMail, noticeText } from '../render.ts';
import { unsubscribeHeaders, unsubscribeUrl } from '../unsubscribe.ts';

/**
 * Notices are mailed only while fresh. One written while its reader had mail off stays in their list and is never
 * mailed, so turning mail back on sends no flood of old news. Two weeks leave a weekly digest room to be late.
 */
const FRESH = sql`now() - interval '14 days'`;
export const NOTICE_BATCH = 100;
export const DIGEST_BATCH = 50;
const mailable = and(isNull(users.deletedAt), isNotNull(users.email));

interface Reader {
  id: string;
  email: string | null;
  preferredLanguage: string;
}

/** What every notice mail carries: the one-click unsubscribe link in the headers (RFC 8058) and in the text. */
function envelope(ctx: Ctx, t: Translate, reader: Reader, subject: string, text: string): MailMessage {
  const unsubscribe = unsubscribeUrl(ctx.config, reader.id);
  const footer = t('unsubscribe.footer', { unsubscribe, settings: `${ctx.config.publicUrl}/notices#mail` });
  return { to: reader.email!, userId: reader.id, subject, text: `${text}\n\n-- \n${footer}`, headers: unsubscribeHeaders(unsubscribe) };
}

const translatorOf = (reader: Reader) => translator(isLang(reader.preferredLanguage) ? reader.preferredLanguage : 'sv');

/**
 * For people who want each notice at once: one mail per unmailed notice, queued in the outbox in the transaction that
 * marks it mailed. Notices are claimed with FOR UPDATE SKIP LOCKED, so instances running this at once never mail one
 * twice. Returns how many were mailed (a full batch means: run again).
 */
export async function mailImmediateNotices(ctx: Ctx, batch = NOTICE_BATCH): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ notice: notices, reader: { id: users.id, email: users.email, preferredLanguage: users.preferredLanguage } })
      .from(notices)
      .innerJoin(users, eq(users.id, notices.userId))
      .where(and(isNull(notices.mailedAt), gt(notices.createdAt, FRESH), eq(users.noticeMail, 'immediate'), mailable))
      .orderBy(asc(notices.id))
      .limit(batch)
      .for('update', { of: notices, skipLocked: true });
    if (!due.length) return 0;
    await enqueueMails(
      tx,
      due.map(({ notice, reader }) => {
        const t = translatorOf(reader);
        const { subject, text } = noticeMail(t, notice, `${ctx.config.publicUrl}${notice.path}`);
        return envelope(ctx, t, reader, subject, text);
      }),
    );
    await markMailed(
      tx,
      due.map((d) => d.notice.id),
    );
    return due.length;
  });
}

/**
 * For people who chose a weekly digest: at most one mail per person per 7 days (users.digest_sent_at), listing every
 * unmailed notice. The person's row is claimed with FOR UPDATE SKIP LOCKED, so each digest goes once.
 */
export async function mailWeeklyDigests(ctx: Ctx, batch = DIGEST_BATCH): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const readers = await tx
      .select({ id: users.id, email: users.email, preferredLanguage: users.preferredLanguage })
      .from(users)
      .where(
        and(
          eq(users.noticeMail, 'weekly'),
          mailable,
          or(isNull(users.digestSentAt), lte(users.digestSentAt, sql`now() - interval '7 days'`)),
          sql`exists (select 1 from ${notices} n where n.user_id = ${users.id} and n.mailed_at is null and n.created_at > ${FRESH})`,
        ),
      )
      .limit(batch)
      .for('update', { skipLocked: true });
    if (!readers.length) return 0;
    const pending = await tx
      .select()
      .from(notices)
      .where(
        and(
          inArray(
            notices.userId,
            readers.map((r) => r.id),
          ),
          isNull(notices.mailedAt),
          gt(notices.createdAt, FRESH),
        ),
      )
      .orderBy(asc(notices.createdAt), asc(notices.id))
      .for('update', { skipLocked: true });
    // A notice another instance holds this moment goes in the next digest; so does a person with only such notices.
    const told = readers.filter((r) => pending.some((n) => n.userId === r.id));
    const mails = told.map((reader) => {
      const mine = pending.filter((n) => n.userId === reader.id);
      const t = translatorOf(reader);
      const lines = mine.map((n) => `- ${noticeText(t, n)}\n  ${ctx.config.publicUrl}${n.path}`).join('\n');
      const text = `${t('notice.digest.intro', { count: mine.length })}\n\n${lines}\n\n${t('notice.digest.all', { link: `${ctx.config.publicUrl}/notices` })}`;
      return envelope(ctx, t, reader, t('notice.digest.subject', { count: mine.length }), text);
    });
    await enqueueMails(tx, mails);
    await markMailed(
      tx,
      pending.map((n) => n.id),
    );
    if (told.length)
      await tx
        .update(users)
        .set({ digestSentAt: sql`now()` })
        .where(
          inArray(
            users.id,
            told.map((r) => r.id),
          ),
        );
    return mails.length;
  });
}

async function markMailed(tx: Tx, ids: number[]) {
  if (ids.length)
    await tx
      .update(notices)
      .set({ mailedAt: sql`now()` })
      .where(inArray(notices.id, ids));
}
