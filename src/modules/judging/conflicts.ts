import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../../db/client.ts';

/** Why a juror may not judge a team. */
export const conflictReasons = ['declared', 'member', 'competitor', 'organisation'] as const;
export type ConflictReason = (typeof conflictReasons)[number];

/**
 * The conflict-of-interest rule, in one place: every path that gives a juror a submission (automatic assignment,
 * the organiser's move and its list, the final round) and every score that counts asks it. A juror is conflicted
 * with a team
 * - that they declared a conflict with (`declared`);
 * - that they are a member of (`member`);
 * - of an event where they are themselves in a team (`competitor`): a participant competes with every other team of
 *   the event (for its awards, the final, the participants' choice), so they judge none of them;
 * - that has a member who belongs to an organisation the juror belongs to (`organisation`).
 * Team and organisation memberships are read as they are now, so a conflict that arises after scoring (the juror
 * joins a team or an organisation) sets the score aside at once; the score itself stays in the database.
 */
export class Conflicts {
  constructor(private readonly pairs: Map<string, Map<string, ConflictReason[]>>) {}

  isConflicted(jurorId: string, teamId: string): boolean {
    return this.pairs.get(jurorId)?.has(teamId) ?? false;
  }

  reasons(jurorId: string, teamId: string): ConflictReason[] {
    return this.pairs.get(jurorId)?.get(teamId) ?? [];
  }

  /** The teams a juror is conflicted with, each with its reasons. */
  of(jurorId: string): Map<string, ConflictReason[]> {
    return this.pairs.get(jurorId) ?? new Map();
  }
}

/**
 * The rule as rows (juror_id, team_id, reason) for a jury's jurors, or one of them. The jury, its event and the juror
 * may be values or column references (`sql\`jy.id\``), so a statement over several seats can ask it per seat; such
 * references must not use the aliases in here (c, j, t, tm, mj, mt), which would capture them.
 */
export function conflictRows(jury: { id: string | SQL; eventId: string | SQL }, jurorId?: string | SQL): SQL {
  const onlyJuror = jurorId ? sql`and j.id = ${jurorId}` : sql``;
  return sql`
      select c.juror_id, c.team_id, 'declared' as reason
        from juror_conflicts c join jurors j on j.id = c.juror_id
        where j.jury_id = ${jury.id} ${onlyJuror}
      union all
      select j.id, t.id, case when t.id = tm.team_id then 'member' else 'competitor' end
        from jurors j
        join team_members tm on tm.user_id = j.user_id and tm.event_id = ${jury.eventId}
        join teams t on t.event_id = ${jury.eventId}
        where j.jury_id = ${jury.id} ${onlyJuror}
      union all
      select distinct j.id, tm.team_id, 'organisation'
        from jurors j
        join memberships mj on mj.user_id = j.user_id
        join memberships mt on mt.organisation_id = mj.organisation_id and mt.user_id <> j.user_id
        join team_members tm on tm.user_id = mt.user_id and tm.event_id = ${jury.eventId}
        where j.jury_id = ${jury.id} ${onlyJuror}`;
}

/** Every conflict of a jury's jurors (or of one of them) with the teams of the jury's event, in one query. */
export async function conflictsOf(db: Db | Tx, jury: { id: string; eventId: string }, jurorId?: string): Promise<Conflicts> {
  const rows = await rowsOf<{ juror_id: string; team_id: string; reason: ConflictReason }>(db, conflictRows(jury, jurorId));
  const pairs = new Map<string, Map<string, ConflictReason[]>>();
  for (const r of rows) {
    const teams = pairs.get(r.juror_id) ?? pairs.set(r.juror_id, new Map()).get(r.juror_id)!;
    const reasons = teams.get(r.team_id) ?? teams.set(r.team_id, []).get(r.team_id)!;
    if (!reasons.includes(r.reason)) reasons.push(r.reason);
  }
  const order = (a: ConflictReason, b: ConflictReason) => conflictReasons.indexOf(a) - conflictReasons.indexOf(b);
  for (const teams of pairs.values()) for (const reasons of teams.values()) reasons.sort(order);
  return new Conflicts(pairs);
}

/** Whether one juror is conflicted with one team (the same rule as `conflictsOf`). */
export async function isConflicted(db: Db | Tx, jury: { id: string; eventId: string }, jurorId: string, teamId: string): Promise<boolean> {
  return (await conflictsOf(db, jury, jurorId)).isConflicted(jurorId, teamId);
}
