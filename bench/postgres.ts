import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const script = path.resolve(import.meta.dirname, '../scripts/postgres.sh');

/**
 * Runs a benchmark against a fresh, empty database `name`: on BENCH_DATABASE_URL's server, else on a throwaway
 * cluster (scripts/postgres.sh on `port`) that is removed afterwards, even when the benchmark fails.
 */
export async function withBenchDatabase<T>(name: string, port: number, run: (url: string) => Promise<T>): Promise<T> {
  const onServer = async (serverUrl: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return run(url.toString());
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
