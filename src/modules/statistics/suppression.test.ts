// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protect, type Published, type Sum } from './suppression.ts';

/** A seeded random number generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What a reader can work out, by brute force and independently of the code under test: every assignment of the
 * suppressed cells (1–4 for "fewer than 5", 5 up to a generous bound for hidden: twice the true total and more, as a
 * reader knows no upper bound) that satisfies every published
 * sum. Returns the values each suppressed cell can take.
 */
function possibleValues(shown: Published[], sums: Sum[], max: number): Map<number, Set<number>> | null {
  const unknown = shown.flatMap((v, i) => (typeof v === 'number' ? [] : [i]));
  // Brute force has its limits: tables too large to walk are left out (the caller counts how many were checked).
  if (unknown.reduce((n, i) => n * (shown[i] === 'small' ? 4 : Math.max(1, max - 4)), 1) > 2_000_000) return null;
  const values = shown.map((v) => (typeof v === 'number' ? v : 0));
  const out = new Map(unknown.map((i) => [i, new Set<number>()]));
  const fits = () => sums.every((s) => values[s.total] === s.parts.reduce((a, p) => a + values[p], 0));
  const walk = (k: number) => {
    if (k === unknown.length) {
      if (fits()) for (const i of unknown) out.get(i)!.add(values[i]);
      return;
    }
    const i = unknown[k];
    const [lo, hi] = shown[i] === 'small' ? [1, 4] : [5, max];
    for (let v = lo; v <= hi; v++) {
      values[i] = v;
      walk(k + 1);
    }
  };
  walk(0);
  return out;
}

test('suppression: in one table, neither the total minus the shown cells nor any other sum pins a suppressed cell', () => {
  const random = rng(16);
  let checked = 0;
  for (let run = 0; run < 400; run++) {
    const cells = Array.from({ length: 2 + Math.floor(random() * 4) }, () => Math.floor(random() * 14));
    const counts = [cells.reduce((a, b) => a + b, 0), ...cells];
    const sums = [{ total: 0, parts: cells.map((_, i) => i + 1) }];
    const shown = protect(counts, sums);
    // Small counts are never shown, and what is shown is the truth.
    counts.forEach((c, i) => assert.ok(c > 0 && c < 5 ? shown[i] === 'small' : shown[i] === c || shown[i] === 'hidden', `run ${run}: ${counts} → ${shown}`));
    if (shown.filter((v) => typeof v !== 'number').length === 1 && typeof shown[0] === 'number')
      assert.fail(`run ${run}: one suppressed cell beside a shown total: ${counts} → ${shown}`);
    const possible = possibleValues(shown, sums, 2 * counts[0] + 10);
    if (!possible) continue;
    checked++;
    for (const [i, values] of possible) assert.ok(values.size > 1, `run ${run}: cell ${i} (${counts[i]}) can be worked out from ${shown}`);
  }
  assert.ok(checked >= 200, `only ${checked} tables were small enough to check`);
});

test('suppression: events add up to their year, cell by cell and in total; no suppressed cell can be worked out from any of it', () => {
  const random = rng(2026);
  let checked = 0;
  for (let run = 0; run < 150; run++) {
    const events = 2;
    const answers = 2 + Math.floor(random() * 2);
    // Layout: per event [respondents, answers...], then the year's [respondents, answers...].
    const width = answers + 1;
    const counts: number[] = [];
    for (let e = 0; e < events; e++) {
      const row = Array.from({ length: answers }, () => Math.floor(random() * 8));
      counts.push(
        row.reduce((a, b) => a + b, 0),
        ...row,
      );
    }
    for (let a = 0; a < width; a++) counts.push(Array.from({ length: events }, (_, e) => counts[e * width + a]).reduce((x, y) => x + y, 0));
    const year = events * width;
    const sums: Sum[] = [];
    for (let r = 0; r <= events; r++) sums.push({ total: r * width, parts: Array.from({ length: answers }, (_, a) => r * width + 1 + a) });
    for (let a = 0; a < width; a++) sums.push({ total: year + a, parts: Array.from({ length: events }, (_, e) => e * width + a) });
    const shown = protect(counts, sums, new Set([0, width, year]));
    const possible = possibleValues(shown, sums, 2 * counts[year] + 10);
    if (!possible) continue;
    checked++;
    for (const [i, values] of possible) assert.ok(values.size > 1, `run ${run}: cell ${i} (${counts[i]}) can be worked out: ${counts} → ${shown}`);
  }
  assert.ok(checked >= 20, `only ${checked} tables were small enough to check`);
});
