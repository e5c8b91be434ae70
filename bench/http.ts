/** What the HTTP benchmarks (bench/run.ts, bench/instances.ts) share: how a route is measured, and who asks. */
import autocannon from 'autocannon';
import type { Db } from '../src/db/client.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

export interface Figure {
  rps: number;
  p99: number;
  /** Nearer percentiles, for targets stated as p95 (autocannon reports p90 and p97.5, not p95). */
  p90: number;
  p97_5: number;
}

/** One route under autocannon for SECONDS at CONNECTIONS; a failed or non-2xx request fails the bench, never hides. */
export async function measure(url: string, headers: Record<string, string> = {}): Promise<Figure> {
  // Let the server finish what the previous route left queued, so it is not charged to this one.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  // Through nginx a failed request is a 502 or 504: counted like any other.
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  // A request unanswered within autocannon's 10 s is neither an error nor a response: say so, or the row reads 0 and fine.
  if (result.timeouts > 0) console.log(`${url}: ${result.timeouts} requests unanswered after 10 s`);
  return { rps: result.requests.average, p99: result.latency.p99, p90: result.latency.p90, p97_5: result.latency.p97_5 };
}

/**
 * What a signed-in browser sends to the server at `base`: its session and the CSRF secret's cookie the first page set
 * (without the latter, every request would make a new secret and set it again, which no browser asks for).
 */
export async function browserCookie(db: Db, base: string, userId: string): Promise<string> {
  const session = `${SESSION_COOKIE}=${await createSession(db, userId)}`;
  const first = await fetch(`${base}/account`, { headers: { cookie: session } });
  await first.arrayBuffer();
  return [session, ...first.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
}
