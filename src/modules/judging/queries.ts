import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { events, juries, juryAssignments, juryCriteria, juryRounds, jurorConflicts, jurors, juryScores, submissions, submissionVersions, teams, users } from '../../db/schema/index.ts';
import { rankSubmissions, type ScoredAssignment } from './ranking.ts';
import { roundScope } from './commands/jury.ts';

export type Jury = typeof juries.$inferSelect;
export type Round = typeof juryRounds.$inferSelect;

export async function juriesOf(db: Db, eventId: string) {
  return db.select().from(juries).where(eq(juries.eventId, eventId)).orderBy(asc(juries.createdAt));
}

export async function findJury(db: Db, eventId: string, juryId: string) {
  if (!isUuid(juryId)) return null;
  const [jury] = await db.select().from(juries).where(and(eq(juries.id, juryId), eq(juries.eventId, eventId)));
  if (!jury) return null;
  const [criteria, rounds, people] = await Promise.all([
    db.select().from(juryCriteria).where(eq(juryCriteria.juryId, jury.id)).orderBy(asc(juryCriteria.position)),
    db.select().from(juryRounds).where(eq(juryRounds.juryId, jury.id)),
    db.select({ id: jurors.id, email: jurors.email, acceptedAt: jurors.acceptedAt, name: users.name }).from(jurors).leftJoin(users, eq(users.id, jurors.userId)).where(eq(jurors.juryId, jury.id)).orderBy(asc(jurors.email)),
  ]);
  const order = { first: 0, final: 1 } as const;
  return { jury, criteria, rounds: rounds.sort((a, b) => order[a.kind] - order[b.kind]), jurors: people };
}
export type JuryDetail = NonNullable<Awaited<ReturnType<typeof findJury>>>;

/** A round's ranking with titles and team names; every score is loaded in two queries, whatever the round's size. */
export async function roundRanking(db: Db, detail: JuryDetail, round: Round) {
  const scope = await roundScope(db, detail.jury, round);
  const assigned = await db.select().from(juryAssignments).where(eq(juryAssignments.roundId, round.id));
  const scores = assigned.length
    ? await db.select({ assignmentId: juryScores.assignmentId, criterionId: juryScores.criterionId, score: juryScores.score }).from(juryScores).innerJoin(juryAssignments, eq(juryAssignments.id, juryScores.assignmentId)).where(eq(juryAssignments.roundId, round.id))
    : [];
  const byAssignment = new Map<string, Map<string, number>>();
  for (const s of scores) (byAssignment.get(s.assignmentId) ?? byAssignment.set(s.assignmentId, new Map()).get(s.assignmentId)!).set(s.criterionId, s.score);
  const scored: ScoredAssignment[] = assigned.map((a) => ({ jurorId: a.jurorId, submissionId: a.submissionId, scores: byAssignment.get(a.id) ?? new Map(), submitted: a.submittedAt !== null }));
  const { ranking, uninformativeJurors } = rankSubmissions(scope.map((s) => s.id), scored, detail.criteria);
  const titles = scope.length
    ? await db.select({ id: submissions.id, title: submissions.title, teamName: teams.name }).from(submissions).innerJoin(teams, eq(teams.id, submissions.teamId)).where(inArray(submissions.id, scope.map((s) => s.id)))
    : [];
  const byId = new Map(titles.map((t) => [t.id, t]));
  return { ranking: ranking.map((r) => ({ ...r, title: byId.get(r.submissionId)?.title ?? '', teamName: byId.get(r.submissionId)?.teamName ?? '' })), uninformativeJurors, assignments: assigned.length };
}

/** The juries a person sits on, with their assignments per round (what they may see: nothing else). */
export async function myJuryWork(db: Db, userId: string) {
  const seats = await db
    .select({ jurorId: jurors.id, jury: juries, eventSlug: events.slug, eventSv: events.titleSv, eventEn: events.titleEn })
    .from(jurors)
    .innerJoin(juries, eq(juries.id, jurors.juryId))
    .innerJoin(events, eq(events.id, juries.eventId))
    .where(eq(jurors.userId, userId));
  if (!seats.length) return [];
  const work = await db
    .select({ id: juryAssignments.id, jurorId: juryAssignments.jurorId, submittedAt: juryAssignments.submittedAt, round: juryRounds.kind, closedAt: juryRounds.closedAt, title: submissions.title, teamName: teams.name })
    .from(juryAssignments)
    .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .where(inArray(juryAssignments.jurorId, seats.map((s) => s.jurorId)))
    .orderBy(asc(submissions.title));
  const teamsInScope = await Promise.all(
    seats.map(async (s) => {
      const scope = await roundScope(db, s.jury, { id: '', juryId: s.jury.id, kind: 'first', closedAt: null });
      const conflicts = await db.select({ teamId: jurorConflicts.teamId }).from(jurorConflicts).where(eq(jurorConflicts.jurorId, s.jurorId));
      const names = scope.length ? await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, scope.map((x) => x.teamId))).orderBy(asc(teams.name)) : [];
      return { jurorId: s.jurorId, teams: names, conflicts: conflicts.map((c) => c.teamId) };
    }),
  );
  return seats.map((s) => ({ ...s, assignments: work.filter((w) => w.jurorId === s.jurorId), ...teamsInScope.find((x) => x.jurorId === s.jurorId)! }));
}

/** One assignment, for its juror: the submitted proposal, the criteria and the scores so far. */
export async function assignmentFor(db: Db, assignmentId: string, userId: string) {
  if (!isUuid(assignmentId)) return null;
  const [row] = await db
    .select({ assignment: juryAssignments, round: juryRounds, jury: juries, submission: submissions, teamName: teams.name })
    .from(juryAssignments)
    .innerJoin(jurors, eq(jurors.id, juryAssignments.jurorId))
    .innerJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
    .innerJoin(juries, eq(juries.id, juryRounds.juryId))
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .where(and(eq(juryAssignments.id, assignmentId), eq(jurors.userId, userId)));
  if (!row) return null;
  const [criteria, scores, [version]] = await Promise.all([
    db.select().from(juryCriteria).where(eq(juryCriteria.juryId, row.jury.id)).orderBy(asc(juryCriteria.position)),
    db.select().from(juryScores).where(eq(juryScores.assignmentId, assignmentId)),
    db.select().from(submissionVersions).where(and(eq(submissionVersions.submissionId, row.submission.id), eq(submissionVersions.version, row.submission.submittedVersion ?? 0))),
  ]);
  return { ...row, criteria, scores, content: version?.content ?? row.submission.content };
}

/** Assignments of a round still waiting for scores, with who holds them: what an organiser may move. */
export async function waitingAssignments(db: Db, roundId: string, limit = 50) {
  return db
    .select({ id: juryAssignments.id, jurorId: juryAssignments.jurorId, jurorEmail: jurors.email, title: submissions.title })
    .from(juryAssignments)
    .innerJoin(jurors, eq(jurors.id, juryAssignments.jurorId))
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .where(and(eq(juryAssignments.roundId, roundId), isNull(juryAssignments.submittedAt)))
    .orderBy(asc(submissions.title))
    .limit(limit);
}
