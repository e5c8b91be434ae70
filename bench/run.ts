/**
 * npm run bench — measures pages against a trivial route of the same server in the same run, so the figures
 * say how much a page costs rather than how fast this machine is. Uses PostgreSQL when BENCH_DATABASE_URL is
 * set, else a throwaway PGlite. Prints requests/s, p99 latency and the ratio to the trivial route.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { findUserByEmail } from '../src/modules/accounts/queries.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function measure(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-bench-'));
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(url ? { url, poolSize: 20 } : { dataDir });
  await database.migrate();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' };
  await seedDemo({ db: database.db, config });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const participant = await findUserByEmail(database.db, 'participant@hack365.test');
  const cookie = `${SESSION_COOKIE}=${await createSession(database.db, participant!.id)}`;

  console.log(`hack365 bench: ${database.kind}, ${CONNECTIONS} connections, ${SECONDS} s per route, node ${process.version}, ${os.cpus().length} cores`);
  const trivial = await measure(`${base}/healthz`);
  const rows: [string, { rps: number; p99: number }][] = [['GET /healthz (trivial, one SELECT 1)', trivial]];
  rows.push(['GET / (start page)', await measure(`${base}/`)]);
  rows.push(['GET /signin (form with CSRF token)', await measure(`${base}/signin`)]);
  rows.push(['GET /account (signed in: session + profile)', await measure(`${base}/account`, { cookie })]);
  rows.push(['GET /organisations/sodertalje-kommun', await measure(`${base}/organisations/sodertalje-kommun`)]);

  console.log('\n| route | requests/s | p99 ms | ratio to trivial |\n| --- | ---: | ---: | ---: |');
  for (const [name, r] of rows) console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${(r.rps / trivial.rps).toFixed(2)} |`);
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
