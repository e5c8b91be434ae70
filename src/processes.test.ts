// @database-independent: these start real processes on the embedded database, as a newcomer would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-proc-'));

/** The server from the sources through tsx, as in development, or compiled (`npm run build`), as in production. */
function startServer(env: Record<string, string>, entry: string[] = ['--import', 'tsx', 'src/server.ts']) {
  const child = spawn(process.execPath, entry, { cwd: root, env: { ...baseEnv, ...env } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('hack365 is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited:\n${output}`));
    });
  });
  ready.catch(() => {}); // a process expected to fail is awaited through `exited` instead
  return { child, ready, exited, output: () => output };
}

test('the server starts on PGlite, seeds demo data once and prints the sign-in details; a second process on the same directory is refused', async (t) => {
  const dataDir = tempDir();
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = String(40000 + (process.pid % 10000));
  const first = startServer({ DATA_DIR: dataDir, PORT: port });
  t.after(() => first.child.kill('SIGKILL'));
  await first.ready;
  assert.match(first.output(), /organiser@hack365\.test\s+demo-organiser-365/);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json());
  assert.equal(health.database.kind, 'pglite');

  const second = startServer({ DATA_DIR: dataDir, PORT: String(Number(port) + 1) });
  assert.equal(await second.exited, 1);
  assert.match(second.output(), /is in use by another hack365 process/);
  assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200, 'the first process is unharmed');

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, 'shuts down cleanly');
  const again = startServer({ DATA_DIR: dataDir, PORT: port });
  t.after(() => again.child.kill('SIGKILL'));
  await again.ready;
  assert.doesNotMatch(again.output(), /Demo data seeded/, 'seeded only on the first start');
  again.child.kill('SIGTERM');
  await again.exited;
});

test('the compiled application (npm run build) starts without tsx, serves pages and assets, and its harvest validates in a worker', async (t) => {
  // The whole suite builds first; a run of this file alone builds here.
  if (!fs.existsSync(path.join(root, 'dist/src/server.js')))
    assert.equal(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' }).status, 0);
  const dataDir = tempDir();
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = String(41000 + (process.pid % 10000));
  const server = startServer({ DATA_DIR: dataDir, PORT: port }, ['dist/src/server.js']);
  t.after(() => server.child.kill('SIGKILL'));
  await server.ready;
  for (const page of ['/challenges', '/assets/app.css', '/datasets/dcat']) assert.equal((await fetch(`http://127.0.0.1:${port}${page}`)).status, 200, page);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);

  // The CLI from the compiled code: harvesting reads the shapes and vocabularies copied beside it.
  const script = path.join(dataDir, 'cli.mjs');
  fs.writeFileSync(
    script,
    `const { runCli } = await import(${JSON.stringify(path.join(root, 'dist/src/cli.js'))}); process.exitCode = await runCli(process.argv.slice(2));`,
  );
  const harvest = spawnSync(process.execPath, [script, 'harvest', path.join(root, 'src/test/fixtures/dcat-ap-se/rekommenderat.ttl')], {
    cwd: root,
    env: { ...baseEnv, DATA_DIR: path.join(dataDir, 'cli') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(harvest.status, 0, harvest.stderr);
  assert.match(harvest.stdout, /1 new/);
  assert.match(harvest.stdout, /DCAT-AP-SE 3\.0\.1: \d+ violations?/, 'the quality check ran in its worker');
});

test('in production the server refuses to start with the default secret or without a metrics token', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://x.example',
      MAIL_FROM: 'a@x.example',
      SESSION_SECRET: 'dev-only-secret-change-me-please-0123456789',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(res.status, 1);
  assert.match(res.stderr, /SESSION_SECRET must be a random value/);
  assert.match(res.stderr, /METRICS_TOKEN must be set in production/, 'nor without a token for /metrics');
});

test('npx hack365: migrate, seed, user:create, and usage errors', () => {
  const dataDir = tempDir();
  try {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/hack365.js', ...args], { cwd: root, env: { ...baseEnv, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    assert.match(cli('migrate').stdout, /Migrations applied/);
    const created = cli('user:create', '--email', 'Admin@Example.org', '--organiser');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created Admin@Example\.org \(organiser\) with password \S{12,}/);
    const duplicate = cli('user:create', '--email', 'admin@example.org');
    assert.equal(duplicate.status, 1);
    assert.match(duplicate.stderr, /exists already/);
    assert.match(cli('seed').stdout, /has data already; nothing seeded/);
    const missing = cli('user:create');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /needs --email/);
    const unknown = cli('frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown command: frobnicate/);
    assert.match(cli('help').stderr, /user:create --email/);
    // Demo and load-test accounts have known passwords: seeding is refused in production.
    const production = {
      ...baseEnv,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
      PUBLIC_URL: 'https://hack365.example.se',
      MAIL_FROM: 'noreply@example.se',
      METRICS_TOKEN: 'm'.repeat(24),
    };
    for (const args of [['seed'], ['seed', '--scale', '1']]) {
      const refused = spawnSync(process.execPath, ['bin/hack365.js', ...args], { cwd: root, env: production, encoding: 'utf8', timeout: 60_000 });
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /refused in production/);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
