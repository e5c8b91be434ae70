import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { build, testConfig, type Client, type TestApp } from '../../../test/app.ts';
import { fixtureServer } from '../../../test/fixture-server.ts';
import { aUser, signedIn } from '../../../test/factories.ts';
import { datasets, distributions, harvestRuns } from '../../../db/schema/index.ts';
import { claimHarvest, runHarvest } from './run.ts';

// Real published catalogs (see src/test/fixtures/real/README.md for where each comes from), served from 127.0.0.1.
const REAL = path.resolve(import.meta.dirname, '../../../test/fixtures/real');
const real = (file: string) => fs.readFileSync(path.join(REAL, file));
const config = { harvest: { ...testConfig().harvest, maxBytes: 4 * 1024 * 1024, timeoutMs: 5000, allowAddresses: ['127.0.0.1'] } };

async function harvest(app: TestApp, organiser: Client, url: string, kind = 'dcat') {
  await organiser.get('/harvest-sources');
  const created = await organiser.post('/harvest-sources', { title: `Källa ${url}`, url, kind, schedule: 'manual', organisation: '' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
  const sourceId = (created.headers.location as string).split('/').pop()!;
  const [run] = await app.db.select().from(harvestRuns).where(eq(harvestRuns.sourceId, sourceId));
  return { run, sourceId };
}

async function datasetByKey(app: TestApp, sourceId: string, key: string) {
  const [row] = await app.db
    .select()
    .from(datasets)
    .where(eq(datasets.sourceId, sourceId))
    .then((rows) => rows.filter((r) => r.key === key));
  assert.ok(row, `dataset ${key} was harvested`);
  const dists = await app.db.select().from(distributions).where(eq(distributions.datasetId, row.id)).orderBy(asc(distributions.position));
  return { ...row, distributions: dists };
}

test('datos.gob.es (NTI-RISP): Spanish texts stay Spanish, untagged text takes the catalog’s language, format nodes, literal URLs, coverage and frequency', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  // The three parts of the example are one catalog on datos.gob.es; served as one Turtle document.
  const verbatim = ['es-NTI-RISPv1_Catalog.ttl', 'es-NTI-RISPv1_Dataset.ttl', 'es-NTI-RISPv1_Distribution.ttl'].map((f) => real(f).toString('utf8')).join('\n');
  // Its licence IRI has a space in it ("…/Acceso%20a%20la%20i nformacion…"), which Turtle does not allow: as published
  // it is refused with a clear report; with the space taken out (the only change) it is read.
  const fixtures = await fixtureServer(t, {
    '/verbatim.ttl': { body: verbatim, type: 'text/turtle' },
    '/catalogo.ttl': { body: verbatim.replace('la%20i nformacion', 'la%20informacion'), type: 'text/turtle' },
  });
  const refused = await harvest(app, organiser, `${fixtures.base}/verbatim.ttl`);
  assert.deepEqual([refused.run.status, refused.run.problems[0].code], ['failed', 'malformed']);
  assert.match(refused.run.problems[0].detail ?? '', /line 55/);
  const { run, sourceId } = await harvest(app, organiser, `${fixtures.base}/catalogo.ttl`);
  assert.equal(run.status, 'succeeded', JSON.stringify(run.problems));

  const d = await datasetByKey(app, sourceId, 'http://datos.gob.es/catalogo/2332');
  assert.deepEqual(d.texts?.title, [{ lang: 'es', value: 'Información catastral gráfica' }]);
  // dcat:keyword "catastro" is untagged; the catalog declares dct:language "es".
  assert.deepEqual(
    d.texts?.keywords?.map((k) => `${k.lang}:${k.value}`),
    ['es:catastro', 'es:mapas', 'es:cartografía', 'es:inmuebles'],
  );
  assert.equal(
    d.details.licence,
    'http://www.minhap.gob.es/Documentacion/Publico/NormativaDoctrina/Catastro/Acceso%20a%20la%20informacion%20catastral/res_230311.pdf',
    'the dataset’s own licence',
  );
  assert.ok(d.licences.includes(d.details.licence!), 'and it can be filtered on');
  assert.deepEqual(d.details.temporal, [{ start: '2012-12-26', end: '2013-03-26' }], 'an OWL-Time interval');
  assert.deepEqual(d.details.spatial, [{ iri: 'http://datos.gob.es/recurso/sector-publico/territorio/Pais/España' }]);
  assert.equal(d.details.frequency, 'Cada trimestre', 'a frequency node, by its label');
  assert.deepEqual(d.details.languages, ['es', 'ga', 'en', 'ca']);
  assert.deepEqual(d.details.conformsTo, [{ iri: 'http://www.catastro.meh.es/documentos/res_241108.pdf' }], 'the empty conformsTo is dropped');

  const [shp, zip] = d.distributions;
  assert.equal(shp.accessUrl, 'https://www.sedecatastro.gob.es/CYCTitular/OVCAccTit.aspx?Dest=19', 'an xsd:anyURI literal is an address');
  assert.deepEqual(shp.formats, ['SHAPEFILE'], 'a dct:IMT blank node by its label, not "_:…" and not "OCTET_STREAM"');
  assert.ok(zip, 'both distributions');
  assert.ok(!d.formats.some((f) => f.startsWith('_') || f === 'FORMAT' || f === 'IMT'), d.formats.join());

  // The page: the Spanish title marked Spanish on a Swedish page, the link there, the facts shown.
  const page = (await organiser.get(`/datasets/${d.id}`)).body;
  assert.match(page, /<h1 lang="es">Información catastral gráfica<\/h1>/);
  assert.match(page, /<span lang="es">catastro<\/span>/);
  assert.match(page, /href="https:\/\/www\.sedecatastro\.gob\.es\/CYCTitular\/OVCAccTit\.aspx\?Dest=19"/);
  assert.match(page, /Tidsperiod<\/dt><dd>2012-12-26 – 2013-03-26/);
  assert.match(page, /Uppdateringsfrekvens<\/dt><dd>Cada trimestre/);
  // "ga" is Irish (Galician is "gl"): the catalog's own slip, shown as it says.
  assert.match(page, /Språk<\/dt><dd>spanska, iriska, engelska, katalanska/);
  const list = (await organiser.get('/datasets')).body;
  assert.match(list, /<option value="SHAPEFILE"[^>]*>SHAPEFILE<\/option>/, 'the format filter offers the readable name');
  // No blank node's label as a value or a name (a CSRF token may start with "_", so the colon counts).
  assert.doesNotMatch(list, /value="_:|>_:|>FORMAT</);
  assert.match((await organiser.get('/datasets?format=SHAPEFILE')).body, /1 datamängd\b/);
});

test('DCAT-AP-ES (datos.gob.es): EU file types and IANA media types, every format, contacts, temporal, services anywhere, N-Triples', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, {
    '/full.ttl': { body: real('es-dcat-ap-es-full-optional.ttl'), type: 'text/turtle' },
    // N-Triples, once named by its type and once by nothing at all: neither is mistaken for RDF/XML.
    '/full.nt': { body: real('es-dcat-ap-es-full-optional.nt'), type: 'application/n-triples' },
    '/full-untyped': { body: real('es-dcat-ap-es-full-optional.nt'), type: 'application/octet-stream' },
    '/full.nq': { body: real('es-dcat-ap-es-full-optional.nt'), type: 'application/n-quads' },
  });
  const results = [];
  for (const route of ['/full.ttl', '/full.nt', '/full-untyped', '/full.nq']) {
    const { run, sourceId } = await harvest(app, organiser, `${fixtures.base}${route}`);
    assert.equal(run.status, 'succeeded', `${route}: ${JSON.stringify(run.problems)}`);
    const d = await datasetByKey(app, sourceId, 'IDD1');
    results.push(d);
    assert.deepEqual(d.texts?.title, [{ lang: 'es', value: 'Dataset de ejemplo 1' }]);
    const csv = d.distributions.find((x) => x.iri === 'http://dcat-ap-es.ejemplo.org/distribucion/dataset-ejemplo-1-CSV')!;
    assert.deepEqual(csv.formats, ['CSV', 'ICS'], 'the EU file type and the IANA media type, both kept');
    assert.deepEqual(csv.texts?.title, [
      { lang: 'es', value: 'Distribución de ejemplo 1' },
      { lang: 'en', value: 'Example distribution 1' },
    ]);
    assert.equal(csv.titleEn, 'Example distribution 1');
    assert.equal(csv.downloadUrl, 'http://dcat-ap-es.ejemplo.org/distribucion/dataset-ejemplo-1-CSV/download');
    assert.equal(csv.licence, 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
    assert.equal(csv.accessService, 'http://dcat-ap-es.ejemplo.org/dataservice/dataservice-ejemplo-1');
    assert.ok(
      d.distributions.some((x) => x.kind === 'service' && x.iri === 'http://dcat-ap-es.ejemplo.org/dataservice/dataservice-ejemplo-1'),
      'the service it is reached through',
    );
    assert.deepEqual(d.details.contacts, [
      {
        name: [
          { lang: 'es', value: 'Oficina del dato' },
          { lang: 'es', value: 'Organismo' },
        ],
        email: 'info-contacto@dcat-ap-es.ejemplo.org',
        url: 'http://dcat-ap-es.ejemplo.org/',
      },
    ]);
    assert.equal(d.contactName, 'Oficina del dato');
    assert.deepEqual(d.details.temporal, [{ start: '2021-02-01T12:00:00+01:00', end: '2025-02-01T12:00:00+01:00' }]);
    assert.equal(d.details.frequency, 'http://publications.europa.eu/resource/authority/frequency/MONTHLY');
    assert.deepEqual(d.details.languages, ['http://publications.europa.eu/resource/authority/language/SPA']);
    assert.deepEqual(d.details.conformsTo, [{ iri: 'http://normativaespecifica-dataset.com' }]);
    assert.deepEqual(d.details.spatial, [{ iri: 'http://datos.gob.es/recurso/sector-publico/territorio/Provincia/Madrid' }]);
    assert.equal(d.landingPage, 'http://dcat-ap-es.ejemplo.org/dataset/dataset-ejemplo-1/landing');
  }
  assert.deepEqual(results[1].details, results[0].details, 'N-Triples gives what Turtle gives');
  assert.deepEqual(results[2].texts, results[0].texts);
  assert.deepEqual(results[3].texts, results[0].texts);

  const page = (await organiser.get(`/datasets/${results[0].id}?lang=en`)).body;
  assert.match(page, /<h1 lang="es">Dataset de ejemplo 1<\/h1>/, 'a Spanish title on an English page is marked Spanish');
  assert.match(page, /Update frequency<\/dt><dd>monthly/, 'the EU frequency by its label');
  assert.match(page, /Languages<\/dt><dd>Spanish/);
  assert.match(page, /<td>Example distribution 1<\/td>/, 'the English title of a distribution on an English page, in the page’s language');
  assert.match(page, /CSV, ICS/);
  assert.match(page, /<span lang="es">Oficina del dato<\/span> <a href="mailto:info-contacto@dcat-ap-es\.ejemplo\.org">/);
  const swedish = (await organiser.get(`/datasets/${results[0].id}?lang=sv`)).body;
  assert.match(swedish, /Uppdateringsfrekvens<\/dt><dd>månatligen/);
  assert.match(swedish, /Licens<\/dt><dd>CC BY 4\.0/, 'an EU licence IRI by its name');
});

test('Metaware (Turin’s AperTO bike sharing): adms:contactPoint, plain-string URLs and licence, types as literals, the catalog’s language from a LoC IRI', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, { '/catalog.rdf': { body: real('it-metaware-aperto-bike-sharing.rdf') } });
  const { run, sourceId } = await harvest(app, organiser, `${fixtures.base}/catalog.rdf`);
  assert.equal(run.status, 'succeeded', JSON.stringify(run.problems));
  const d = await datasetByKey(app, sourceId, '559503cd11f61c70f31dbbff');
  assert.equal(d.titleEn, 'Bike Sharing', 'untagged, in the catalog’s declared language');
  assert.deepEqual([d.titleSv, d.texts?.title], ['', undefined], 'an English title only: the English column says it all');
  assert.deepEqual(d.texts?.keywords, [{ lang: 'en', value: 'bike' }], 'keywords not in Swedish are kept with their language');
  assert.deepEqual(d.details.contacts, [{ name: [{ lang: 'en', value: 'Telecom Italia' }], email: 'info@tilab.com' }], 'from adms:contactPoint');
  assert.equal(d.contactName, 'Telecom Italia');
  const [csv] = d.distributions;
  assert.equal(csv.accessUrl, 'http://aperto.comune.torino.it/sites/default/files/bike_sharing.csv', 'a plain string address');
  assert.equal(csv.licence, 'http://www.dati.gov.it/iodl/2.0/', 'a plain string licence');
  assert.deepEqual(csv.formats, ['CVS'], 'the format as the catalog spells it');
  const page = (await organiser.get(`/datasets/${d.id}?lang=sv`)).body;
  assert.match(page, /<h1 lang="en">Bike Sharing<\/h1>/);
  assert.match(page, /<span lang="en">Telecom Italia<\/span> <a href="mailto:info@tilab\.com">/);
  assert.match(page, /href="http:\/\/aperto\.comune\.torino\.it\/sites\/default\/files\/bike_sharing\.csv"/);
});

test('a catalog in ISO-8859-1, declared in its XML declaration, is stored right; one that is not what it says is reported, not stored', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const latin1 = real('es-dcat-ap-es-catalog.latin1.rdf');
  const fixtures = await fixtureServer(t, {
    '/latin1.rdf': { body: latin1, type: 'application/rdf+xml' },
    // The same bytes declared UTF-8 by the server: they are not UTF-8, and nothing is stored with "�".
    '/lying.rdf': { body: latin1, type: 'application/rdf+xml; charset=utf-8' },
    // Only the HTTP header says ISO-8859-1 (the XML declaration names no encoding).
    '/header.rdf': {
      body: Buffer.from(latin1.toString('latin1').replace('encoding="ISO-8859-1"', ''), 'latin1'),
      type: 'application/rdf+xml; charset=ISO-8859-1',
    },
    // A UTF-8 document with a byte-order mark.
    '/bom.rdf': { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), real('es-dcat-ap-es-catalog.rdf')]), type: 'application/rdf+xml' },
  });
  for (const route of ['/latin1.rdf', '/header.rdf', '/bom.rdf']) {
    const { run, sourceId } = await harvest(app, organiser, `${fixtures.base}${route}`);
    assert.equal(run.status, 'succeeded', `${route}: ${JSON.stringify(run.problems)}`);
    const d = await datasetByKey(app, sourceId, 'http://dcat-ap-es.ejemplo.org/dataset/dataset-ejemplo-1');
    assert.deepEqual(
      d.texts?.description,
      [
        { lang: 'es', value: 'Descripción de un dataset de ejemplo.' },
        { lang: 'en', value: 'Example dataset description.' },
      ],
      route,
    );
    assert.deepEqual(d.texts?.keywords, [
      { lang: 'es', value: 'estadísticas' },
      { lang: 'en', value: 'statistics' },
    ]);
    assert.equal(d.titleEn, 'Example Dataset');
    assert.equal(d.titleSv, '', 'no Swedish title, and one in English: the Spanish is kept in its language only');
    assert.ok(
      d.distributions.some((x) => x.kind === 'service' && x.titleSv === 'Servicio de datos de ejemplo'),
      'the catalog’s data service',
    );
  }
  const { run } = await harvest(app, organiser, `${fixtures.base}/lying.rdf`);
  assert.equal(run.status, 'failed');
  assert.equal(run.problems[0].code, 'bad_encoding');
  const report = (await organiser.get(`/harvest-sources/${run.sourceId}`)).body;
  assert.match(report, /inte skrivet i den teckenkodning det anger/);
  const stored = await app.db.select({ d: datasets.descriptionSv }).from(datasets);
  assert.ok(
    stored.every((r) => !r.d.includes('\uFFFD')),
    'no replacement characters stored anywhere',
  );
});

test('CKAN (demo.ckan.org): licences by id, API resources as access URLs, contact never a user id, texts in the site’s language', async (t) => {
  const app = await build(t, { config });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const demo = JSON.parse(real('ckan-demo-package-search.json').toString('utf8'));
  // Packages as CKAN sites write them, beside the real answer: a licence named only by its id, a maintainer field
  // holding a user id (as HDX does), WMS and ArcGIS REST resources and one typed "api".
  const constructed = {
    id: 'c0a2b7e4-0000-4000-8000-000000000001',
    name: 'badplatser',
    title: 'Badplatser',
    notes: 'Kommunens badplatser med vattenprov.',
    license_id: 'cc-zero',
    maintainer: '196196be-6037-4488-8b71-d786adf4c081',
    maintainer_email: '',
    author: 'Miljöförvaltningen',
    author_email: 'miljo@example.se',
    tags: [{ name: 'bad' }],
    resources: [
      { id: 'r1', name: 'Karta', format: 'WMS', url: 'https://geo.example.se/wms?service=WMS&request=GetCapabilities' },
      { id: 'r2', name: 'Tjänst', format: 'ArcGIS GeoServices REST API', url: 'https://geo.example.se/arcgis/rest/services/Bad/MapServer' },
      { id: 'r3', name: 'API', format: 'JSON', resource_type: 'api', url: 'https://api.example.se/bad' },
      { id: 'r4', name: 'Fil', format: 'CSV', url: 'https://example.se/bad.csv' },
    ],
  };
  const answer = { ...demo, result: { ...demo.result, count: 4, results: [...demo.result.results, constructed] } };
  const fixtures = await fixtureServer(t, {
    '/api/3/action/package_search': { body: JSON.stringify(answer), type: 'application/json' },
    '/api/3/action/status_show': { body: JSON.stringify({ success: true, result: { locale_default: 'sv' } }), type: 'application/json' },
  });
  const { run, sourceId } = await harvest(app, organiser, fixtures.base, 'ckan');
  assert.equal(run.status, 'succeeded', JSON.stringify(run.problems));

  const plants = await datasetByKey(app, sourceId, '62513382-3b26-4bc8-9096-40b6ce8383c0');
  assert.equal(plants.licences[0], 'Other (Open)', 'a licence id without an address keeps the site’s name for it');
  assert.equal(plants.contactName, 'TKKIM');
  // The site says its texts are Swedish: the Swedish column says it all, and nothing more is stored beside it.
  assert.equal(plants.titleSv, '100 Validated Species of Plants');
  assert.deepEqual(plants.texts, {});
  const byId = await datasetByKey(app, sourceId, '9c3036b8-f6ac-4a4e-9036-5a3cc90c3900');
  assert.deepEqual(byId.licences, ['http://www.opendefinition.org/licenses/cc-by']);

  const bad = await datasetByKey(app, sourceId, constructed.id);
  assert.deepEqual(bad.licences, ['http://www.opendefinition.org/licenses/cc-zero'], 'cc-zero from CKAN’s licence list');
  assert.equal(bad.contactName, 'Miljöförvaltningen', 'the maintainer is a user id: the author is the contact');
  assert.equal(bad.contactEmail, 'miljo@example.se');
  const [wms, arcgis, api, file] = bad.distributions;
  for (const service of [wms, arcgis, api]) {
    assert.equal(service.downloadUrl, '', `${service.titleSv} is not a download`);
    assert.ok(service.accessUrl.startsWith('https://'), service.titleSv);
  }
  assert.equal(file.downloadUrl, 'https://example.se/bad.csv');
  const page = (await organiser.get(`/datasets/${bad.id}`)).body;
  assert.match(page, /<h1>Badplatser<\/h1>/, 'Swedish on a Swedish page: no lang of its own');
  assert.match((await organiser.get(`/datasets/${bad.id}?lang=en`)).body, /<h1 lang="sv">Badplatser<\/h1>/, 'and marked Swedish on an English page');
  assert.doesNotMatch(page, /196196be/);
  assert.match(page, /CC0/);

  // A site that does not say its language (no status_show): its texts' language is not known, and the page says so
  // with lang="" rather than letting them pass for Swedish.
  const silent = await fixtureServer(t, { '/api/3/action/package_search': { body: JSON.stringify(demo), type: 'application/json' } });
  const unknown = await harvest(app, organiser, silent.base, 'ckan');
  const plantsAgain = await datasetByKey(app, unknown.sourceId, '62513382-3b26-4bc8-9096-40b6ce8383c0');
  assert.deepEqual(plantsAgain.texts?.title, [{ lang: '', value: '100 Validated Species of Plants' }]);
  assert.match(
    (await organiser.get(`/datasets/${plantsAgain.id}?lang=sv`)).body,
    /<h1 lang(="")?>100 Validated Species of Plants<\/h1>/,
    'an empty lang (Preact writes it bare, which HTML reads as "")',
  );
  assert.match((await organiser.get('/datasets?q=plants')).body, /<a lang(="")? href="\/datasets\/[^"]+">100 Validated Species of Plants<\/a>/);

  // CKAN harvests get the same quality report as catalogs: the records as DCAT-AP-SE, through the same shapes.
  assert.ok(run.validation, 'validated');
  assert.equal(run.validation.partial, false);
  const groups = run.validation.groups.map((g) => `${g.focusClass} ${g.path} ${g.constraint}`);
  assert.ok(
    groups.some((g) => g.startsWith('dcat:Dataset') || g.startsWith('dcat:Distribution')),
    groups.join('\n'),
  );
  const labels = new Set(run.validation.groups.flatMap((g) => g.labels ?? []));
  assert.ok(labels.has('validated_100_species.csv'), `results named by the distribution’s title: ${JSON.stringify([...labels])}`);
  // What the site does not say is reported as missing: no publisher type, no licence on the site as a whole.
  assert.ok(groups.includes('foaf:Agent dcterms:type MinCountConstraintComponent'), groups.join('\n'));
});
