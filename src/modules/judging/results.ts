import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isSolution } from '../realisation/rules.ts';
import { conflictsOf } from './conflicts.ts';
import {
  awards,
  challenges,
  events,
  juries,
  juryAssignments,
  juryCriteria,
  juryRoundEntries,
  juryRounds,
  jurors,
  juryScores,
  submissions,
  teams,
  users,
} from '../../db/schema/index.ts';

/** Awards and finalists of the given events, in two queries whatever the number of events. */
async function resultRows(db: Db, eventIds: string[]) {
  if (!eventIds.length) return { given: [], finalists: [] };
  const [given, finalists] = await Promise.all([
    db
      .select({
        eventId: awards.eventId,
        id: awards.id,
        name: awards.name,
        amountSek: awards.amountSek,
        sponsor: awards.sponsor,
        submissionId: awards.submissionId,
        title: submissions.title,
        teamName: teams.name,
      })
      .from(awards)
      .innerJoin(submissions, eq(submissions.id, awards.submissionId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .where(inArray(awards.eventId, eventIds))
      .orderBy(asc(awards.createdAt)),
    db
      .select({
        eventId: juries.eventId,
        juryName: juries.name,
        challengeSv: challenges.titleSv,
        challengeEn: challenges.titleEn,
        submissionId: submissions.id,
        title: submissions.title,
        teamName: teams.name,
      })
      .from(juryRoundEntries)
      .innerJoin(juryRounds, eq(juryRounds.id, juryRoundEntries.roundId))
      .innerJoin(juries, eq(juries.id, juryRounds.juryId))
      .leftJoin(challenges, eq(challenges.id, juries.challengeId))
      .innerJoin(submissions, eq(submissions.id, juryRoundEntries.submissionId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .where(and(inArray(juries.eventId, eventIds), eq(submissions.status, 'submitted')))
      .orderBy(asc(juries.name), asc(submissions.title)),
  ]);
  return { given, finalists };
}

/** What an event's results page shows: awards, and per jury (challenge) its finalists. */
export async function eventResults(db: Db, eventId: string) {
  const { given, finalists } = await resultRows(db, [eventId]);
  const byJury = new Map<string, typeof finalists>();
  for (const f of finalists) (byJury.get(f.juryName) ?? byJury.set(f.juryName, []).get(f.juryName)!).push(f);
  return {
    awards: given,
    finalists: [...byJury.entries()].map(([jury, rows]) => ({ jury, challengeSv: rows[0].challengeSv, challengeEn: rows[0].challengeEn, rows })),
  };
}

/**
 * A team's feedback: per closed round, each juror's scores per criterion and feedback, with the jurors numbered,
 * never named. Only submitted assignments of closed rounds count, and never a conflicted juror's.
 */
export async function teamFeedback(db: Db, teamId: string) {
  const all = await db
    .select({
      assignmentId: juryAssignments.id,
      jurorId: juryAssignments.jurorId,
      feedback: juryAssignments.feedback,
      round: juryRounds.kind,
      jury: { id: juries.id, eventId: juries.eventId },
      juryName: juries.name,
      scaleMax: juries.scaleMax,
    })
    .from(juryAssignments)
    .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
    .innerJoin(juries, eq(juries.id, juryRounds.juryId))
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .where(and(eq(submissions.teamId, teamId), isNotNull(juryRounds.closedAt), isNotNull(juryAssignments.submittedAt)))
    .orderBy(asc(juryRounds.kind), asc(juryAssignments.id));
  const juryIds = [...new Set(all.map((r) => r.jury.id))];
  const conflicts = new Map(await Promise.all(juryIds.map(async (id) => [id, await conflictsOf(db, all.find((r) => r.jury.id === id)!.jury)] as const)));
  const rows = all.filter((r) => !conflicts.get(r.jury.id)!.isConflicted(r.jurorId, teamId));
  if (!rows.length) return [];
  const scores = await db
    .select({
      assignmentId: juryScores.assignmentId,
      score: juryScores.score,
      nameSv: juryCriteria.nameSv,
      nameEn: juryCriteria.nameEn,
      position: juryCriteria.position,
    })
    .from(juryScores)
    .innerJoin(juryCriteria, eq(juryCriteria.id, juryScores.criterionId))
    .where(
      inArray(
        juryScores.assignmentId,
        rows.map((r) => r.assignmentId),
      ),
    )
    .orderBy(asc(juryCriteria.position));
  return rows.map((r, i) => ({
    number: i + 1,
    round: r.round,
    juryName: r.juryName,
    scaleMax: r.scaleMax,
    feedback: r.feedback,
    scores: scores.filter((s) => s.assignmentId === r.assignmentId),
  }));
}

/**
 * Every score of a jury, one row per juror, submission and criterion: the CSV export for the organiser. A score set
 * aside for a conflict of interest is listed with its reasons, so the export agrees with the ranking.
 */
export async function juryScoreRows(db: Db, jury: { id: string; eventId: string }) {
  const [rows, conflicts] = await Promise.all([
    db
      .select({
        round: juryRounds.kind,
        jurorId: jurors.id,
        juror: users.name,
        jurorEmail: jurors.email,
        teamId: teams.id,
        team: teams.name,
        title: submissions.title,
        criterion: juryCriteria.nameSv,
        weight: juryCriteria.weight,
        score: juryScores.score,
        submittedAt: juryAssignments.submittedAt,
      })
      .from(juryScores)
      .innerJoin(juryAssignments, eq(juryAssignments.id, juryScores.assignmentId))
      .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
      .innerJoin(jurors, eq(jurors.id, juryAssignments.jurorId))
      .leftJoin(users, eq(users.id, jurors.userId))
      .innerJoin(juryCriteria, eq(juryCriteria.id, juryScores.criterionId))
      .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .where(eq(juryRounds.juryId, jury.id))
      .orderBy(asc(juryRounds.kind), asc(jurors.email), asc(submissions.title), asc(juryCriteria.position)),
    conflictsOf(db, jury),
  ]);
  return rows.map((r) => ({ ...r, setAside: conflicts.reasons(r.jurorId, r.teamId) }));
}

/** Every published result (awards and finalists) of every event, as open data: three queries in all. */
export async function publishedResults(db: Db) {
  const published = await db
    .select({ id: events.id, slug: events.slug, title: events.titleSv })
    .from(events)
    .where(and(eq(events.resultsPublished, true), eq(events.status, 'published')));
  const { given, finalists } = await resultRows(
    db,
    published.map((e) => e.id),
  );
  const eventOf = new Map(published.map((e) => [e.id, e]));
  return [
    ...given.map((a) => ({
      event: eventOf.get(a.eventId)!.slug,
      eventTitle: eventOf.get(a.eventId)!.title,
      kind: 'award' as const,
      name: a.name,
      solution: a.title,
      team: a.teamName,
      amountSek: a.amountSek,
      sponsor: a.sponsor,
    })),
    ...finalists.map((f) => ({
      event: eventOf.get(f.eventId)!.slug,
      eventTitle: eventOf.get(f.eventId)!.title,
      kind: 'finalist' as const,
      name: f.challengeSv ?? f.juryName,
      solution: f.title,
      team: f.teamName,
      amountSek: null,
      sponsor: '',
    })),
  ];
}

/**
 * A challenge's results across events (once each event publishes them): its awards and finalists, and how many
 * finished solutions (`isSolution`) it has.
 */
export async function challengeResults(db: Db, challengeId: string) {
  const published = and(
    eq(submissions.challengeId, challengeId),
    eq(submissions.status, 'submitted'),
    eq(events.resultsPublished, true),
    eq(events.status, 'published'),
  );
  const [given, finalists, [{ solutions }]] = await Promise.all([
    db
      .select({
        id: awards.id,
        name: awards.name,
        amountSek: awards.amountSek,
        sponsor: awards.sponsor,
        submissionId: submissions.id,
        title: submissions.title,
        teamName: teams.name,
        eventSlug: events.slug,
        eventSv: events.titleSv,
        eventEn: events.titleEn,
      })
      .from(awards)
      .innerJoin(submissions, eq(submissions.id, awards.submissionId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(published)
      .orderBy(asc(events.slug), asc(awards.createdAt)),
    db
      .selectDistinct({ submissionId: submissions.id, title: submissions.title, teamName: teams.name, eventSlug: events.slug })
      .from(juryRoundEntries)
      .innerJoin(submissions, eq(submissions.id, juryRoundEntries.submissionId))
      .innerJoin(teams, eq(teams.id, submissions.teamId))
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(published),
    db
      .select({ solutions: sql<number>`count(*)::int` })
      .from(submissions)
      .innerJoin(events, eq(events.id, submissions.eventId))
      .where(and(eq(submissions.challengeId, challengeId), isSolution)),
  ]);
  return { awards: given, finalists, solutions };
}
