import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import {
  datasets,
  events,
  juries,
  juryAssignments,
  juryCriteria,
  juryRounds,
  jurors,
  juryScores,
  submissionDatasets,
  submissions,
  submissionVersions,
  teams,
  users,
} from '../../db/schema/index.ts';
import { rankSubmissions, type ScoredAssignment } from './ranking.ts';
import { inFirstRound, roundScope } from './commands/jury.ts';
import { conflictRows, conflictsOf, isConflicted, type ConflictReason, type Conflicts } from './conflicts.ts';
import { idArray } from '../realisation/filters.ts';

export type Jury = typeof juries.$inferSelect;
export type Round = typeof juryRounds.$inferSelect;

export async function juriesOf(db: Db, eventId: string) {
  return db.select().from(juries).where(eq(juries.eventId, eventId)).orderBy(asc(juries.createdAt));
}

export async function findJury(db: Db, eventId: string, juryId: string) {
  if (!isUuid(juryId)) return null;
  const [jury] = await db
    .select()
    .from(juries)
    .where(and(eq(juries.id, juryId), eq(juries.eventId, eventId)));
  if (!jury) return null;
  const [criteria, rounds, people] = await Promise.all([
    db.select().from(juryCriteria).where(eq(juryCriteria.juryId, jury.id)).orderBy(asc(juryCriteria.position)),
    db.select().from(juryRounds).where(eq(juryRounds.juryId, jury.id)),
    db
      .select({ id: jurors.id, email: jurors.email, acceptedAt: jurors.acceptedAt, name: users.name })
      .from(jurors)
      .leftJoin(users, eq(users.id, jurors.userId))
      .where(eq(jurors.juryId, jury.id))
      .orderBy(asc(jurors.email)),
  ]);
  const order = { first: 0, final: 1 } as const;
  return { jury, criteria, rounds: rounds.sort((a, b) => order[a.kind] - order[b.kind]), jurors: people };
}
export type JuryDetail = NonNullable<Awaited<ReturnType<typeof findJury>>>;

/**
 * A round's ranking with titles and team names; every score is loaded in two queries, whatever the round's size.
 * Scores of a juror conflicted with the team are set aside (kept, never counted) and listed with their reasons.
 */
export async function roundRanking(db: Db, detail: JuryDetail, round: Round, conflicts?: Conflicts) {
  conflicts ??= await conflictsOf(db, detail.jury);
  const scope = await roundScope(db, detail.jury, round);
  const assigned = await db
    .select({
      id: juryAssignments.id,
      jurorId: juryAssignments.jurorId,
      submissionId: juryAssignments.submissionId,
      submittedAt: juryAssignments.submittedAt,
      teamId: submissions.teamId,
    })
    .from(juryAssignments)
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .where(eq(juryAssignments.roundId, round.id));
  const scores = assigned.length
    ? await db
        .select({ assignmentId: juryScores.assignmentId, criterionId: juryScores.criterionId, score: juryScores.score })
        .from(juryScores)
        .innerJoin(juryAssignments, eq(juryAssignments.id, juryScores.assignmentId))
        .where(eq(juryAssignments.roundId, round.id))
    : [];
  const byAssignment = new Map<string, Map<string, number>>();
  for (const s of scores) (byAssignment.get(s.assignmentId) ?? byAssignment.set(s.assignmentId, new Map()).get(s.assignmentId)!).set(s.criterionId, s.score);
  const scored: ScoredAssignment[] = assigned.map((a) => ({
    jurorId: a.jurorId,
    submissionId: a.submissionId,
    scores: byAssignment.get(a.id) ?? new Map(),
    submitted: a.submittedAt !== null,
    setAside: conflicts.isConflicted(a.jurorId, a.teamId),
  }));
  const { ranking, uninformativeJurors } = rankSubmissions(
    scope.map((s) => s.id),
    scored,
    detail.criteria,
  );
  const titles = scope.length
    ? await db
        .select({ id: submissions.id, title: submissions.title, teamName: teams.name })
        .from(submissions)
        .innerJoin(teams, eq(teams.id, submissions.teamId))
        .where(
          inArray(
            submissions.id,
            scope.map((s) => s.id),
          ),
        )
    : [];
  const byId = new Map(titles.map((t) => [t.id, t]));
  const jurorName = new Map(detail.jurors.map((j) => [j.id, j.name ?? j.email]));
  const inScope = new Set(scope.map((s) => s.id));
  // Submitted scores set aside, for the organiser to see whose and why; unsubmitted ones are withdrawn assignments.
  const setAside = assigned
    .filter((a) => a.submittedAt && inScope.has(a.submissionId) && conflicts.isConflicted(a.jurorId, a.teamId))
    .map((a) => ({
      juror: jurorName.get(a.jurorId) ?? '',
      submissionId: a.submissionId,
      title: byId.get(a.submissionId)?.title ?? '',
      reasons: conflicts.reasons(a.jurorId, a.teamId),
    }));
  const withdrawn = assigned.filter((a) => !a.submittedAt && inScope.has(a.submissionId) && conflicts.isConflicted(a.jurorId, a.teamId)).length;
  return {
    ranking: ranking.map((r) => ({ ...r, title: byId.get(r.submissionId)?.title ?? '', teamName: byId.get(r.submissionId)?.teamName ?? '' })),
    uninformativeJurors,
    assignments: assigned.length,
    setAside,
    withdrawn,
  };
}

/**
 * A juror's own page, in one statement: per seat, the jury and event, their assignments (each marked when a
 * conflict has since set it aside), the conflicts that keep teams from them, and whether there are teams at all to
 * declare conflicts with. Nothing of anyone else's.
 */
export async function jurorHome(db: Db, userId: string) {
  const jury = { id: sql`jy.id`, eventId: sql`jy.event_id`, challengeId: sql`jy.challenge_id`, trackId: sql`jy.track_id` };
  const rows = await rowsOf<{
    jurorId: string;
    juryName: string;
    eventSv: string;
    eventEn: string;
    hasTeams: boolean;
    conflicts: { teamId: string; teamName: string; reason: ConflictReason }[];
    assignments: { id: string; scored: boolean; round: 'first' | 'final'; title: string; teamId: string; teamName: string }[];
  }>(
    db,
    sql`select seat.id as "jurorId", jy.name as "juryName", e.title_sv as "eventSv", e.title_en as "eventEn",
      exists (select 1 from ${submissions} where ${inFirstRound(jury)}) as "hasTeams",
      coalesce((select json_agg(json_build_object('teamId', c.team_id, 'teamName', t.name, 'reason', c.reason) order by t.name)
        from (${conflictRows(jury, sql`seat.id`)}) c join ${teams} t on t.id = c.team_id), '[]') as conflicts,
      coalesce((select json_agg(json_build_object('id', a.id, 'scored', a.submitted_at is not null, 'round', r.kind, 'title', s.title,
          'teamId', t.id, 'teamName', t.name) order by s.title, a.id)
        from ${juryAssignments} a join ${juryRounds} r on r.id = a.round_id join ${submissions} s on s.id = a.submission_id
          join ${teams} t on t.id = s.team_id
        where a.juror_id = seat.id), '[]') as assignments
    from ${jurors} seat join ${juries} jy on jy.id = seat.jury_id join ${events} e on e.id = jy.event_id
    where seat.user_id = ${userId}
    order by e.title_sv, jy.name`,
  );
  return rows.map(({ conflicts, assignments, ...seat }) => {
    const conflicted = new Set(conflicts.map((c) => c.teamId));
    const because = (reason: ConflictReason) => [...new Map(conflicts.filter((c) => c.reason === reason).map((c) => [c.teamId, c.teamName])).values()];
    return {
      ...seat,
      declared: new Set(conflicts.filter((c) => c.reason === 'declared').map((c) => c.teamId)).size,
      // Conflicts the juror did not declare, so they know why they get none of these teams' submissions.
      ownTeam: because('member')[0] ?? null,
      organisationTeams: because('organisation'),
      assignments: assignments.map((a) => ({ ...a, conflicted: conflicted.has(a.teamId) })),
    };
  });
}

/**
 * One of a person's seats, for declaring conflicts: the teams of the jury's first round (hundreds at a hackathon's
 * size), by name, and those already declared. Null when the seat is not theirs.
 */
export async function seatToDeclare(db: Db, userId: string, jurorId: string) {
  if (!isUuid(jurorId)) return null;
  const [seat] = await db
    .select({ jurorId: jurors.id, jury: juries })
    .from(jurors)
    .innerJoin(juries, eq(juries.id, jurors.juryId))
    .where(and(eq(jurors.userId, userId), eq(jurors.id, jurorId)));
  if (!seat) return null;
  const [scope, conflicts] = await Promise.all([
    roundScope(db, seat.jury, { id: '', juryId: seat.jury.id, kind: 'first', closedAt: null }),
    conflictsOf(db, seat.jury, seat.jurorId),
  ]);
  const declared = [...conflicts.of(seat.jurorId)].filter(([, reasons]) => reasons.includes('declared')).map(([team]) => team);
  return { ...seat, teams: await teamNames(db, [...new Set(scope.map((x) => x.teamId))]), conflicts: declared };
}

/** Teams' names, by name; one array parameter, not one per team: a jury's scope is hundreds of teams. */
async function teamNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(sql`${teams.id} = any(${idArray(ids)})`)
    .orderBy(asc(teams.name));
}

/**
 * One assignment, for its juror: the submitted proposal with the datasets it used, the criteria, the scores so far,
 * and whether the juror is conflicted with the team (then the scores are set aside and cannot be changed).
 */
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
  const [criteria, scores, [version], used, conflicted] = await Promise.all([
    db.select().from(juryCriteria).where(eq(juryCriteria.juryId, row.jury.id)).orderBy(asc(juryCriteria.position)),
    db.select().from(juryScores).where(eq(juryScores.assignmentId, assignmentId)),
    db
      .select()
      .from(submissionVersions)
      .where(and(eq(submissionVersions.submissionId, row.submission.id), eq(submissionVersions.version, row.submission.submittedVersion ?? 0))),
    // Recorded when the version was submitted: the datasets of the version being judged.
    db
      .select({ id: datasets.id, titleSv: datasets.titleSv, titleEn: datasets.titleEn, registered: sql<boolean>`${datasets.sourceId} is null` })
      .from(submissionDatasets)
      .innerJoin(datasets, eq(datasets.id, submissionDatasets.datasetId))
      .where(eq(submissionDatasets.submissionId, row.submission.id))
      .orderBy(asc(datasets.titleSv), asc(datasets.titleEn)),
    isConflicted(db, row.jury, row.assignment.jurorId, row.submission.teamId),
  ]);
  return { ...row, criteria, scores, datasets: used, conflicted, content: version?.content ?? row.submission.content };
}

/**
 * Assignments of a round still waiting for scores, with who holds them and which jurors already hold the same
 * submission: what an organiser may move, and to whom.
 */
export async function waitingAssignments(db: Db, roundId: string, limit = 50) {
  const waiting = await db
    .select({
      id: juryAssignments.id,
      jurorId: juryAssignments.jurorId,
      jurorEmail: jurors.email,
      title: submissions.title,
      submissionId: submissions.id,
      teamId: submissions.teamId,
    })
    .from(juryAssignments)
    .innerJoin(jurors, eq(jurors.id, juryAssignments.jurorId))
    .innerJoin(submissions, eq(submissions.id, juryAssignments.submissionId))
    .where(and(eq(juryAssignments.roundId, roundId), isNull(juryAssignments.submittedAt)))
    .orderBy(asc(submissions.title))
    .limit(limit);
  const holders = waiting.length
    ? await db
        .select({ jurorId: juryAssignments.jurorId, submissionId: juryAssignments.submissionId })
        .from(juryAssignments)
        .where(
          and(
            eq(juryAssignments.roundId, roundId),
            inArray(
              juryAssignments.submissionId,
              waiting.map((w) => w.submissionId),
            ),
          ),
        )
    : [];
  return waiting.map((w) => ({ ...w, holders: new Set(holders.filter((h) => h.submissionId === w.submissionId).map((h) => h.jurorId)) }));
}
