/**
 * npm run bench:harvest — a generated DCAT-AP-SE catalog the size of dataportal.se (25,000 datasets, 35,000
 * distributions, RDF/XML) served on 127.0.0.1: parsed alone and harvested into PostgreSQL, each in a fresh process
 * (bench/harvest-once.ts) so that each one's peak memory is its own; then harvested again, unchanged and with a changed
 * document. Prints datasets per second, peak memory (RSS) and the ratios. Uses BENCH_DATABASE_URL, else a
 * throwaway cluster from scripts/postgres.sh.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { withBenchDatabase } from './postgres.ts';
import { openDatabase } from '../src/db/client.ts';
import { registerSource } from '../src/modules/datasets/commands/register-source.ts';
import { harvestNow } from '../src/modules/datasets/harvest/run.ts';
import { benchHarvestConfig } from './harvest-config.ts';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 25_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const themes = ['TRAN', 'ENVI', 'EDUC', 'HEAL', 'GOVE', 'SOCI', 'ECON', 'AGRI'];
const words = ['cykel', 'skola', 'vatten', 'buss', 'park', 'skog', 'bibliotek', 'avfall', 'luft', 'energi', 'bostad', 'vård'];

function generate(file: string) {
  const out = fs.createWriteStream(file);
  out.write(`<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="https://bench.example/catalog"><dcterms:title xml:lang="sv">Benchkatalog</dcterms:title><dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>\n`);
  let distributions = 0;
  for (let i = 0; i < DATASETS; i++) {
    const w = words[i % words.length];
    const dists = i % 5 < 2 ? 2 : 1; // 1.4 per dataset: 35,000 for 25,000
    let d = '';
    for (let k = 0; k < dists; k++, distributions++) {
      d += `<dcat:distribution><dcat:Distribution rdf:about="https://bench.example/ds/${i}/d${k}"><dcterms:title xml:lang="sv">Fil ${k}</dcterms:title><dcat:accessURL rdf:resource="https://bench.example/files/${i}/${k}.csv"/><dcat:downloadURL rdf:resource="https://bench.example/files/${i}/${k}.csv"/><dcterms:format rdf:resource="http://publications.europa.eu/resource/authority/file-type/${k ? 'JSON' : 'CSV'}"/><dcterms:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></dcat:Distribution></dcat:distribution>`;
    }
    out.write(
      `<dcat:dataset><dcat:Dataset rdf:about="https://bench.example/ds/${i}"><dcterms:identifier>bench-${i}</dcterms:identifier><dcterms:title xml:lang="sv">Data om ${w} ${i}</dcterms:title><dcterms:title xml:lang="en">Data about ${w} ${i}</dcterms:title><dcterms:description xml:lang="sv">Kommunens uppgifter om ${w} i område ${i % 290}, uppdaterade varje månad.</dcterms:description><dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE${2120000000 + (i % 290)}"/><dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/${themes[i % themes.length]}"/><dcat:keyword xml:lang="sv">${w}</dcat:keyword><dcat:contactPoint><vcard:Organization rdf:about="https://bench.example/contact/${i % 290}"><vcard:fn>Kontakt ${i % 290}</vcard:fn><vcard:hasEmail rdf:resource="mailto:data${i % 290}@bench.example"/></vcard:Organization></dcat:contactPoint>${d}</dcat:Dataset></dcat:dataset>\n`,
    );
  }
  out.write('</dcat:Catalog>\n');
  // The publishers come last, as in catalogs that describe each agent once: a dataset's publisher is named long before.
  for (let p = 0; p < 290; p++)
    out.write(`<foaf:Agent rdf:about="http://dataportal.se/organisation/SE${2120000000 + p}"><foaf:name>Kommun ${p}</foaf:name></foaf:Agent>\n`);
  out.write('</rdf:RDF>\n');
  return new Promise<number>((resolve) => out.end(() => resolve(distributions)));
}

async function main() {
  const file = path.join(os.tmpdir(), `hack365-bench-catalog-${DATASETS}.rdf`);
  const distributions = await generate(file);
  const size = fs.statSync(file).size;
  // `touched` appends a comment: a different document with the same datasets, which must be read again in full.
  let touched = '';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-length': size + Buffer.byteLength(touched) });
    fs.createReadStream(file)
      .on('end', () => res.end(touched))
      .pipe(res, { end: false });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.rdf`;
  const config = benchHarvestConfig();

  const time = async <T>(run: () => Promise<T>) => {
    const started = performance.now();
    const value = await run();
    return { seconds: (performance.now() - started) / 1000, value };
  };

  await withBenchDatabase('hack365_harvest_bench', 54392, async (databaseUrl) => {
    const database = await openDatabase({ url: databaseUrl });
    await database.migrate();
    const ctx = { db: database.db, config };

    // Parse-only and the first harvest alternate RUNS times (into empty tables each time); their medians are compared.
    const source = await registerSource(ctx, null, { title: 'bench', url, kind: 'dcat', schedule: 'manual', organisationId: null });
    const parses = [];
    const firsts = [];
    for (let run = 0; run < RUNS; run++) {
      parses.push(await once<{ statements: number }>('parse', url));
      await ctx.db.execute(sql`truncate datasets, harvest_runs cascade`);
      firsts.push(await once('harvest', url, databaseUrl, source.id));
    }
    const parse = median(parses);
    const first = median(firsts);
    const firstPeak = Math.max(...firsts.map((f) => f.peakRss));
    const again = await time(async () => harvestNow(ctx, source));
    touched = '<!-- touched -->\n';
    const reread = await time(async () => harvestNow(ctx, source));
    for (const run of [again, reread]) if (run.value.status !== 'succeeded') throw new Error(JSON.stringify(run.value.problems));

    const { searchDatasets, readDatasetFilters } = await import('../src/modules/datasets/search.ts');
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = words[i % words.length];
      const started = performance.now();
      await searchDatasets(ctx.db, readDatasetFilters({ q, theme: i % 2 ? themes[i % themes.length] : '', page: String(1 + (i % 5)) }));
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);

    console.log(
      `hack365 harvest bench: ${DATASETS} datasets, ${distributions} distributions, ${(size / 1024 / 1024).toFixed(1)} MB of RDF/XML on 127.0.0.1, into PostgreSQL; node ${process.version}, ${os.cpus().length} cores\n`,
    );
    console.log('| measure | figure | target |\n| --- | ---: | --- |');
    const row = (name: string, figure: string, target: string) => console.log(`| ${name} | ${figure} | ${target} |`);
    row(
      `parse only (fetch + RDF/XML, statements counted), median of ${RUNS}`,
      `${parse.seconds.toFixed(1)} s (${parse.outcome.statements} statements), peak RSS ${mb(parse.peakRss)}`,
      '',
    );
    row(
      `first harvest (fetch, parse, map, write; validation of a sample beside it), median of ${RUNS}`,
      `${first.seconds.toFixed(1)} s, ${Math.round(DATASETS / first.seconds)} datasets/s`,
      `< 60 s ${first.seconds < 60 ? 'met' : 'MISSED'}`,
    );
    row('ratio to parse only', (first.seconds / parse.seconds).toFixed(2), `< 2.5 ${first.seconds / parse.seconds < 2.5 ? 'met' : 'MISSED'}`);
    row(`peak memory (RSS) of the process that harvested, highest of ${RUNS}`, mb(firstPeak), `< 512 MB ${firstPeak < 512 * 1024 * 1024 ? 'met' : 'MISSED'}`);
    row(
      're-harvest, unchanged (same document: recognised by its hash)',
      `${again.seconds.toFixed(1)} s (${(first.seconds / again.seconds).toFixed(2)}× faster)`,
      `≥ 3× ${first.seconds / again.seconds >= 3 ? 'met' : 'MISSED'}`,
    );
    row(
      're-harvest, same datasets in a changed document (read in full, nothing written)',
      `${reread.seconds.toFixed(1)} s (${(first.seconds / reread.seconds).toFixed(2)}× faster)`,
      '',
    );
    row(
      'dataset search p95 (200 searches, 12 words, with and without a theme)',
      `${latencies[Math.floor(latencies.length * 0.95)].toFixed(1)} ms`,
      `< 50 ms ${latencies[Math.floor(latencies.length * 0.95)] < 50 ? 'met' : 'MISSED'}`,
    );
    await database.close();
  });
  server.close();
  fs.rmSync(file, { force: true });
}

const median = <T extends { seconds: number }>(runs: T[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Runs bench/harvest-once.ts in a fresh process (while this one keeps serving the catalog) and reads its figures. */
async function once<T = unknown>(...args: string[]): Promise<{ seconds: number; outcome: T; peakRss: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'harvest-once.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const [code] = await EventEmitter.once(child, 'exit');
  if (code !== 0) throw new Error(`harvest-once ${args[0]} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
