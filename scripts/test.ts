/**
 * The whole suite, as `npm test` runs it:
 *   1. the production build (dist/), tsc --noEmit over everything (tests included), and `npm run lint`
 *   2. unit and integration tests on the embedded PGlite
 *   3. the integration tests again on a PostgreSQL server (TEST_DATABASE_URL, or a throwaway cluster started here)
 *   4. browser tests in headless Chromium
 * Both databases start from a template migrated once here, so test files only copy it.
 * Ends with one line "N passed, N failed" and a non-zero exit on any failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import pg from 'pg';
import { createPglite, openDatabase } from '../src/db/client.ts';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2); // optional file filters: npm test -- accounts
const ci = process.env.CI === 'true';

function findTests(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.tsx'))
    .map((f) => path.join(root, dir, f))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
}

async function runFiles(label: string, files: string[], env: Record<string, string>, concurrency: number) {
  if (files.length === 0) return { pass: 0, fail: 0 };
  console.log(`\n▶ ${label} (${files.length} files)`);
  Object.assign(process.env, env);
  let pass = 0;
  let fail = 0;
  const stream = run({ files, concurrency, timeout: 180_000 });
  stream.on('test:pass', (e) => {
    if (e.details.type !== 'suite') pass++;
  });
  stream.on('test:fail', (e) => {
    if (e.details.type !== 'suite') fail++;
  });
  await new Promise<void>((resolve, reject) => {
    stream
      .compose(new spec())
      .on('data', (d: string | Buffer) => process.stdout.write(d))
      .on('end', resolve)
      .on('error', reject);
  });
  return { pass, fail };
}

async function preparePostgresTemplate(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists hack365_template with (force)');
  await admin.query('create database hack365_template');
  await admin.end();
  const templateUrl = withDatabase(url, 'hack365_template');
  const database = await openDatabase({ url: templateUrl, poolSize: 1 });
  await database.migrate();
  await database.close();
  return url;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function preparePgliteTemplate(dir: string) {
  const client = createPglite(dir);
  const database = await openDatabase({ pglite: client });
  await database.migrate();
  await client.close();
}

async function main() {
  const started = Date.now();
  if (only.length === 0) {
    console.log('▶ npm run build, tsc --noEmit, npm run lint');
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
    const tsc = build.status === 0 ? spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['--noEmit'], { stdio: 'inherit', cwd: root }) : build;
    const lint = tsc.status === 0 ? spawnSync('npm', ['run', '--silent', 'lint'], { stdio: 'inherit', cwd: root }) : tsc;
    if (lint.status !== 0) {
      console.log('\n0 passed, 1 failed');
      process.exit(1);
    }
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-test-'));
  fs.chmodSync(work, 0o755); // the throwaway PostgreSQL runs as the postgres user and lives inside
  const pgliteTemplate = path.join(work, 'pglite-template');
  await preparePgliteTemplate(pgliteTemplate);

  let pgUrl = process.env.TEST_DATABASE_URL ?? '';
  let throwaway: string | null = null;
  if (!pgUrl) {
    throwaway = path.join(work, 'postgres');
    try {
      pgUrl = execFileSync(path.join(root, 'scripts/postgres.sh'), ['start', throwaway, String(54400 + (process.pid % 500))], { encoding: 'utf8' }).trim();
    } catch {
      throwaway = null;
      const message = 'No PostgreSQL server: set TEST_DATABASE_URL or install postgresql; the PostgreSQL run is skipped.';
      if (ci) throw new Error(message);
      console.warn(`\n⚠ ${message}`);
    }
  }

  const base = { NODE_ENV: 'test', HACK365_PGLITE_TEMPLATE: pgliteTemplate };
  const unitAndIntegration = findTests('src');
  const totals = { pass: 0, fail: 0 };
  const add = (r: { pass: number; fail: number }) => {
    totals.pass += r.pass;
    totals.fail += r.fail;
  };
  try {
    add(await runFiles('unit and integration tests on PGlite', unitAndIntegration, { ...base, TEST_DB: 'pglite' }, 2));
    if (pgUrl) {
      await preparePostgresTemplate(pgUrl);
      const integration = unitAndIntegration.filter((f) => !fs.readFileSync(f, 'utf8').includes('@database-independent'));
      add(await runFiles('integration tests on PostgreSQL', integration, { ...base, TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl }, 2));
    }
    add(await runFiles('browser tests in Chromium', findTests('e2e'), { ...base, TEST_DB: 'pglite' }, 1));
  } finally {
    if (throwaway) execFileSync(path.join(root, 'scripts/postgres.sh'), ['stop', throwaway]);
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nFinished in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${totals.pass} passed, ${totals.fail} failed`);
  process.exit(totals.fail > 0 || process.exitCode ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
