import { signedIn } from '../../web/policy.ts';

/** Mentors show names; booking is for teams, the schedule for the mentor, adding mentors for those who run the event. */
export const mentorsPolicy = {
  take: signedIn,
};
