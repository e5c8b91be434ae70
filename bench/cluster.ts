import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { clusterEnv, nginx, startInstance, startNginx, until } from '../src/test/instances.ts';

export interface Cluster {
  /** nginx's address, in front of both instances. */
  proxy: string;
  instances: { url: string; process: ChildProcess }[];
  stop: () => void;
}

/**
 * Two app instances on the database at `url` behind nginx on `port` (the instances on the next two ports), as in
 * production and as src/instances.test.ts starts them: deploy/nginx.conf as it is, the same SESSION_SECRET,
 * TRUST_PROXY set to the proxy.
 */
export async function startCluster(url: string, port: number): Promise<Cluster> {
  if (!nginx) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-cluster-'));
  const ports = [port + 1, port + 2];
  const proxy = `http://127.0.0.1:${port}`;
  const env = clusterEnv(url, proxy);
  const processes = await Promise.all(ports.map((p) => startInstance({ ...env, PORT: String(p) })));
  const proxyProcess = startNginx(dir, port, ports);
  const stop = () => {
    for (const p of [...processes, proxyProcess]) p.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // However the run ends, nothing is left running.
  process.once('exit', stop);
  await until(async () => (await fetch(`${proxy}/healthz`).catch(() => null))?.ok === true, 'nginx');
  return { proxy, instances: processes.map((process, i) => ({ url: `http://127.0.0.1:${ports[i]}`, process })), stop };
}
