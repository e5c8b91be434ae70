import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import type { Db, Tx } from '../../../db/client.ts';
import { checkInLinks, checkIns, memberships, organisations, realisationUpdates, teamMembers, users, type RealisationStage } from '../../../db/schema/index.ts';
import { translator, type MessageKey } from '../../../web/i18n.ts';
import { hashToken } from '../../accounts/sessions.ts';
import { findSolution, needOwnersOf, type NeedOwner, type Solution } from '../queries.ts';
import type { UpdateInput } from '../schema.ts';
import { postUpdate } from './post-update.ts';

/** Tokens are 32 random bytes in base64url; anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Who a link's holder answers as: the team (a member of it), else one of the solution's need owners they belong to. */
export type AnswerAs = { team: true; organisation: null } | { team: false; organisation: NeedOwner };

export type LinkState = 'open' | 'used' | 'answered' | 'expired' | 'no_standing';

/**
 * A check-in link as its holder sees it: the check-in, the solution, who they answer as, and whether the link still
 * works. A link works once, until it expires, while its check-in is unanswered, and while its holder is still in
 * the team or one of the need owners. Null for a token that is unknown or belongs to no solution.
 */
export async function findCheckInLink(db: Db | Tx, token: string, lock = false) {
  if (!TOKEN.test(token)) return null;
  const tokenHash = hashToken(token);
  if (lock) {
    // The link, then its check-in, always in that order: two uses of one link, and two people answering one
    // check-in, take turns.
    const [link] = await db.select({ checkInId: checkInLinks.checkInId }).from(checkInLinks).where(eq(checkInLinks.tokenHash, tokenHash)).for('update');
    if (!link) return null;
    await db.select({ id: checkIns.id }).from(checkIns).where(eq(checkIns.id, link.checkInId)).for('update');
  }
  const [row] = await db
    .select({ link: checkInLinks, checkIn: checkIns, person: { id: users.id, name: users.name, preferredLanguage: users.preferredLanguage } })
    .from(checkInLinks)
    .innerJoin(checkIns, eq(checkIns.id, checkInLinks.checkInId))
    .innerJoin(users, eq(users.id, checkInLinks.userId))
    .where(and(eq(checkInLinks.tokenHash, tokenHash), isNull(users.deletedAt)));
  if (!row) return null;
  const solution = await findSolution(db, row.checkIn.submissionId);
  if (!solution) return null;
  const as = await answerAs(db, solution, row.person.id);
  const answer = row.checkIn.status === 'answered' ? await answerOf(db, row.checkIn.updateId, solution) : null;
  return { ...row, solution, as, answer, state: stateOf(row, as) };
}
export type CheckInLink = NonNullable<Awaited<ReturnType<typeof findCheckInLink>>>;

function stateOf(row: { link: typeof checkInLinks.$inferSelect; checkIn: typeof checkIns.$inferSelect }, as: AnswerAs | null): LinkState {
  if (row.link.usedAt) return 'used';
  if (row.checkIn.status === 'answered') return 'answered';
  if (row.checkIn.status !== 'sent' || row.link.expiresAt <= new Date()) return 'expired';
  return as ? 'open' : 'no_standing';
}

async function answerAs(db: Db | Tx, solution: Solution, userId: string): Promise<AnswerAs | null> {
  const [member] = await db
    .select({ id: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, solution.teamId), eq(teamMembers.userId, userId)));
  if (member) return { team: true, organisation: null };
  const mine = new Set((await db.select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.id));
  const owner = (await needOwnersOf(db, solution.id)).find((o) => mine.has(o.id));
  return owner ? { team: false, organisation: owner } : null;
}

/** Who answered a check-in (the team, or a need owner by name) and when, from the update the answer wrote. */
async function answerOf(db: Db | Tx, updateId: string | null, solution: Solution) {
  if (!updateId) return null;
  const [u] = await db
    .select({ at: realisationUpdates.createdAt, organisationName: organisations.name })
    .from(realisationUpdates)
    .leftJoin(organisations, eq(organisations.id, realisationUpdates.organisationId))
    .where(eq(realisationUpdates.id, updateId));
  return u ? { at: u.at, by: u.organisationName ?? solution.teamName, byTeam: u.organisationName === null } : null;
}

export type CheckInAnswer = { noChange: true } | { noChange: false; input: UpdateInput };

/**
 * Answers a check-in through one of its links, in one transaction: the answer becomes a dated update in the
 * solution's history (so "no change" shows there too), the link is used up and the check-in is answered. The link
 * and the check-in are locked first, so the same link used twice at once, or two people answering at once, yield
 * one update; the others learn what happened.
 */
export async function answerCheckIn(ctx: Ctx, token: string, answer: CheckInAnswer): Promise<'done' | Exclude<LinkState, 'open'> | 'not_found'> {
  return ctx.db.transaction(async (tx) => {
    const found = await findCheckInLink(tx, token, true);
    if (!found) return 'not_found';
    if (found.state !== 'open') return found.state;
    const { solution, as, checkIn, person } = found;
    if (!as) return 'no_standing';
    const input = answer.noChange ? noChange(solution.stage as RealisationStage, checkIn.months) : answer.input;
    const update = await postUpdate(ctx, { actorId: person.id, organisationId: as.organisation?.id ?? null, solution }, input, tx);
    await tx
      .update(checkInLinks)
      .set({ usedAt: sql`now()` })
      .where(eq(checkInLinks.tokenHash, found.link.tokenHash));
    await tx
      .update(checkIns)
      .set({ status: 'answered', answeredAt: sql`now()`, answeredBy: person.id, updateId: update.id })
      .where(eq(checkIns.id, checkIn.id));
    return 'done';
  });
}

/** "No change" is news without a stage: the history shows the answer, and a confirmed stage stays confirmed. */
function noChange(stage: RealisationStage, months: number): UpdateInput {
  const text = (lang: 'sv' | 'en') => {
    const t = translator(lang);
    return t('checkIn.noChangeText', { months, stage: t(`realisation.stage.${stage}` as MessageKey) });
  };
  return { stage: null, textSv: text('sv'), textEn: text('en'), links: [], evidenceKind: null, evidenceUrl: '', route: null, reference: '', reason: '' };
}
