import type { ChallengeStatus } from '../../db/schema/index.ts';
import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';
import { canWriteChallenges } from '../organisations/policy.ts';

export const challengesPolicy = {
  browse: anyone,
  // Route level for writing: signed in; who may write for which organisation is decided per resource below.
  write: signedIn,
};

interface ChallengeRef {
  organisationId: string;
  status: ChallengeStatus;
}

/** Drafts are seen only by their organisation and the organiser; everything else is public. */
export const canViewChallenge = (actor: Actor, c: ChallengeRef) =>
  c.status !== 'draft' || actor.user?.isOrganiser === true || roleIn(actor, c.organisationId) !== null;

export const canSeeChallengeHistory = (actor: Actor, c: ChallengeRef) => actor.user?.isOrganiser === true || roleIn(actor, c.organisationId) !== null;

export const canEditChallenge = (actor: Actor, c: ChallengeRef, org: { id: string; isNeedOwner: boolean }) =>
  c.status !== 'archived' && canWriteChallenges(actor, org);

/**
 * The lifecycle: draft → published → closed → archived. A closed challenge may reopen; only the organiser
 * archives, and nothing leaves the archive.
 */
const transitions: Record<ChallengeStatus, ChallengeStatus[]> = {
  draft: ['published'],
  published: ['closed', 'archived'],
  closed: ['published', 'archived'],
  archived: [],
};

export function allowedTransitions(actor: Actor, c: ChallengeRef, org: { id: string; isNeedOwner: boolean }): ChallengeStatus[] {
  if (!canWriteChallenges(actor, org)) return [];
  return transitions[c.status].filter((to) => to !== 'archived' || actor.user?.isOrganiser === true);
}
