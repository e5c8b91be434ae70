import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignSubmissions } from './assignment.ts';
import { rankSubmissions, type ScoredAssignment } from './ranking.ts';

const criteria = [
  { id: 'benefit', weight: 2 },
  { id: 'realisable', weight: 1 },
];
const scored = (jurorId: string, submissionId: string, benefit: number, realisable: number, submitted = true): ScoredAssignment => ({
  jurorId,
  submissionId,
  scores: new Map([
    ['benefit', benefit],
    ['realisable', realisable],
  ]),
  submitted,
});

test('assignments: every submission gets k jurors, loads stay even, conflicts are never assigned', () => {
  const submissions = Array.from({ length: 30 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, teamId: `t${i}` }));
  const jurors = Array.from({ length: 9 }, (_, i) => ({ id: `j${i}`, conflictTeamIds: new Set(i === 0 ? ['t0', 't1', 't2'] : i === 1 ? ['t0'] : []) }));
  const { assignments, short } = assignSubmissions({ submissions, jurors, k: 3 });
  assert.deepEqual(short, []);
  for (const s of submissions) assert.equal(assignments.filter((a) => a.submissionId === s.id).length, 3, s.id);
  const loads = jurors.map((j) => assignments.filter((a) => a.jurorId === j.id).length);
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `even loads: ${loads}`);
  assert.ok(
    !assignments.some((a) => (a.jurorId === 'j0' && ['s00', 's01', 's02'].includes(a.submissionId)) || (a.jurorId === 'j1' && a.submissionId === 's00')),
  );
  // Too few free jurors: assigned to all who can, and reported.
  const tight = assignSubmissions({
    submissions: [{ id: 'x', teamId: 'tx' }],
    jurors: [
      { id: 'a', conflictTeamIds: new Set(['tx']) },
      { id: 'b', conflictTeamIds: new Set() },
    ],
    k: 2,
  });
  assert.deepEqual(tight.short, [{ submissionId: 'x', assigned: 1 }]);
});

test('ranking: a strict juror and a lenient one count alike; raw and normalised side by side', () => {
  // The strict juror gives 1–3, the lenient 3–5, in the same order: A > B > C for both.
  const a = [
    scored('strict', 'A', 3, 3),
    scored('strict', 'B', 2, 2),
    scored('strict', 'C', 1, 1),
    scored('lenient', 'A', 5, 5),
    scored('lenient', 'B', 4, 4),
    scored('lenient', 'C', 3, 3),
  ];
  const { ranking } = rankSubmissions(['A', 'B', 'C'], a, criteria);
  assert.deepEqual(
    ranking.map((r) => [r.submissionId, r.rank]),
    [
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ],
  );
  assert.equal(ranking[0].raw, 4);
  assert.ok(Math.abs(ranking[0].normalised! - Math.sqrt(1.5)) < 1e-9, 'z = (3-2)/sd(1,2,3)');
  // D seen only by the lenient juror with a 4 is not ahead of B seen by both: normalisation removes leniency.
  const withD = rankSubmissions(
    ['A', 'B', 'C', 'D'],
    [...a.filter((x) => x.submissionId !== 'B' || x.jurorId === 'strict'), scored('lenient', 'D', 4, 4)],
    criteria,
  );
  const rankOf = (id: string) => withD.ranking.find((r) => r.submissionId === id)!.rank;
  assert.ok(rankOf('B') <= rankOf('D') + 1);
});

test('ranking edge cases: ties share a rank, all-equal and single-score jurors say nothing, missing scores are flagged, nothing scored ranks last', () => {
  const tie = rankSubmissions(['A', 'B', 'C'], [scored('j', 'A', 4, 4), scored('j', 'B', 4, 4), scored('j', 'C', 2, 2)], criteria);
  assert.deepEqual(
    tie.ranking.map((r) => [r.submissionId, r.rank, r.tied]),
    [
      ['A', 1, true],
      ['B', 1, true],
      ['C', 3, false],
    ],
  );

  const flat = rankSubmissions(['A', 'B'], [scored('flat', 'A', 3, 3), scored('flat', 'B', 3, 3)], criteria);
  assert.deepEqual(flat.uninformativeJurors, ['flat']);
  assert.ok(flat.ranking.every((r) => r.normalised === 0 && r.rank === 1 && r.tied));

  const one = rankSubmissions(['A'], [scored('once', 'A', 5, 1)], criteria);
  assert.deepEqual(one.uninformativeJurors, ['once']);
  assert.ok(Math.abs(one.ranking[0].raw! - 11 / 3) < 1e-9, 'weighted: (5×2 + 1×1) / 3');

  const missing = rankSubmissions(['A', 'B'], [scored('j', 'A', 4, 4), scored('k', 'A', 2, 2, false), scored('j', 'B', 2, 2)], criteria);
  assert.equal(missing.ranking.find((r) => r.submissionId === 'A')!.missing, 1);
  const none = rankSubmissions(['A', 'Z'], [scored('j', 'A', 4, 4)], criteria);
  assert.deepEqual(
    none.ranking.map((r) => [r.submissionId, r.normalised]),
    [
      ['A', 0],
      ['Z', null],
    ],
  );
});

test('ranking: a score set aside for a conflict counts nowhere (ranking, normalisation, missing) and is only counted', () => {
  const clean = [scored('j', 'A', 4, 4), scored('j', 'B', 2, 2), scored('k', 'A', 3, 3), scored('k', 'B', 1, 1)];
  const without = rankSubmissions(['A', 'B'], clean, criteria);
  // k also scored C, with a 5 that would lift C and shift k's own mean and spread; k is conflicted with C's team.
  const withSetAside = rankSubmissions(
    ['A', 'B', 'C'],
    [...clean, { ...scored('k', 'C', 5, 5), setAside: true }, { ...scored('j', 'C', 1, 1, false), setAside: true }],
    criteria,
  );
  const strip = (r: { submissionId: string; rank: number; raw: number | null; normalised: number | null; jurors: number; missing: number }) => [
    r.submissionId,
    r.rank,
    r.raw,
    r.normalised,
    r.jurors,
    r.missing,
  ];
  assert.deepEqual(withSetAside.ranking.filter((r) => r.submissionId !== 'C').map(strip), without.ranking.map(strip));
  const c = withSetAside.ranking.find((r) => r.submissionId === 'C')!;
  assert.deepEqual(
    [c.raw, c.normalised, c.jurors, c.missing, c.setAside],
    [null, null, 0, 0, 1],
    'the unsubmitted conflicted assignment is neither missing nor set aside',
  );
});

test('CSV cells are quoted when needed and formulas are defused; numbers stay numbers', async () => {
  const { toCsv } = await import('../../web/csv.ts');
  assert.equal(
    toCsv(
      ['a', 'b'],
      [
        ['=HYPERLINK("x")', 'Lag "Ett", två'],
        [null, 3],
      ],
    ),
    `a,b\r\n"'=HYPERLINK(""x"")","Lag ""Ett"", två"\r\n,3\r\n`,
  );
  assert.equal(toCsv(['z', 'text'], [[-0.707, '-1+1']]), `z,text\r\n-0.707,'-1+1\r\n`);
});
