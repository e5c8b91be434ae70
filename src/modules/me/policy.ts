import { signedIn } from '../../web/policy.ts';

/** My page shows only the reader's own things, so being signed in is the whole rule. */
export const mePolicy = {
  view: signedIn,
};
