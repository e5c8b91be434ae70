import { sql } from 'drizzle-orm';
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
  type RegistrationStatus,
  type SubmissionStatus,
} from '../../db/schema/index.ts';
import type { SessionUser } from '../../web/policy.ts';
import { tenseOf, type EventTense } from '../events/phases.ts';
import { followedFrom, followsJson, noticesFrom, recentNoticesJson } from '../notifications/queries.ts';
import { isSolution } from '../realisation/rules.ts';

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/**
 * Everything My page shows, for one person, in one statement: each part is a JSON array, so a page costs one round
 * trip and one pooled connection (fifty people opening it at once used to take eight connections each). Each part
 * reads from the person's own rows (registrations, team places, juror seats, bookings, memberships, follows, notices)
 * outward, so a stranger's things cannot appear.
 */
export async function myPage(db: Db, user: SessionUser, now: Date) {
  const [row] = await rowsOf<
    NextStepRows & { sessions: Json<Session>[]; following: Parameters<typeof followedFrom>[0]; notices: Parameters<typeof noticesFrom>[0] }
  >(
    db,
    sql`select ${nextStepColumns(user)}, ${sessionsJson(user.id, now)} as sessions, ${followsJson(user.id)} as following,
      ${recentNoticesJson(user.id)} as notices`,
  );
  return {
    ...nextStepsFrom(row, now),
    sessions: row.sessions.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    following: followedFrom(row.following),
    notices: noticesFrom(row.notices),
  };
}

/**
 * What the start page's "next steps" show of My page (current events, juries waiting, check-ins due, invitations):
 * the same statement less the mentoring sessions, follows and notices, a third of its time in PostgreSQL.
 */
export async function myNextSteps(db: Db, user: SessionUser, now: Date) {
  const [row] = await rowsOf<NextStepRows>(db, sql`select ${nextStepColumns(user)}`);
  return nextStepsFrom(row, now);
}
export type NextSteps = Awaited<ReturnType<typeof myNextSteps>>;

interface NextStepRows {
  places: Place[];
  teams: MyTeam[];
  seats: Seat[];
  due: Json<CheckInDue>[];
  waiting: Waiting[];
}

const nextStepColumns = (user: SessionUser) =>
  sql`${placesJson(user.id)} as places, ${teamsJson(user.id)} as teams, ${seatsJson(user.id)} as seats,
    ${checkInsDueJson(user.id)} as due, ${waitingJson(user)} as waiting`;

function nextStepsFrom(row: NextStepRows, now: Date) {
  return {
    events: eventsOf(row.places, row.teams, now),
    seats: row.seats,
    due: row.due.map((c) => ({ ...c, due_at: new Date(c.due_at) })),
    waiting: row.waiting,
  };
}
export type MyPage = Awaited<ReturnType<typeof myPage>>;

interface Place {
  id: string;
  slug: string;
  titleSv: string;
  titleEn: string;
  status: RegistrationStatus;
  phases: { kind: PhaseKind; startsAt: string; endsAt: string }[];
}

/** The events I hold (or wait for) a place at, with each one's phases for its tense. */
const placesJson = (userId: string) => sql`coalesce((select json_agg(json_build_object('id', e.id, 'slug', e.slug, 'titleSv', e.title_sv,
    'titleEn', e.title_en, 'status', r.status, 'phases', coalesce((select json_agg(json_build_object('kind', p.kind, 'startsAt', p.starts_at,
    'endsAt', p.ends_at)) from ${eventPhases} p where p.event_id = e.id), '[]'::json)))
  from ${eventRegistrations} r join ${events} e on e.id = r.event_id
  where r.user_id = ${userId} and r.status <> 'cancelled' and e.status = 'published'), '[]')`;

interface MyTeam {
  id: string;
  name: string;
  eventId: string;
  isLeader: boolean;
  submissionId: string | null;
  proposal: SubmissionStatus | null;
  title: string | null;
  isSolution: boolean;
  stage: string;
}

/** My teams with their proposal's status and, once it is a solution, its stage. */
const teamsJson = (userId: string) => sql`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'eventId', ${events.id},
    'isLeader', tm.is_leader, 'submissionId', ${submissions.id}, 'proposal', ${submissions.status}, 'title', ${submissions.title},
    'isSolution', coalesce(${isSolution}, false), 'stage', coalesce(rl.stage, 'idea')))
  from ${teamMembers} tm join ${teams} t on t.id = tm.team_id join ${events} on ${events.id} = t.event_id
    left join ${submissions} on ${submissions.teamId} = t.id left join ${realisations} rl on rl.submission_id = ${submissions.id}
  where tm.user_id = ${userId} and ${events.status} = 'published'), '[]')`;

const tenseOrder: Record<EventTense, number> = { running: 0, upcoming: 1, past: 2 };

/** Events with my place and my team in each; running first, then upcoming, then past. */
function eventsOf(places: Place[], myTeams: MyTeam[], now: Date) {
  const listed = places.map((p) => {
    const phases = p.phases.map((x) => ({ kind: x.kind, startsAt: new Date(x.startsAt), endsAt: new Date(x.endsAt) }));
    const start = phases.length ? Math.min(...phases.map((x) => x.startsAt.getTime())) : Infinity;
    return { ...p, tense: tenseOf(phases, now), start, team: myTeams.find((t) => t.eventId === p.id) ?? null };
  });
  return listed.sort((a, b) => tenseOrder[a.tense] - tenseOrder[b.tense] || (a.tense === 'past' ? b.start - a.start : a.start - b.start));
}

interface Seat {
  id: string;
  jury: string;
  slug: string;
  titleSv: string;
  titleEn: string;
  assigned: number;
  waiting: number;
}

/** My juror seats, with how much of the work is assigned and still waiting. */
const seatsJson = (userId: string) => sql`coalesce((select json_agg(x) from (
    select j.id, jy.name as jury, e.slug, e.title_sv as "titleSv", e.title_en as "titleEn", count(a.id)::int as assigned,
      (count(a.id) filter (where a.submitted_at is null and r.closed_at is null))::int as waiting
    from ${jurors} j join ${juries} jy on jy.id = j.jury_id join ${events} e on e.id = jy.event_id
      left join ${juryAssignments} a on a.juror_id = j.id left join ${juryRounds} r on r.id = a.round_id
    where j.user_id = ${userId}
    group by j.id, jy.name, e.slug, e.title_sv, e.title_en) x), '[]')`;

interface Session {
  id: string;
  startsAt: Date;
  endsAt: Date;
  teamName: string;
  mentorName: string | null;
  slug: string;
  asMentor: boolean;
}

/** Mentoring sessions not yet over, as a team member or as the mentor; the first twenty. */
const sessionsJson = (userId: string, now: Date) => sql`coalesce((select json_agg(x order by x."startsAt") from (
    select b.id, s.starts_at as "startsAt", s.ends_at as "endsAt", t.name as "teamName", u.name as "mentorName", e.slug,
      m.user_id = ${userId} as "asMentor"
    from ${mentorBookings} b join ${mentorSlots} s on s.id = b.slot_id join ${mentors} m on m.id = s.mentor_id
      join ${users} u on u.id = m.user_id join ${teams} t on t.id = b.team_id join ${events} e on e.id = t.event_id
      left join ${teamMembers} tm on tm.team_id = t.id and tm.user_id = ${userId}
    where b.cancelled_at is null and s.ends_at > ${now.toISOString()}::timestamptz and (m.user_id = ${userId} or tm.user_id = ${userId})
    order by s.starts_at limit 20) x), '[]')`;

interface CheckInDue {
  id: string;
  months: number;
  due_at: Date;
  submission_id: string;
  title: string;
}

/**
 * Check-ins sent and not yet answered, for solutions of my teams or of organisations I belong to as a need owner (its
 * challenge's, an adopter's, or one whose interest the team accepted).
 */
const checkInsDueJson = (userId: string) => sql`coalesce((select json_agg(x order by x.due_at) from (
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
    from mine join ${checkIns} c on c.submission_id = mine.id and c.status = 'sent' join ${submissions} s on s.id = mine.id) x), '[]')`;

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
function waitingJson(user: SessionUser) {
  const email = user.emailVerified ? user.email.toLowerCase() : '';
  return sql`coalesce((select json_agg(x) from (
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
      where tm.user_id = ${user.id}) x), '[]')`;
}
