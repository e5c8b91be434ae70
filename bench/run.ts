/**
 * npm run bench — the app on PostgreSQL with `seed --scale N` data (BENCH_SCALE, default 10), each page measured
 * with autocannon beside a trivial route of the same server in the same run, so the figures say what a page
 * costs rather than how fast this machine is. Uses BENCH_DATABASE_URL, else a throwaway cluster from
 * scripts/postgres.sh. Prints requests/s, p99 latency, the ratio to the trivial route, and the targets.
 * BENCH_PGDATA=DIR keeps the seeded database in a cluster there (or on BENCH_DATABASE_URL's server) for the next run
 * (--scale 100 takes minutes to seed; see bench/postgres.ts). BENCH_SIGNED_IN=1 sends every route signed in as the
 * demo participant, so no page comes from the page cache (routes with their own account keep it).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { withScaleDatabase } from './seeded.ts';
import { browserCookie, CONNECTIONS, measure, SECONDS, type Figure } from './http.ts';
import { openDatabase } from '../src/db/client.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { findUserByEmail } from '../src/modules/accounts/queries.ts';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/db/client.ts';
import { eventPhases, events } from '../src/db/schema/index.ts';
import { refreshStatistics } from '../src/modules/statistics/refresh.ts';
import { CONTENT, noteChange } from '../src/web/changes.ts';
import { publishReport } from '../src/modules/statistics/report.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
/** Only the routes whose name matches this pattern (e.g. BENCH_ONLY='statistics|report' or 'data-use'), and no registration surge. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const SIGNED_IN = process.env.BENCH_SIGNED_IN === '1';
const CHANGES_PER_SECOND = 10;
const ALL_CONTENT = 'all content';
const AS_A_HACKATHON = 'as a hackathon';
/** Ports of the throwaway cluster and the server, for when another bench runs on this machine. */
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54390);
const PORT = Number(process.env.BENCH_PORT ?? 54391);
const root = path.resolve(import.meta.dirname, '..');

async function main() {
  await withScaleDatabase('hack365_bench', PG_PORT, SCALE, async (databaseUrl, seeded) => {
    const database = await openDatabase({ url: databaseUrl, poolSize: 20 });
    await database.migrate();
    // The server runs in its own process, as in production; measuring from inside it would charge autocannon's
    // work to the pages.
    const port = PORT;
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
    const cookie = await browserCookie(database.db, base, participant!.id);
    const scaleEvent = 's2020-hack-the-crisis-1';
    const [seeker] = await rowsOf<{ user_id: string }>(
      database.db,
      sql`select s.user_id from team_seekers s join events e on e.id = s.event_id where e.slug = ${scaleEvent} limit 1`,
    );
    const seekerCookie = await browserCookie(database.db, base, seeker.user_id);
    // Issue 17's people: a member of a team at the scale event (its proposal form) and one of its jurors.
    const [member] = await rowsOf<{ user_id: string; team_id: string }>(
      database.db,
      sql`select m.user_id, m.team_id from team_members m join events e on e.id = m.event_id where e.slug = ${scaleEvent} limit 1`,
    );
    const memberCookie = await browserCookie(database.db, base, member.user_id);
    const [juror] = await rowsOf<{ user_id: string }>(
      database.db,
      sql`select j.user_id from jurors j join juries y on y.id = j.jury_id join events e on e.id = y.event_id
          where e.slug = ${scaleEvent} and j.user_id is not null limit 1`,
    );
    const jurorCookie = await browserCookie(database.db, base, juror.user_id);
    // The statistics as the job counts them, timed (the job's cost at this scale), and the scale year's report published.
    const organiser = await findUserByEmail(database.db, 'organiser@hack365.test');
    const counting = performance.now();
    const figures = await refreshStatistics(database.db);
    const countedIn = (performance.now() - counting) / 1000;
    const scaleYear = figures.filter((f) => f.year !== null).sort((a, b) => b.totals.participants - a.totals.participants)[0].year!;
    await publishReport(database.db, organiser!.id, scaleYear);
    // A challenge from the last page (the API caps how far it pages: at --scale 100 the last page lies beyond, so page 1).
    const challengeOn = async (page: number) => (await (await fetch(`${base}/api/v1/challenges?page=${page}`)).json()).items[0]?.slug as string | undefined;
    const someChallenge = (await challengeOn(Math.ceil(seeded.challenges / 40))) ?? (await challengeOn(1))!;

    console.log(
      `hack365 bench: PostgreSQL, --scale ${SCALE} (${seeded.users} people, ${seeded.organisations} organisations, ${seeded.challenges} challenges, seeded in ${seeded.seconds.toFixed(1)} s)`,
    );
    console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per route, node ${process.version}, ${os.cpus().length} cores`);
    const first = await measure(`${base}/healthz`);
    const allRoutes: [string, string, Record<string, string>?][] = [
      ['GET / (start page)', '/'],
      ['GET /challenges/:slug (challenge page)', `/challenges/${someChallenge}`],
      ['GET /account (signed in)', '/account', { cookie }],
      ['GET /challenges (list)', '/challenges'],
      ['GET /challenges?page=500', '/challenges?page=500&status=all'],
      ['GET /challenges?q=cykel (search)', '/challenges?q=cykel'],
      ['GET /challenges?q=skola&theme=EDUC&orgType=municipality', '/challenges?q=skola&theme=EDUC&orgType=municipality'],
      ['GET /api/v1/challenges?q=vatten', '/api/v1/challenges?q=vatten'],
      ['GET /events/:slug (event page, 7,400 registered)', `/events/${scaleEvent}`],
      ['GET /events/:slug/solutions (gallery, 521 solutions)', `/events/${scaleEvent}/solutions`],
      ['GET /solutions?q=trafik (all galleries, search)', '/solutions?q=trafik'],
      ['GET /events/:slug/teams (team board with suggestions)', `/events/${scaleEvent}/teams`, { cookie: seekerCookie }],
      ['GET /events/:slug/teams?tab=people&role=designer', `/events/${scaleEvent}/teams?tab=people&role=designer`, { cookie: seekerCookie }],
      ['GET /organisations/:slug/data-use (publisher of 5,000 datasets)', `/organisations/${seeded.publisher}/data-use`],
      ['GET /statistics (all years)', '/statistics'],
      ['GET /statistics/:year (signed in: no page cache)', `/statistics/${scaleYear}`, { cookie }],
      ['GET /reports/:year (published annual report, signed in: no page cache)', `/reports/${scaleYear}`, { cookie }],
      ['GET /api/v1/statistics?year=', `/api/v1/statistics?year=${scaleYear}`],
      // Issue 17: the pages people use during a hackathon, signed in (so never from the page cache).
      ['signed in: GET /me', '/me', { cookie }],
      ['signed in: GET / (start page)', '/', { cookie }],
      ['signed in: GET /challenges/:slug (challenge page)', `/challenges/${someChallenge}`, { cookie }],
      ['signed in: GET /challenges', '/challenges', { cookie }],
      ['signed in: GET /challenges?q=skog', '/challenges?q=skog', { cookie }],
      ['signed in: GET /events/:slug', `/events/${scaleEvent}`, { cookie }],
      ['signed in: GET /events/:slug/teams (team board)', `/events/${scaleEvent}/teams`, { cookie: seekerCookie }],
      ['signed in: GET /datasets', '/datasets', { cookie }],
      ['signed in: GET /datasets?q=vatten', '/datasets?q=vatten', { cookie }],
      ['signed in: GET /solutions', '/solutions', { cookie }],
      ['signed in: GET /solutions?q=trafik', '/solutions?q=trafik', { cookie }],
      ['signed in: GET proposal form', `/events/${scaleEvent}/teams/${member.team_id}/proposal`, { cookie: memberCookie }],
      ["signed in: GET /jury (a juror's assignments)", '/jury', { cookie: jurorCookie }],
      ['signed in: GET /api/v1/challenges?q=data', '/api/v1/challenges?q=data', { cookie }],
      // The pages kept for everyone (their data and rendered body) are kept only until anything changes. Hack the
      // Crisis's 7,400 people writing some 50 times each over 72 hours is about 1.4 changes a second: these rows
      // measure the same pages at 10 a second, a busy deadline hour, so they are not only cache hits.
      // "all content": every change is one a list shows (the worst case). "as a hackathon": one in ten is content (a
      // team formed, a proposal submitted, a challenge edited), the rest registrations, team moves, votes and saved
      // drafts, which the lists do not show (web/changes.ts): Hack the Crisis's 7,400 registrations, as many team
      // memberships and thousands of draft saves against about 1,000 teams and 521 solutions.
      ...[ALL_CONTENT, AS_A_HACKATHON].flatMap((mix): [string, string, Record<string, string>][] => [
        [`signed in, ${CHANGES_PER_SECOND} changes/s ${mix}: GET /challenges`, '/challenges', { cookie }],
        [`signed in, ${CHANGES_PER_SECOND} changes/s ${mix}: GET /datasets?q=vatten`, '/datasets?q=vatten', { cookie }],
        [`signed in, ${CHANGES_PER_SECOND} changes/s ${mix}: GET /solutions`, '/solutions', { cookie }],
        [`signed in, ${CHANGES_PER_SECOND} changes/s ${mix}: GET /challenges/:slug (challenge page)`, `/challenges/${someChallenge}`, { cookie }],
      ]),
    ];
    const routes = allRoutes
      .filter(([name]) => !ONLY || ONLY.test(name))
      .map(([name, route, headers]): [string, string, Record<string, string>?] =>
        SIGNED_IN && !headers ? [`${name} (signed in)`, route, { cookie }] : [name, route, headers],
      );
    if (SIGNED_IN) console.log('BENCH_SIGNED_IN: every route signed in (no page cache)');
    console.log(`statistics job: all figures counted and stored in ${countedIn.toFixed(1)} s`);
    const measured: [string, Figure][] = [];
    for (const [name, route, headers] of routes) {
      // A change as any write makes one: the version every kept answer is checked against moves on.
      let changes = 0;
      const kindOf = (n: number) => (name.includes(ALL_CONTENT) || n % 10 === 0 ? CONTENT : n % 2 ? ['activity' as const] : ['drafts' as const]);
      const change = () => void noteChange(database.db, kindOf(changes++));
      const changing = name.includes('changes/s') ? setInterval(change, 1000 / CHANGES_PER_SECOND) : undefined;
      measured.push([name, await measure(`${base}${route}`, headers)]);
      clearInterval(changing);
    }
    // Measured first and last, and each page compared with their mean: a machine whose speed drifts during the run
    // (another process, the kernel writing back) then moves the baseline as it moved the pages, and the drift is shown.
    const last = await measure(`${base}/healthz`);
    const trivial: Figure = { ...first, rps: (first.rps + last.rps) / 2 };
    const drift = Math.abs(first.rps - last.rps) / trivial.rps;
    const rows: [string, Figure][] = [['GET /healthz (trivial: one SELECT 1), first', first], ['GET /healthz, last', last], ...measured];
    console.log(`/healthz ${Math.round(first.rps)} requests/s first, ${Math.round(last.rps)} last; ratios are to their mean`);
    if (drift > 0.15) console.log(`the machine's speed moved by ${Math.round(drift * 100)} % during the run: compare its ratios with care`);

    console.log('\n| route | requests/s | p99 ms | ratio to trivial | target (≥ 0.25, p99 < 100 ms) |\n| --- | ---: | ---: | ---: | --- |');
    for (const [name, r] of rows) {
      const ratio = r.rps / trivial.rps;
      const ok = ratio >= 0.25 && r.p99 < 100;
      console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${ratio.toFixed(2)} | ${name.includes('/healthz') ? '' : ok ? 'met' : 'MISSED'} |`);
    }
    // Issue 17 holds signed-in pages to 0.4 of the trivial route with p99 under 100 ms.
    const signedInRows = rows.filter(([name]) => name.startsWith('signed in') || name.includes('(signed in)'));
    if (signedInRows.length) {
      console.log('\n| signed-in route | requests/s | p99 ms | ratio to trivial | target (≥ 0.4, p99 < 100 ms) |\n| --- | ---: | ---: | ---: | --- |');
      for (const [name, r] of signedInRows) {
        const ratio = r.rps / trivial.rps;
        console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${ratio.toFixed(2)} | ${ratio >= 0.4 && r.p99 < 100 ? 'met' : 'MISSED'} |`);
      }
    }
    if (!ONLY || ONLY.test('data-use'))
      await renderTimes(base, `/organisations/${seeded.publisher}/data-use`, 'data-use page of the publisher of 5,000 datasets');
    // Statistics and reports are held to p95 < 200 ms (issue 16): p95 lies between autocannon's p90 and p97.5.
    console.log('\n| statistics route | p90 ms | p97.5 ms | target (p95 < 200 ms) |\n| --- | ---: | ---: | --- |');
    for (const [name, r] of rows.filter(([name]) => /statistics|report/.test(name)))
      console.log(`| ${name} | ${r.p90} | ${r.p97_5} | ${r.p97_5 < 200 ? 'met' : r.p90 < 200 ? 'between' : 'MISSED'} |`);
    if (!ONLY) await registrationSurge(database, base);
    // Gone before the database stops (BENCH_PGDATA stops its cluster), or its pool reports the stop as an error.
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    await database.close();
  });
}

/**
 * Render time of one page, never from the page cache (`?lang=sv` bypasses it, so each request runs every query and
 * renders), 400 requests 4 at a time after 20 to warm up, each followed by one to `/healthz` so both see the same load
 * (this machine is shared). Prints p50, p95 and p99 in ms of both; the target is the page's p95 < 100 ms.
 */
async function renderTimes(base: string, route: string, name: string) {
  const times = { page: [] as number[], trivial: [] as number[] };
  const once = async (url: string) => {
    const started = performance.now();
    const res = await fetch(url);
    await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once(`${base}${route}?lang=sv`);
  let left = 400;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (left-- > 0) {
        times.page.push(await once(`${base}${route}?lang=sv`));
        times.trivial.push(await once(`${base}/healthz`));
      }
    }),
  );
  const at = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))].toFixed(1);
  console.log(`\nRender time, uncached (${times.page.length} requests, 4 at a time, each followed by GET /healthz): ${name}`);
  console.log('| route | p50 ms | p95 ms | p99 ms | target p95 < 100 ms |\n| --- | ---: | ---: | ---: | --- |');
  console.log(`| ${route} | ${at(times.page, 50)} | ${at(times.page, 95)} | ${at(times.page, 99)} | ${Number(at(times.page, 95)) < 100 ? 'met' : 'MISSED'} |`);
  console.log(`| /healthz (same moments) | ${at(times.trivial, 50)} | ${at(times.trivial, 95)} | ${at(times.trivial, 99)} | |`);
}

/**
 * The registration surge: SURGE people sign up for one event through the real form (page, CSRF token, POST), 50 at
 * a time, with the last places going fast. Prints the sustained rate and checks that no registration was lost or
 * doubled and the event was not overfilled.
 */
async function registrationSurge(database: Database, base: string) {
  const SURGE = Number(process.env.BENCH_SURGE ?? 2000);
  const CAPACITY = Math.floor(SURGE * 0.75);
  const [event] = await database.db
    .insert(events)
    .values({ slug: 'bench-surge', kind: 'hackathon', status: 'published', titleSv: 'Anmälningsrusning', capacity: CAPACITY })
    .returning();
  await database.db
    .insert(eventPhases)
    .values({ eventId: event.id, kind: 'registration', startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) });
  const people = await rowsOf<{ id: string }>(database.db, sql`select id from users where email like 's2020-%' order by email limit ${SURGE}`);
  const cookies = await Promise.all(people.map(async (p) => `${SESSION_COOKIE}=${await createSession(database.db, p.id)}`));
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < cookies.length) {
        const cookie = cookies[next++];
        const page = await fetch(`${base}/events/bench-surge`, { headers: { cookie } });
        const html = await page.text();
        const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
        const jar = [cookie, ...page.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
        const res = await fetch(`${base}/events/bench-surge/registration`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: token ?? '', as: 'solo', acceptRules: 'on' }),
        });
        if (res.status !== 303) failures.push(String(res.status));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [counts] = await rowsOf<{ registered: number; waitlisted: number; rows: number; people: number }>(
    database.db,
    sql`select count(*) filter (where status = 'registered')::int as registered, count(*) filter (where status = 'waitlisted')::int as waitlisted,
               count(*)::int as rows, count(distinct user_id)::int as people from event_registrations where event_id = ${event.id}`,
  );
  const ok = failures.length === 0 && counts.rows === SURGE && counts.people === SURGE && counts.registered === CAPACITY;
  console.log(`\nRegistration surge: ${SURGE} sign-ups through the form (page + POST), 50 at a time, for ${CAPACITY} places`);
  console.log(`| sustained rate | ${Math.round(SURGE / seconds)} sign-ups/s (${seconds.toFixed(1)} s) |`);
  console.log(
    `| outcome | ${counts.registered} registered, ${counts.waitlisted} waitlisted, ${counts.rows} rows for ${counts.people} people, ${failures.length} failed requests: ${ok ? 'none lost, none doubled, not overfilled' : 'WRONG'} |`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
