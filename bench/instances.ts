/**
 * Two app instances behind nginx (deploy/nginx.conf as it is, started as src/instances.test.ts starts it) on one
 * PostgreSQL with `seed --scale N` data (BENCH_SCALE, default 10): each route measured with autocannon against one
 * instance directly and then through nginx to both, so the table says what the proxy and the second process give and
 * cost. BENCH_PGDATA keeps the seed between runs (bench/postgres.ts). On a machine of two
 * cores the two instances, nginx, PostgreSQL and autocannon share them: compare the ratios, not the figures.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { rowsOf, openDatabase } from '../src/db/client.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { findUserByEmail } from '../src/modules/accounts/queries.ts';
import { nginx } from '../src/test/instances.ts';
import { startCluster } from './cluster.ts';
import { withScaleDatabase } from './seeded.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54393);
/** The proxy's port; the instances take the next two. */
const PORT = Number(process.env.BENCH_PORT ?? 54394);

interface Figure {
  rps: number;
  p99: number;
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<Figure> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  // Through nginx a failed request is a 502 or 504: counted, never hidden.
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  // A request unanswered within autocannon's 10 s is neither an error nor a response: say so, or the row reads 0 and fine.
  if (result.timeouts > 0) console.log(`${url}: ${result.timeouts} requests unanswered after 10 s`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  await withScaleDatabase('hack365_instances_bench', PG_PORT, SCALE, async (url, seeded) => {
    const database = await openDatabase({ url, poolSize: 2 });
    const participant = await findUserByEmail(database.db, 'participant@hack365.test');
    const cookie = `${SESSION_COOKIE}=${await createSession(database.db, participant!.id)}`;
    const event = 's2020-hack-the-crisis-1';
    const [seeker] = await rowsOf<{ user_id: string }>(
      database.db,
      sql`select s.user_id from team_seekers s join events e on e.id = s.event_id where e.slug = ${event} limit 1`,
    );
    const seekerCookie = `${SESSION_COOKIE}=${await createSession(database.db, seeker.user_id)}`;

    const { proxy, instances, stop } = await startCluster(url, PORT);
    const [a] = instances;
    const routes: [string, string, Record<string, string>?][] = [
      ['GET /healthz (trivial: one SELECT 1)', '/healthz'],
      ['GET / (start page, anonymous)', '/'],
      ['GET /challenges (anonymous)', '/challenges'],
      ['GET /challenges?q=cykel (anonymous)', '/challenges?q=cykel'],
      ['GET /account (signed in)', '/account', { cookie }],
      ['GET /challenges (signed in)', '/challenges', { cookie }],
      ['GET /challenges?q=skog (signed in)', '/challenges?q=skog', { cookie }],
      ['GET /events/:slug (signed in)', `/events/${event}`, { cookie }],
      ['GET /events/:slug/teams (team board, signed in)', `/events/${event}/teams`, { cookie: seekerCookie }],
      ['GET /datasets (signed in)', '/datasets', { cookie }],
    ];
    console.log(
      `hack365 two-instance bench: PostgreSQL, --scale ${SCALE} (${seeded.users} people, ${seeded.challenges} challenges); nginx ${nginx}, deploy/nginx.conf`,
    );
    console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per route, node ${process.version}, ${os.cpus().length} cores`);
    // Warm both instances through the proxy first (a fresh process's first seconds measure its compiler), then per
    // route one instance directly (the other idle) and both through nginx, one after the other, so a change in this
    // shared machine's load falls on both alike.
    for (const [, route, headers] of routes) await autocannon({ url: `${proxy}${route}`, connections: CONNECTIONS, duration: 2, headers });
    const direct: Figure[] = [];
    const proxied: Figure[] = [];
    for (const [, route, headers] of routes) {
      direct.push(await measure(`${a.url}${route}`, headers));
      proxied.push(await measure(`${proxy}${route}`, headers));
    }

    console.log(
      '\n| route | one instance: requests/s | p99 ms | ratio to /healthz | two behind nginx: requests/s | p99 ms | ratio to its /healthz | two ÷ one |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    routes.forEach(([name], i) => {
      const [one, two] = [direct[i], proxied[i]];
      console.log(
        `| ${name} | ${Math.round(one.rps)} | ${one.p99} | ${(one.rps / direct[0].rps).toFixed(2)} | ${Math.round(two.rps)} | ${two.p99} | ${(two.rps / proxied[0].rps).toFixed(2)} | ${(two.rps / one.rps).toFixed(2)} |`,
      );
    });
    await database.close();
    stop();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
