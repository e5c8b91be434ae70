import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const datasetsPolicy = {
  browse: anyone,
  // Route level: signed in; canManageData decides for the organisation (or the platform) in question.
  manage: signedIn,
  report: signedIn,
};

/**
 * Who registers, edits and runs an organisation's harvest sources and registers and edits its datasets: its owners
 * and editors once the organiser has approved it (a need owner), and the organiser. An organisation that has only
 * applied cannot make the server fetch addresses or publish datasets in its name. The platform's own data (no
 * organisation) is the organiser's alone.
 */
export const canManageData = (actor: Actor, org: { id: string; isNeedOwner: boolean } | null) =>
  actor.user?.isOrganiser === true || (org !== null && org.isNeedOwner && roleIn(actor, org.id) !== null);

/**
 * Who answers the problems reported with an organisation's datasets: its owners and editors, and the organiser.
 * Answering reaches nothing outside the platform, so it does not wait for approval.
 */
export const canAnswerFor = (actor: Actor, organisationId: string | null) =>
  actor.user?.isOrganiser === true || (organisationId !== null && roleIn(actor, organisationId) !== null);
