import { anyone, signedIn } from '../../web/policy.ts';

export const eventsPolicy = {
  browse: anyone,
  register: signedIn,
};
