import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { buildApp } from './app.ts';
async function main() {
  const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' } as any;
  const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:54494/datause', poolSize: 10 });
  const app = await buildApp({ config, database, jobs: false });
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: '/organisations/s2020-0/data-use?lang=sv' });
    times.push(performance.now() - t);
    size = res.body.length;
  }
  times.sort((a, b) => a - b);
  console.log('inject data-use: median', times[30].toFixed(1), 'min', times[0].toFixed(1), 'p95', times[57].toFixed(1), 'bytes', size);
  const h: number[] = [];
  for (let i = 0; i < 60; i++) { const t = performance.now(); await app.inject({ method: 'GET', url: '/healthz' }); h.push(performance.now() - t); }
  h.sort((a, b) => a - b);
  console.log('inject healthz: median', h[30].toFixed(1), 'min', h[0].toFixed(1));
  await app.close();
  await database.close();
}
main();
