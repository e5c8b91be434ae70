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
  for (;;) {
    const revealed = revealedCells(out, sums);
    if (!revealed.length) return out;
    // One cell at a time: hiding one often protects several revealed cells, and hiding more than needed loses figures.
    let hidden = 0;
    for (const cell of revealed.slice(0, 1)) {
      // Hide the smallest shown count that shares a sum with the revealed cell: it widens that sum the least.
      const near = (sumsOf.get(cell) ?? []).flatMap((s) => [s.total, ...s.parts]);
      const everywhere = out.map((_, i) => i);
      const other = (cells: number[]) => cells.filter((i) => !keep.has(i));
      const pick = smallestShown(out, other(near)) ?? smallestShown(out, near) ?? smallestShown(out, other(everywhere)) ?? smallestShown(out, everywhere);
      if (pick === null) continue;
      out[pick] = 'hidden';
      hidden++;
    }
    if (!hidden) return out; // nothing left to hide: every count of 5 or more is already hidden
  }
}

function smallestShown(out: Published[], candidates: number[]): number | null {
  let best: number | null = null;
  for (const i of candidates) {
    const v = out[i];
    if (typeof v === 'number' && v >= SMALLEST_SHOWN && (best === null || v < (out[best] as number))) best = i;
  }
  return best;
}

/** What a reader can tell about each cell: [lowest, highest] after following every sum to a fixed point. */
export function readerBounds(out: Published[], sums: Sum[]): [number, number][] {
  const b: [number, number][] = out.map((v) => (v === 'small' ? [1, SMALLEST_SHOWN - 1] : v === 'hidden' ? [SMALLEST_SHOWN, Infinity] : [v, v]));
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    const tighten = (i: number, lo: number, hi: number) => {
      if (lo > b[i][0]) (b[i][0] = lo), (changed = true);
      if (hi < b[i][1]) (b[i][1] = hi), (changed = true);
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
