import { signedIn } from '../../web/policy.ts';

/**
 * Teams show people's names, so the board and team pages are for signed-in people; who may change a team is
 * decided per team in the routes: its members invite, its leader decides requests, edits and hands over.
 */
export const teamsPolicy = {
  take: signedIn,
};
