/**
 * Wall-clock times in Europe/Stockholm, as forms show and take them (`<input type="datetime-local">` has no zone).
 * Intl knows the zone's rules, so summer time needs no table of ours.
 */
const ZONE = 'Europe/Stockholm';
const parts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-11-22T17:00:00Z → "2026-11-22T18:00". */
export function toStockholmLocal(date: Date): string {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const offsetAt = (utcMs: number) => {
  const local = toStockholmLocal(new Date(utcMs));
  return Date.parse(`${local}:00Z`) - Math.floor(utcMs / 60_000) * 60_000;
};

/** "2026-11-22T18:00" in Stockholm → the instant; null for text that is not such a time. */
export function fromStockholmLocal(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== +m[3]) return null;
  // The offset at the guess, then again at the result, so times next to a summer-time switch land right.
  let at = asUtc - offsetAt(asUtc);
  at = asUtc - offsetAt(at);
  return new Date(at);
}
