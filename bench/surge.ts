/**
 * The deadline surge: 2,000 teams (BENCH_TEAMS) save and then submit their proposals through the real form (GET the
 * page for its CSRF token, POST save a draft, POST save the whole proposal, POST submit) in the last minutes before
 * the submission deadline (BENCH_WINDOW seconds, default 300), through nginx in front of two instances on one
 * PostgreSQL. The deadline is the event's own: the server enforces it. Most teams come late (arrivals grow towards
 * the deadline), and after it a few more try, to be refused with the form's error.
 * Afterwards the database is asked: every team has one submitted proposal with the content it saved last, and the
 * late attempts changed nothing. Prints requests/s, p50/p95/p99 (target p99 < 250 ms) and every status that was not
 * the server's answer (a 502 or 504 from nginx, any 5xx).
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../src/db/client.ts';
import { eventChallenges, eventPhases, eventRegistrations, events, teamMembers, teams } from '../src/db/schema/index.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { startCluster } from './cluster.ts';
import { withScaleDatabase } from './seeded.ts';

const TEAMS = Number(process.env.BENCH_TEAMS ?? 2000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 300);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const LATE = 20;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54396);
const PORT = Number(process.env.BENCH_PORT ?? 54397);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'form' | 'save' | 'submit' | 'late';
const timings: Record<Kind, number[]> = { form: [], save: [], submit: [], late: [] };
const finished: number[] = [];
const wrong: string[] = [];

/** One person's browser: the session cookie, the CSRF cookie and the token of the last form page. */
class Browser {
  private jar: Map<string, string>;
  private csrf = '';
  constructor(session: string) {
    this.jar = new Map([[SESSION_COOKIE, session]]);
  }
  async request(kind: Kind, url: string, expect: number, form?: Record<string, string>) {
    const headers: Record<string, string> = { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = form ? new URLSearchParams({ _csrf: this.csrf, ...form }).toString() : undefined;
    const started = performance.now();
    const res = await fetch(url, { method: form ? 'POST' : 'GET', headers, body, redirect: 'manual' }).catch((err: Error) => err);
    if (res instanceof Error) {
      wrong.push(`${kind}: ${res.message}`);
      return '';
    }
    const text = await res.text();
    timings[kind].push(performance.now() - started);
    finished.push(Date.now());
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0];
      this.jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    if (res.status !== expect) wrong.push(`${kind} ${url}: ${res.status} (expected ${expect})${res.status === 502 || res.status === 504 ? ' from nginx' : ''}`);
    return text;
  }
}

const content = (i: number, final: boolean): Record<string, string> => ({
  title: `Förslag ${i}${final ? '' : ' (utkast)'}`,
  pitch: `Vi gör det enklare för alla. Lag ${i} visar hur.`,
  problem: final ? `Problemet som lag ${i} löser drabbar många.` : '',
  solution: final ? 'En tjänst byggd på öppna data.' : '',
  actionPlan: final ? 'Pilot i en kommun, sedan upphandling.' : '',
  videoUrl: final ? `https://video.example.se/lag-${i}` : '',
  technical: final ? 'TypeScript och PostgreSQL.' : '',
  sourceUrl: '',
  demoUrl: '',
  moreDatasets: '',
  otherSources: '',
  licence: final ? 'EUPL-1.2' : '',
  contactEmail: `lag-${i}@surge.hack365.test`,
});

const at = (list: number[], p: number) => (list.length ? [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] : NaN);

async function main() {
  await withScaleDatabase('hack365_surge_bench', PG_PORT, SCALE, async (url) => {
    const database = await openDatabase({ url, poolSize: 4 });
    const { db } = database;
    // The event, its teams of one (generated people, registered) and their sessions.
    const [event] = await db
      .insert(events)
      .values({ slug: 'bench-deadline', kind: 'hackathon', status: 'published', titleSv: 'Inlämningsrusning', teamMin: 1, graceMinutes: 0 })
      .returning();
    const [challenge] = await rowsOf<{ id: string }>(db, sql`select id from challenges where status = 'published' order by slug limit 1`);
    await db.insert(eventChallenges).values({ eventId: event.id, challengeId: challenge.id });
    const people = await rowsOf<{ id: string }>(db, sql`select id from users where email like 's2020-%' order by email limit ${TEAMS}`);
    if (people.length < TEAMS) throw new Error(`${TEAMS} teams need ${TEAMS} generated people; seeded ${people.length}`);
    const teamIds: string[] = [];
    for (let i = 0; i < TEAMS; i += 500) {
      const batch = people.slice(i, i + 500);
      const now = new Date();
      await db
        .insert(eventRegistrations)
        .values(batch.map((p) => ({ eventId: event.id, userId: p.id, status: 'registered' as const, rulesVersion: 1, acceptedRulesAt: now })));
      const made = await db
        .insert(teams)
        .values(batch.map((_, k) => ({ eventId: event.id, challengeId: challenge.id, name: `Lag ${i + k}`, inviteToken: `bench-deadline-${i + k}` })))
        .returning({ id: teams.id });
      await db.insert(teamMembers).values(made.map((t, k) => ({ teamId: t.id, eventId: event.id, userId: batch[k].id, isLeader: true })));
      teamIds.push(...made.map((t) => t.id));
    }
    const sessions = await Promise.all(people.map((p) => createSession(db, p.id)));

    const { proxy, instances, stop } = await startCluster(url, PORT);
    // The deadline, WINDOW seconds from now: hacking began two hours ago, submitting an hour ago.
    const opened = Date.now();
    const deadline = new Date(opened + WINDOW * 1000);
    await db.insert(eventPhases).values([
      { eventId: event.id, kind: 'hacking', startsAt: new Date(opened - 2 * 3600_000), endsAt: deadline },
      { eventId: event.id, kind: 'submission', startsAt: new Date(opened - 3600_000), endsAt: deadline },
    ]);
    // Warm, as servers are by the time a deadline nears: each instance renders the form a few times first.
    for (const instance of instances)
      for (let k = 0; k < 10; k++) await new Browser(sessions[0]).request('late', `${instance.url}/events/bench-deadline/teams/${teamIds[0]}/proposal`, 200);
    timings.late = [];
    finished.length = 0;
    console.log(
      `hack365 deadline surge: ${TEAMS} teams through nginx and two instances, PostgreSQL --scale ${SCALE}; deadline in ${WINDOW} s; node ${process.version}, ${os.cpus().length} cores`,
    );

    // Arrivals grow towards the deadline (density rising linearly: half the teams come in the last 30 % of the window),
    // each journey done with some seconds to spare: form, save a draft, think, save it whole, submit.
    const latest = Math.max(1, WINDOW - 15) * 1000;
    const journey = async (i: number) => {
      await sleep(latest * Math.sqrt((i + 0.5) / TEAMS) - (Date.now() - opened));
      const browser = new Browser(sessions[i]);
      const form = `${proxy}/events/bench-deadline/teams/${teamIds[i]}/proposal`;
      await browser.request('form', form, 200);
      await browser.request('save', form, 303, { ...content(i, false), action: 'save' });
      await sleep(500 + Math.random() * 4000);
      await browser.request('save', form, 303, { ...content(i, true), action: 'save' });
      await browser.request('submit', form, 303, { ...content(i, true), action: 'submit' });
    };
    // /healthz through nginx five times a second meanwhile: what this (shared) machine's load alone does to latency.
    const trivial: number[] = [];
    let surging = true;
    const probe = (async () => {
      while (surging) {
        const started = performance.now();
        await (await fetch(`${proxy}/healthz`)).text();
        trivial.push(performance.now() - started);
        await sleep(200);
      }
    })();
    const surgeStarted = performance.now();
    await Promise.all(teamIds.map((_, i) => journey(i)));
    const surgeSeconds = (performance.now() - surgeStarted) / 1000;
    surging = false;
    await probe;
    const lastDone = Date.now();

    // After the deadline: a few teams try to change their proposal; each must be refused with the form's error.
    await sleep(deadline.getTime() - Date.now() + 1000);
    const refusedWithError: boolean[] = await Promise.all(
      Array.from({ length: LATE }, async (_, k) => {
        const browser = new Browser(sessions[k]);
        const form = `${proxy}/events/bench-deadline/teams/${teamIds[k]}/proposal`;
        await browser.request('late', form, 200);
        const page = await browser.request('late', form, 409, { ...content(k, true), title: 'För sent', action: 'submit' });
        return /Inlämningen stängde/.test(page);
      }),
    );

    const [check] = await rowsOf<{ submissions: number; teams: number; submitted: number; last: number; versions: number; late: number }>(
      db,
      sql`select count(*)::int as submissions, count(distinct s.team_id)::int as teams,
                 count(*) filter (where s.status = 'submitted' and s.submitted_version = s.version)::int as submitted,
                 count(*) filter (where s.content->>'title' = 'Förslag ' || substring(t.name from 5) and s.title = s.content->>'title'
                                    and s.content->>'problem' <> '')::int as last,
                 (select count(*)::int from submission_versions v join submissions s2 on s2.id = v.submission_id where s2.event_id = ${event.id}) as versions,
                 count(*) filter (where s.title = 'För sent')::int as late
            from submissions s join teams t on t.id = s.team_id where s.event_id = ${event.id}`,
    );
    const before = finished.filter((t) => t <= lastDone);
    const perSecond = new Map<number, number>();
    for (const t of before) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const all = [...timings.form, ...timings.save, ...timings.submit];
    const lost = TEAMS - check.submitted;
    const ok =
      wrong.length === 0 &&
      check.submissions === TEAMS &&
      check.teams === TEAMS &&
      check.submitted === TEAMS &&
      check.last === TEAMS &&
      check.versions === 2 * TEAMS &&
      check.late === 0 &&
      refusedWithError.every(Boolean);

    console.log(`\n| measure | figure |\n| --- | --- |`);
    console.log(
      `| requests before the deadline | ${all.length} in ${surgeSeconds.toFixed(1)} s: ${Math.round(all.length / surgeSeconds)} requests/s on average, ${Math.max(...perSecond.values())} in the busiest second |`,
    );
    console.log(
      `| latency, all (p50 / p95 / p99) | ${at(all, 50).toFixed(1)} / ${at(all, 95).toFixed(1)} / ${at(all, 99).toFixed(1)} ms (target p99 < 250 ms: ${at(all, 99) < 250 ? 'met' : 'MISSED'}) |`,
    );
    console.log(
      `| /healthz at the same moments (p50 / p95 / p99) | ${at(trivial, 50).toFixed(1)} / ${at(trivial, 95).toFixed(1)} / ${at(trivial, 99).toFixed(1)} ms over ${trivial.length} |`,
    );
    for (const kind of ['form', 'save', 'submit'] as const)
      console.log(
        `| ${kind} (p50 / p95 / p99) | ${at(timings[kind], 50).toFixed(1)} / ${at(timings[kind], 95).toFixed(1)} / ${at(timings[kind], 99).toFixed(1)} ms over ${timings[kind].length} |`,
      );
    console.log(
      `| answers that were not the server's expected one (502/504 from nginx, 5xx, other) | ${wrong.length}${wrong.length ? `: ${wrong.slice(0, 5).join('; ')}` : ''} |`,
    );
    console.log(
      `| database | ${check.submissions} proposals for ${check.teams} teams, ${check.submitted} submitted, ${check.last} with the content saved last, ${check.versions} versions (2 a team): ${lost === 0 && check.submissions === TEAMS && check.versions === 2 * TEAMS ? 'none lost, none doubled' : 'WRONG'} |`,
    );
    console.log(
      `| after the deadline | ${refusedWithError.filter(Boolean).length} of ${LATE} attempts refused with the form's error (409), ${check.late} changed a proposal |`,
    );
    console.log(`| outcome | ${ok ? 'all as expected' : 'WRONG'} |`);
    await database.close();
    stop();
    if (!ok) process.exitCode = 1;
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
