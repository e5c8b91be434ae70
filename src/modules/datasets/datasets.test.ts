import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { build, Client, testConfig, type TestApp } from '../../test/app.ts';
import { fixtureServer } from '../../test/fixture-server.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, aUser, signedIn } from '../../test/factories.ts';
import { datasets, distributions, harvestRuns, organisations } from '../../db/schema/index.ts';
import { claimHarvest, runHarvest } from './harvest/run.ts';
import { SHAPE_FILES, SHAPES_DIR, validateCatalog, ValidationBuffer } from './harvest/validate.ts';
import { readRdf } from './harvest/read-rdf.ts';
import { PROFILE_FILES } from './harvest/profile.ts';
import { Readable } from 'node:stream';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { ns } from './harvest/vocab.ts';
import { parseStrictCsv } from '../../test/csv.ts';

const namedNodeOf = DataFactory.namedNode;

// Copies of shared/data/dcat-ap-se/examples (the suite also runs where shared/ is not beside the checkout); the
// first test checks they, and the bundled shapes, are the same files whenever shared/ is there.
const EXAMPLES = path.resolve(import.meta.dirname, '../../test/fixtures/dcat-ap-se');
const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data/dcat-ap-se');
const example = (file: string) => fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
const config = { harvest: { ...testConfig().harvest, maxBytes: 1024 * 1024, timeoutMs: 2000, maxRedirects: 5, allowAddresses: ['127.0.0.1'] } };

/** What the job runner does: take each queued harvest and run it. */
async function runQueued(app: TestApp) {
  for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
}

/** Registers a source through the form as the organiser and runs its first harvest; returns the source page. */
async function harvestThroughSite(app: TestApp, organiser: Client, url: string, kind = 'dcat') {
  await organiser.get('/harvest-sources');
  const created = await organiser.post('/harvest-sources', { title: `Källa ${url}`, url, kind, schedule: 'nightly', organisation: '' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  await runQueued(app);
  const page = await organiser.get(created.headers.location as string);
  return { page, sourceUrl: created.headers.location as string };
}

const catalog = (datasetsXml: string) => `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/">
  <dcat:Catalog rdf:about="http://example.se/catalog">
    <dcterms:title xml:lang="sv">Kommunens katalog</dcterms:title>
    <dcterms:hasPart><dcat:Catalog rdf:about="http://example.se/catalog/sub"><dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/sub"><dcterms:title xml:lang="sv">Delkatalogens data</dcterms:title></dcat:Dataset></dcat:dataset></dcat:Catalog></dcterms:hasPart>
    ${datasetsXml}
  </dcat:Catalog>
</rdf:RDF>`;
const dataset = (id: string, title: string, extra = '') => `<dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/${id}">
  <dcterms:identifier>${id}</dcterms:identifier><dcterms:title xml:lang="sv">${title}</dcterms:title><dcterms:title xml:lang="en">${title} (en)</dcterms:title>
  <dcterms:description xml:lang="sv">Beskrivning av ${title}</dcterms:description>
  <dcterms:publisher><foaf:Agent rdf:about="http://dataportal.se/organisation/SE2120001124"><foaf:name>Exempelkommun</foaf:name></foaf:Agent></dcterms:publisher>
  <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/TRAN"/>
  <dcat:keyword xml:lang="sv">cykel</dcat:keyword>
  <dcat:distribution><dcat:Distribution rdf:about="http://example.se/ds/${id}/csv"><dcat:accessURL rdf:resource="http://example.se/${id}.csv"/><dcterms:format rdf:resource="http://publications.europa.eu/resource/authority/file-type/CSV"/><dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/></dcat:Distribution></dcat:distribution>
  ${extra}</dcat:Dataset></dcat:dataset>`;

test('the bundled SHACL shapes and example catalogs are the same files as in shared/', (t) => {
  if (!fs.existsSync(SHARED)) return t.skip('shared/ is not beside this checkout');
  for (const file of SHAPE_FILES)
    assert.equal(fs.readFileSync(path.join(SHAPES_DIR, file), 'utf8'), fs.readFileSync(path.join(SHARED, 'shapes', file), 'utf8'), file);
  // The profile: the bundle beside the shapes there, the vocabularies under shapes/vocabularies.
  for (const file of PROFILE_FILES)
    assert.equal(
      fs.readFileSync(path.join(SHAPES_DIR, file), 'utf8'),
      fs.readFileSync(path.join(SHARED, file.startsWith('vocabularies/') ? 'shapes' : '', file), 'utf8'),
      file,
    );
  for (const file of fs.readdirSync(EXAMPLES))
    assert.equal(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), fs.readFileSync(path.join(SHARED, 'examples', file), 'utf8'), file);
});

test('harvesting: new, unchanged, updated and withdrawn datasets, sub-catalogs, redirects, and the source page report', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  let version = catalog(dataset('cyklar', 'Cykelvägar') + dataset('parker', 'Parker'));
  const fixtures = await fixtureServer(t, {
    '/catalog.rdf': () => ({ body: version }),
    '/r1': { status: 301, headers: { location: '/r2' } },
    '/r2': { status: 302, headers: { location: '/r3' } },
    '/r3': { status: 303, headers: { location: '/r4' } },
    '/r4': { status: 307, headers: { location: '/r5' } },
    '/r5': { status: 308, headers: { location: '/catalog.rdf' } },
  });
  const { page, sourceUrl } = await harvestThroughSite(app, organiser, `${fixtures.base}/r1`);
  assert.match(page.body, /3 nya, 0 ändrade, 0 oförändrade, 0 borttagna/, 'two datasets and the sub-catalog’s one, through five redirects');
  const [cyklar] = await app.db.select().from(datasets).where(eq(datasets.key, 'cyklar'));
  assert.equal(cyklar.titleSv, 'Cykelvägar');
  assert.equal(cyklar.titleEn, 'Cykelvägar (en)');
  assert.equal(cyklar.publisherName, 'Exempelkommun');
  assert.deepEqual(cyklar.themes, ['TRAN']);
  assert.deepEqual(cyklar.formats, ['CSV']);

  await organiser.post(`${sourceUrl}/harvest`, {});
  await runQueued(app);
  assert.match((await organiser.get(sourceUrl)).body, /0 nya, 0 ändrade, 3 oförändrade, 0 borttagna/);
  const [again, first] = await app.db.select().from(harvestRuns).orderBy(desc(harvestRuns.queuedAt)).limit(2);
  assert.ok(first.documentHash && again.documentHash === first.documentHash, 'the same document is recognised by its hash');
  assert.deepEqual(again.validation, first.validation, 'and keeps its validation report');

  version = catalog(dataset('cyklar', 'Cykelvägar och cykelparkering'));
  await organiser.post(`${sourceUrl}/harvest`, {});
  await runQueued(app);
  assert.match((await organiser.get(sourceUrl)).body, /0 nya, 1 ändrade, 1 oförändrade, 1 borttagna/);
  const [parker] = await app.db.select().from(datasets).where(eq(datasets.key, 'parker'));
  assert.equal(parker.status, 'withdrawn');
  const withdrawn = await new Client(app).get(`/datasets/${parker.id}`);
  assert.equal(withdrawn.statusCode, 200, 'links to a withdrawn dataset keep working');
  assert.match(withdrawn.body, /finns inte längre i sin källa/);
});

test('a catalog past HARVEST_MAX_RECORDS is harvested up to it, with a warning, and withdraws nothing', async (t) => {
  const app = await build(t, { config: { harvest: { ...config.harvest, maxRecords: 3 } } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  let version = catalog(dataset('a', 'A') + dataset('b', 'B'));
  const fixtures = await fixtureServer(t, { '/capped.rdf': () => ({ body: version }) });
  const { page, sourceUrl } = await harvestThroughSite(app, organiser, `${fixtures.base}/capped.rdf`);
  assert.match(page.body, /3 nya, 0 ändrade, 0 oförändrade, 0 borttagna/, 'exactly the cap is not past it');
  assert.doesNotMatch(page.body, /gränsen för antal datamängder/);

  version = catalog(dataset('c', 'C') + dataset('d', 'D') + dataset('a', 'A') + dataset('b', 'B'));
  await organiser.post(`${sourceUrl}/harvest`, {});
  await runQueued(app);
  const capped = (await organiser.get(sourceUrl)).body;
  assert.match(capped, /gränsen för antal datamängder/);
  assert.match(capped, /0 borttagna/, 'what it did not get to is not withdrawn');
  const sourceId = sourceUrl.split('/').pop()!;
  const active = await app.db
    .select({ key: datasets.key })
    .from(datasets)
    .where(and(eq(datasets.sourceId, sourceId), eq(datasets.status, 'active')));
  assert.ok(
    ['a', 'b', 'http://example.se/ds/sub'].every((key) => active.some((d) => d.key === key)),
    'the first harvest’s datasets are all still there',
  );
});

test('a large catalog is validated on whole datasets: no mistakes reported that it does not make', async (t) => {
  const app = await build(t, { config: { harvest: { ...config.harvest, maxBytes: 10 * 1024 * 1024 } } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  // 800 datasets (over 10,000 statements), none with a description; their publisher is described once, at the end.
  const publisher = 'http://dataportal.se/organisation/SE2120001124';
  const big = Array.from({ length: 800 }, (_, i) =>
    dataset(`d${i}`, `Data ${i}`)
      .replace(/<dcterms:description[^]*?<\/dcterms:description>/, '')
      .replace(/<dcterms:publisher>[^]*?<\/dcterms:publisher>/, `<dcterms:publisher rdf:resource="${publisher}"/>`),
  ).join('');
  const document = catalog(big).replace('</rdf:RDF>', `<foaf:Agent rdf:about="${publisher}"><foaf:name>Exempelkommun</foaf:name></foaf:Agent></rdf:RDF>`);
  const fixtures = await fixtureServer(t, { '/big.rdf': { body: document } });
  const { page } = await harvestThroughSite(app, organiser, `${fixtures.base}/big.rdf`);
  assert.match(page.body, /801 nya/);
  assert.match(page.body, /de första 100 datamängderna har kontrollerats/);
  assert.match(page.body, /dcat:Dataset saknar dcterms:description/, 'a mistake every dataset makes is reported');
  assert.doesNotMatch(page.body, /dcterms:publisher på dcat:Dataset ska vara av typen foaf:Agent/, 'the publisher described last is in the sample');
  assert.doesNotMatch(page.body, /på dcat:Dataset ska vara av typen dcat:Distribution/, 'distributions are taken whole');
  const [run] = await app.db.select().from(harvestRuns).orderBy(desc(harvestRuns.queuedAt)).limit(1);
  const descriptions = run.validation!.groups.find((g) => g.path === 'dcterms:description' && g.focusClass === 'dcat:Dataset');
  assert.equal(descriptions?.count, 100, 'counted in the sample of 100 datasets');
  assert.equal(run.validation!.partial, true);
});

test('a failed harvest leaves the previous one intact and says why; hostile and broken sources get clear reports', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://x/a"><rdf:value>&lol2;</rdf:value></rdf:Description></rdf:RDF>`;
  let body = catalog(dataset('cyklar', 'Cykelvägar'));
  const fixtures = await fixtureServer(t, {
    '/catalog': () => ({ body }),
    '/bomb.rdf': { body: bomb },
    '/html': { body: '<!DOCTYPE html><html><body>Välkommen</body></html>', type: 'application/rdf+xml' },
    '/remote-context.jsonld': {
      type: 'application/ld+json',
      body: JSON.stringify({ '@context': 'http://127.0.0.1:1/context.jsonld', '@id': 'http://x/ds', '@type': 'http://www.w3.org/ns/dcat#Dataset' }),
    },
    '/empty.ttl': { type: 'text/turtle', body: '@prefix dcat: <http://www.w3.org/ns/dcat#> . <http://x/c> a dcat:Catalog .' },
    '/big': { type: 'text/turtle', body: '# a comment that never ends\n'.repeat(80_000) },
    '/big-declared': { body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-length': String(2 * 1024 * 1024) } },
    '/loop': { status: 302, headers: { location: '/loop' } },
    '/slow': { delayMs: 3000, body: 'late' },
  });
  const { sourceUrl } = await harvestThroughSite(app, organiser, `${fixtures.base}/catalog`);
  const before = await app.db.select().from(datasets).orderBy(datasets.id);
  assert.ok(before.some((d) => d.key === 'cyklar'));

  body = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://x/a"></rdf:RDF>';
  await organiser.post(`${sourceUrl}/harvest`, {});
  await runQueued(app);
  const report = await organiser.get(sourceUrl);
  assert.match(report.body, /misslyckades/);
  assert.match(report.body, /gick inte att tolka som RDF/);
  assert.deepEqual(await app.db.select().from(datasets).orderBy(datasets.id), before, 'the previous harvest is intact');

  const cases: [string, RegExp][] = [
    ['/bomb.rdf', /DTD eller entitetsdeklarationer/],
    ['/html', /gav en HTML-sida, inte en RDF-katalog/],
    ['/remote-context.jsonld', /extern kontext/],
    ['/empty.ttl', /innehåller inga datamängder/],
    ['/big', /större än den tillåtna storleken/],
    ['/big-declared', /större än den tillåtna storleken/],
    ['/loop', /För många omdirigeringar/],
    ['/slow', /tog för lång tid/],
  ];
  for (const [route, message] of cases) {
    const { page } = await harvestThroughSite(app, organiser, `${fixtures.base}${route}`);
    assert.match(page.body, message, route);
  }
  assert.equal((await app.db.select().from(datasets)).length, before.length, 'none of them wrote anything');
});

test('no harvest reaches loopback or private addresses unless the operator allows them', async (t) => {
  const app = await build(t, { config: { harvest: { ...config.harvest, allowAddresses: [] } } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, { '/catalog': { body: catalog(dataset('a', 'A')) } });
  const before = (await app.db.select().from(datasets)).length;
  for (const url of [
    `${fixtures.base}/catalog`,
    'http://localhost:9/catalog',
    'http://10.0.0.1/catalog',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:9/',
  ]) {
    const { page } = await harvestThroughSite(app, organiser, url);
    assert.match(page.body, /internt nät/, url);
  }
  assert.equal((await app.db.select().from(datasets)).length, before);
  const bad = await organiser.post('/harvest-sources', { title: 'Fil', url: 'file:///etc/passwd', kind: 'dcat', schedule: 'manual', organisation: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-url"/);
});

test('the DCAT-AP-SE examples are validated with the violations they really have; Turtle, RDF/XML and CKAN all harvest', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, {
    '/obligatoriskt.ttl': { type: 'text/turtle', body: example('obligatoriskt.ttl') },
    '/rekommenderat.rdf': { type: 'application/rdf+xml', body: example('rekommenderat.rdf') },
    '/api/3/action/package_search': {
      type: 'application/json',
      body: JSON.stringify({
        success: true,
        result: {
          count: 1,
          results: [
            {
              id: 'ckan-1',
              name: 'badplatser',
              title: 'Badplatser',
              notes: 'Kommunens badplatser',
              organization: { title: 'Södertälje kommun' },
              tags: [{ name: 'bad' }],
              resources: [{ id: 'r1', url: 'http://example.se/bad.csv', format: 'CSV' }],
            },
          ],
        },
      }),
    },
  });
  const obligatory = (await harvestThroughSite(app, organiser, `${fixtures.base}/obligatoriskt.ttl`)).page.body;
  // Written for DCAT-AP-SE 2: the publisher lacks the dct:type that 3.0.1 makes mandatory, and (by the profile's
  // cardinalities) its distribution and data service lack dct:format. Its catalog licence, CC0, is in the licence
  // vocabulary, so it is known to be a licence document.
  assert.match(obligatory, /foaf:Agent saknar dcterms:type, som är obligatorisk/);
  assert.match(obligatory, /dcat:Distribution saknar dcterms:format, som är obligatorisk/);
  assert.match(obligatory, /dcat:DataService saknar dcterms:format, som är obligatorisk/);
  assert.doesNotMatch(obligatory, /dcterms:LicenseDocument/);
  assert.equal((obligatory.match(/<td>\d+<\/td><td><ul>/g) ?? []).length, 3, 'three rules broken');
  const recommended = (await harvestThroughSite(app, organiser, `${fixtures.base}/rekommenderat.rdf`)).page.body;
  // The document names a place without typing it: a real mistake, unlike an IRI it leaves undescribed.
  assert.match(recommended, /Värdet av dcterms:spatial på dcat:Dataset ska vara av typen dcterms:Location/);
  assert.doesNotMatch(recommended, /dcat:accessURL/, 'the Swedish profile’s relaxed constraints are left out');
  const english = await organiser.get('/harvest-sources?lang=en');
  assert.equal(english.statusCode, 200);

  await harvestThroughSite(app, organiser, fixtures.base, 'ckan');
  const [bad] = await app.db.select().from(datasets).where(eq(datasets.key, 'ckan-1'));
  assert.equal(bad.publisherName, 'Södertälje kommun');
  assert.equal((await app.db.select().from(distributions).where(eq(distributions.datasetId, bad.id)))[0].downloadUrl, 'http://example.se/bad.csv');
  const library = await new Client(app).get('/datasets?q=bibliotek');
  assert.match(library.body, /Bibliotek i Sverige/);
  assert.match((await new Client(app).get('/datasets?format=CSV&q=badplatser')).body, /Badplatser/);
  assert.doesNotMatch((await new Client(app).get('/datasets?theme=TRAN&q=badplatser')).body, /Badplatser/);
});

/** The results of a SHACL validation report, read with n3 (an independent parser). */
function shaclResults(turtle: string) {
  const SH = 'http://www.w3.org/ns/shacl#';
  const store = new Store(new Parser().parse(turtle));
  const one = (s: Quad['subject'], p: string) => store.getObjects(s, SH + p, null)[0];
  const [report] = store.getSubjects(namedNodeOf(ns.rdf + 'type'), SH + 'ValidationReport', null);
  assert.ok(report, 'an sh:ValidationReport');
  return {
    conforms: one(report, 'conforms')?.value,
    results: store.getObjects(report, SH + 'result', null).map((r) => ({
      focus: one(r as Quad['subject'], 'focusNode')?.value,
      path: one(r as Quad['subject'], 'resultPath')?.value,
      severity: one(r as Quad['subject'], 'resultSeverity')?.value.replace(SH, ''),
      constraint: one(r as Quad['subject'], 'sourceConstraintComponent')?.value.replace(SH, ''),
      value: one(r as Quad['subject'], 'value')?.value,
      messages: store.getObjects(r, SH + 'resultMessage', null).map((m) => `${(m as Quad['object'] & { language: string }).language}: ${m.value}`),
    })),
  };
}

test('the quality report: vocabularies count as described, outside IRIs apart, 3.0.1 cardinalities, titles and fixes, Turtle and CSV downloads', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const recommended = example('rekommenderat.ttl');
  const noFormat = recommended.replace('\tdcterms:format "text/csv" ;\n', '');
  assert.notEqual(noFormat, recommended);
  // …and with its two real mistakes mended (the place typed, the data service's format given): only the IRI that
  // nothing describes is left, which is not a violation.
  const mended = recommended
    .replace('<http://sws.geonames.org/2661886> rdfs:label', '<http://sws.geonames.org/2661886> a dcterms:Location ; rdfs:label')
    .replace(
      '<https://example.com/dataservice1> a dcat:DataService ;',
      '<https://example.com/dataservice1> a dcat:DataService ; dcterms:format "application/json" ;',
    );
  const fixtures = await fixtureServer(t, {
    '/rekommenderat.ttl': { type: 'text/turtle', body: recommended },
    '/utan-format.ttl': { type: 'text/turtle', body: noFormat },
    '/lagad.ttl': { type: 'text/turtle', body: mended },
  });

  const { page, sourceUrl } = await harvestThroughSite(app, organiser, `${fixtures.base}/rekommenderat.ttl`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h4>Kunde inte kontrolleras<\/h4>/);
  assert.match(
    page.body,
    /en distribution av «Bibliotek i Sverige» \(https:\/\/example.com\/distribution1\)/,
    'a distribution without a title is named by its dataset',
  );
  assert.match(page.body, /href="[^"]+\/report.ttl"/);
  const ttl = await organiser.get(`${sourceUrl}/report.ttl`);
  assert.equal(ttl.statusCode, 200);
  assert.match(String(ttl.headers['content-type']), /^text\/turtle/);
  const before = shaclResults(ttl.body);
  const vocabulary = /^http:\/\/(publications\.europa\.eu\/resource\/authority\/|creativecommons\.org\/|purl\.org\/adms\/)/;
  assert.deepEqual(
    before.results.filter((r) => r.constraint === 'ClassConstraintComponent' && vocabulary.test(r.value ?? '')),
    [],
    'no class check fails on a vocabulary IRI',
  );
  assert.equal(before.results.filter((r) => vocabulary.test(r.focus ?? '')).length, 0, 'nothing is reported about the vocabularies themselves');
  const unchecked = before.results.filter((r) => r.severity === 'Info');
  assert.deepEqual(
    unchecked.map((r) => r.value),
    ['http://data.europa.eu/r5r/availability/experimental', 'http://data.europa.eu/r5r/availability/experimental'],
    'an IRI nothing describes could not be checked',
  );
  assert.ok(unchecked.every((r) => r.constraint === 'ClassConstraintComponent'));
  const violations = (report: typeof before) =>
    report.results
      .filter((r) => r.severity === 'Violation')
      .map((r) => `${r.focus} ${r.path} ${r.constraint}`)
      .sort();
  assert.ok(!violations(before).some((v) => v.includes('distribution1 http://purl.org/dc/terms/format')));

  // The same catalog with one distribution's dct:format left out: exactly that violation more.
  const second = await harvestThroughSite(app, organiser, `${fixtures.base}/utan-format.ttl`);
  assert.match(second.page.body, /dcat:Distribution saknar dcterms:format, som är obligatorisk/);
  assert.match(second.page.body, /Ange filformatet med dcterms:format/);
  const after = shaclResults((await organiser.get(`${second.sourceUrl}/report.ttl`)).body);
  assert.equal(after.conforms, 'false');
  assert.deepEqual(
    violations(after),
    [...violations(before), 'https://example.com/distribution1 http://purl.org/dc/terms/format MinCountConstraintComponent'].sort(),
  );
  const missing = after.results.find((r) => r.path === 'http://purl.org/dc/terms/format' && r.focus === 'https://example.com/distribution1')!;
  assert.ok(
    missing.messages.some(
      (m) => m.startsWith('sv: en distribution av «Bibliotek i Sverige»: dcat:Distribution saknar dcterms:format') && m.includes('Ange filformatet'),
    ),
    missing.messages.join(' | '),
  );
  assert.ok(
    missing.messages.some((m) => m.startsWith('en: a distribution of “Bibliotek i Sverige”: ') && m.includes('Give the file format')),
    missing.messages.join(' | '),
  );

  const csv = await organiser.get(`${second.sourceUrl}/report.csv?lang=en`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const [header, ...rows] = parseStrictCsv(csv.body);
  assert.deepEqual(
    parseStrictCsv((await organiser.get(`${second.sourceUrl}/report.csv?lang=en&excel=1`)).body, { excel: true }),
    [header, ...rows],
    'and the Excel variant',
  );
  assert.deepEqual(header, ['status', 'name', 'focus_node', 'class', 'path', 'value', 'problem', 'fix']);
  assert.equal(rows.length, after.results.length, 'one row a result');
  const row = rows.find((r) => r[2] === 'https://example.com/distribution1' && r[4] === 'dcterms:format')!;
  assert.deepEqual(row.slice(0, 5), [
    'violation',
    'a distribution of “Bibliotek i Sverige”',
    'https://example.com/distribution1',
    'dcat:Distribution',
    'dcterms:format',
  ]);
  assert.match(row[7], /Give the file format with dcterms:format/);
  assert.equal(rows.filter((r) => r[0] === 'not_checked').length, 2);
  assert.match((await organiser.get(`${second.sourceUrl}?lang=en`)).body, /<th scope="col">How to fix it<\/th>/);

  const third = await harvestThroughSite(app, organiser, `${fixtures.base}/lagad.ttl`);
  // (in English now: the language chosen above sticks)
  assert.match(third.page.body, /No deviations from DCAT-AP-SE 3.0.1/);
  assert.match(third.page.body, /<h4>Could not be checked<\/h4>/);
  const mendedReport = shaclResults((await organiser.get(`${third.sourceUrl}/report.ttl`)).body);
  assert.equal(mendedReport.conforms, 'true');
  assert.deepEqual(
    mendedReport.results.map((r) => r.severity),
    ['Info', 'Info'],
  );

  // Only those who may see the source get its report.
  const stranger = await signedIn(app, await aUser(app));
  assert.equal((await stranger.get(`${second.sourceUrl}/report.csv`)).statusCode, 404);
  assert.equal((await new Client(app).get(`${second.sourceUrl}/report.ttl`)).statusCode, 303);
});

test('editors link datasets to their challenge from suggestions; the dataset page shows where it is used', async (t) => {
  const app = await build(t, { config });
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Säkrare cykelvägar', keywords: 'cykel, trafik', themes: ['TRAN'] }, 'published');
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, { '/c': { body: catalog(dataset('cyklar', 'Cykelvägar') + dataset('skolor', 'Skolor', '')) } });
  await harvestThroughSite(app, organiser, `${fixtures.base}/c`);
  const [cyklar] = await app.db.select().from(datasets).where(eq(datasets.key, 'cyklar'));

  const client = await signedIn(app, editor);
  const page = await client.get(`/challenges/${challenge.slug}`);
  assert.match(page.body, /Föreslagna datamängder/);
  assert.ok(page.body.indexOf('Cykelvägar') < page.body.indexOf('Skolor') || !page.body.includes('Skolor'), 'the matching dataset comes first');
  assert.equal((await client.post(`/challenges/${challenge.slug}/datasets`, { dataset: cyklar.id })).statusCode, 303);
  const used = await new Client(app).get(`/datasets/${cyklar.id}`);
  assert.match(used.body, new RegExp(`href="/challenges/${challenge.slug}"`));
  assert.match((await new Client(app).get(`/challenges/${challenge.slug}`)).body, new RegExp(`href="/datasets/${cyklar.id}"`));

  const other = await signedIn(app, await aMember(app, (await anOrganisation(app)).id));
  await other.get('/datasets');
  assert.equal((await other.post(`/challenges/${challenge.slug}/datasets/remove`, { dataset: cyklar.id })).statusCode, 403);
  assert.equal((await client.post(`/challenges/${challenge.slug}/datasets`, { dataset: 'not-a-uuid' })).statusCode, 400);
});

test('published catalogs: RDF/XML by default, Turtle and JSON-LD by negotiation, valid DCAT-AP-SE, and harvested back without loss', async (t) => {
  const app = await build(t, { config });
  const org = await aNeedOwner(app, { type: 'municipality' });
  await app.db.update(organisations).set({ orgNumber: '2120001124' }).where(eq(organisations.id, org.id));
  const [registered] = await app.db
    .insert(datasets)
    .values({
      organisationId: org.id,
      key: 'badplatser',
      iri: '',
      titleSv: 'Badplatser',
      titleEn: 'Bathing places',
      descriptionSv: 'Kommunens badplatser med vattenprov.',
      descriptionEn: 'Bathing places.',
      themes: ['ENVI'],
      keywords: ['bad'],
      contactName: 'Öppna data',
      contactEmail: 'data@kommun.se',
      publisherName: org.name,
    })
    .returning();
  await app.db.insert(distributions).values({
    datasetId: registered.id,
    titleSv: 'CSV',
    accessUrl: 'https://kommun.se/bad.csv',
    downloadUrl: 'https://kommun.se/bad.csv',
    format: 'CSV',
    licence: 'http://creativecommons.org/publicdomain/zero/1.0/',
  });
  await aChallenge(app, org, (await aMember(app, org.id)).id, {}, 'published');
  const client = new Client(app);

  for (const url of ['/datasets/dcat', `/organisations/${org.slug}/datasets/dcat`]) {
    const xml = await client.get(url);
    assert.match(String(xml.headers['content-type']), /application\/rdf\+xml/);
    for (const [accept, type] of [
      ['text/turtle', 'text/turtle'],
      ['application/ld+json', 'application/ld+json'],
      ['application/rdf+xml', 'application/rdf+xml'],
    ]) {
      const answer = await client.get(url, { accept });
      assert.match(String(answer.headers['content-type']), new RegExp(type.replace('+', '\\+')));
      const buffer = new ValidationBuffer();
      await readRdf({ url: 'http://127.0.0.1/', contentType: type, body: Readable.from([Buffer.from(answer.body)]) }, (q) => buffer.add(q));
      const report = await validateCatalog(buffer);
      assert.deepEqual(report.groups, [], `${url} as ${type} conforms`);
      for (const q of buffer.dataset) assert.notEqual(q.subject.termType, 'BlankNode', 'no blank nodes');
    }
    const [{ orgNumber }] = await app.db.select({ orgNumber: organisations.orgNumber }).from(organisations).where(eq(organisations.id, org.id));
    const publisher = url.startsWith('/organisations') ? orgNumber!.replace(/\D/g, '') : app.config.platformOrgNumber;
    assert.match(xml.body, new RegExp(`dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE${publisher}"`));
    assert.match(xml.body, /publicdomain\/zero\/1.0/);
  }

  // Round trip: the organisation's catalog harvested back in gives the same dataset.
  const orgCatalog = (await client.get(`/organisations/${org.slug}/datasets/dcat`)).body;
  const fixtures = await fixtureServer(t, { '/dcat': { body: orgCatalog } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await harvestThroughSite(app, organiser, `${fixtures.base}/dcat`);
  const [back] = await app.db
    .select()
    .from(datasets)
    .where(eq(datasets.identifier, `urn:uuid:${registered.id}`));
  for (const field of [
    'titleSv',
    'titleEn',
    'descriptionSv',
    'descriptionEn',
    'themes',
    'keywords',
    'contactName',
    'contactEmail',
    'publisherName',
    'formats',
    'licences',
  ] as const) {
    assert.deepEqual(
      back[field],
      field === 'formats' ? ['CSV'] : field === 'licences' ? ['http://creativecommons.org/publicdomain/zero/1.0/'] : registered[field],
      field,
    );
  }
  const [dist] = await app.db.select().from(distributions).where(eq(distributions.datasetId, back.id));
  assert.equal(dist.downloadUrl, 'https://kommun.se/bad.csv');

  const csv = await client.get('/open-data/challenges.csv');
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const published = (await client.get('/api/v1/challenges')).json().total;
  assert.ok(published >= 1);
  assert.equal(csv.body.trim().split('\r\n').length, published + 1, 'a header and every published challenge');
  assert.equal((await client.get('/open-data/challenges.json')).json().length, published);
});

test('the harvest command harvests a file and prints its report', async () => {
  const { execFileSync } = await import('node:child_process');
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'hack365-cli-'));
  try {
    const out = execFileSync(process.execPath, ['bin/hack365.js', 'harvest', path.join(EXAMPLES, 'rekommenderat.ttl')], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    assert.match(out, /succeeded/);
    assert.match(out, /1 new, 0 updated, 0 unchanged, 0 withdrawn/);
    assert.match(out, /dcterms:spatial: ClassConstraintComponent/);
    assert.match(out, /dcatap:availability: ClassConstraintComponent \(skos:Concept\) — could not be checked/);
    assert.match(out, /dcat:DataService dcterms:format: MinCountConstraintComponent/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
