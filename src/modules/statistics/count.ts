import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { events, type EventKind, type OrganisationType } from '../../db/schema/index.ts';
import { eventYear } from '../realisation/filters.ts';
import { isSolution } from '../realisation/rules.ts';

/** The year of a moment, in Stockholm. */
const yearOf = (column: SQL) => sql`extract(year from ${column} at time zone 'Europe/Stockholm')::int`;
/** Published events with their year: the base of everything counted per event. */
const publishedEvents = sql`select ${events.id} as id, ${events.slug} as slug, ${events.kind} as kind, ${events.titleSv} as title_sv, ${events.titleEn} as title_en, ${eventYear} as year from ${events} where ${events.status} = 'published'`;

export interface EventRow {
  id: string;
  slug: string;
  kind: EventKind;
  titleSv: string;
  titleEn: string;
  year: number;
  registrations: number;
  teams: number;
  submitted: number;
  solutions: number;
}

/** Per year (null: all years): a number. Distinct counts are made with grouping sets, since they do not add up. */
export type ByYear<T> = Map<number | null, T>;

const n = (v: unknown) => Number(v ?? 0);
const yearKey = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function collect<T>(rows: Record<string, unknown>[], make: (r: Record<string, unknown>) => T): ByYear<T[]> {
  const out: ByYear<T[]> = new Map();
  for (const r of rows) {
    const y = yearKey(r.year);
    out.set(y, [...(out.get(y) ?? []), make(r)]);
  }
  return out;
}

/** Every published event with its registrations, teams, submissions and solutions. */
export async function eventRows(db: Db): Promise<EventRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with ev as (${publishedEvents})
    select ev.*,
      (select count(*) from event_registrations r where r.event_id = ev.id and r.status = 'registered')::int as registrations,
      (select count(*) from teams t where t.event_id = ev.id)::int as teams,
      (select count(*) from submissions s where s.event_id = ev.id and s.status = 'submitted')::int as submitted
    from ev order by ev.year, ev.slug`,
  );
  const solutions = await rowsOf<{ id: string; count: number }>(
    db,
    sql`
    select ${events.id} as id, count(*)::int as count from submissions join ${events} on ${events.id} = submissions.event_id where ${isSolution} group by ${events.id}`,
  );
  const byEvent = new Map(solutions.map((s) => [s.id, n(s.count)]));
  return rows.map((r) => ({
    id: r.id as string,
    slug: r.slug as string,
    kind: r.kind as EventKind,
    titleSv: r.title_sv as string,
    titleEn: r.title_en as string,
    year: n(r.year),
    registrations: n(r.registrations),
    teams: n(r.teams),
    submitted: n(r.submitted),
    solutions: byEvent.get(r.id as string) ?? 0,
  }));
}

/** Unique people holding a place, per year and over all years. */
export async function participantsByYear(db: Db): Promise<ByYear<number>> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with ev as (${publishedEvents})
    select ev.year, count(distinct r.user_id)::int as count from event_registrations r join ev on ev.id = r.event_id
    where r.status = 'registered' group by grouping sets ((ev.year), ())`,
  );
  return new Map(rows.map((r) => [yearKey(r.year), n(r.count)]));
}

/** Participants' roles from their profiles (several each), counted once per person and year. */
export async function rolesByYear(db: Db): Promise<ByYear<{ role: string; count: number }[]>> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with ev as (${publishedEvents})
    select ev.year, role, count(distinct r.user_id)::int as count
    from event_registrations r join ev on ev.id = r.event_id join users u on u.id = r.user_id cross join unnest(u.roles) role
    where r.status = 'registered' group by grouping sets ((ev.year, role), (role))`,
  );
  return collect(rows, (r) => ({ role: r.role as string, count: n(r.count) }));
}

/** Challenges made public (drafts never count), by the year they were published: by status and by theme. */
export async function challengesByYear(db: Db) {
  const [status, theme] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`
      select year, status, count(*)::int as count from (select ${yearOf(sql`published_at`)} as year, status from challenges
      where status <> 'draft' and published_at is not null) c group by grouping sets ((year, status), (status))`,
    ),
    rowsOf<Record<string, unknown>>(
      db,
      sql`
      select year, theme, count(*)::int as count from (select ${yearOf(sql`published_at`)} as year, theme from challenges cross join unnest(themes) theme
      where status <> 'draft' and published_at is not null) c group by grouping sets ((year, theme), (theme))`,
    ),
  ]);
  return {
    status: collect(status, (r) => ({ status: r.status as string, count: n(r.count) })),
    theme: collect(theme, (r) => ({ theme: r.theme as string, count: n(r.count) })),
  };
}

/**
 * Need owners by organisation type: in a year, the organisations whose challenge was published that year or taken
 * up by an event of that year; over all years, every approved need owner and every organisation with a challenge.
 */
export async function needOwnersByYear(db: Db): Promise<ByYear<{ type: OrganisationType; count: number }[]>> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with ev as (${publishedEvents}),
    active as (
      select c.organisation_id as id, ${yearOf(sql`c.published_at`)} as year from challenges c where c.status <> 'draft' and c.published_at is not null
      union select c.organisation_id, ev.year from event_challenges ec join ev on ev.id = ec.event_id join challenges c on c.id = ec.challenge_id
      union select o.id, null from organisations o where o.is_need_owner
    )
    select a.year, o.type, count(distinct o.id)::int as count from active a join organisations o on o.id = a.id
    where a.year is not null group by a.year, o.type
    union all
    select null, o.type, count(distinct o.id)::int from active a join organisations o on o.id = a.id group by o.type`,
  );
  return collect(rows, (r) => ({ type: r.type as OrganisationType, count: n(r.count) }));
}

/** Organisations that became need owners (application approved) in each year. */
export async function newNeedOwnersByYear(db: Db) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    select ${yearOf(sql`a.decided_at`)} as year, o.slug, o.name, o.type from need_owner_applications a join organisations o on o.id = a.organisation_id
    where a.status = 'approved' and a.decided_at is not null order by a.decided_at`,
  );
  return collect(rows, (r) => ({ slug: r.slug as string, name: r.name as string, type: r.type as OrganisationType }));
}

export interface DataUse {
  key: string;
  cited: number;
  used: number;
}

/**
 * Datasets cited by challenges (published that year) and used by submitted solutions (of that year's events), each
 * dataset counted once per publisher or theme. A registered dataset's publisher is its organisation.
 */
export async function dataUseByYear(db: Db) {
  const base = sql`
    with ev as (${publishedEvents}),
    touched as (
      select cd.dataset_id, ${yearOf(sql`c.published_at`)} as year, 'cited' as how from challenge_datasets cd join challenges c on c.id = cd.challenge_id
        where c.status <> 'draft' and c.published_at is not null
      union select sd.dataset_id, ev.year, 'used' from submission_datasets sd join submissions s on s.id = sd.submission_id join ev on ev.id = s.event_id
        where s.status = 'submitted'
    ),
    d as (select d.id, coalesce(nullif(d.publisher_name, ''), o.name, '') as publisher, d.themes from datasets d left join organisations o on o.id = d.organisation_id)`;
  const counts = sql`count(distinct t.dataset_id) filter (where t.how = 'cited')::int as cited, count(distinct t.dataset_id) filter (where t.how = 'used')::int as used`;
  const [total, publisher, theme] = await Promise.all([
    rowsOf<Record<string, unknown>>(db, sql`${base} select t.year, ${counts} from touched t group by grouping sets ((t.year), ())`),
    rowsOf<Record<string, unknown>>(
      db,
      sql`${base} select t.year, d.publisher as key, ${counts} from touched t join d on d.id = t.dataset_id group by grouping sets ((t.year, d.publisher), (d.publisher))`,
    ),
    rowsOf<Record<string, unknown>>(
      db,
      sql`${base} select t.year, theme as key, ${counts} from touched t join d on d.id = t.dataset_id cross join unnest(d.themes) theme group by grouping sets ((t.year, theme), (theme))`,
    ),
  ]);
  const use = (r: Record<string, unknown>): DataUse => ({ key: String(r.key ?? ''), cited: n(r.cited), used: n(r.used) });
  return { total: new Map(total.map((r) => [yearKey(r.year), use(r)])), publisher: collect(publisher, use), theme: collect(theme, use) };
}

/** Data-issue reports and data requests received each year, and how many of them got an answer. */
export async function feedbackByYear(db: Db) {
  const [issues, requests] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`select year, count(*)::int as received, count(answered_at)::int as answered from (select ${yearOf(sql`created_at`)} as year, answered_at from dataset_reports) x group by grouping sets ((year), ())`,
    ),
    rowsOf<Record<string, unknown>>(
      db,
      sql`select year, count(*)::int as received, count(*) filter (where status <> 'open')::int as answered from (select ${yearOf(sql`created_at`)} as year, status from data_requests) x group by grouping sets ((year), ())`,
    ),
  ]);
  const pair = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [yearKey(r.year), { received: n(r.received), answered: n(r.answered) }]));
  return { issues: pair(issues), requests: pair(requests) };
}

/** Mentoring sessions held: booked, not cancelled, and over, by the year they took place. */
export async function mentoringByYear(db: Db): Promise<ByYear<number>> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    select year, count(*)::int as count from (select ${yearOf(sql`s.starts_at`)} as year from mentor_bookings b join mentor_slots s on s.id = b.slot_id
    where b.cancelled_at is null and s.ends_at < now()) x group by grouping sets ((year), ())`,
  );
  return new Map(rows.map((r) => [yearKey(r.year), n(r.count)]));
}

export const diversityQuestions = ['gender', 'ageBand', 'county', 'occupation', 'firstHackathon'] as const;
export type DiversityQuestion = (typeof diversityQuestions)[number];

/** Diversity answers per published event and question: the raw counts, protected before anything is stored. */
export async function diversityCounts(db: Db) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    select event_id, q, answer, count(*)::int as count from (
      select d.event_id, v.q, v.answer from diversity_answers d join events e on e.id = d.event_id and e.status = 'published'
      cross join lateral (values ('gender', d.gender), ('ageBand', d.age_band), ('county', d.county), ('occupation', d.occupation),
        ('firstHackathon', case d.first_hackathon when true then 'yes' when false then 'no' end)) v(q, answer)
    ) x group by 1, 2, 3`,
  );
  return rows.map((r) => ({
    eventId: r.event_id as string,
    question: r.q as DiversityQuestion,
    answer: (r.answer as string | null) ?? 'unanswered',
    count: n(r.count),
  }));
}
