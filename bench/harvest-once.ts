/**
 * One measured run for bench/harvest.ts, in a process of its own so that nothing earlier in the benchmark (another
 * run's heap, the fixture server) is counted in its memory: `parse URL` reads the catalog alone, `harvest URL
 * DATABASE_URL SOURCE_ID` harvests it. Prints seconds, statements or counts, and the process's peak RSS as JSON.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { harvestSources } from '../src/db/schema/index.ts';
import { fetchSource } from '../src/modules/datasets/harvest/fetch.ts';
import { readRdf } from '../src/modules/datasets/harvest/read-rdf.ts';
import { harvestNow } from '../src/modules/datasets/harvest/run.ts';
import { benchHarvestConfig } from './harvest-config.ts';

const [mode, url, databaseUrl, sourceId] = process.argv.slice(2);
const config = benchHarvestConfig();

let seconds: number;
let outcome: unknown;
if (mode === 'parse') {
  const started = performance.now();
  let statements = 0;
  await readRdf(await fetchSource(url, config.harvest), () => {
    statements++;
  });
  seconds = (performance.now() - started) / 1000;
  outcome = { statements };
} else {
  const database = await openDatabase({ url: databaseUrl });
  const ctx = { db: database.db, config };
  const [source] = await ctx.db.select().from(harvestSources).where(eq(harvestSources.id, sourceId));
  const started = performance.now();
  const result = await harvestNow(ctx, source);
  seconds = (performance.now() - started) / 1000;
  if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.problems));
  outcome = result.counts;
  await database.close();
}
console.log(JSON.stringify({ seconds, outcome, peakRss: process.resourceUsage().maxRSS * 1024 }));
