import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client, type TestApp } from './test/app.ts';
import crypto from 'node:crypto';
import { aChallenge, aMember, aNeedOwner, anEvent, anOrganisation, aRegistrant, aUser } from './test/factories.ts';
import { createSession, SESSION_COOKIE } from './modules/accounts/sessions.ts';
import { publishReport } from './modules/statistics/report.ts';
import { requirePolicy } from './app.ts';
import type { RouteOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import {
  dataRequests,
  datasetReports,
  datasets,
  distributions,
  eventPhases,
  events,
  solutionInterests,
  submissions,
  teamJoinRequests,
  teamMembers,
  teams,
} from './db/schema/index.ts';

/** The year of the fixture's events (they happen around now). */
const YEAR = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date()));

type Role = 'anonymous' | 'participant' | 'editorA' | 'editorB' | 'organiser';
type Outcome = 'ok' | 'signin' | 'forbidden' | 'notfound';
const roles: Role[] = ['anonymous', 'participant', 'editorA', 'editorB', 'organiser'];

const everyone = { anonymous: 'ok', participant: 'ok', editorA: 'ok', editorB: 'ok', organiser: 'ok' } as const;
const signedIn = { anonymous: 'signin', participant: 'ok', editorA: 'ok', editorB: 'ok', organiser: 'ok' } as const;
const organiserOnly = { anonymous: 'signin', participant: 'forbidden', editorA: 'forbidden', editorB: 'forbidden', organiser: 'ok' } as const;
const orgAEditors = { anonymous: 'signin', participant: 'forbidden', editorA: 'ok', editorB: 'forbidden', organiser: 'ok' } as const;
const nowhere = { anonymous: 'notfound', participant: 'notfound', editorA: 'notfound', editorB: 'notfound', organiser: 'notfound' } as const;
const orgAOwners = { anonymous: 'signin', participant: 'forbidden', editorA: 'forbidden', editorB: 'forbidden', organiser: 'ok' } as const;
/** Organisation A's own data (a dataset registered by it, a problem reported with it): hidden from everyone else. */
const orgAData = { anonymous: 'signin', participant: 'notfound', editorA: 'ok', editorB: 'notfound', organiser: 'ok' } as const;
/** Running events: the organiser, and members of approved need owners (organisation B is not one). */
const anyMemberOfNeedOwner = { anonymous: 'signin', participant: 'forbidden', editorA: 'ok', editorB: 'forbidden', organiser: 'ok' } as const;
/** A team's (or a mentor's) own business: none of the roles is in the fixture's team or mentors the event. */
const teamOnly = { anonymous: 'signin', participant: 'forbidden', editorA: 'forbidden', editorB: 'forbidden', organiser: 'forbidden' } as const;
/** Speaking for an approved need owner: organisation A is one, B is not, and the organiser belongs to none. */
const approvedMembers = { anonymous: 'signin', participant: 'forbidden', editorA: 'ok', editorB: 'forbidden', organiser: 'forbidden' } as const;
const signedInNotFound = { anonymous: 'signin', participant: 'notfound', editorA: 'notfound', editorB: 'notfound', organiser: 'notfound' } as const;

interface Fixture {
  orgA: string;
  challenge: string;
  /** A fresh published challenge of organisation A, for routes whose request changes it. */
  freshChallenge: () => Promise<string>;
  /** A dataset registered by organisation A, one of its distributions (fresh each time) and a problem report on it. */
  dataset: string;
  freshDistribution: () => Promise<string>;
  report: string;
  /** A data request to organisation A. */
  dataRequest: string;
  /** A published event open for registration. */
  event: string;
  /** A team at that event (its members are none of the roles), its invite token, and a pending request to join it. */
  team: string;
  invite: string;
  joinRequest: string;
  /** A draft event of organisation A (hidden from everyone but its members and the organiser). */
  orgEvent: string;
  /** A solution (none of the roles is in its team) on a third organisation's challenge, and A's pending interest in it. */
  solution: string;
  interest: string;
}

/**
 * The designed outcome of every route for every role. `:org` stands for organisation A's slug.
 * A route that is registered but missing here fails the suite, so no route ships without a decision.
 */
const matrix: Record<string, { path?: string | ((f: Fixture) => string | Promise<string>); body?: Record<string, string>; expect: Record<Role, Outcome> }> = {
  'GET /': { expect: everyone },
  'GET /privacy': { expect: everyone },
  'GET /accessibility': { expect: everyone },
  'POST /accessibility/feedback': { expect: everyone },
  'GET /design': { expect: everyone },
  'GET /robots.txt': { expect: everyone },
  'GET /sitemap.xml': { expect: everyone },
  'GET /sitemaps/:part.xml': { path: '/sitemaps/pages.xml', expect: everyone },
  'GET /.well-known/security.txt': { expect: everyone },
  'GET /admin': { expect: organiserOnly },
  'GET /admin/feedback': { expect: organiserOnly },
  'GET /signup': { expect: everyone },
  'POST /signup': { expect: everyone },
  'GET /signup/check-email': { expect: everyone },
  'GET /verify-email': { expect: everyone },
  'POST /account/resend-verification': { expect: signedIn },
  'GET /signin': { expect: everyone },
  'POST /signin': { expect: everyone },
  'POST /signout': { expect: signedIn },
  'GET /forgot-password': { expect: everyone },
  'POST /forgot-password': { expect: everyone },
  'GET /reset-password': { expect: everyone },
  'POST /reset-password': { expect: everyone },
  'GET /account': { expect: signedIn },
  'POST /account/profile': { expect: signedIn },
  'GET /account/export': { expect: signedIn },
  'GET /me/tokens': { expect: signedIn },
  'POST /me/tokens': { expect: signedIn },
  'POST /me/tokens/:id/revoke': { path: '/me/tokens/00000000-0000-4000-8000-000000000000/revoke', expect: signedInNotFound },
  'GET /me': { expect: signedIn },
  'GET /account/delete': { expect: signedIn },
  'POST /account/delete': { expect: signedIn },
  'GET /api/v1/me': { expect: signedIn },
  'PATCH /api/v1/me': { expect: signedIn },
  'GET /api/v1/csrf-token': { expect: signedIn },
  // OpenID Connect is not configured in this app: the routes exist and answer 404.
  'GET /auth/oidc/start': { expect: nowhere },
  'GET /auth/oidc/callback': { expect: nowhere },
  'GET /auth/oidc/consent': { expect: everyone },
  'POST /auth/oidc/consent': { expect: everyone },
  'GET /organisations/:slug': { path: '/organisations/:org', expect: everyone },
  'GET /api/v1/organisations': { expect: everyone },
  'GET /api/v1/organisations/:slug': { path: '/api/v1/organisations/:org', expect: everyone },
  'GET /organisations/:slug/edit': { path: '/organisations/:org/edit', expect: orgAEditors },
  'POST /organisations/:slug/edit': { path: '/organisations/:org/edit', expect: orgAEditors },
  'GET /admin/mail': { expect: organiserOnly },
  'GET /admin/mail/:id': { path: '/admin/mail/999999', expect: { ...organiserOnly, organiser: 'notfound' } },
  // Following something that does not exist is refused as missing (following real things: notifications.test.ts).
  'POST /follows': { body: { type: 'challenge', id: crypto.randomUUID(), follow: 'yes', next: '/' }, expect: signedInNotFound },
  'GET /notices': { expect: signedIn },
  'POST /notices/read': { expect: signedIn },
  'POST /notices/mail': { body: { noticeMail: 'weekly' }, expect: signedIn },
  // The signed link is the credential; a forged one is missing for everyone, session or not.
  'GET /unsubscribe/:token': { path: `/unsubscribe/${crypto.randomUUID()}.forged`, expect: nowhere },
  'POST /unsubscribe/:token': { path: `/unsubscribe/${crypto.randomUUID()}.forged`, expect: nowhere },
  'GET /organisations': { expect: everyone },
  'GET /organisations/apply': { expect: signedIn },
  'POST /organisations/apply': { expect: signedIn },
  'GET /organisations/:slug/apply': { path: '/organisations/:org/apply', expect: orgAOwners },
  'POST /organisations/:slug/apply': { path: '/organisations/:org/apply', expect: orgAOwners },
  'GET /admin/applications': { expect: organiserOnly },
  'POST /admin/applications/:id/decision': { path: `/admin/applications/${crypto.randomUUID()}/decision`, expect: organiserOnly },
  'GET /organisations/:slug/members': { path: '/organisations/:org/members', expect: orgAEditors },
  'POST /organisations/:slug/members/invite': { path: '/organisations/:org/members/invite', expect: orgAOwners },
  'GET /organisations/:slug/members/:userId/remove': {
    path: `/organisations/:org/members/${crypto.randomUUID()}/remove`,
    expect: { ...orgAOwners, organiser: 'notfound' },
  },
  'POST /organisations/:slug/members/:userId/remove': {
    path: `/organisations/:org/members/${crypto.randomUUID()}/remove`,
    expect: { ...orgAOwners, organiser: 'notfound' },
  },
  'GET /invitations/:token': { path: '/invitations/not-a-token', expect: signedInNotFound },
  'POST /invitations/:token': { path: '/invitations/not-a-token', expect: signedInNotFound },
  // Organisation A is an approved need owner; B is not.
  'GET /challenges': { expect: everyone },
  'GET /challenges/new': { expect: orgAEditors },
  'POST /challenges': { expect: orgAEditors },
  'GET /challenges/:slug': { path: '/challenges/:challenge', expect: everyone },
  'GET /challenges/:slug/edit': { path: '/challenges/:challenge/edit', expect: orgAEditors },
  'POST /challenges/:slug/edit': { path: '/challenges/:challenge/edit', expect: orgAEditors },
  'POST /challenges/:slug/status': { path: async (f) => `/challenges/${await f.freshChallenge()}/status`, body: { status: 'closed' }, expect: orgAEditors },
  'GET /challenges/:slug/history': { path: '/challenges/:challenge/history', expect: orgAEditors },
  // Adopting: organisation A owns the fixture's challenge, so its editor is told so (a page, not a refusal).
  'GET /challenges/:slug/adopt': { path: '/challenges/:challenge/adopt', expect: approvedMembers },
  'POST /challenges/:slug/adopt': { path: '/challenges/:challenge/adopt', expect: approvedMembers },
  'POST /challenges/:slug/adopt/remove': { path: '/challenges/:challenge/adopt/remove', body: { confirm: 'on' }, expect: approvedMembers },
  'GET /feeds/challenges.atom': { expect: everyone },
  'GET /api/v1/challenges': { expect: everyone },
  'GET /api/v1/challenges/:slug': { path: '/api/v1/challenges/:challenge', expect: everyone },
  // The policy answers before the body is read (401, 403); past it, the matrix's form body is refused as invalid (422).
  'POST /api/v1/challenges': { expect: orgAEditors },
  'PATCH /api/v1/challenges/:slug': { path: '/api/v1/challenges/:challenge', expect: orgAEditors },
  'GET /datasets': { expect: everyone },
  'GET /api/v1/datasets': { expect: everyone },
  'GET /api/v1/datasets/:id': { path: (f) => `/api/v1/datasets/${f.dataset}`, expect: everyone },
  'POST /api/v1/datasets': { expect: anyMemberOfNeedOwner },
  'PATCH /api/v1/datasets/:id': { path: (f) => `/api/v1/datasets/${f.dataset}`, expect: orgAData },
  'POST /api/v1/datasets/:id/distributions': { path: (f) => `/api/v1/datasets/${f.dataset}/distributions`, expect: orgAData },
  'GET /datasets/dcat': { expect: everyone },
  'GET /organisations/:slug/datasets/dcat': { path: '/organisations/:org/datasets/dcat', expect: everyone },
  'GET /datasets/catalog': { expect: everyone },
  'GET /organisations/:slug/datasets/catalog': { path: '/organisations/:org/datasets/catalog', expect: everyone },
  'GET /open-data/:name': { path: '/open-data/challenges', expect: everyone },
  'GET /datasets/usage': { expect: everyone },
  'GET /organisations/:slug/datasets/usage': { path: '/organisations/:org/datasets/usage', expect: everyone },
  'GET /organisations/:slug/data-use': { path: '/organisations/:org/data-use', expect: everyone },
  'GET /organisations/:slug/data-use.csv': { path: '/organisations/:org/data-use.csv', expect: everyone },
  'GET /organisations/:slug/data-use.json': { path: '/organisations/:org/data-use.json', expect: everyone },
  'GET /open-data/challenges.json': { expect: everyone },
  'GET /open-data/results.json': { expect: everyone },
  'GET /open-data/results.csv': { expect: everyone },
  'GET /open-data/realisation.json': { expect: everyone },
  'GET /open-data/realisation.csv': { expect: everyone },
  'GET /open-data/challenges.csv': { expect: everyone },
  'GET /matches': { expect: everyone },
  'GET /open-data/matches.csv': { expect: everyone },
  'GET /datasets/:id': { path: `/datasets/${crypto.randomUUID()}`, expect: nowhere },
  // No such dataset: its editors learn that (404); everyone else is refused before.
  'POST /challenges/:slug/datasets': {
    path: '/challenges/:challenge/datasets',
    body: { dataset: crypto.randomUUID() },
    expect: { ...orgAEditors, editorA: 'notfound', organiser: 'notfound' },
  },
  'POST /challenges/:slug/datasets/remove': { path: '/challenges/:challenge/datasets/remove', body: { dataset: crypto.randomUUID() }, expect: orgAEditors },
  // Members of any organisation register its catalogs; the participant belongs to none.
  // Harvest sources make the server fetch addresses, and datasets publish in an organisation's name: only approved
  // organisations (A) and the organiser; B has only applied.
  'GET /harvest-sources': { expect: orgAEditors },
  'POST /harvest-sources': { expect: orgAEditors },
  'GET /harvest-sources/:id': { path: `/harvest-sources/${crypto.randomUUID()}`, expect: signedInNotFound },
  'GET /harvest-sources/:id/report.ttl': { path: `/harvest-sources/${crypto.randomUUID()}/report.ttl`, expect: signedInNotFound },
  'GET /harvest-sources/:id/report.csv': { path: `/harvest-sources/${crypto.randomUUID()}/report.csv`, expect: signedInNotFound },
  'POST /harvest-sources/:id/harvest': { path: `/harvest-sources/${crypto.randomUUID()}/harvest`, expect: signedInNotFound },
  'GET /datasets/new': { expect: anyMemberOfNeedOwner },
  'POST /datasets': { expect: anyMemberOfNeedOwner },
  'GET /datasets/:id/edit': { path: (f) => `/datasets/${f.dataset}/edit`, expect: orgAData },
  'POST /datasets/:id/edit': { path: (f) => `/datasets/${f.dataset}/edit`, expect: orgAData },
  'POST /datasets/:id/status': { path: (f) => `/datasets/${f.dataset}/status`, body: { status: 'active' }, expect: orgAData },
  'GET /datasets/:id/distributions/new': { path: (f) => `/datasets/${f.dataset}/distributions/new`, expect: orgAData },
  'POST /datasets/:id/distributions': { path: (f) => `/datasets/${f.dataset}/distributions`, expect: orgAData },
  'GET /datasets/:id/distributions/:distributionId/edit': {
    path: async (f) => `/datasets/${f.dataset}/distributions/${await f.freshDistribution()}/edit`,
    expect: orgAData,
  },
  'POST /datasets/:id/distributions/:distributionId/edit': {
    path: async (f) => `/datasets/${f.dataset}/distributions/${await f.freshDistribution()}/edit`,
    expect: orgAData,
  },
  'POST /datasets/:id/distributions/:distributionId/remove': {
    path: async (f) => `/datasets/${f.dataset}/distributions/${await f.freshDistribution()}/remove`,
    expect: orgAData,
  },
  'POST /datasets/:id/reports': { path: (f) => `/datasets/${f.dataset}/reports`, expect: signedIn },
  'GET /dataset-reports': { expect: signedIn },
  'GET /dataset-reports/:id': { path: (f) => `/dataset-reports/${f.report}`, expect: orgAData },
  'POST /dataset-reports/:id/answer': { path: (f) => `/dataset-reports/${f.report}/answer`, expect: orgAData },
  'GET /organisations/:slug/data-requests/new': { path: (f) => `/organisations/${f.orgA}/data-requests/new`, expect: signedIn },
  'POST /organisations/:slug/data-requests/new': { path: (f) => `/organisations/${f.orgA}/data-requests/new`, expect: signedIn },
  'GET /data-requests': { expect: signedIn },
  // A request is public; answering it is for the publisher's members and the organiser (403 to others: it is no secret).
  'GET /data-requests/:id': { path: (f) => `/data-requests/${f.dataRequest}`, expect: everyone },
  'POST /data-requests/:id/answer': { path: (f) => `/data-requests/${f.dataRequest}/answer`, expect: orgAEditors },
  'GET /open-data/data-requests.json': { expect: everyone },
  'GET /open-data/data-requests.csv': { expect: everyone },
  'GET /events': { expect: everyone },
  'GET /events/:slug': { path: (f) => `/events/${f.event}`, expect: everyone },
  'GET /api/v1/events': { expect: everyone },
  'GET /api/v1/events/:slug': { path: (f) => `/api/v1/events/${f.event}`, expect: everyone },
  // Results not published yet: the API has no preview, not even for the organiser.
  'GET /api/v1/events/:slug/results': { path: (f) => `/api/v1/events/${f.event}/results`, expect: nowhere },
  'GET /events/:slug.ics': { path: (f) => `/events/${f.event}.ics`, expect: everyone },
  'POST /events/:slug/registration': { path: (f) => `/events/${f.event}/registration`, expect: signedIn },
  'GET /events/:slug/registration/cancel': { path: (f) => `/events/${f.event}/registration/cancel`, expect: signedIn },
  'POST /events/:slug/registration/cancel': { path: (f) => `/events/${f.event}/registration/cancel`, expect: signedIn },
  'GET /events/:slug/teams': { path: (f) => `/events/${f.event}/teams`, expect: signedIn },
  'GET /events/:slug/teams/new': { path: (f) => `/events/${f.event}/teams/new`, expect: signedIn },
  'POST /events/:slug/teams': { path: (f) => `/events/${f.event}/teams`, expect: signedIn },
  'GET /events/:slug/teams/looking': { path: (f) => `/events/${f.event}/teams/looking`, expect: signedIn },
  'POST /events/:slug/teams/looking': { path: (f) => `/events/${f.event}/teams/looking`, expect: signedIn },
  'POST /events/:slug/teams/looking/remove': { path: (f) => `/events/${f.event}/teams/looking/remove`, expect: signedIn },
  'GET /events/:slug/teams/join/:token': { path: (f) => `/events/${f.event}/teams/join/${f.invite}`, expect: signedIn },
  'POST /events/:slug/teams/join/:token': { path: (f) => `/events/${f.event}/teams/join/${f.invite}`, expect: signedIn },
  'GET /events/:slug/teams/:teamId': { path: (f) => `/events/${f.event}/teams/${f.team}`, expect: signedIn },
  'GET /events/:slug/teams/:teamId/edit': { path: (f) => `/events/${f.event}/teams/${f.team}/edit`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/edit': { path: (f) => `/events/${f.event}/teams/${f.team}/edit`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/invitations': { path: (f) => `/events/${f.event}/teams/${f.team}/invitations`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/invite-link': { path: (f) => `/events/${f.event}/teams/${f.team}/invite-link`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/requests': { path: (f) => `/events/${f.event}/teams/${f.team}/requests`, expect: signedIn },
  'POST /events/:slug/teams/:teamId/requests/:requestId': {
    path: (f) => `/events/${f.event}/teams/${f.team}/requests/${f.joinRequest}`,
    body: { decision: 'accept' },
    expect: teamOnly,
  },
  'POST /events/:slug/teams/:teamId/leader': { path: (f) => `/events/${f.event}/teams/${f.team}/leader`, expect: teamOnly },
  'GET /events/:slug/teams/:teamId/leave': { path: (f) => `/events/${f.event}/teams/${f.team}/leave`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/leave': { path: (f) => `/events/${f.event}/teams/${f.team}/leave`, expect: teamOnly },
  // The fixture's event has no hacking phase, so a phase rule blocks the team: the organiser reaches its proposal
  // then (to make an exception with a reason), never otherwise; withdrawing stays the team's.
  'GET /events/:slug/teams/:teamId/proposal': { path: (f) => `/events/${f.event}/teams/${f.team}/proposal`, expect: { ...teamOnly, organiser: 'ok' } },
  'POST /events/:slug/teams/:teamId/proposal': {
    path: (f) => `/events/${f.event}/teams/${f.team}/proposal`,
    body: { action: 'save' },
    expect: { ...teamOnly, organiser: 'ok' },
  },
  'GET /events/:slug/teams/:teamId/proposal/versions/:version': {
    path: (f) => `/events/${f.event}/teams/${f.team}/proposal/versions/1`,
    expect: { ...teamOnly, organiser: 'notfound' },
  },
  'GET /events/:slug/teams/:teamId/proposal/withdraw': { path: (f) => `/events/${f.event}/teams/${f.team}/proposal/withdraw`, expect: teamOnly },
  'POST /events/:slug/teams/:teamId/proposal/withdraw': { path: (f) => `/events/${f.event}/teams/${f.team}/proposal/withdraw`, expect: teamOnly },
  'GET /events/:slug/solutions': { path: (f) => `/events/${f.event}/solutions`, expect: everyone },
  'GET /solutions': { expect: everyone },
  'GET /solutions/:id': { path: `/solutions/${crypto.randomUUID()}`, expect: nowhere },
  // Writing a realisation record: its team and need owners only (tested with a real solution in realisation.test.ts).
  'GET /solutions/:id/updates/new': { path: `/solutions/${crypto.randomUUID()}/updates/new`, expect: signedInNotFound },
  'POST /solutions/:id/updates': { path: `/solutions/${crypto.randomUUID()}/updates`, expect: signedInNotFound },
  'POST /solutions/:id/updates/:updateId/confirm': {
    path: `/solutions/${crypto.randomUUID()}/updates/${crypto.randomUUID()}/confirm`,
    expect: signedInNotFound,
  },
  // A solution's image: its team (none of the roles) and the organiser change it; anyone sees it once public (the
  // fixture's has none, so 404; image.test.ts covers the rest with a real upload).
  'GET /solutions/:id/image': { path: (f) => `/solutions/${f.solution}/image`, expect: organiserOnly },
  'POST /solutions/:id/image': { path: (f) => `/solutions/${f.solution}/image`, body: { altSv: 'Skärmbild' }, expect: organiserOnly },
  'GET /solutions/:id/image/remove': { path: (f) => `/solutions/${f.solution}/image/remove`, expect: organiserOnly },
  'POST /solutions/:id/image/remove': { path: (f) => `/solutions/${f.solution}/image/remove`, body: { confirm: 'yes' }, expect: organiserOnly },
  'GET /solutions/:id/image.webp': { path: (f) => `/solutions/${f.solution}/image.webp`, expect: nowhere },
  'GET /solutions/:id/image-card.webp': { path: (f) => `/solutions/${f.solution}/image-card.webp`, expect: nowhere },
  // A check-in link's token is its credential: no sign-in, and an unknown token is missing to everyone.
  'GET /check-in/:token': { path: '/check-in/not-a-token', expect: nowhere },
  'POST /check-in/:token': { path: '/check-in/not-a-token', body: { answer: 'noChange' }, expect: nowhere },
  // Interest: approved organisations ask; the team answers (none of the roles is in it); A sees and withdraws its own.
  'GET /solutions/:id/interest': { path: (f) => `/solutions/${f.solution}/interest`, expect: approvedMembers },
  'POST /solutions/:id/interest': { path: (f) => `/solutions/${f.solution}/interest`, body: { message: 'Vi vill ta den vidare.' }, expect: approvedMembers },
  'GET /solutions/:id/interests': { path: (f) => `/solutions/${f.solution}/interests`, expect: approvedMembers },
  'POST /solutions/:id/interests/:interestId/accept': { path: (f) => `/solutions/${f.solution}/interests/${f.interest}/accept`, expect: teamOnly },
  'POST /solutions/:id/interests/:interestId/decline': { path: (f) => `/solutions/${f.solution}/interests/${f.interest}/decline`, expect: teamOnly },
  'POST /solutions/:id/interests/:interestId/withdraw': { path: (f) => `/solutions/${f.solution}/interests/${f.interest}/withdraw`, expect: approvedMembers },
  'GET /realised': { expect: everyone },
  'GET /statistics': { expect: everyone },
  'GET /statistics/:year': { path: `/statistics/${YEAR}`, expect: everyone },
  'GET /open-data/statistics.json': { expect: everyone },
  'GET /open-data/statistics.csv': { expect: everyone },
  'GET /api/v1/statistics': { expect: everyone },
  // A published report is public; its draft, saving, publishing and counting again are the organiser's alone.
  'GET /reports/:year': { path: `/reports/${YEAR}`, expect: everyone },
  'GET /reports/:year.json': { path: `/reports/${YEAR}.json`, expect: everyone },
  'GET /reports/:year/tables/:table.:format': { path: `/reports/${YEAR}/tables/totals.csv`, expect: everyone },
  'GET /admin/reports': { expect: organiserOnly },
  'POST /admin/statistics/refresh': { expect: organiserOnly },
  'GET /admin/reports/:year': { path: `/admin/reports/${YEAR}`, expect: organiserOnly },
  'GET /admin/reports/:year.json': { path: `/admin/reports/${YEAR}.json`, expect: organiserOnly },
  'GET /admin/reports/:year/tables/:table.:format': { path: `/admin/reports/${YEAR}/tables/totals.json`, expect: organiserOnly },
  'POST /admin/reports/:year': { path: `/admin/reports/${YEAR}`, body: { summarySv: 'Ett bra år.' }, expect: organiserOnly },
  'POST /admin/reports/:year/publish': { path: `/admin/reports/${YEAR}/publish`, expect: organiserOnly },
  'GET /api/v1/solutions': { expect: everyone },
  'GET /api/v1/solutions/:id': { path: `/api/v1/solutions/${crypto.randomUUID()}`, expect: nowhere },
  'GET /events/new': { expect: anyMemberOfNeedOwner },
  'POST /events': { expect: anyMemberOfNeedOwner },
  'GET /events/:slug/edit': { path: (f) => `/events/${f.event}/edit`, expect: organiserOnly },
  'POST /events/:slug/edit': { path: (f) => `/events/${f.event}/edit`, expect: organiserOnly },
  'GET /events/:slug/manage': { path: (f) => `/events/${f.event}/manage`, expect: organiserOnly },
  'GET /events/:slug/manage/check-ins': { path: (f) => `/events/${f.event}/manage/check-ins`, expect: organiserOnly },
  'GET /events/:slug/cancel': { path: (f) => `/events/${f.event}/cancel`, expect: organiserOnly },
  'POST /events/:slug/status': { path: (f) => `/events/${f.orgEvent}/status`, body: { to: 'pending' }, expect: { ...orgAData, organiser: 'forbidden' } },
  'POST /events/:slug/gallery': { path: (f) => `/events/${f.orgEvent}/gallery`, expect: orgAData },
  'POST /events/:slug/announcements': { path: (f) => `/events/${f.event}/announcements`, expect: organiserOnly },
  'GET /events/:slug/mentors': { path: (f) => `/events/${f.event}/mentors`, expect: signedIn },
  'POST /events/:slug/mentors': { path: (f) => `/events/${f.event}/mentors`, expect: organiserOnly },
  'POST /events/:slug/mentors/book': { path: (f) => `/events/${f.event}/mentors/book`, expect: teamOnly },
  'GET /events/:slug/bookings/:bookingId/cancel': { path: (f) => `/events/${f.event}/bookings/${crypto.randomUUID()}/cancel`, expect: signedInNotFound },
  'POST /events/:slug/bookings/:bookingId/cancel': { path: (f) => `/events/${f.event}/bookings/${crypto.randomUUID()}/cancel`, expect: signedInNotFound },
  'GET /events/:slug/mentoring': { path: (f) => `/events/${f.event}/mentoring`, expect: teamOnly },
  'POST /events/:slug/mentoring/slots': { path: (f) => `/events/${f.event}/mentoring/slots`, expect: teamOnly },
  'POST /events/:slug/mentoring/slots/:slotId/remove': { path: (f) => `/events/${f.event}/mentoring/slots/${crypto.randomUUID()}/remove`, expect: teamOnly },
  'GET /calendar/:token.ics': { path: '/calendar/not-a-token.ics', expect: nowhere },
  'GET /events/:slug/juries': { path: (f) => `/events/${f.event}/juries`, expect: organiserOnly },
  'POST /events/:slug/juries': { path: (f) => `/events/${f.event}/juries`, expect: organiserOnly },
  'GET /events/:slug/juries/:juryId': { path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}`, expect: { ...organiserOnly, organiser: 'notfound' } },
  'POST /events/:slug/juries/:juryId/criteria': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/criteria`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/juries/:juryId/jurors': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/jurors`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/juries/:juryId/rounds/:kind/assign': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/rounds/first/assign`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/juries/:juryId/rounds/:kind/close': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/rounds/first/close`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/juries/:juryId/shortlist': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/shortlist`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/awards': { path: (f) => `/events/${f.event}/awards`, expect: organiserOnly },
  'GET /events/:slug/awards/:awardId/remove': {
    path: (f) => `/events/${f.event}/awards/${crypto.randomUUID()}/remove`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/awards/:awardId/remove': {
    path: (f) => `/events/${f.event}/awards/${crypto.randomUUID()}/remove`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'POST /events/:slug/results': { path: (f) => `/events/${f.event}/results`, body: { published: 'no' }, expect: organiserOnly },
  // Unpublished results: a preview for those who run the event, missing to everyone else.
  'GET /events/:slug/results': { path: (f) => `/events/${f.event}/results`, expect: { ...nowhere, organiser: 'ok' } },
  'GET /events/:slug/juries/:juryId/ranking.csv': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/ranking.csv`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'GET /events/:slug/juries/:juryId/ranking.json': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/ranking.json`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'GET /events/:slug/juries/:juryId/scores.csv': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/scores.csv`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'GET /events/:slug/teams/:teamId/feedback': { path: (f) => `/events/${f.event}/teams/${f.team}/feedback`, expect: teamOnly },
  'POST /events/:slug/votes': { path: (f) => `/events/${f.event}/votes`, expect: signedIn },
  'POST /events/:slug/voting': { path: (f) => `/events/${f.event}/voting`, body: { state: 'off' }, expect: organiserOnly },
  'POST /events/:slug/juries/:juryId/assignments/:assignmentId': {
    path: (f) => `/events/${f.event}/juries/${crypto.randomUUID()}/assignments/${crypto.randomUUID()}`,
    expect: { ...organiserOnly, organiser: 'notfound' },
  },
  'GET /jury': { expect: signedIn },
  'GET /jury/invitations/:token': { path: '/jury/invitations/not-a-token', expect: signedInNotFound },
  'POST /jury/invitations/:token': { path: '/jury/invitations/not-a-token', expect: signedInNotFound },
  'GET /jury/seats/:jurorId/conflicts': { path: `/jury/seats/${crypto.randomUUID()}/conflicts`, expect: signedInNotFound },
  'POST /jury/seats/:jurorId/conflicts': { path: `/jury/seats/${crypto.randomUUID()}/conflicts`, expect: signedInNotFound },
  'GET /jury/assignments/:id': { path: `/jury/assignments/${crypto.randomUUID()}`, expect: signedInNotFound },
  'POST /jury/assignments/:id': { path: `/jury/assignments/${crypto.randomUUID()}`, expect: signedInNotFound },
  'GET /healthz': { expect: everyone },
  'GET /metrics': { expect: everyone },
};

function outcomeOf(status: number, location: string | undefined): Outcome | `unexpected ${number}` {
  if (status === 401 || (status === 303 && location?.startsWith('/signin'))) return 'signin';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notfound';
  if (status < 500) return 'ok';
  return `unexpected ${status}`;
}

async function clientFor(app: TestApp, userId: string | null): Promise<Client> {
  const client = new Client(app);
  if (userId) client.cookies.set(SESSION_COOKIE, await createSession(app.db, userId));
  await client.get('/signin'); // picks up a CSRF token, so a 403 below can only come from a policy
  return client;
}

test('every module route answers each role as designed', async (t) => {
  const app = await build(t);
  const orgA = await aNeedOwner(app);
  const orgB = await anOrganisation(app);
  const users: Record<Role, string | null> = {
    anonymous: null,
    participant: (await aUser(app)).id,
    editorA: (await aMember(app, orgA.id, 'editor')).id,
    editorB: (await aMember(app, orgB.id, 'editor')).id,
    organiser: (await aUser(app, { organiser: true })).id,
  };

  const challenge = await aChallenge(app, orgA, users.editorA!);
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: orgA.id, key: 'matrix', iri: 'http://example.se/matrix', titleSv: 'Datamängd' })
    .returning();
  const [report] = await app.db.insert(datasetReports).values({ datasetId: dataset.id, kind: 'unclear', message: 'Vad betyder kolumnerna?' }).returning();
  const fixture: Fixture = {
    orgA: orgA.slug,
    challenge: challenge.slug,
    freshChallenge: async () => (await aChallenge(app, orgA, users.editorA!)).slug,
    dataset: dataset.id,
    freshDistribution: async () => (await app.db.insert(distributions).values({ datasetId: dataset.id, accessUrl: 'https://example.se/x' }).returning())[0].id,
    report: report.id,
    dataRequest: (
      await app.db
        .insert(dataRequests)
        .values({ organisationId: orgA.id, askerId: users.participant, title: 'Hållplatser', description: 'Som GeoJSON, tack.' })
        .returning()
    )[0].id,
    event: 'matrix-event',
    team: '',
    invite: 'matrix-invite',
    joinRequest: '',
    orgEvent: 'matrix-org-event',
    solution: '',
    interest: '',
  };
  await app.db
    .insert(events)
    .values({ slug: 'matrix-org-event', kind: 'hackathon', status: 'draft', titleSv: 'Organisationens evenemang', organisationId: orgA.id });
  const [event] = await app.db.insert(events).values({ slug: 'matrix-event', kind: 'hackathon', status: 'published', titleSv: 'Evenemang' }).returning();
  await app.db
    .insert(eventPhases)
    .values({ eventId: event.id, kind: 'registration', startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) });
  const [leader, asker] = [await aRegistrant(app, event), await aRegistrant(app, event)];
  const [team] = await app.db.insert(teams).values({ eventId: event.id, name: 'Matrislaget', inviteToken: fixture.invite }).returning();
  await app.db.insert(teamMembers).values({ teamId: team.id, eventId: event.id, userId: leader.id, isLeader: true });
  fixture.team = team.id;
  fixture.joinRequest = (await app.db.insert(teamJoinRequests).values({ teamId: team.id, userId: asker.id }).returning())[0].id;
  const orgC = await aNeedOwner(app);
  const finished = await anEvent(app, { challengeIds: [(await aChallenge(app, orgC, (await aMember(app, orgC.id)).id)).id] });
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, finished.id));
  const [solver] = await app.db.insert(teams).values({ eventId: finished.id, name: 'Lösarna', inviteToken: 'matrix-solvers' }).returning();
  await app.db.insert(teamMembers).values({ teamId: solver.id, eventId: finished.id, userId: (await aRegistrant(app, finished)).id, isLeader: true });
  const content = {
    title: 'Lösningen',
    pitch: '',
    problem: '',
    solution: '',
    actionPlan: '',
    videoUrl: '',
    technical: '',
    sourceUrl: '',
    demoUrl: '',
    otherSources: '',
    licence: 'MIT',
    contactEmail: '',
    datasetIds: [],
  };
  fixture.solution = (
    await app.db
      .insert(submissions)
      .values({ eventId: finished.id, teamId: solver.id, status: 'submitted', title: 'Lösningen', content, submittedAt: new Date() })
      .returning()
  )[0].id;
  fixture.interest = (
    await app.db
      .insert(solutionInterests)
      .values({ submissionId: fixture.solution, organisationId: orgA.id, userId: users.editorA, message: 'Vi vill.' })
      .returning()
  )[0].id;

  // This year's figures counted and its report published, so the public statistics and report pages exist.
  await publishReport(app.db, users.organiser!, YEAR);

  const registered = app.moduleRoutes.map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(
    registered.filter((r) => !(r in matrix)),
    [],
    'routes without a row in the policy matrix',
  );
  assert.deepEqual(
    Object.keys(matrix).filter((r) => !registered.includes(r)),
    [],
    'matrix rows for routes that do not exist',
  );

  const failures: string[] = [];
  for (const route of registered) {
    const [method, url] = route.split(' ');
    const { path: pathOf = url, body = {} } = matrix[route];
    for (const role of roles) {
      const path = (typeof pathOf === 'function' ? await pathOf(fixture) : pathOf).replace(':org', fixture.orgA).replace(':challenge', fixture.challenge);
      // A fresh client per request: a state-changing route (sign-out, delete) must not affect the next one.
      const client = await clientFor(app, users[role]);
      const res =
        method === 'GET' ? await client.get(path) : method === 'POST' ? await client.post(path, body) : await client.json(method as 'PATCH', path, body);
      const got = outcomeOf(res.statusCode, res.headers.location as string | undefined);
      if (got !== matrix[route].expect[role]) failures.push(`${route} as ${role}: expected ${matrix[route].expect[role]}, got ${got} (${res.statusCode})`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a module route without a policy is refused when it is registered', () => {
  const route = { method: 'GET', url: '/forgotten', handler: async () => 'x' } as RouteOptions;
  assert.throws(() => requirePolicy(route), /Route GET \/forgotten has no policy/);
  assert.doesNotThrow(() => requirePolicy({ ...route, config: { policy: () => true } } as RouteOptions));
});
