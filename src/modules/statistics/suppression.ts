/**
 * Small-cell protection for published counts (diversity answers). A count of 1–4 is shown as "fewer than 5"
 * (primary suppression). Then, since the published tables add up (an event's answers to its respondents, the events'
 * answers to the year's, the years' to the whole), a reader could subtract the shown cells from a shown sum and
 * work a small cell out; so further cells of 5 or more are hidden (complementary suppression) until no published
 * sum pins any suppressed cell to one value.
 *
 * The reader is assumed to know the rule: a shown cell is exact, a "fewer than 5" cell is 1–4, a hidden one 5 or
 * more. Their knowledge is propagated through every sum to a fixed point (interval arithmetic, which is exact for one
 * sum and the usual heuristic for linked tables); a suppressed cell whose interval closes to one value is revealed.
 */
export type Published = number | 'small' | 'hidden';

/** `total` is the sum of `parts` (indices into the counts). */
export interface Sum {
  total: number;
  parts: number[];
}

export const SMALLEST_SHOWN = 5;

/** `keep`: cells to hide only when nothing else will do (the respondents, which every share is read against). */
export function protect(counts: number[], sums: Sum[], keep: Set<number> = new Set()): Published[] {
  const out: Published[] = counts.map((c) => (c > 0 && c < SMALLEST_SHOWN ? 'small' : c));
  const sumsOf = new Map<number, Sum[]>();
  for (const s of sums) for (const i of [s.total, ...s.parts]) sumsOf.set(i, [...(sumsOf.get(i) ?? []), s]);
  const neighbours = (cells: number[]) => {
    const seen = new Set(cells);
    for (const c of cells) for (const s of sumsOf.get(c) ?? []) for (const i of [s.total, ...s.parts]) seen.add(i);
    return [...seen];
  };
  const hideable = (cells: number[]) =>
    cells
      .filter((i) => typeof out[i] === 'number' && (out[i] as number) >= SMALLEST_SHOWN)
      .sort((a, b) => Number(keep.has(a)) - Number(keep.has(b)) || (out[a] as number) - (out[b] as number));
  for (;;) {
    const revealed = revealedCells(out, sums);
    if (!revealed.length) return out;
    // The smallest revealed cell first: a small cell in a detailed table is usually what gives away the larger ones.
    const cell = revealed.reduce((a, b) => (counts[b] < counts[a] ? b : a));
    // Of the shown counts one or two sums away, hide the smallest that protects the cell (the respondents last); if
    // none does alone, the smallest nearby, and the loop goes on from there.
    const near = hideable(neighbours(neighbours([cell])));
    const helps = near.slice(0, 40).find((i) => {
      out[i] = 'hidden';
      const ok = !revealedCells(out, sums).includes(cell);
      out[i] = counts[i];
      return ok;
    });
    const pick = helps ?? near[0] ?? hideable(out.map((_, i) => i))[0];
    if (pick === undefined) return out; // nothing left to hide: every count of 5 or more is already hidden
    out[pick] = 'hidden';
  }
}

/** What a reader can tell about each cell: [lowest, highest] after following every sum to a fixed point. */
export function readerBounds(out: Published[], sums: Sum[]): [number, number][] {
  const b: [number, number][] = out.map((v) => (v === 'small' ? [1, SMALLEST_SHOWN - 1] : v === 'hidden' ? [SMALLEST_SHOWN, Infinity] : [v, v]));
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    const tighten = (i: number, lo: number, hi: number) => {
      if (lo > b[i][0]) {
        b[i][0] = lo;
        changed = true;
      }
      if (hi < b[i][1]) {
        b[i][1] = hi;
        changed = true;
      }
    };
    for (const s of sums) {
      // Unbounded highs are counted apart, since Infinity minus Infinity has no value.
      let lo = 0;
      let hi = 0;
      let unbounded = 0;
      for (const p of s.parts) {
        lo += b[p][0];
        if (b[p][1] === Infinity) unbounded++;
        else hi += b[p][1];
      }
      tighten(s.total, lo, unbounded ? Infinity : hi);
      for (const p of s.parts) {
        const othersHi = unbounded - (b[p][1] === Infinity ? 1 : 0) > 0 ? Infinity : hi - (b[p][1] === Infinity ? 0 : b[p][1]);
        tighten(p, b[s.total][0] - othersHi, b[s.total][1] - (lo - b[p][0]));
      }
    }
  }
  return b;
}

/** Suppressed cells a reader could pin to one value. */
export function revealedCells(out: Published[], sums: Sum[]): number[] {
  const b = readerBounds(out, sums);
  return out.flatMap((v, i) => (typeof v !== 'number' && b[i][0] === b[i][1] ? [i] : []));
}
