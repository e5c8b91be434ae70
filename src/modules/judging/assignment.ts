/**
 * Spreading submissions over jurors: every submission gets `k` jurors (or every eligible one, if fewer), no juror
 * gets a submission they declared a conflict with, and loads stay as even as the conflicts allow. Greedy, most
 * constrained submission first, each pick the least-loaded eligible juror (ties by a stable order), so the same input
 * gives the same assignments. Runs in O(submissions × k × jurors): about 15 million steps for 5,210 × 3 × 950.
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
  const eligible = (s: { teamId: string }) => jurors.filter((j) => !j.conflictTeamIds.has(s.teamId));
  const order = submissions.map((s) => ({ s, choices: eligible(s) })).sort((a, b) => a.choices.length - b.choices.length || a.s.id.localeCompare(b.s.id));
  const assignments: AssignmentResult['assignments'] = [];
  const short: AssignmentResult['short'] = [];
  for (const { s, choices } of order) {
    const taken = has.get(s.id) ?? new Set<string>();
    while (taken.size < k) {
      let best: string | null = null;
      let bestLoad = Infinity;
      for (const j of choices) {
        if (taken.has(j.id)) continue;
        const l = load.get(j.id)!;
        if (l < bestLoad) {
          best = j.id;
          bestLoad = l;
        }
      }
      if (best === null) break;
      taken.add(best);
      load.set(best, bestLoad + 1);
      assignments.push({ jurorId: best, submissionId: s.id });
    }
    if (taken.size < k) short.push({ submissionId: s.id, assigned: taken.size });
  }
  return { assignments, short };
}
