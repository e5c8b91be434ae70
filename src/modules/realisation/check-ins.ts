import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { rowsOf, type Db, type Tx } from '../../db/client.ts';
import {
  checkInLinks,
  checkInMonths,
  checkIns,
  events,
  memberships,
  organisations,
  realisations,
  realisationUpdates,
  submissions,
  teamMembers,
  teams,
  users,
  type CheckInStatus,
} from '../../db/schema/index.ts';
import { formatDateTime, translator, type MessageKey } from '../../web/i18n.ts';
import { hashToken, newToken } from '../accounts/sessions.ts';
import { mailPerson, recipientColumns, type Recipient } from '../notifications/mail-person.ts';
import { findSolution, needOwnersOf, type Solution } from './queries.ts';
import { CHECK_INS_END_AFTER_OPERATION_MONTHS, isSolution } from './rules.ts';

/** A check-in link works this long: long enough for a holiday, short enough that an old mail is not a key for ever. */
export const CHECK_IN_LINK_DAYS = 60;
/** Claimed per transaction: each claim holds its rows' locks until its mails are queued. */
const BATCH = 20;

/**
 * Plans every solution's check-ins (3, 6, 12 and 24 months after its event's results were first published). Run by
 * the job before it sends, so nothing else has to remember: a submission that becomes a solution later (its gallery
 * published after the results) gets its rows on the next run. The unique index makes concurrent runs harmless.
 */
export async function scheduleCheckIns(db: Db | Tx) {
  const months = sql.join(
    checkInMonths.map((m) => sql`(${m}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into ${checkIns} (submission_id, months, due_at)
    select ${submissions.id}, m.months, ${events.resultsPublishedAt} + make_interval(months => m.months)
    from ${submissions} join ${events} on ${events.id} = ${submissions.eventId}
      cross join (values ${months}) as m(months)
    where ${events.resultsPublishedAt} is not null and ${isSolution}
      and not exists (select 1 from ${checkIns} c where c.submission_id = ${submissions.id})
    on conflict do nothing`);
}

/** Whether there is anything left to ask: not for a stopped solution, nor one in operation for a year. */
export function checkInsEnded(s: Pick<Solution, 'stage' | 'stageSince'>, now = new Date()) {
  if (s.stage === 'stopped') return true;
  if (s.stage !== 'operation' || !s.stageSince) return false;
  const end = new Date(s.stageSince);
  end.setMonth(end.getMonth() + CHECK_INS_END_AFTER_OPERATION_MONTHS);
  return end <= now;
}

/**
 * The check-in job: plans check-ins, then sends those due, a batch per transaction. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and marked sent in the transaction that writes their links and queues their mails, so with
 * several instances (or two runs at once) each check-in is sent once. When a run comes late and several of a
 * solution's check-ins are due, only the latest is sent: one question, not four.
 */
export async function sendDueCheckIns(ctx: Ctx): Promise<{ sent: number; skipped: number }> {
  await scheduleCheckIns(ctx.db);
  const total = { sent: 0, skipped: 0 };
  for (;;) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const due = await rowsOf<{ id: string; submission_id: string; months: number }>(
        tx,
        sql`
        select c.id, c.submission_id, c.months from ${checkIns} c
        where c.status = 'scheduled' and c.due_at <= now()
          and not exists (select 1 from ${checkIns} l where l.submission_id = c.submission_id and l.months > c.months and l.due_at <= now())
        order by c.due_at, c.id
        limit ${BATCH}
        for update skip locked`,
      );
      for (const c of due) {
        const outcome = await askOrSkip(ctx, tx, { id: c.id, submissionId: c.submission_id, months: Number(c.months) });
        total[outcome]++;
        // Earlier ones that were never sent are passed over (the later question covers them).
        await tx
          .update(checkIns)
          .set({ status: 'skipped' })
          .where(and(eq(checkIns.submissionId, c.submission_id), eq(checkIns.status, 'scheduled'), lt(checkIns.months, Number(c.months))));
      }
      return due.length;
    });
    if (claimed < BATCH) return total;
  }
}

async function askOrSkip(ctx: Ctx, tx: Tx, c: { id: string; submissionId: string; months: number }): Promise<'sent' | 'skipped'> {
  const solution = await findSolution(tx, c.submissionId);
  const people = solution && !checkInsEnded(solution) ? await askedAbout(tx, solution) : [];
  if (!solution || !people.length) {
    // Nothing left to ask (or no one to ask): this one and the later ones stop.
    await tx
      .update(checkIns)
      .set({ status: 'skipped' })
      .where(and(eq(checkIns.submissionId, c.submissionId), eq(checkIns.status, 'scheduled')));
    return 'skipped';
  }
  const expiresAt = new Date(Date.now() + CHECK_IN_LINK_DAYS * 24 * 3600_000);
  for (const person of people) {
    const token = newToken();
    await tx.insert(checkInLinks).values({ tokenHash: hashToken(token), checkInId: c.id, userId: person.id!, expiresAt });
    await mailPerson(tx, person, 'checkIn.mail', (lang) => {
      const t = translator(lang);
      return {
        solution: solution.title,
        event: lang === 'en' && solution.eventEn ? solution.eventEn : solution.eventSv,
        months: c.months,
        stage: t(`realisation.stage.${solution.stage}` as MessageKey),
        link: `${ctx.config.publicUrl}/check-in/${token}`,
        until: formatDateTime(expiresAt, lang),
      };
    });
  }
  await tx
    .update(checkIns)
    .set({ status: 'sent', sentAt: sql`now()` })
    .where(eq(checkIns.id, c.id));
  return 'sent';
}

/** Who is asked: every current member of the team, and every member of each of the solution's need owners; once each. */
async function askedAbout(tx: Tx, solution: Solution): Promise<Recipient[]> {
  const owners = (await needOwnersOf(tx, solution.id)).map((o) => o.id);
  const team = await tx
    .select(recipientColumns)
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, solution.teamId), isNull(users.deletedAt)));
  const ownerPeople = owners.length
    ? await tx
        .select(recipientColumns)
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.organisationId, owners), isNull(users.deletedAt)))
    : [];
  const seen = new Set<string>();
  return [...team, ...ownerPeople].filter((p) => p.email && !seen.has(p.id) && seen.add(p.id));
}

/** A sent check-in is overdue when unanswered this long, or once the next one is due. */
export const CHECK_IN_OVERDUE_DAYS = 30;
export type CheckInShown = CheckInStatus | 'overdue';

/** An event's check-ins for those who run it: per solution, each of the four with what became of it and when. */
export async function checkInsOfEvent(db: Db, eventId: string, now = new Date()) {
  const rows = await db
    .select({
      checkIn: checkIns,
      title: submissions.title,
      teamName: teams.name,
      stage: sql<string>`coalesce(${realisations.stage}, 'idea')`,
      answeredByOrganisation: organisations.name,
    })
    .from(checkIns)
    .innerJoin(submissions, eq(submissions.id, checkIns.submissionId))
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(realisations, eq(realisations.submissionId, submissions.id))
    .leftJoin(realisationUpdates, eq(realisationUpdates.id, checkIns.updateId))
    .leftJoin(organisations, eq(organisations.id, realisationUpdates.organisationId))
    .where(eq(submissions.eventId, eventId))
    .orderBy(asc(submissions.title), asc(submissions.id), asc(checkIns.months));
  const solutions = new Map<
    string,
    { id: string; title: string; teamName: string; stage: string; cells: Map<number, { shown: CheckInShown; at: Date; by: string | null }> }
  >();
  const overdueAfter = now.getTime() - CHECK_IN_OVERDUE_DAYS * 24 * 3600_000;
  rows.forEach((r, i) => {
    const c = r.checkIn;
    const s = solutions.get(c.submissionId) ?? { id: c.submissionId, title: r.title, teamName: r.teamName, stage: r.stage, cells: new Map() };
    solutions.set(c.submissionId, s);
    const next = rows[i + 1]?.checkIn.submissionId === c.submissionId ? rows[i + 1].checkIn : null;
    const overdue = c.status === 'sent' && (c.sentAt!.getTime() < overdueAfter || (next !== null && next.dueAt <= now));
    const at = c.status === 'answered' ? c.answeredAt! : c.status === 'sent' ? c.sentAt! : c.dueAt;
    const by = c.status === 'answered' ? (r.answeredByOrganisation ?? r.teamName) : null;
    s.cells.set(c.months, { shown: overdue ? 'overdue' : c.status, at, by });
  });
  return [...solutions.values()];
}
export type EventCheckIns = Awaited<ReturnType<typeof checkInsOfEvent>>;
