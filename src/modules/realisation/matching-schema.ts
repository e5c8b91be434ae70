import Type from 'typebox';
import { Text } from '../../web/forms.ts';
import type { OrganisationRef } from './matching-queries.ts';

export const MESSAGE_MAX = 1000;

/** "We want to take this forward": for which organisation (may be left out when the person speaks for one), and why. */
export const InterestForm = Type.Object({
  organisation: Text(36),
  message: Text(MESSAGE_MAX, 1),
});

/** Adopting a challenge: for which organisation, and an optional word to its owners and followers. */
export const AdoptForm = Type.Object({
  organisation: Text(36),
  message: Text(MESSAGE_MAX),
});

/** Giving an adoption up: which organisation (a field name of its own: both forms share a page), and a ticked box. */
export const GiveUpForm = Type.Object({
  adopter: Text(36),
  confirm: Text(3),
});

/** The organisation a form speaks for: the one chosen among those allowed, or the only one there is. */
export function chosenOrganisation<T extends OrganisationRef>(allowed: T[], value: string): T | null {
  if (!value) return allowed.length === 1 ? allowed[0] : null;
  return allowed.find((o) => o.id === value) ?? null;
}
