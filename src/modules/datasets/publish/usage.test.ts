import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { build, Client } from '../../../test/app.ts';
import { publisherWithUse } from '../../../test/publisher-use.ts';
import { validateCatalog, ValidationBuffer } from '../harvest/validate.ts';

// The documents are read with parsers of their own (n3 for Turtle, rdfxml-streaming-parser, jsonld-streaming-parser),
// not with the platform's harvest reader, so a mistake shared by writer and reader cannot hide.
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const DUV = 'http://www.w3.org/ns/duv#';
const DQV = 'http://www.w3.org/ns/dqv#';
const OA = 'http://www.w3.org/ns/oa#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

function streamed(parser: NodeJS.ReadWriteStream, body: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(body);
    parser.end();
  });
}
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const typed = (quads: Quad[], s: string, type: string) => objects(quads, s, RDF + 'type').includes(type);
const asLines = (quads: Quad[]) =>
  quads
    .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.termType === 'Literal' ? q.object.language : ''}`)
    .sort();

test('usage documents state relations with roles, DUV usages and DQV user feedback about the publisher’s own dataset IRIs, the same in three syntaxes, valid DCAT-AP-SE', async (t) => {
  const app = await build(t);
  const base = app.config.publicUrl;
  const { org, registered, harvested, cites, winner, hidden, unsubmitted } = await publisherWithUse(app);
  const client = new Client(app);
  const registeredIri = `${base}/datasets/${registered.id}`;
  const challengePage = `${base}/challenges/${cites.slug}`;
  const solutionPage = `${base}/solutions/${winner.submission.id}`;

  for (const path of [`/organisations/${org.slug}/datasets/usage`, '/datasets/usage']) {
    const ttl = await client.get(path, { accept: 'text/turtle' });
    const quads = new Parser({ baseIRI: base }).parse(ttl.body);
    const xml = await client.get(path, { accept: 'application/rdf+xml' });
    const jsonld = await client.get(path, { accept: 'application/ld+json' });
    assert.match(String(jsonld.headers['content-type']), /^application\/ld\+json/);
    const fromXml = await streamed(new RdfXmlParser({ baseIRI: base }), xml.body);
    const fromJson = await streamed(new JsonLdParser({ baseIRI: base }), jsonld.body);
    assert.deepEqual(asLines(fromXml), asLines(quads), `${path}: RDF/XML says what Turtle says`);
    assert.deepEqual(asLines(fromJson), asLines(quads), `${path}: JSON-LD says what Turtle says`);

    for (const iri of [registeredIri, harvested.iri]) {
      assert.deepEqual(objects(quads, iri, DCT + 'isReferencedBy').sort(), [challengePage, solutionPage].sort(), `${path}: ${iri}`);
      // Each reference again as a qualified relation with its role.
      const relations = objects(quads, iri, DCAT + 'qualifiedRelation');
      assert.equal(relations.length, 2);
      const roles = new Map(
        relations.map(
          (r) => (assert.ok(typed(quads, r, DCAT + 'Relationship')), [objects(quads, r, DCT + 'relation')[0], objects(quads, r, DCAT + 'hadRole')[0]]),
        ),
      );
      assert.equal(roles.get(challengePage), `${base}/roles/cited-by-challenge`);
      assert.equal(roles.get(solutionPage), `${base}/roles/used-by-solution`);
      // The solution's use, as a W3C DUV usage.
      const [usage] = objects(quads, iri, DUV + 'hasUsage');
      assert.equal(objects(quads, iri, DUV + 'hasUsage').length, 1, 'only the public solution');
      assert.ok(typed(quads, usage, DUV + 'Usage'));
      assert.deepEqual(objects(quads, usage, DUV + 'refersTo'), [iri]);
      assert.deepEqual(objects(quads, usage, DUV + 'hasUsageTool'), [solutionPage]);
      assert.deepEqual(objects(quads, usage, DCT + 'description'), ['Vi visar var det går att bada.']);
    }
    // The roles are described where they are used.
    const role = `${base}/roles/used-by-solution`;
    assert.ok(typed(quads, role, DCAT + 'Role'));
    assert.deepEqual(
      quads
        .filter((q) => q.subject.value === role && q.predicate.value === SKOS + 'prefLabel')
        .map((q) => (q.object as { language: string }).language)
        .sort(),
      ['en', 'sv'],
    );

    // Problem reports as DQV user quality feedback (Web Annotations) on the dataset, the answer as a reply.
    const feedback = objects(quads, registeredIri, DQV + 'hasQualityAnnotation');
    assert.equal(feedback.length, 2);
    const bodies = feedback.map((f) => {
      assert.ok(typed(quads, f, DQV + 'UserQualityFeedback'), f);
      assert.deepEqual(objects(quads, f, OA + 'hasTarget'), [registeredIri]);
      const created = quads.find((q) => q.subject.value === f && q.predicate.value === DCT + 'created')!.object as { datatype: { value: string } };
      assert.equal(created.datatype.value, XSD + 'dateTime');
      const [body] = objects(quads, f, OA + 'hasBody');
      assert.ok(typed(quads, body, OA + 'TextualBody'));
      return objects(quads, body, RDF + 'value')[0];
    });
    assert.deepEqual(bodies.sort(), ['Länken till CSV-filen ger 404.', 'Senaste provet är från 2019.']);
    const reply = quads.find((q) => q.predicate.value === OA + 'motivatedBy' && q.object.value === OA + 'replying')!.subject.value;
    assert.equal(objects(quads, objects(quads, reply, OA + 'hasBody')[0], RDF + 'value')[0], 'Nu uppdaterad varje vecka.');
    assert.ok(feedback.includes(objects(quads, reply, OA + 'hasTarget')[0]));

    // Nothing of unpublished work, nor who reported.
    for (const secret of [hidden.submission.id, unsubmitted.submission.id, 'Hemligt bidrag', 'Utkastet', 'Hemlig utmaning'])
      assert.ok(!ttl.body.includes(secret), secret);

    const buffer = new ValidationBuffer();
    for (const q of fromXml) buffer.add(q);
    assert.deepEqual((await validateCatalog(buffer)).groups, [], `${path}: no violations`);
  }
});
