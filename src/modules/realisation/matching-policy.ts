import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

/**
 * Matching after the event. Interest and adoption speak for an approved need owner the actor belongs to; a team
 * decides on interest in its own solution; the match log is public.
 */
export const matchingPolicy = {
  browse: anyone,
  /** Team members and interested organisations both look at a solution's interests; the resource decides which. */
  signedIn,
  /** Route level: a member of some organisation. Whether it is an approved need owner is checked per request. */
  speakForOrganisation: (a: Actor) => (a.user?.memberships.length ?? 0) > 0,
};

/** Public challenges that are still in use may be adopted; drafts are not public, and nothing leaves the archive. */
export const isAdoptable = (status: string) => status === 'published' || status === 'closed';

interface InterestRef {
  organisationId: string;
}

/** A member of the interested organisation: may see and withdraw the interest. */
export const speaksFor = (actor: Actor, interest: InterestRef) => roleIn(actor, interest.organisationId) !== null;

/** The team decides; not someone who also speaks for the interested organisation, who would be accepting itself. */
export const mayDecideInterest = (actor: Actor, teamMember: boolean, interest: InterestRef) => teamMember && !speaksFor(actor, interest);

/** The team sees every interest in its solution; an organisation's members see their own organisation's. */
export const visibleInterests = <T extends { interest: InterestRef }>(actor: Actor, teamMember: boolean, rows: T[]) =>
  teamMember ? rows : rows.filter((r) => speaksFor(actor, r.interest));
