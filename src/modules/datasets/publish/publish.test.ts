import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quad } from '@rdfjs/types';
import { eq } from 'drizzle-orm';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { build, Client, type TestApp } from '../../../test/app.ts';
import crypto from 'node:crypto';
import { aChallenge, aMember, aNeedOwner, anEvent, signedIn, validDatasetFields } from '../../../test/factories.ts';
import {
  challengeDatasets,
  datasets,
  distributions,
  events,
  harvestSources,
  submissionDatasets,
  submissions,
  teams,
  type ProposalContent,
} from '../../../db/schema/index.ts';
import { validateCatalog, ValidationBuffer } from '../harvest/validate.ts';

// The served documents are read with parsers of their own (n3 for Turtle, rdfxml-streaming-parser for RDF/XML), not
// with the platform's harvest reader, so a mistake shared by writer and reader cannot hide.
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const turtle = (body: string, base: string) => new Parser({ baseIRI: base }).parse(body);
function rdfXml(body: string, base: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI: base });
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(body);
    parser.end();
  });
}
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);

// As the registration tests' dataset, with one theme and no landing page.
const datasetFields = (organisation: string) => validDatasetFields(organisation, { themes: ['ENVI'], landingPage: '' });
const distributionFields = (title: string) => ({
  accessUrl: `https://kommun.se/${title}`,
  downloadUrl: '',
  format: 'CSV',
  licence: 'http://creativecommons.org/publicdomain/zero/1.0/',
  titleSv: title,
  titleEn: '',
  descriptionSv: '',
  descriptionEn: '',
});

/** A municipality that registers a dataset with three distributions through the forms. */
async function registered(app: TestApp) {
  const org = await aNeedOwner(app, { type: 'municipality' });
  const editor = await signedIn(app, await aMember(app, org.id));
  await editor.get('/datasets/new');
  const created = await editor.post('/datasets', datasetFields(org.slug));
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const url = created.headers.location as string;
  for (const title of ['Första', 'Andra', 'Tredje']) assert.equal((await editor.post(`${url}/distributions`, distributionFields(title))).statusCode, 303);
  return { org, editor, url, id: url.split('/').pop()! };
}

/** Distribution IRI by title, as the organisation's catalog publishes them. */
async function distributionIris(app: TestApp, slug: string, datasetIri: string) {
  const body = (await new Client(app).get(`/organisations/${slug}/datasets/dcat`, { accept: 'text/turtle' })).body;
  const quads = turtle(body, app.config.publicUrl);
  return new Map(objects(quads, datasetIri, DCAT + 'distribution').map((d) => [objects(quads, d.value, DCT + 'title')[0].value, d.value]));
}

test('distribution IRIs stay the same when distributions are reordered or removed', async (t) => {
  const app = await build(t);
  const { org, editor, url, id } = await registered(app);
  const datasetIri = `${app.config.publicUrl}${url}`;
  const before = await distributionIris(app, org.slug, datasetIri);
  assert.deepEqual([...before.keys()].sort(), ['Andra', 'Första', 'Tredje']);
  const rows = await app.db.select().from(distributions).where(eq(distributions.datasetId, id));
  for (const row of rows) assert.equal(before.get(row.titleSv), `${datasetIri}#distribution-${row.id}`, 'named by the distribution’s own id');

  // Reordered, then the first one removed through the form: the others keep their IRIs.
  for (const row of rows)
    await app.db
      .update(distributions)
      .set({ position: 10 - row.position })
      .where(eq(distributions.id, row.id));
  const first = rows.find((r) => r.titleSv === 'Första')!;
  assert.equal((await editor.post(`${url}/distributions/${first.id}/remove`)).statusCode, 303);
  const after = await distributionIris(app, org.slug, datasetIri);
  assert.deepEqual([...after.keys()].sort(), ['Andra', 'Tredje']);
  for (const title of ['Andra', 'Tredje']) assert.equal(after.get(title), before.get(title), title);
});

test('catalog, dataset and distribution IRIs dereference: the page for browsers, RDF by content negotiation', async (t) => {
  const app = await build(t);
  const { org, editor, url, id } = await registered(app);
  const base = app.config.publicUrl;
  const datasetIri = `${base}${url}`;
  const client = new Client(app);

  // The dataset's address: its page for a browser (each distribution an anchor), first, so a kept page cannot leak.
  const page = await client.get(url, { accept: BROWSER });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(String(page.headers.vary), /accept/i);
  const [dist] = await app.db.select().from(distributions).where(eq(distributions.datasetId, id)).limit(1);
  assert.match(page.body, new RegExp(`id="distribution-${dist.id}"`));
  assert.match((await client.get(url)).headers['content-type'] as string, /text\/html/, 'no Accept: the page');
  const kept = await client.get(url, { accept: BROWSER });
  assert.equal(kept.headers['x-page-cache'], 'hit');
  assert.match(String(kept.headers.vary), /accept/i, 'a kept page says it varies too');

  // … and its description in each RDF syntax.
  const ttl = await client.get(url, { accept: 'text/turtle' });
  assert.equal(ttl.statusCode, 200);
  assert.match(String(ttl.headers['content-type']), /^text\/turtle/);
  assert.match(String(ttl.headers.vary), /accept/i);
  const described = turtle(ttl.body, base);
  assert.deepEqual(
    objects(described, datasetIri, RDF_TYPE).map((o) => o.value),
    [DCAT + 'Dataset'],
  );
  assert.equal(objects(described, datasetIri, DCAT + 'distribution').length, 3);
  const xml = await client.get(url, { accept: 'application/rdf+xml' });
  assert.match(String(xml.headers['content-type']), /^application\/rdf\+xml/);
  assert.equal((await rdfXml(xml.body, base)).length, described.length, 'the same statements in RDF/XML');
  const jsonld = await client.get(url, { accept: 'application/ld+json' });
  assert.match(String(jsonld.headers['content-type']), /^application\/ld\+json/);
  assert.ok((jsonld.json() as { '@id': string }[]).some((n) => n['@id'] === datasetIri));
  assert.match(String((await client.get(`${url}?format=ttl`)).headers['content-type']), /^text\/turtle/);
  // Odd requests get the default, never an error.
  for (const [query, accept] of [
    ['?format=toString', 'constructor'],
    ['?format[]=ttl', ';;, q=x, text/turtle;q=abc'],
    ['', '__proto__'],
  ]) {
    const odd = await client.get(`${url}${query}`, { accept });
    assert.equal(odd.statusCode, 200, `${query} ${accept}`);
    assert.match(String(odd.headers['content-type']), /text\/html/);
    const catalog = await client.get(`/datasets/dcat${query}`, { accept });
    assert.match(String(catalog.headers['content-type']), /^application\/rdf\+xml/, `${query} ${accept}`);
  }

  // A distribution's IRI is a fragment of the dataset's: dereferenced, it is described there.
  const distributionIri = `${datasetIri}#distribution-${dist.id}`;
  const fetched = turtle((await client.get(new URL(distributionIri).pathname, { accept: 'text/turtle' })).body, base);
  assert.deepEqual(
    objects(fetched, distributionIri, DCAT + 'accessURL').map((o) => o.value),
    [dist.accessUrl],
  );
  assert.deepEqual(
    objects(fetched, distributionIri, RDF_TYPE).map((o) => o.value),
    [DCAT + 'Distribution'],
  );

  // The catalogs' IRIs: RDF for machines, the list page for browsers.
  for (const [path, page] of [
    [`/organisations/${org.slug}/datasets/catalog`, `/organisations/${org.slug}`],
    ['/datasets/catalog', '/datasets'],
  ]) {
    const rdf = await client.get(path, { accept: 'text/turtle' });
    assert.equal(rdf.statusCode, 200, path);
    const quads = turtle(rdf.body, base);
    assert.deepEqual(
      objects(quads, `${base}${path}`, RDF_TYPE).map((o) => o.value),
      [DCAT + 'Catalog'],
      path,
    );
    assert.ok(
      objects(quads, `${base}${path}`, DCAT + 'dataset').some((d) => d.value === datasetIri),
      path,
    );
    const browser = await client.get(path, { accept: BROWSER });
    assert.equal(browser.statusCode, 303, path);
    assert.equal(browser.headers.location, page);
  }

  // The programme's own datasets dereference too, with their distributions as fragments.
  const programme = turtle((await client.get('/open-data/challenges', { accept: 'text/turtle' })).body, base);
  assert.ok(objects(programme, `${base}/open-data/challenges`, DCAT + 'distribution').some((d) => d.value === `${base}/open-data/challenges#csv`));
  assert.equal((await client.get('/open-data/challenges', { accept: BROWSER })).headers.location, '/challenges');
  assert.equal((await client.get('/open-data/nothing', { accept: 'text/turtle' })).statusCode, 404);

  // Withdrawn: out of the catalog and not described (its page stays). Harvested: described by its publisher.
  assert.equal((await editor.post(`${url}/status`, { status: 'withdrawn' })).statusCode, 303);
  assert.equal((await client.get(url, { accept: 'text/turtle' })).statusCode, 404);
  assert.equal((await client.get(url, { accept: BROWSER })).statusCode, 200);
  const [source] = await app.db.insert(harvestSources).values({ organisationId: org.id, title: 'Källa', url: 'http://example.se/dcat' }).returning();
  const [harvested] = await app.db
    .insert(datasets)
    .values({ sourceId: source.id, organisationId: org.id, key: 'x', iri: 'http://example.se/ds/x', titleSv: 'Skördad' })
    .returning();
  const elsewhere = await client.get(`/datasets/${harvested.id}`, { accept: 'text/turtle' });
  assert.equal(elsewhere.statusCode, 303);
  assert.equal(elsewhere.headers.location, 'http://example.se/ds/x');
});

test('an organisation without datasets publishes no catalog', async (t) => {
  const app = await build(t);
  const empty = await aNeedOwner(app);
  const client = new Client(app);
  for (const path of [`/organisations/${empty.slug}/datasets/dcat`, `/organisations/${empty.slug}/datasets/catalog`]) {
    assert.equal((await client.get(path)).statusCode, 404, path);
    assert.equal((await client.get(path, { accept: 'text/turtle' })).statusCode, 404, path);
  }
  // Only a withdrawn dataset (or only harvested ones): still none.
  const { org, id } = await registered(app);
  assert.equal((await client.get(`/organisations/${org.slug}/datasets/dcat`)).statusCode, 200);
  await app.db.update(datasets).set({ status: 'withdrawn' }).where(eq(datasets.id, id));
  assert.equal((await client.get(`/organisations/${org.slug}/datasets/dcat`)).statusCode, 404);
  assert.equal((await client.get('/organisations/no-such-org/datasets/dcat')).statusCode, 404);
});

test('registered keywords keep their language; identifiers do not change with PUBLIC_URL; the catalog is valid DCAT-AP-SE', async (t) => {
  const app = await build(t);
  const { org, url, id } = await registered(app);
  const moved = await build(t, { config: { publicUrl: 'https://data.hackforsweden.example' } }); // the same database

  const identifiers: string[] = [];
  for (const server of [app, moved]) {
    const base = server.config.publicUrl;
    const body = (await new Client(server).get(`/organisations/${org.slug}/datasets/dcat`)).body;
    const quads = await rdfXml(body, base);
    const datasetIri = `${base}${url}`;
    const keywords = objects(quads, datasetIri, DCAT + 'keyword');
    assert.deepEqual(keywords.map((k) => `${k.value}@${k.termType === 'Literal' ? k.language : ''}`).sort(), ['bad@sv', 'vattenkvalitet@sv']);
    const [identifier] = objects(quads, datasetIri, DCT + 'identifier');
    assert.doesNotMatch(identifier.value, /^https?:/, 'not an address');
    identifiers.push(identifier.value);

    const buffer = new ValidationBuffer();
    for (const q of quads) buffer.add(q);
    assert.deepEqual((await validateCatalog(buffer)).groups, [], `${base}: no violations`);
  }
  assert.equal(identifiers[0], identifiers[1], 'the same identifier at either address');
  assert.equal(identifiers[0], `urn:uuid:${id}`);

  // The platform's own catalog, programme data included, is valid too.
  const platform = turtle((await new Client(app).get('/datasets/dcat', { accept: 'text/turtle' })).body, app.config.publicUrl);
  const buffer = new ValidationBuffer();
  for (const q of platform) buffer.add(q);
  assert.deepEqual((await validateCatalog(buffer)).groups, []);
});

const proposal = (title: string): ProposalContent => ({
  title,
  pitch: 'Badväder i realtid.',
  problem: '',
  solution: '',
  actionPlan: '',
  videoUrl: '',
  technical: '',
  sourceUrl: '',
  demoUrl: '',
  otherSources: '',
  licence: 'MIT',
  contactEmail: '',
  datasetIds: [],
});

test('usage back to publishers: their dataset IRIs are referenced by the challenges and solutions that cite or used them', async (t) => {
  const app = await build(t);
  const base = app.config.publicUrl;
  const { org, url, id } = await registered(app);
  const [source] = await app.db.insert(harvestSources).values({ organisationId: org.id, title: 'Källa', url: 'http://example.se/dcat' }).returning();
  const [harvested] = await app.db
    .insert(datasets)
    .values({ sourceId: source.id, organisationId: org.id, key: 'h', iri: 'http://kommun.example/ds/temperatur', titleSv: 'Vattentemperatur' })
    .returning();
  const author = await aMember(app, org.id);
  const cites = await aChallenge(app, org, author.id, { titleSv: 'Säkrare bad' });
  const draft = await aChallenge(app, org, author.id, { titleSv: 'Utkast' }, 'draft');
  for (const challenge of [cites, draft])
    await app.db.insert(challengeDatasets).values([id, harvested.id].map((datasetId) => ({ challengeId: challenge.id, datasetId })));
  // A solution in a published gallery used both; a draft in the same event used them too but is no solution.
  const event = await anEvent(app, { capacity: null, challengeIds: [cites.id] });
  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, event.id));
  const made = [];
  for (const [title, status] of [
    ['Badkollen', 'submitted'],
    ['Halvfärdig', 'draft'],
  ] as const) {
    const [team] = await app.db
      .insert(teams)
      .values({ eventId: event.id, name: `Lag ${title}`, inviteToken: crypto.randomUUID() })
      .returning();
    const [s] = await app.db
      .insert(submissions)
      .values({ eventId: event.id, teamId: team.id, challengeId: cites.id, status, title, pitch: '', content: proposal(title) })
      .returning();
    await app.db.insert(submissionDatasets).values([id, harvested.id].map((datasetId) => ({ submissionId: s.id, datasetId })));
    made.push(s);
  }
  const datasetIri = `${base}${url}`;
  const expected = [`${base}/challenges/${cites.slug}`, `${base}/solutions/${made[0].id}`].sort();

  const client = new Client(app);
  for (const path of [`/organisations/${org.slug}/datasets/usage`, '/datasets/usage']) {
    const ttl = await client.get(path, { accept: 'text/turtle' });
    assert.match(String(ttl.headers['content-type']), /^text\/turtle/, path);
    const quads = turtle(ttl.body, base);
    for (const iri of [datasetIri, harvested.iri]) {
      assert.deepEqual(
        objects(quads, iri, DCT + 'isReferencedBy')
          .map((o) => o.value)
          .sort(),
        expected,
        `${path}: ${iri}`,
      );
    }
    assert.deepEqual(
      objects(quads, `${base}/challenges/${cites.slug}`, DCT + 'title').map((o) => o.value),
      ['Säkrare bad'],
    );
    const xml = await client.get(path);
    assert.match(String(xml.headers['content-type']), /^application\/rdf\+xml/, 'RDF/XML by default');
    const fromXml = await rdfXml(xml.body, base);
    assert.equal(fromXml.length, quads.length, `${path}: the same statements in RDF/XML`);
    assert.match(String((await client.get(path, { accept: 'application/ld+json' })).headers['content-type']), /^application\/ld\+json/);
    const buffer = new ValidationBuffer();
    for (const q of fromXml) buffer.add(q);
    assert.deepEqual((await validateCatalog(buffer)).groups, [], `${path}: no violations`);
  }
  assert.equal((await client.get('/organisations/no-such-org/datasets/usage')).statusCode, 404);

  // The platform's own catalog says the same about the datasets registered here, and stays valid.
  const catalog = turtle((await client.get('/datasets/dcat', { accept: 'text/turtle' })).body, base);
  assert.deepEqual(
    objects(catalog, datasetIri, DCT + 'isReferencedBy')
      .map((o) => o.value)
      .sort(),
    expected,
  );
  const buffer = new ValidationBuffer();
  for (const q of catalog) buffer.add(q);
  assert.deepEqual((await validateCatalog(buffer)).groups, []);
});
