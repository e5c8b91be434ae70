/**
 * Spreading submissions over jurors: every submission gets `k` jurors (or every eligible one, if fewer), no juror
 * gets a submission they declared a conflict with, and loads stay as even as the conflicts allow. Greedy, most
 * constrained submission first, each pick the least-loaded eligible juror (jurors kept in buckets by load), so the
 * same input gives the same assignments, and a pick usually costs a few steps rather than a scan of every juror.
 */
export interface AssignmentInput {
  submissions: { id: string; teamId: string }[];
  jurors: { id: string; conflictTeamIds: Set<string> }[];
  k: number;
  /** Assignments already made (kept; they count toward k and toward loads). */
  existing?: { jurorId: string; submissionId: string }[];
}

export interface AssignmentResult {
  assignments: { jurorId: string; submissionId: string }[];
  /** Submissions that could not reach k because too few jurors are free of conflicts. */
  short: { submissionId: string; assigned: number }[];
}

export function assignSubmissions({ submissions, jurors, k, existing = [] }: AssignmentInput): AssignmentResult {
  const load = new Map(jurors.map((j) => [j.id, 0]));
  const has = new Map<string, Set<string>>();
  for (const a of existing) {
    load.set(a.jurorId, (load.get(a.jurorId) ?? 0) + 1);
    (has.get(a.submissionId) ?? has.set(a.submissionId, new Set()).get(a.submissionId)!).add(a.jurorId);
  }
  // Jurors in buckets by load: a pick takes the first eligible juror of the lowest bucket and moves them up one, so
  // a pick costs a few steps instead of a scan of every juror.
  const byId = new Map(jurors.map((j) => [j.id, j]));
  const buckets: Set<string>[] = [];
  for (const j of jurors) (buckets[load.get(j.id)!] ??= new Set()).add(j.id);
  // How many jurors each team is conflicted with: the most constrained submissions are placed first.
  const conflictsOf = new Map<string, number>();
  for (const j of jurors) for (const team of j.conflictTeamIds) conflictsOf.set(team, (conflictsOf.get(team) ?? 0) + 1);
  const order = [...submissions].sort(
    (a, b) => (conflictsOf.get(b.teamId) ?? 0) - (conflictsOf.get(a.teamId) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const assignments: AssignmentResult['assignments'] = [];
  const short: AssignmentResult['short'] = [];
  for (const s of order) {
    const taken = has.get(s.id) ?? new Set<string>();
    while (taken.size < k) {
      let best: string | null = null;
      let bestLoad = -1;
      for (let l = 0; l < buckets.length && best === null; l++) {
        for (const id of buckets[l] ?? []) {
          if (!taken.has(id) && !byId.get(id)!.conflictTeamIds.has(s.teamId)) {
            best = id;
            bestLoad = l;
            break;
          }
        }
      }
      if (best === null) break;
      taken.add(best);
      buckets[bestLoad].delete(best);
      (buckets[bestLoad + 1] ??= new Set()).add(best);
      load.set(best, bestLoad + 1);
      assignments.push({ jurorId: best, submissionId: s.id });
    }
    if (taken.size < k) short.push({ submissionId: s.id, assigned: taken.size });
  }
  return { assignments, short };
}
