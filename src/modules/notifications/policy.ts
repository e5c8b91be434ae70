import { organiser } from '../../web/policy.ts';

/** The dev mailbox shows every queued mail (with its links), so only organisers see it, and never in production. */
export const notificationsPolicy = {
  readDevMailbox: organiser,
};
