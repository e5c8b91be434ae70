/**
 * npm run bench — the app on PostgreSQL with `seed --scale N` data (BENCH_SCALE, default 10), each page measured
 * with autocannon beside a trivial route of the same server in the same run, so the figures say what a page
 * costs rather than how fast this machine is. Uses BENCH_DATABASE_URL, else a throwaway cluster from
 * scripts/postgres.sh. Prints requests/s, p99 latency, the ratio to the trivial route, and the targets.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { withBenchDatabase } from './postgres.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { seedScale } from '../src/db/seed/scale.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { findUserByEmail } from '../src/modules/accounts/queries.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const root = path.resolve(import.meta.dirname, '..');

interface Figure {
  rps: number;
  p99: number;
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<Figure> {
  // Let the server finish what the previous route left queued, so it is not charged to this one.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  await withBenchDatabase('hack365_bench', 54390, async (databaseUrl) => {
    const database = await openDatabase({ url: databaseUrl, poolSize: 20 });
    await database.migrate();
    const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' };
    await seedDemo({ db: database.db, config });
    const seeded = await seedScale({ db: database.db, config }, SCALE);
    // The server runs in its own process, as in production; measuring from inside it would charge autocannon's
    // work to the pages.
    const port = 54391;
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // However the run ends, the server goes with it (a crash left it running, holding the terminal's pipe).
    process.once('exit', () => server.kill('SIGTERM'));
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (d: Buffer) => d.toString().includes('is running') && resolve());
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const participant = await findUserByEmail(database.db, 'participant@hack365.test');
    const cookie = `${SESSION_COOKIE}=${await createSession(database.db, participant!.id)}`;
    const someChallenge = (await (await fetch(`${base}/api/v1/challenges?page=${Math.ceil(seeded.challenges / 40)}`)).json()).items[0].slug;

    console.log(
      `hack365 bench: PostgreSQL, --scale ${SCALE} (${seeded.users} people, ${seeded.organisations} organisations, ${seeded.challenges} challenges, seeded in ${seeded.seconds.toFixed(1)} s)`,
    );
    console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per route, node ${process.version}, ${os.cpus().length} cores`);
    const trivial = await measure(`${base}/healthz`);
    const routes: [string, string, Record<string, string>?][] = [
      ['GET / (start page)', '/'],
      ['GET /challenges/:slug (challenge page)', `/challenges/${someChallenge}`],
      ['GET /account (signed in)', '/account', { cookie }],
      ['GET /challenges (list)', '/challenges'],
      ['GET /challenges?page=500', '/challenges?page=500&status=all'],
      ['GET /challenges?q=cykel (search)', '/challenges?q=cykel'],
      ['GET /challenges?q=skola&theme=EDUC&orgType=municipality', '/challenges?q=skola&theme=EDUC&orgType=municipality'],
      ['GET /api/v1/challenges?q=vatten', '/api/v1/challenges?q=vatten'],
    ];
    const rows: [string, Figure][] = [['GET /healthz (trivial: one SELECT 1)', trivial]];
    for (const [name, route, headers] of routes) rows.push([name, await measure(`${base}${route}`, headers)]);

    console.log('\n| route | requests/s | p99 ms | ratio to trivial | target (≥ 0.25, p99 < 100 ms) |\n| --- | ---: | ---: | ---: | --- |');
    for (const [name, r] of rows) {
      const ratio = r.rps / trivial.rps;
      const ok = ratio >= 0.25 && r.p99 < 100;
      console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${ratio.toFixed(2)} | ${name.includes('trivial') ? '' : ok ? 'met' : 'MISSED'} |`);
    }
    server.kill('SIGTERM');
    await database.close();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
