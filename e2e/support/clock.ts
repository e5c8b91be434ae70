/**
 * A stopped clock for this test process, so pages that say "3 days left" or show dates look the same on every run.
 *
 * The app reads the time through `Date` (53 places, no clock object to inject), and the embedded PGlite is
 * PostgreSQL compiled to WebAssembly whose `now()` asks the same `Date.now()`: replacing the global `Date` stops
 * both, with no change to the app. Each test file runs in its own process, so no other file sees it. Timers and
 * `performance.now()` (Playwright's timeouts) keep real time. Only for PGlite: a PostgreSQL server keeps its own clock.
 */
export function freezeClock(at: string): number {
  const RealDate = Date;
  const frozen = RealDate.parse(at);
  class FrozenDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(frozen);
      else super(...(args as [string | number | Date]));
    }
    static now() {
      return frozen;
    }
  }
  globalThis.Date = FrozenDate as DateConstructor;
  return frozen;
}
