// App instances and nginx as separate processes, for src/instances.test.ts and the benchmarks (bench/instances.ts,
// bench/surge.ts): the same way of starting them in both.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => fs.existsSync(file));

/**
 * What every instance behind one proxy is started with: one database, one session secret (a cookie set by one passes
 * on the other), the proxy's address as the public one, and the proxy trusted for the client's address.
 */
export function clusterEnv(databaseUrl: string, proxy: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    PUBLIC_URL: proxy,
    TRUST_PROXY: '127.0.0.1',
  };
}

/** `node src/server.ts` with only `env` (and PATH, HOME), resolved once it says it is running. */
export function startInstance(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('is running')) resolve(child);
    });
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`instance exited with ${code}:\n${output}`)));
  });
}

/** deploy/nginx.conf as it is, with this run's ports, pid file and temporary paths. */
export function startNginx(dir: string, port: number, upstreams: number[]): ChildProcess {
  let conf = fs.readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
  const servers = [...conf.matchAll(/^\s*server 127\.0\.0\.1:\d+/gm)];
  assert.equal(servers.length, upstreams.length);
  upstreams.forEach((upstream, i) => (conf = conf.replace(servers[i][0], servers[i][0].replace(/:\d+$/, `:${upstream}`))));
  conf = conf
    .replace(/listen \d+;/, `listen 127.0.0.1:${port};`)
    .replace(/^pid .*$/m, `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;`)
    .replace(
      /^http \{/m,
      `http {\n  access_log off;\n${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k};`).join('\n')}`,
    );
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const check = spawnSync(nginx!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  return spawn(nginx!, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
}

export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
