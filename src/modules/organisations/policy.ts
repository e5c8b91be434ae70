import { anyone, organiser, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const organisationsPolicy = {
  view: anyone,
  apply: signedIn,
  // Route level: must be signed in; the resource rules below decide for the organisation in question.
  manage: signedIn,
  decideApplications: organiser,
  acceptInvitation: signedIn,
};

/** Owners and editors change their own organisation's profile; the organiser can change any. */
export const canEditOrganisation = (actor: Actor, org: { id: string }) => actor.user?.isOrganiser === true || roleIn(actor, org.id) !== null;

/** The member list and change history are for the organisation's members and the organiser. */
export const canSeeOrganisationInternals = canEditOrganisation;

/** Owners invite and remove members; the organiser can too. */
export const canManageMembers = (actor: Actor, org: { id: string }) => actor.user?.isOrganiser === true || roleIn(actor, org.id) === 'owner';

/** Only an approved need owner's members (or the organiser) write and publish challenges. */
export const canWriteChallenges = (actor: Actor, org: { id: string; isNeedOwner: boolean }) =>
  actor.user?.isOrganiser === true || (org.isNeedOwner && roleIn(actor, org.id) !== null);
