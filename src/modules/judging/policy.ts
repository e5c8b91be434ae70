import { anyone, signedIn } from '../../web/policy.ts';

/**
 * Juries are set up by those who run the event (canManageEvent, per event); a juror sees only their own seats and
 * assignments (checked in every query by the juror's account), never other jurors' scores.
 */
export const judgingPolicy = {
  take: signedIn,
  // Results are public once the organiser publishes them.
  browse: anyone,
};
