import { anyone, organiser } from '../../web/policy.ts';

/** Statistics and published reports are public; drafts of reports, and counting again, are the organiser's. */
export const statisticsPolicy = {
  browse: anyone,
  manage: organiser,
};
