import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TestApp } from './app.ts';
import { events, submissions, submissionVersions, teamMembers, teams, type ProposalContent } from '../db/schema/index.ts';
import { emptyContent } from '../modules/proposals/schema.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aRegistrant } from './factories.ts';

/** Phases of an event that is over: hacking last month, judging done, results out (hours relative to now). */
export const finished: [import('../db/schema/index.ts').PhaseKind, number, number][] = [
  ['registration', -24 * 40, -24 * 32],
  ['hacking', -24 * 31, -24 * 30],
  ['submission', -24 * 31, -24 * 30],
  ['judging', -24 * 30, -24 * 20],
];

/** A team in the event with its members (the first leads), its proposal submitted as version 1. */
export async function aSubmittedProposal(
  app: TestApp,
  event: { id: string },
  opts: { teamName: string; members: { id: string }[]; challengeId?: string | null; content?: Partial<ProposalContent> },
) {
  const challengeId = opts.challengeId ?? null;
  const [team] = await app.db
    .insert(teams)
    .values({ eventId: event.id, challengeId, name: opts.teamName, inviteToken: crypto.randomBytes(16).toString('hex') })
    .returning();
  await app.db.insert(teamMembers).values(opts.members.map((m, i) => ({ teamId: team.id, eventId: event.id, userId: m.id, isLeader: i === 0 })));
  const content = { ...emptyContent(), title: `Förslag ${opts.teamName}`, pitch: 'Kort.', ...opts.content };
  const [submission] = await app.db
    .insert(submissions)
    .values({
      eventId: event.id,
      teamId: team.id,
      challengeId,
      status: 'submitted',
      title: content.title,
      pitch: content.pitch,
      content,
      submittedVersion: 1,
      submittedAt: new Date(),
    })
    .returning();
  await app.db.insert(submissionVersions).values({ submissionId: submission.id, version: 1, content });
  return { team, submission };
}

/**
 * A finished solution: a need owner's challenge, a past event with its gallery (and, if asked, its results) published,
 * a team of the given size with its leader first, and its proposal submitted. Rows are written directly: the journey
 * that makes them is tested elsewhere.
 */
export async function aSolution(
  app: TestApp,
  opts: {
    title?: string;
    teamName?: string;
    members?: number;
    resultsPublishedAt?: Date | null;
    gallery?: boolean;
    organisation?: { id: string; slug: string; name: string };
  } = {},
) {
  const organisation = opts.organisation ?? (await aNeedOwner(app));
  const owner = await aMember(app, organisation.id, 'owner');
  const challenge = await aChallenge(app, organisation, owner.id, {
    titleSv: `Utmaning för ${opts.title ?? 'lösningen'} ${crypto.randomBytes(3).toString('hex')}`,
  });
  const event = await anEvent(app, { capacity: null, challengeIds: [challenge.id], phases: finished });
  await app.db
    .update(events)
    .set({
      galleryPublished: opts.gallery ?? true,
      resultsPublished: opts.resultsPublishedAt !== undefined && opts.resultsPublishedAt !== null,
      resultsPublishedAt: opts.resultsPublishedAt ?? null,
    })
    .where(eq(events.id, event.id));
  const members = [];
  for (let i = 0; i < (opts.members ?? 2); i++) members.push(await aRegistrant(app, event));
  const { team, submission } = await aSubmittedProposal(app, event, {
    teamName: opts.teamName ?? `Team ${crypto.randomBytes(3).toString('hex')}`,
    members,
    challengeId: challenge.id,
    content: { title: opts.title ?? 'Badkollen', pitch: 'Vi visar var det går att bada.' },
  });
  return { organisation, owner, challenge, event: { ...event, slug: event.slug }, team, members, submission };
}
