// @database-independent: checks the container files against the repository, since no container engine runs here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The Dockerfile's instructions, with continuation lines joined. */
function instructions(dockerfile: string) {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

test('the Dockerfile builds with the commands CI runs, copies files that exist, runs as a non-root user and checks /healthz', () => {
  const steps = instructions(read('Dockerfile'));
  const npmRuns = steps.filter((s) => s.keyword === 'RUN' && s.args.startsWith('npm')).map((s) => s.args);
  assert.deepEqual(npmRuns, ['npm ci --no-audit --no-fund', 'npm run build', 'npm ci --omit=dev --no-audit --no-fund']);
  assert.ok(read('.ci/run').includes('npm ci --no-audit --no-fund'), 'CI installs the same way');
  assert.ok(read('scripts/test.ts').includes("'scripts/build.mjs'"), 'and the suite runs the build');
  assert.equal(JSON.parse(read('package.json')).scripts.build, 'node scripts/build.mjs');

  for (const copy of steps.filter((s) => s.keyword === 'COPY' && !s.args.startsWith('--from'))) {
    const sources = copy.args.split(/\s+/).slice(0, -1);
    for (const source of sources) assert.ok(fs.existsSync(path.join(root, source)), `COPY ${source} exists`);
  }
  assert.equal(steps.filter((s) => s.keyword === 'FROM').length, 2, 'multi-stage');
  const user = steps.filter((s) => s.keyword === 'USER').at(-1);
  assert.ok(user && user.args !== 'root' && user.args !== '0', 'runs as an unprivileged user');
  assert.match(steps.find((s) => s.keyword === 'HEALTHCHECK')!.args, /\/healthz/);
  const cmd = JSON.parse(steps.filter((s) => s.keyword === 'CMD').at(-1)!.args) as string[];
  assert.deepEqual(cmd, ['node', 'dist/src/server.js']);
  assert.equal(JSON.parse(read('package.json')).scripts.start, cmd.join(' '), 'npm start runs what the image runs');
});

test('compose.yaml runs the image on PostgreSQL with the settings production requires', () => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, { image?: string; build?: string; environment?: Record<string, string> }> };
  assert.match(compose.services.db.image ?? '', /^postgres:/);
  assert.equal(compose.services.app.build, '.');
  const env = compose.services.app.environment ?? {};
  // The production start refuses to run without these (see processes.test.ts).
  for (const required of ['DATABASE_URL', 'SESSION_SECRET', 'METRICS_TOKEN', 'PUBLIC_URL', 'MAIL_FROM']) assert.ok(env[required], required);
  assert.match(env.DATABASE_URL, /@db:5432\//);
});

test('the licence, publiccode.yml and package.json agree', () => {
  const pkg = JSON.parse(read('package.json')) as { license: string; version: string; engines: { node: string }; packageManager: string };
  assert.match(read('LICENSE'), /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  assert.equal(pkg.license, 'EUPL-1.2');
  const publiccode = parse(read('publiccode.yml')) as {
    legal: { license: string };
    softwareVersion: string;
    description: Record<string, { shortDescription: string }>;
  };
  assert.equal(publiccode.legal.license, pkg.license);
  assert.equal(publiccode.softwareVersion, pkg.version);
  assert.deepEqual(Object.keys(publiccode.description).sort(), ['en', 'sv']);
  for (const { shortDescription } of Object.values(publiccode.description)) assert.ok(shortDescription.length <= 150, 'publiccode allows 150 characters');
  assert.match(read('CHANGELOG.md'), new RegExp(`## \\[${pkg.version.replace(/\./g, '\\.')}\\]`));
  assert.equal(`>=${read('.nvmrc').trim()}`.slice(0, 4), pkg.engines.node.slice(0, 4), '.nvmrc is within engines');
  assert.match(pkg.packageManager, /^npm@\d+\.\d+\.\d+$/);
});
