import crypto from 'node:crypto';
import { isUuid } from '../../db/ids.ts';

const sign = (secret: string, userId: string) => crypto.createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url').slice(0, 32);

/**
 * An unsubscribe link carries the person's id and an HMAC of it, keyed with the session secret under its own purpose
 * (so a calendar token is no unsubscribe token): one click in any mail, years later, with nothing stored.
 */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${sign(secret, userId)}`;
}

export function userOfUnsubscribeToken(secret: string, token: string): string | null {
  const [userId] = token.split('.');
  if (!userId || !isUuid(userId)) return null;
  const expected = unsubscribeToken(secret, userId);
  return expected.length === token.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(token)) ? userId : null;
}

export const unsubscribeUrl = (config: { publicUrl: string; sessionSecret: string }, userId: string) =>
  `${config.publicUrl}/unsubscribe/${unsubscribeToken(config.sessionSecret, userId)}`;

/** RFC 8058: mail clients show an unsubscribe button that POSTs to the link, without cookies or a page in between. */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
