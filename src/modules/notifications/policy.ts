import { anyone, organiser, signedIn } from '../../web/policy.ts';

export const notificationsPolicy = {
  /** The dev mailbox shows every queued mail (with its links), so only organisers see it, and never in production. */
  readDevMailbox: organiser,
  /** Anyone signed in follows what is public (the route refuses the rest) and reads their own notices. */
  follow: signedIn,
  readNotices: signedIn,
  /** The signed link is the credential: a mail client's one-click POST carries no session (RFC 8058). */
  unsubscribe: anyone,
};
