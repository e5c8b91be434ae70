import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const organisationsPolicy = {
  view: anyone,
  // Route level: must be signed in; the resource rules below decide for the organisation in question.
  manage: signedIn,
};

/** Owners and editors change their own organisation's profile; the organiser can change any. */
export const canEditOrganisation = (actor: Actor, org: { id: string }) =>
  actor.user?.isOrganiser === true || roleIn(actor, org.id) !== null;

/** The change history is for the organisation's members and the organiser. */
export const canSeeOrganisationHistory = canEditOrganisation;
