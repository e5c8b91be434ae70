import { anyone, signedIn } from '../../web/policy.ts';

/** A proposal is its team's until it is submitted and the organiser publishes the gallery; then anyone reads it. */
export const proposalsPolicy = {
  write: signedIn,
  browse: anyone,
};
