import { eq } from 'drizzle-orm';
import { openDatabase } from './db/client.ts';
import { organisations } from './db/schema/index.ts';
import { datasetCounts, datasetUse, useOverTime, requestsToPublisher } from './modules/datasets/data-use.ts';
import { requestsToOrganisation } from './modules/datasets/data-requests.ts';
async function main() {
  const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:54494/datause', poolSize: 5 });
  const db = database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, 's2020-0'));
  const fns: [string, () => Promise<unknown>][] = [
    ['datasetUse used page1', () => datasetUse(db, org.id, { used: true, limit: 50, offset: 0 })],
    ['datasetUse all (download)', () => datasetUse(db, org.id, { used: false })],
    ['useOverTime', () => useOverTime(db, org.id)],
    ['datasetCounts', () => datasetCounts(db, org.id)],
    ['requestsToOrganisation', () => requestsToOrganisation(db, org.id)],
  ];
  for (const [name, fn] of fns) {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) { const t = performance.now(); await fn(); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    console.log(name, 'median', times[7].toFixed(1), 'min', times[0].toFixed(1));
  }
  const u = await datasetUse(db, org.id, { used: true, limit: 50, offset: 0 });
  console.log('used total', u.total, 'first', JSON.stringify(u.rows[0]).slice(0, 300));
  const o = await useOverTime(db, org.id);
  console.log('years', JSON.stringify(o.years));
  await database.close();
}
main();
