import crypto from 'node:crypto';
import type { TestApp } from './app.ts';
import { Client } from './app.ts';
import { and, eq } from 'drizzle-orm';
import type { ChallengeInput } from '../modules/challenges/commands/save-challenge.ts';
import {
  challenges,
  eventChallenges,
  eventPhases,
  eventRegistrations,
  events,
  eventTracks,
  memberships,
  organisations,
  type PhaseKind,
} from '../db/schema/index.ts';
import { createUser } from '../modules/accounts/commands/create-user.ts';
import type { MemberRole, OrganisationType } from '../db/schema/index.ts';

const unique = () => crypto.randomBytes(5).toString('hex');
export const PASSWORD = 'correct horse battery staple';

export async function aUser(app: TestApp, overrides: { email?: string; name?: string; organiser?: boolean } = {}) {
  const email = overrides.email ?? `user-${unique()}@example.org`;
  const { id } = await createUser(app, { email, name: overrides.name ?? 'Test Person', password: PASSWORD, organiser: overrides.organiser });
  return { id, email, password: PASSWORD };
}

export async function anOrganisation(app: TestApp, overrides: { name?: string; type?: OrganisationType } = {}) {
  const slug = `org-${unique()}`;
  const [org] = await app.db
    .insert(organisations)
    .values({ slug, name: overrides.name ?? `Organisation ${slug}`, type: overrides.type ?? 'municipality' })
    .returning();
  return org;
}

export async function aMember(app: TestApp, organisationId: string, role: MemberRole = 'editor') {
  const user = await aUser(app);
  await app.db.insert(memberships).values({ organisationId, userId: user.id, role });
  return user;
}

/** A client signed in as the given user, through the real sign-in form. */
export async function signedIn(app: TestApp, user: { email: string; password: string }): Promise<Client> {
  const client = new Client(app);
  await client.get('/signin');
  const res = await client.post('/signin', { email: user.email, password: user.password });
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.statusCode}`);
  return client;
}

export async function aNeedOwner(app: TestApp, overrides: { name?: string; type?: OrganisationType } = {}) {
  const org = await anOrganisation(app, overrides);
  await app.db.update(organisations).set({ isNeedOwner: true }).where(eq(organisations.id, org.id));
  return { ...org, isNeedOwner: true };
}

/** A valid dataset registration form; override any field. */
export function validDatasetFields(organisation: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    organisation,
    titleSv: 'Badplatser i kommunen',
    titleEn: 'Bathing places',
    descriptionSv: 'Kommunens badplatser med vattenprov, uppdateras varje vecka under sommaren.',
    descriptionEn: '',
    themes: ['ENVI', 'HEAL'],
    keywords: 'bad, vattenkvalitet',
    contactName: 'Miljöförvaltningen',
    contactEmail: 'miljo@kommun.se',
    landingPage: 'https://kommun.se/bad',
    accessRights: 'PUBLIC',
    issued: '2026-05-01',
    modified: '',
    ...overrides,
  };
}

/** A valid challenge form; override any field. */
export function challengeFields(organisation: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    organisation,
    titleSv: `Utmaning ${unique()}`,
    titleEn: '',
    summarySv: 'En kort sammanfattning av utmaningen.',
    summaryEn: '',
    problemSv: 'Problemet är att data inte används.',
    problemEn: '',
    outcomeSv: 'Ett verktyg som använder öppna data.',
    outcomeEn: '',
    targetGroupSv: '',
    targetGroupEn: '',
    prizeSv: '',
    prizeEn: '',
    eligibilitySv: '',
    eligibilityEn: '',
    themes: ['GOVE'],
    keywords: 'öppna data',
    requirements: [],
    contactName: 'Kim Kontakt',
    contactEmail: 'kim@example.org',
    yearRound: 'yes',
    startsOn: '',
    endsOn: '',
    ...overrides,
  };
}

/** A challenge created and moved to a status through the real commands. */
export async function aChallenge(
  app: TestApp,
  org: { id: string; slug: string },
  actorId: string,
  overrides: Record<string, string | string[]> = {},
  status: 'draft' | 'published' | 'closed' | 'archived' = 'published',
) {
  const { createChallenge } = await import('../modules/challenges/commands/save-challenge.ts');
  const { changeChallengeStatus } = await import('../modules/challenges/commands/change-challenge-status.ts');
  const { organisation: _, ...fields } = challengeFields(org.slug, overrides);
  const { slug } = await createChallenge(app, actorId, org.id, fields as unknown as ChallengeInput);
  const [row] = await app.db.select().from(challenges).where(eq(challenges.slug, slug));
  const path: Record<string, ('published' | 'closed' | 'archived')[]> = {
    draft: [],
    published: ['published'],
    closed: ['published', 'closed'],
    archived: ['published', 'archived'],
  };
  let current = row.status;
  for (const to of path[status]) {
    await changeChallengeStatus(app, actorId, { id: row.id, status: current }, to);
    current = to;
  }
  return { ...row, status: current, slug };
}

const HOUR = 3600_000;
type PhasePlan = [PhaseKind, number, number];
/** Registration open now, hacking in two days, submission with it, judging after: hours relative to now. */
export const openForRegistration: PhasePlan[] = [
  ['registration', -1, 24],
  ['hacking', 48, 96],
  ['submission', 48, 96],
  ['judging', 96, 168],
];

/** A published event with phases relative to now (in hours), optionally covering challenges and with tracks. */
export async function anEvent(
  app: TestApp,
  opts: {
    capacity?: number | null;
    status?: 'draft' | 'published';
    phases?: PhasePlan[];
    teamMin?: number;
    teamMax?: number;
    organisationId?: string | null;
    challengeIds?: string[];
    tracks?: string[];
    graceMinutes?: number;
  } = {},
) {
  const slug = `hack-${unique()}`;
  const [event] = await app.db
    .insert(events)
    .values({
      slug,
      kind: 'hackathon',
      status: opts.status ?? 'published',
      titleSv: `Hacka krisen ${slug}`,
      descriptionSv: 'Ett helt digitalt hackathon.',
      capacity: opts.capacity === undefined ? 2 : opts.capacity,
      teamMin: opts.teamMin ?? 1,
      teamMax: opts.teamMax ?? 6,
      organisationId: opts.organisationId ?? null,
      graceMinutes: opts.graceMinutes ?? 0,
    })
    .returning();
  const now = Date.now();
  await app.db.insert(eventPhases).values(
    (opts.phases ?? openForRegistration).map(([kind, from, to]) => ({
      eventId: event.id,
      kind,
      startsAt: new Date(now + from * HOUR),
      endsAt: new Date(now + to * HOUR),
    })),
  );
  if (opts.challengeIds?.length) await app.db.insert(eventChallenges).values(opts.challengeIds.map((challengeId) => ({ eventId: event.id, challengeId })));
  const tracks = opts.tracks?.length
    ? await app.db
        .insert(eventTracks)
        .values(opts.tracks.map((nameSv, position) => ({ eventId: event.id, position, nameSv })))
        .returning()
    : [];
  return { ...event, tracks };
}

/** Moves an event's phase (e.g. the submission deadline into the past), in hours relative to now. */
export async function movePhase(app: TestApp, eventId: string, kind: PhaseKind, from: number, to: number) {
  const now = Date.now();
  await app.db
    .update(eventPhases)
    .set({ startsAt: new Date(now + from * HOUR), endsAt: new Date(now + to * HOUR) })
    .where(and(eq(eventPhases.eventId, eventId), eq(eventPhases.kind, kind)));
}

/** A user holding a place at the event (registered directly, rules accepted). */
export async function aRegistrant(app: TestApp, event: { id: string }, overrides: { email?: string; name?: string } = {}) {
  const user = await aUser(app, overrides);
  await app.db.insert(eventRegistrations).values({ eventId: event.id, userId: user.id, status: 'registered', rulesVersion: 1, acceptedRulesAt: new Date() });
  return user;
}

/** A registrant with a client signed in through the real form. */
export async function aParticipant(app: TestApp, event: { id: string }, overrides: { email?: string; name?: string } = {}) {
  const user = await aRegistrant(app, event, overrides);
  return { ...user, client: await signedIn(app, user) };
}
