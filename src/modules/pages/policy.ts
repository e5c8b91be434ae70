import { anyone, organiser } from '../../web/policy.ts';

export const pagesPolicy = {
  read: anyone,
  sendFeedback: anyone,
  viewAdmin: organiser,
  readFeedback: organiser,
  /** The design system's page: public where it is on (development, test, DESIGN_PAGE=1); the route 404s elsewhere. */
  viewDesign: anyone,
};
