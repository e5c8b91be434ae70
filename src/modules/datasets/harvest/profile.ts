import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DatasetCore, Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { ns } from './vocab.ts';

/**
 * What DCAT-AP-SE 3.0.1 adds to the EU shapes, read from Digg's own profile (bundle-3.0.1.json, the RDForms templates
 * dataportal.se's editor uses) and the EU vocabularies bundled beside the shapes:
 * - the profile's cardinalities as SHACL (the EU shapes leave out some, e.g. a distribution's mandatory dct:format);
 * - the controlled vocabularies, so that a theme, licence or language IRI from them counts as described.
 */
const SHAPES_DIR = path.join(import.meta.dirname, '../shapes');
export const PROFILE_FILES = ['bundle-3.0.1.json', ...fs.readdirSync(path.join(SHAPES_DIR, 'vocabularies')).map((f) => `vocabularies/${f}`)];

const { namedNode, blankNode, literal, quad } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const RDF_TYPE = namedNode(ns.rdf + 'type');
const SKOS_CONCEPT = ns.skos + 'Concept';
const prefixes: Record<string, string> = {
  ...ns,
  dcterms: ns.dct,
  vc: ns.vcard,
  owl: 'http://www.w3.org/2002/07/owl#',
  schema: 'http://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
};
const expand = (name: string) => {
  if (/^https?:/.test(name)) return name;
  const [prefix, local] = name.split(':');
  return prefixes[prefix] !== undefined && local ? prefixes[prefix] + local : null;
};

interface Template {
  id: string;
  type: string;
  property?: string;
  items?: (string | { id: string; cardinality?: Cardinality })[];
  cardinality?: Cardinality;
  constraints?: Record<string, string | string[]>;
  choices?: { value: string }[];
}
interface Cardinality {
  min?: number;
  max?: number;
}

const readBundle = () => (JSON.parse(fs.readFileSync(path.join(SHAPES_DIR, PROFILE_FILES[0]), 'utf8')) as { templates: Template[] }).templates;

/**
 * The profile's cardinalities as SHACL node shapes, one per class the profile describes (dcat:Catalog, dcat:Dataset,
 * dcat:Distribution, dcat:DataService, foaf:Agent, the contact point, …). A group item without a property (the
 * "format" group of a distribution) is its first template's property.
 */
export function cardinalityShapes(): Quad[] {
  const templates = readBundle();
  const byId = new Map(templates.map((t) => [t.id, t]));
  const quads: Quad[] = [];
  templates.forEach((group, i) => {
    const types = group.type === 'group' ? [group.constraints?.[ns.rdf + 'type'] ?? group.constraints?.['rdf:type'] ?? []].flat() : [];
    const classes = types.map(expand).filter((c): c is string => c !== null);
    if (classes.length === 0) return;
    const shape = blankNode(`profile${i}`);
    quads.push(quad(shape, RDF_TYPE, namedNode(SH + 'NodeShape')));
    for (const c of classes) quads.push(quad(shape, namedNode(SH + 'targetClass'), namedNode(c)));
    (group.items ?? []).forEach((item, j) => {
      const id = typeof item === 'string' ? item : item.id;
      const template = byId.get(id);
      const card = { ...template?.cardinality, ...(typeof item === 'string' ? {} : item.cardinality) };
      const property =
        template?.property ?? byId.get(typeof template?.items?.[0] === 'string' ? template.items[0] : (template?.items?.[0]?.id ?? ''))?.property;
      const iri = property && property !== 'rdf:type' ? expand(property) : null;
      // A group's max applies to the group (a format from one of three lists), not to how many formats there are.
      const max = template?.type === 'group' ? undefined : card.max;
      if (!iri || (!card.min && max === undefined)) return;
      const p = blankNode(`profile${i}_${j}`);
      quads.push(
        quad(shape, namedNode(SH + 'property'), p),
        quad(p, namedNode(SH + 'path'), namedNode(iri)),
        quad(p, namedNode(SH + 'severity'), namedNode(SH + 'Violation')),
      );
      if (card.min) quads.push(quad(p, namedNode(SH + 'minCount'), literal(String(card.min), namedNode(ns.xsd + 'integer'))));
      if (max !== undefined) quads.push(quad(p, namedNode(SH + 'maxCount'), literal(String(max), namedNode(ns.xsd + 'integer'))));
    });
  });
  return quads;
}

/** Which vocabulary file serves which property (the files themselves only say skos:Concept). */
const FILE_PROPERTIES: Record<string, string> = {
  'access-right-skos.rdf': ns.dct + 'accessRights',
  'data-theme-skos.rdf': ns.dcat + 'theme',
  'distribution-status-skos.rdf': ns.adms + 'status',
  'file-type.rdf': ns.dct + 'format',
  'frequency.rdf': ns.dct + 'accrualPeriodicity',
};

/**
 * Every vocabulary IRI with the classes it has: skos:Concept, and the classes the shapes require of the values of the
 * property it is chosen for (a licence is a dct:LicenseDocument, a language a dct:LinguisticSystem). `classesOf(path)`
 * answers those from the shapes.
 */
export async function loadVocabularies(classesOf: (path: string) => string[]): Promise<Map<string, Set<string>>> {
  const terms = new Map<string, Set<string>>();
  const add = (iri: string, property: string) => {
    if (!/^https?:\/\//.test(iri)) return; // media-type choices such as "text/csv" are literals
    const set = terms.get(iri) ?? new Set([SKOS_CONCEPT]);
    for (const c of classesOf(property)) set.add(c);
    terms.set(iri, set);
  };
  for (const t of readBundle()) {
    const property = t.property && t.property !== 'rdf:type' && expand(t.property);
    if (property && t.choices) for (const c of t.choices) add(c.value, property);
  }
  for (const file of PROFILE_FILES.slice(1)) {
    const property = FILE_PROPERTIES[path.basename(file)];
    if (!property) continue;
    const parser = new RdfXmlParser({ baseIRI: 'http://publications.europa.eu/resource/authority/' });
    for await (const q of Readable.from([fs.readFileSync(path.join(SHAPES_DIR, file), 'utf8')]).pipe(parser) as AsyncIterable<Quad>) {
      if (q.predicate.value === RDF_TYPE.value && q.object.value === SKOS_CONCEPT) add(q.subject.value, property);
      if (q.predicate.value === ns.skos + 'inScheme') terms.set(q.object.value, terms.get(q.object.value) ?? new Set([ns.skos + 'ConceptScheme']));
    }
  }
  return terms;
}

/**
 * Types each vocabulary IRI the document uses but does not describe with its classes, so class checks on it pass.
 * Returns those IRIs: what the shapes then say about them (a concept's skos:prefLabel) is about the vocabulary, which
 * the validator was only told the types of, and not about the document.
 */
export function describeVocabularyTerms(data: DatasetCore, vocabularies: Map<string, Set<string>>): Set<string> {
  const candidates = new Set<string>();
  for (const q of data) if (q.object.termType === 'NamedNode' && vocabularies.has(q.object.value)) candidates.add(q.object.value);
  const used = new Set([...candidates].filter((iri) => data.match(namedNode(iri)).size === 0));
  for (const iri of used) {
    const node = namedNode(iri);
    for (const c of vocabularies.get(iri)!) data.add(quad(node, RDF_TYPE, namedNode(c)));
  }
  return used;
}
