import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const script = path.resolve(import.meta.dirname, '../scripts/postgres.sh');

async function onAdmin<T>(serverUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs a benchmark against a fresh, empty database `name`: on BENCH_DATABASE_URL's server, else on a throwaway
 * cluster (scripts/postgres.sh on `port`) that is removed afterwards, even when the benchmark fails.
 */
export async function withBenchDatabase<T>(name: string, port: number, run: (url: string) => Promise<T>): Promise<T> {
  const onServer = async (serverUrl: string) => {
    await onAdmin(serverUrl, async (admin) => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    });
    return run(databaseUrl(serverUrl, name));
  };
  if (process.env.BENCH_DATABASE_URL) return onServer(process.env.BENCH_DATABASE_URL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-bench-'));
  fs.chmodSync(dir, 0o755);
  const serverUrl = execFileSync(script, ['start', path.join(dir, 'cluster'), String(port)], { encoding: 'utf8' }).trim();
  try {
    return await onServer(serverUrl);
  } finally {
    execFileSync(script, ['stop', path.join(dir, 'cluster')]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * As withBenchDatabase, but the database starts as a copy of a seeded one, `hack365_seed_<key>`, made by `seed` the
 * first time and kept, with what `seed` returned (JSON, in the database's comment). Kept on BENCH_DATABASE_URL's
 * server, or in the cluster at BENCH_PGDATA (made there if new, stopped but kept afterwards): seeding --scale 100
 * takes minutes, copying it seconds. Without either, it seeds a throwaway database every run.
 */
export async function withSeededDatabase<T, S>(
  name: string,
  port: number,
  key: string,
  seed: (url: string) => Promise<S>,
  run: (url: string, seeded: S) => Promise<T>,
): Promise<T> {
  const kept = process.env.BENCH_PGDATA ? path.resolve(process.env.BENCH_PGDATA) : null;
  if (!kept && !process.env.BENCH_DATABASE_URL) return withBenchDatabase(name, port, async (url) => run(url, await seed(url)));
  const serverUrl = process.env.BENCH_DATABASE_URL ?? execFileSync(script, ['keep', kept!, String(port)], { encoding: 'utf8' }).trim();
  const template = `hack365_seed_${key}`;
  try {
    let seeded = await onAdmin(serverUrl, async (admin) => {
      const { rows } = await admin.query<{ comment: string | null }>('select shobj_description(oid, $1) as comment from pg_database where datname = $2', [
        'pg_database',
        template,
      ]);
      if (rows[0]?.comment) return JSON.parse(rows[0].comment) as S;
      // Not there, or a seed that did not finish: start again.
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.query(`create database ${template}`);
      return null;
    });
    if (seeded === null) {
      seeded = await seed(databaseUrl(serverUrl, template));
      const done = JSON.stringify(seeded);
      await onAdmin(serverUrl, (admin) => admin.query(`comment on database ${template} is '${done.replace(/'/g, "''")}'`));
    }
    await onAdmin(serverUrl, async (admin) => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name} template ${template}`);
    });
    return await run(databaseUrl(serverUrl, name), seeded);
  } finally {
    if (kept) execFileSync(script, ['halt', kept]);
  }
}
