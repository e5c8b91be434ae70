/**
 * npm run bench:judging — assignments and a ranking at --scale 10 sizes: 5,210 submissions, 950 jurors (each with a
 * few declared conflicts), three jurors a submission, six weighted criteria. Prints the times against the target
 * (under a second each). Pure computation, as the app runs it once the rows are loaded.
 */
import { assignSubmissions } from '../src/modules/judging/assignment.ts';
import { rankSubmissions, type ScoredAssignment } from '../src/modules/judging/ranking.ts';

const SUBMISSIONS = 5210;
const JURORS = 950;
const K = 3;
let seed = 2020;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const submissions = Array.from({ length: SUBMISSIONS }, (_, i) => ({ id: `s${i}`, teamId: `t${i}` }));
const jurors = Array.from({ length: JURORS }, (_, i) => ({
  id: `j${i}`,
  conflictTeamIds: new Set(Array.from({ length: 3 }, () => `t${Math.floor(random() * SUBMISSIONS)}`)),
}));
const criteria = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, weight: 1 + (i % 3) }));

let t = performance.now();
const { assignments, short } = assignSubmissions({ submissions, jurors, k: K });
const assignMs = performance.now() - t;
const loads = new Map<string, number>();
for (const a of assignments) loads.set(a.jurorId, (loads.get(a.jurorId) ?? 0) + 1);
const conflicted = assignments.filter((a) => jurors.find((j) => j.id === a.jurorId)!.conflictTeamIds.has(`t${a.submissionId.slice(1)}`)).length;

// Each juror has a leniency of their own; each submission a quality; scores are quality + leniency + noise.
const leniency = new Map(jurors.map((j) => [j.id, Math.floor(random() * 3) - 1]));
const quality = new Map(submissions.map((s) => [s.id, 1 + Math.floor(random() * 4)]));
const scored: ScoredAssignment[] = assignments.map((a) => ({
  ...a,
  submitted: random() > 0.02,
  scores: new Map(criteria.map((c) => [c.id, Math.max(1, Math.min(5, quality.get(a.submissionId)! + leniency.get(a.jurorId)! + Math.round(random() - 0.5)))])),
}));
t = performance.now();
const { ranking } = rankSubmissions(
  submissions.map((s) => s.id),
  scored,
  criteria,
);
const rankMs = performance.now() - t;

console.log(
  `hack365 judging bench: ${SUBMISSIONS} submissions, ${JURORS} jurors (3 conflicts each), k = ${K}, ${criteria.length} criteria; node ${process.version}`,
);
console.log('\n| measure | figure | target |\n| --- | ---: | --- |');
console.log(
  `| assignments (${assignments.length}; ${short.length} short of k; ${conflicted} against a conflict) | ${assignMs.toFixed(0)} ms | < 1000 ms ${assignMs < 1000 ? 'met' : 'MISSED'} |`,
);
console.log(`| juror loads | ${Math.min(...loads.values())}–${Math.max(...loads.values())} a juror |  |`);
console.log(
  `| ranking with per-juror normalisation (${ranking.length} ranked, ${ranking.filter((r) => r.missing > 0).length} flagged incomplete) | ${rankMs.toFixed(0)} ms | < 1000 ms ${rankMs < 1000 ? 'met' : 'MISSED'} |`,
);
