import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { isLang, translator, type Lang, type MessageKey, type Params } from '../../web/i18n.ts';
import { enqueueMail } from './outbox.ts';

/** Who a mail goes to: an address, the account it belongs to (if any) and the language they read. */
export interface Recipient {
  id: string | null;
  email: string | null;
  preferredLanguage: string;
}

export const recipientColumns = { id: users.id, email: users.email, preferredLanguage: users.preferredLanguage };

export async function recipientOf(db: Db | Tx, userId: string): Promise<Recipient | undefined> {
  const [row] = await db.select(recipientColumns).from(users).where(eq(users.id, userId));
  return row;
}

/**
 * Queues `${key}.subject` and `${key}.body` in the recipient's language (Swedish unless they chose English), in the
 * caller's transaction. Params may depend on the language (an event's title in it). No address (a deleted account):
 * nothing is sent.
 */
export async function mailPerson(db: Db | Tx, to: Recipient | undefined, key: string, params: Params | ((lang: Lang) => Params)) {
  if (!to?.email) return;
  const lang: Lang = isLang(to.preferredLanguage) ? to.preferredLanguage : 'sv';
  const t = translator(lang);
  const p = typeof params === 'function' ? params(lang) : params;
  await enqueueMail(db, { to: to.email, userId: to.id, subject: t(`${key}.subject` as MessageKey, p), text: t(`${key}.body` as MessageKey, p) });
}
