import { anyone, signedIn } from '../../web/policy.ts';
import type { Standing } from './queries.ts';

/**
 * Realisation records are public; the team and the solution's need owners write them. Only a need owner confirms,
 * so a team cannot confirm its own claim.
 */
export const realisationPolicy = {
  browse: anyone,
  write: signedIn,
  mayUpdate: (s: Standing) => s.teamMember || s.ownerOrganisations.length > 0,
  mayConfirm: (s: Standing) => s.ownerOrganisations.length > 0,
};
