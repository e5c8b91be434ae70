/**
 * Rankings a jury and the teams can trust. Each juror's weighted total for a submission is the weighted mean of
 * their criterion scores. Because a strict juror and a lenient one should count alike, each juror's totals are
 * normalised to z-scores over the submissions that juror scored (how far above or below their own average, in their
 * own spread). A juror who gave everything the same, or scored only one submission, says nothing about order: their
 * z-scores are 0 and their scores are flagged. A submission's normalised score is the mean of its jurors' z-scores;
 * the raw score (mean of weighted totals) is shown beside it. Equal normalised scores share a rank (1, 2, 2, 4).
 * A score set aside for a conflict of interest counts nowhere: not in the ranking, not in its juror's normalisation,
 * not as missing; it is only counted, so the page can say so.
 */
export interface Criterion {
  id: string;
  weight: number;
}
export interface ScoredAssignment {
  jurorId: string;
  submissionId: string;
  /** criterion id → score; only for assignments the juror submitted. */
  scores: Map<string, number>;
  submitted: boolean;
  /** The juror is conflicted with the submission's team: the score is kept but never counts. */
  setAside?: boolean;
}

export interface RankedSubmission {
  submissionId: string;
  rank: number;
  tied: boolean;
  /** Mean of the jurors' weighted totals, on the jury's scale. */
  raw: number | null;
  /** Mean of the jurors' z-scores. */
  normalised: number | null;
  jurors: number;
  /** Assigned jurors who have not submitted. */
  missing: number;
  /** Submitted scores set aside for a conflict of interest (a conflicted juror's unsubmitted assignment just drops out). */
  setAside: number;
}

const EPSILON = 1e-9;

export function weightedTotal(scores: Map<string, number>, criteria: Criterion[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === undefined) return null;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : sum / weights;
}

export function rankSubmissions(
  submissionIds: string[],
  all: ScoredAssignment[],
  criteria: Criterion[],
): { ranking: RankedSubmission[]; uninformativeJurors: string[] } {
  const setAside = new Map<string, number>();
  for (const a of all) if (a.setAside && a.submitted) setAside.set(a.submissionId, (setAside.get(a.submissionId) ?? 0) + 1);
  const assignments = all.filter((a) => !a.setAside);
  const totals = assignments
    .filter((a) => a.submitted)
    .map((a) => ({ ...a, total: weightedTotal(a.scores, criteria) }))
    .filter((a): a is typeof a & { total: number } => a.total !== null);
  const byJuror = new Map<string, number[]>();
  for (const t of totals) (byJuror.get(t.jurorId) ?? byJuror.set(t.jurorId, []).get(t.jurorId)!).push(t.total);
  const stats = new Map<string, { mean: number; sd: number }>();
  const uninformativeJurors: string[] = [];
  for (const [juror, values] of byJuror) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    stats.set(juror, { mean, sd });
    if (sd < EPSILON) uninformativeJurors.push(juror);
  }
  const bySubmission = new Map<string, typeof totals>();
  for (const t of totals) (bySubmission.get(t.submissionId) ?? bySubmission.set(t.submissionId, []).get(t.submissionId)!).push(t);
  const assignedCount = new Map<string, number>();
  for (const a of assignments) assignedCount.set(a.submissionId, (assignedCount.get(a.submissionId) ?? 0) + 1);
  const rows = submissionIds.map((id) => {
    const mine = bySubmission.get(id) ?? [];
    const assigned = assignedCount.get(id) ?? 0;
    const z = mine.map((t) => {
      const s = stats.get(t.jurorId)!;
      return s.sd < EPSILON ? 0 : (t.total - s.mean) / s.sd;
    });
    return {
      submissionId: id,
      raw: mine.length ? mine.reduce((a, t) => a + t.total, 0) / mine.length : null,
      normalised: z.length ? z.reduce((a, b) => a + b, 0) / z.length : null,
      jurors: mine.length,
      missing: assigned - mine.length,
      setAside: setAside.get(id) ?? 0,
      rank: 0,
      tied: false,
    };
  });
  // Scored first, by normalised score (then raw) descending; unscored last, in a stable order.
  rows.sort(
    (a, b) =>
      (b.normalised ?? -Infinity) - (a.normalised ?? -Infinity) || (b.raw ?? -Infinity) - (a.raw ?? -Infinity) || a.submissionId.localeCompare(b.submissionId),
  );
  const same = (a: RankedSubmission, b: RankedSubmission) =>
    a.normalised !== null && b.normalised !== null && Math.abs(a.normalised - b.normalised) < EPSILON && Math.abs((a.raw ?? 0) - (b.raw ?? 0)) < EPSILON;
  rows.forEach((row, i) => {
    row.rank = i > 0 && same(rows[i - 1], row) ? rows[i - 1].rank : i + 1;
  });
  for (let i = 0; i < rows.length; i++)
    rows[i].tied = (i > 0 && rows[i - 1].rank === rows[i].rank) || (i + 1 < rows.length && rows[i + 1].rank === rows[i].rank);
  return { ranking: rows, uninformativeJurors };
}
