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
import { findUserByEmail } from '../src/modules/accounts/queries.ts';
import { nginx } from '../src/test/instances.ts';
import { startCluster } from './cluster.ts';
import { withScaleDatabase } from './seeded.ts';
import { browserCookie, CONNECTIONS, measure, SECONDS, type Figure } from './http.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54393);
/** The proxy's port; the instances take the next two. */
const PORT = Number(process.env.BENCH_PORT ?? 54394);

async function main() {
  await withScaleDatabase('hack365_instances_bench', PG_PORT, SCALE, async (url, seeded) => {
    const database = await openDatabase({ url, poolSize: 2 });
    const participant = await findUserByEmail(database.db, 'participant@hack365.test');
    const event = 's2020-hack-the-crisis-1';
    const [seeker] = await rowsOf<{ user_id: string }>(
      database.db,
      sql`select s.user_id from team_seekers s join events e on e.id = s.event_id where e.slug = ${event} limit 1`,
    );

    const { proxy, instances, stop } = await startCluster(url, PORT);
    // Both instances share the session secret, so the cookies one set pass on the other.
    const cookie = await browserCookie(database.db, proxy, participant!.id);
    const seekerCookie = await browserCookie(database.db, proxy, seeker.user_id);
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
