import { anyone, organiser } from '../../web/policy.ts';

export const pagesPolicy = {
  read: anyone,
  sendFeedback: anyone,
  viewAdmin: organiser,
  readFeedback: organiser,
};
