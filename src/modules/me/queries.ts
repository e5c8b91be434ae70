import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import {
  challengeAdoptions,
  challenges,
  checkIns,
  eventPhases,
  eventRegistrations,
  events,
  invitations,
  juries,
  juryAssignments,
  juryRounds,
  jurors,
  memberships,
  mentorBookings,
  mentors,
  mentorSlots,
  organisations,
  realisations,
  solutionInterests,
  submissions,
  teamJoinRequests,
  teamMembers,
  teams,
  users,
  type PhaseKind,
} from '../../db/schema/index.ts';
import type { SessionUser } from '../../web/policy.ts';
import { tenseOf, type EventTense } from '../events/phases.ts';
import { followsOf, recentNotices } from '../notifications/queries.ts';
import { isSolution } from '../realisation/rules.ts';

/**
 * Everything My page shows, for one person, in eight queries run side by side; none runs per row. Each reads from the
 * person's own rows (registrations, team places, juror seats, bookings, memberships, follows, notices) outward, so a
 * stranger's things cannot appear.
 */
export async function myPage(db: Db, user: SessionUser, now: Date) {
  const [places, myTeams, seats, sessions, due, waiting, following, notices] = await Promise.all([
    placesOf(db, user.id),
    teamsOf(db, user.id),
    seatsOf(db, user.id),
    sessionsOf(db, user.id, now),
    checkInsDue(db, user.id),
    invitationsOf(db, user),
    followsOf(db, user.id),
    recentNotices(db, user.id),
  ]);
  return { events: eventsOf(places, myTeams, now), seats, sessions, due, waiting, following, notices };
}
export type MyPage = Awaited<ReturnType<typeof myPage>>;

/** The events I hold (or wait for) a place at, with each one's phases for its tense. */
function placesOf(db: Db, userId: string) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      titleSv: events.titleSv,
      titleEn: events.titleEn,
      status: eventRegistrations.status,
      phases: sql<
        { kind: PhaseKind; startsAt: string; endsAt: string }[]
      >`coalesce((select json_agg(json_build_object('kind', p.kind, 'startsAt', p.starts_at, 'endsAt', p.ends_at))
        from ${eventPhases} p where p.event_id = ${events.id}), '[]'::json)`,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, userId), ne(eventRegistrations.status, 'cancelled'), eq(events.status, 'published')));
}

/** My teams with their proposal's status and, once it is a solution, its stage. */
function teamsOf(db: Db, userId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      eventId: events.id,
      isLeader: teamMembers.isLeader,
      submissionId: submissions.id,
      proposal: submissions.status,
      title: submissions.title,
      isSolution: sql<boolean>`coalesce(${isSolution}, false)`,
      stage: sql<string>`coalesce(${realisations.stage}, 'idea')`,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .leftJoin(submissions, eq(submissions.teamId, teams.id))
    .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
    .where(and(eq(teamMembers.userId, userId), eq(events.status, 'published')));
}

const tenseOrder: Record<EventTense, number> = { running: 0, upcoming: 1, past: 2 };

/** Events with my place and my team in each; running first, then upcoming, then past. */
function eventsOf(places: Awaited<ReturnType<typeof placesOf>>, myTeams: Awaited<ReturnType<typeof teamsOf>>, now: Date) {
  const listed = places.map((p) => {
    const phases = p.phases.map((x) => ({ kind: x.kind, startsAt: new Date(x.startsAt), endsAt: new Date(x.endsAt) }));
    const start = phases.length ? Math.min(...phases.map((x) => x.startsAt.getTime())) : Infinity;
    return { ...p, tense: tenseOf(phases, now), start, team: myTeams.find((t) => t.eventId === p.id) ?? null };
  });
  return listed.sort((a, b) => tenseOrder[a.tense] - tenseOrder[b.tense] || (a.tense === 'past' ? b.start - a.start : a.start - b.start));
}

/** My juror seats, with how much of the work is assigned and still waiting. */
function seatsOf(db: Db, userId: string) {
  return db
    .select({
      id: jurors.id,
      jury: juries.name,
      slug: events.slug,
      titleSv: events.titleSv,
      titleEn: events.titleEn,
      assigned: sql<number>`count(${juryAssignments.id})::int`,
      waiting: sql<number>`(count(${juryAssignments.id}) filter (where ${juryAssignments.submittedAt} is null and ${juryRounds.closedAt} is null))::int`,
    })
    .from(jurors)
    .innerJoin(juries, eq(juries.id, jurors.juryId))
    .innerJoin(events, eq(events.id, juries.eventId))
    .leftJoin(juryAssignments, eq(juryAssignments.jurorId, jurors.id))
    .leftJoin(juryRounds, eq(juryRounds.id, juryAssignments.roundId))
    .where(eq(jurors.userId, userId))
    .groupBy(jurors.id, juries.name, events.slug, events.titleSv, events.titleEn);
}

/** Mentoring sessions not yet over, as a team member or as the mentor. */
function sessionsOf(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: mentorBookings.id,
      startsAt: mentorSlots.startsAt,
      endsAt: mentorSlots.endsAt,
      teamName: teams.name,
      mentorName: users.name,
      slug: events.slug,
      asMentor: sql<boolean>`${mentors.userId} = ${userId}`,
    })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .innerJoin(users, eq(users.id, mentors.userId))
    .innerJoin(teams, eq(teams.id, mentorBookings.teamId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
    .where(and(isNull(mentorBookings.cancelledAt), gt(mentorSlots.endsAt, now), or(eq(mentors.userId, userId), eq(teamMembers.userId, userId))))
    .orderBy(asc(mentorSlots.startsAt))
    .limit(20);
}

/**
 * Check-ins sent and not yet answered, for solutions of my teams or of organisations I belong to as a need owner (its
 * challenge's, an adopter's, or one whose interest the team accepted).
 */
function checkInsDue(db: Db, userId: string) {
  return rowsOf<{ id: string; months: number; due_at: Date; submission_id: string; title: string }>(
    db,
    sql`
    with mine as (
      select s.id from ${submissions} s join ${teamMembers} tm on tm.team_id = s.team_id where tm.user_id = ${userId}
      union
      select s.id from ${memberships} m join ${challenges} c on c.organisation_id = m.organisation_id join ${submissions} s on s.challenge_id = c.id where m.user_id = ${userId}
      union
      select s.id from ${memberships} m join ${challengeAdoptions} a on a.organisation_id = m.organisation_id join ${submissions} s on s.challenge_id = a.challenge_id where m.user_id = ${userId}
      union
      select i.submission_id from ${memberships} m join ${solutionInterests} i on i.organisation_id = m.organisation_id and i.status = 'accepted' where m.user_id = ${userId}
    )
    select c.id, c.months, c.due_at, s.id as submission_id, s.title
    from mine join ${checkIns} c on c.submission_id = mine.id and c.status = 'sent' join ${submissions} s on s.id = mine.id
    order by c.due_at`,
  );
}

export type Waiting = {
  kind: 'jury' | 'organisation' | 'requestSent' | 'requestReceived' | 'interest';
  /** A jury invitation's token (the link's credential, for the invited address only), a team's or a solution's id. */
  ref: string | null;
  /** The jury, organisation, team or person. */
  name: string;
  /** The event's or organisation's slug. */
  slug: string | null;
  /** The team a request is for, or the solution an interest is in. */
  detail: string | null;
  event_sv: string | null;
  event_en: string | null;
};

/**
 * Invitations and requests waiting on me, or mine waiting on others. Invitations by e-mail match only a confirmed
 * address: whoever types someone else's address at sign-up sees nothing of theirs.
 */
function invitationsOf(db: Db, user: SessionUser) {
  const email = user.emailVerified ? user.email.toLowerCase() : '';
  return rowsOf<Waiting>(
    db,
    sql`
    select 'jury' as kind, j.invite_token as ref, jy.name, e.slug, null as detail, e.title_sv as event_sv, e.title_en as event_en
      from ${jurors} j join ${juries} jy on jy.id = j.jury_id join ${events} e on e.id = jy.event_id
      where j.email = ${email} and j.user_id is null and j.accepted_at is null
    union all
    select 'organisation', null, o.name, o.slug, null, null, null
      from ${invitations} i join ${organisations} o on o.id = i.organisation_id
      where i.email = ${email} and i.accepted_at is null and i.expires_at > now()
    union all
    select 'requestSent', t.id::text, t.name, e.slug, null, e.title_sv, e.title_en
      from ${teamJoinRequests} r join ${teams} t on t.id = r.team_id join ${events} e on e.id = t.event_id
      where r.user_id = ${user.id} and r.status = 'pending'
    union all
    select 'requestReceived', t.id::text, coalesce(u.name, ''), e.slug, t.name, e.title_sv, e.title_en
      from ${teamMembers} tm join ${teamJoinRequests} r on r.team_id = tm.team_id and r.status = 'pending'
      join ${teams} t on t.id = tm.team_id join ${events} e on e.id = t.event_id join ${users} u on u.id = r.user_id
      where tm.user_id = ${user.id} and tm.is_leader
    union all
    select 'interest', s.id::text, o.name, null, s.title, null, null
      from ${teamMembers} tm join ${submissions} s on s.team_id = tm.team_id
      join ${solutionInterests} i on i.submission_id = s.id and i.status = 'pending' join ${organisations} o on o.id = i.organisation_id
      where tm.user_id = ${user.id}`,
  );
}
