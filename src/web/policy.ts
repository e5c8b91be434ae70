import type { FastifyRequest } from 'fastify';
import type { MemberRole } from '../db/schema/index.ts';
import { forbidden, unauthenticated } from './errors.ts';

/** The header counts unread notices up to this and shows "99+" beyond, so counting stays cheap whatever the backlog. */
export const UNREAD_CAP = 100;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isOrganiser: boolean;
  emailVerified: boolean;
  preferredLanguage: string;
  memberships: { organisationId: string; role: MemberRole }[];
  /** Unread notices, for the header: read with the session, up to UNREAD_CAP. */
  unreadNotices: number;
}

/** Who is asking. Every policy decision is a function of the actor (and, for resource rules, the resource). */
export interface Actor {
  user: SessionUser | null;
  /** Set when a personal access token, not a session, is asking: what it grants (see accounts/access-tokens.ts). */
  token?: { id: string; organisationId: string; scopes: string[] };
}

export type Rule = (actor: Actor) => boolean;

export const anyone: Rule = () => true;
export const signedIn: Rule = (a) => a.user !== null;
export const organiser: Rule = (a) => a.user?.isOrganiser === true;

export function roleIn(actor: Actor, organisationId: string): MemberRole | null {
  return actor.user?.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

/** Throws 401 for the anonymous and 403 for the signed-in when a rule says no. */
export function authorize(req: FastifyRequest, allowed: boolean): void {
  if (allowed) return;
  throw req.actor.user ? forbidden() : unauthenticated();
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route-level rule; every module route must name one (checked when the route is registered). */
    policy?: Rule;
    /** The personal-access-token scope that reaches this route; without one, no token does. */
    tokenScope?: 'challenges:write' | 'datasets:write';
  }
  interface FastifyRequest {
    actor: Actor;
  }
}
