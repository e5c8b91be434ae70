import type { EventStatus } from '../../db/schema/index.ts';
import { anyone, roleIn, signedIn, type Actor } from '../../web/policy.ts';

export const eventsPolicy = {
  browse: anyone,
  register: signedIn,
  // Route level for running events: signed in; canManageEvent decides per event.
  manage: signedIn,
};

interface EventRef {
  organisationId: string | null;
  status: EventStatus;
}

/** The organiser runs every event; an organisation runs its own (and only its own). */
export const canManageEvent = (actor: Actor, e: EventRef) =>
  actor.user?.isOrganiser === true || (e.organisationId !== null && roleIn(actor, e.organisationId) !== null);

/** Drafts and events awaiting approval are seen only by those who run them. */
export const canViewEvent = (actor: Actor, e: EventRef) => e.status === 'published' || e.status === 'cancelled' || canManageEvent(actor, e);

/**
 * The lifecycle: an organisation's draft goes for the organiser's approval (pending) before it is published; the
 * organiser publishes directly. Either side may cancel a published event; only the organiser brings one back.
 */
export function eventTransitions(actor: Actor, e: EventRef): EventStatus[] {
  if (!canManageEvent(actor, e)) return [];
  const organiser = actor.user?.isOrganiser === true;
  switch (e.status) {
    case 'draft':
      return organiser ? ['published'] : ['pending'];
    case 'pending':
      return organiser ? ['published', 'draft'] : ['draft'];
    case 'published':
      return ['cancelled'];
    case 'cancelled':
      return organiser ? ['published'] : [];
  }
}
