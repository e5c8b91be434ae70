import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const datasetsPolicy = {
  browse: anyone,
  // Route level: signed in; canManageSources decides for the organisation (or the platform) in question.
  manageSources: signedIn,
};

/** The organiser manages every source; an organisation's owners and editors manage its own. */
export const canManageSources = (actor: Actor, organisationId: string | null) =>
  actor.user?.isOrganiser === true || (organisationId !== null && roleIn(actor, organisationId) !== null);
