import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const datasetsPolicy = {
  browse: anyone,
  // Route level: signed in; canManageData decides for the organisation (or the platform) in question.
  manage: signedIn,
  report: signedIn,
};

/**
 * Who answers for an organisation's data (its harvest sources, its registered datasets and the problems reported
 * with them): its owners and editors, and the organiser. Data of the platform's own sources (no organisation) is the
 * organiser's alone.
 */
export const canManageData = (actor: Actor, organisationId: string | null) =>
  actor.user?.isOrganiser === true || (organisationId !== null && roleIn(actor, organisationId) !== null);

/** Who registers datasets and sources at all: members of any organisation, and the organiser. */
export const canPublish = (actor: Actor) => actor.user !== null && (actor.user.isOrganiser || actor.user.memberships.length > 0);
