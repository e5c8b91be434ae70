import { EventEmitter } from 'node:events';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db, Tx } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';

export interface MailMessage {
  to: string;
  userId?: string | null;
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058) on notice mail. */
  headers?: Record<string, string>;
}

/** In-process signal that mail was queued, so the delivery job need not wait for its next poll. */
export const outboxSignal = new EventEmitter();

/**
 * Queues mail in the same transaction as the change that causes it: if the change rolls back, no mail goes out;
 * if SMTP is down, the mail waits and is retried.
 */
export async function enqueueMail(db: Db | Tx, message: MailMessage): Promise<void> {
  await db
    .insert(outbox)
    .values({ toAddress: message.to, userId: message.userId ?? null, subject: message.subject, textBody: message.text, headers: message.headers ?? {} });
  outboxSignal.emit('queued');
}

/** Queues many mails with one statement, in the caller's transaction. */
export async function enqueueMails(db: Db | Tx, messages: MailMessage[]): Promise<void> {
  if (!messages.length) return;
  await db
    .insert(outbox)
    .values(messages.map((m) => ({ toAddress: m.to, userId: m.userId ?? null, subject: m.subject, textBody: m.text, headers: m.headers ?? {} })));
  outboxSignal.emit('queued');
}

const MAX_ATTEMPTS = 8;

/**
 * Sends due mail. Rows are claimed with FOR UPDATE SKIP LOCKED, so several app instances can run this at once
 * without sending a message twice. Failures back off exponentially; after MAX_ATTEMPTS a message is marked failed.
 */
export async function deliverDueMail(db: Db, transport: Transporter, from: string, batch = 20): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, new Date())))
      .orderBy(asc(outbox.id))
      .limit(batch)
      .for('update', { skipLocked: true });
    const delivered: number[] = [];
    for (const mail of due) {
      try {
        await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.textBody, headers: mail.headers });
        delivered.push(mail.id);
        sent++;
      } catch (err) {
        failed++;
        const attempts = mail.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String((err as Error).message).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: sql`now() + ${`${2 ** attempts} seconds`}::interval`,
          })
          .where(eq(outbox.id, mail.id));
      }
    }
    if (delivered.length) {
      await tx
        .update(outbox)
        .set({ status: 'sent', sentAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, delivered));
    }
  });
  return { sent, failed };
}
