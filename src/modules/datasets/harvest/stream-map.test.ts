import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readRdf } from './read-rdf.ts';
import type { DatasetRecord } from './record.ts';
import { ReadAgainWhole, StreamedDcat, type StreamOptions } from './stream-map.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures');

/** The records of a document read as a harvest reads it, with the publishers' final names put in as the store does. */
async function records(body: Buffer | string, opts: StreamOptions, contentType = '') {
  const written: DatasetRecord[] = [];
  let streamed = 0;
  const reader = new StreamedDcat((batch) => {
    streamed += batch.length;
    written.push(...batch);
  }, opts);
  await readRdf({ url: 'http://127.0.0.1/catalog', contentType, body: Readable.from([Buffer.from(body)]) }, (q) => reader.add(q));
  const end = reader.finish();
  written.push(...end.records);
  for (const p of end.publishers()) {
    for (const r of written) if (r.publisherIri === p.iri) Object.assign(r, { publisherName: p.name, publisherType: p.type });
  }
  return { records: written, streamed, problems: reader.problems };
}

test('a catalog read as it streams gives the same records as the whole graph, or is read again whole: every DCAT fixture, mapped 0–10 statements after each dataset', async () => {
  const files = ['dcat-ap-se', 'real'].flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .filter((f) => /\.(rdf|ttl|nt)$/.test(f))
      .map((f) => path.join(FIXTURES, dir, f)),
  );
  assert.ok(files.length >= 8, files.join(', '));
  let streamedSomewhere = 0;
  for (const file of files) {
    const body = fs.readFileSync(file);
    // Some real catalogs are not valid RDF (the harvest reports them so); there is nothing to compare.
    const whole = await records(body, { stream: false }).catch((err: Error) => assert.equal((err as { code?: string }).code, 'malformed'));
    if (!whole) continue;
    for (const lag of [0, 1, 3, 10]) {
      let streamed;
      try {
        streamed = await records(body, { stream: true, lag, every: 1 });
      } catch (err) {
        // What the harvest then does: read it again whole, which is the first reading.
        assert.ok(err instanceof ReadAgainWhole, `${path.basename(file)}: ${(err as Error).message}`);
        continue;
      }
      streamedSomewhere += streamed.streamed;
      assert.deepEqual(streamed.records, whole.records, `${path.basename(file)}, lag ${lag}`);
      assert.deepEqual(streamed.problems, whole.problems, `${path.basename(file)}, lag ${lag}`);
    }
  }
  assert.ok(streamedSomewhere > 0, 'some fixture was mapped while it was read');
});

/** A catalog as dataportal.se's exports are laid out: datasets with nested distributions, each agent described at the end. */
function catalog(datasets: number, opts: { distributionsAtEnd?: boolean; contactChanges?: boolean } = {}) {
  let out = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="http://example.se/c"><dcterms:title xml:lang="sv">Katalog</dcterms:title><dcterms:language rdf:resource="http://publications.europa.eu/resource/authority/language/SWE"/>\n`;
  const distribution = (i: number) =>
    `<dcat:Distribution rdf:about="http://example.se/ds/${i}/d"><dcterms:title>Fil ${i}</dcterms:title><dcat:downloadURL>https://example.se/${i}.csv</dcat:downloadURL><dcterms:format rdf:resource="http://publications.europa.eu/resource/authority/file-type/CSV"/></dcat:Distribution>`;
  for (let i = 0; i < datasets; i++) {
    const contact = opts.contactChanges && i === datasets - 1 ? '<vcard:hasEmail rdf:resource="mailto:ny@example.se"/>' : '';
    out += `<dcat:dataset><dcat:Dataset rdf:about="http://example.se/ds/${i}"><dcterms:identifier>ds-${i}</dcterms:identifier><dcterms:title>Data ${i}</dcterms:title><dcterms:publisher rdf:resource="http://example.se/org/${i % 3}"/><dcat:contactPoint><vcard:Organization rdf:about="http://example.se/contact/${i % 4}"><vcard:fn>Kontakt ${i % 4}</vcard:fn>${contact}</vcard:Organization></dcat:contactPoint>${opts.distributionsAtEnd ? `<dcat:distribution rdf:resource="http://example.se/ds/${i}/d"/>` : `<dcat:distribution>${distribution(i)}</dcat:distribution>`}</dcat:Dataset></dcat:dataset>\n`;
  }
  out += '</dcat:Catalog>\n';
  for (let p = 0; p < 3; p++) out += `<foaf:Agent rdf:about="http://example.se/org/${p}"><foaf:name>Kommun ${p}</foaf:name></foaf:Agent>\n`;
  if (opts.distributionsAtEnd) for (let i = 0; i < datasets; i++) out += `${distribution(i)}\n`;
  return `${out}</rdf:RDF>\n`;
}

test('datasets are mapped while the catalog is read, and publishers described at the end are named in what was written', async () => {
  const body = catalog(200);
  const whole = await records(body, { stream: false });
  const streamed = await records(body, { stream: true, lag: 100, every: 50 });
  assert.ok(streamed.streamed > 150, `mapped while reading: ${streamed.streamed} of 200`);
  assert.deepEqual(streamed.records, whole.records);
  assert.equal(streamed.records[0].publisherName, 'Kommun 0');
  assert.equal(streamed.records[0].contactName, 'Kontakt 0');
  assert.equal(streamed.records[199].distributions[0].downloadUrl, 'https://example.se/199.csv');
  assert.equal(streamed.records[199].titleSv, 'Data 199', 'untagged text in the catalog’s declared language');
});

test('what is said after a dataset was mapped and changes it makes the harvest read the document again whole', async () => {
  // Distributions described after all the datasets: the first datasets were mapped without them.
  await assert.rejects(records(catalog(200, { distributionsAtEnd: true }), { stream: true, lag: 100, every: 50 }), ReadAgainWhole);
  // A contact point described once more, with an address it did not have when the first datasets naming it were mapped.
  await assert.rejects(records(catalog(200, { contactChanges: true }), { stream: true, lag: 100, every: 50 }), ReadAgainWhole);
  // Read whole, both are complete.
  const whole = await records(catalog(200, { distributionsAtEnd: true }), { stream: false });
  assert.equal(whole.records[0].distributions[0].downloadUrl, 'https://example.se/0.csv');
});
