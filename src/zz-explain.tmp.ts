import { eq, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from './db/client.ts';
import { organisations } from './db/schema/index.ts';
import { datasetUse, useOverTime } from './modules/datasets/data-use.ts';
async function main() {
  const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:54494/datause', poolSize: 2 });
  const db = database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, 's2020-0'));
  const captured: SQL[] = [];
  const spy = new Proxy(db, { get: (t, p) => (p === 'execute' ? (q: SQL) => { captured.push(q); return (t as any).execute(q); } : (t as any)[p]) });
  await datasetUse(spy as any, org.id, { used: true, limit: 50, offset: 0 });
  await useOverTime(spy as any, org.id);
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:54494/datause' });
  await client.connect();
  for (const q of captured) {
    const { sql, params } = new PgDialect().sqlToQuery(q);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await client.query(`explain (analyze, timing off, summary on, costs off, format json) ${sql}`, params);
      times.push(res.rows[0]['QUERY PLAN'][0]['Execution Time']);
    }
    times.sort((a, b) => a - b);
    console.log(sql.slice(0, 60).replace(/\s+/g, ' '), 'exec min', times[0].toFixed(1), 'median', times[6].toFixed(1));
    if (process.env.PLAN) console.log((await client.query(`explain (analyze, costs off) ${sql}`, params)).rows.map((r: any) => r['QUERY PLAN']).filter((l: string) => !l.includes('never executed')).join('\n'));
  }
  await client.end();
  await database.close();
}
main();
