import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import { ns } from '../harvest/vocab.ts';

export type RdfSyntax = 'rdfxml' | 'turtle' | 'jsonld';
export const mediaTypes: Record<RdfSyntax, string> = { rdfxml: 'application/rdf+xml', turtle: 'text/turtle', jsonld: 'application/ld+json' };

const rdfTypes: Record<string, RdfSyntax> = {
  'application/rdf+xml': 'rdfxml',
  'text/turtle': 'turtle',
  'application/ld+json': 'jsonld',
};
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);
const formats: Record<string, RdfSyntax> = { ttl: 'turtle', turtle: 'turtle', jsonld: 'jsonld', rdf: 'rdfxml', rdfxml: 'rdfxml' };
/** `?format=`, read only from the table's own keys (`?format=toString` is no format). */
const formatOf = (format: unknown): RdfSyntax | null => (typeof format === 'string' && Object.hasOwn(formats, format) ? formats[format] : null);

/** The media types of an Accept header, most wanted first (ties in the order given); q=0 left out. */
function ranked(accept: string | undefined): string[] {
  return (accept ?? '')
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((a) => a.q > 0 && a.type)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((a) => a.type);
}

/** RDF/XML unless the client asks for Turtle or JSON-LD (dataportal.se harvests RDF/XML; it is the default). */
export function negotiateSyntax(accept: string | undefined, format: unknown): RdfSyntax {
  const asked = formatOf(format);
  if (asked) return asked;
  for (const type of ranked(accept)) {
    if (Object.hasOwn(rdfTypes, type)) return rdfTypes[type];
    if (type === 'application/xml' || type === '*/*') return 'rdfxml';
    if (type === 'application/json') return 'jsonld';
  }
  return 'rdfxml';
}

/**
 * For an IRI that is also a page: RDF only when the client names an RDF syntax before any HTML type (or asks with
 * `?format=`); browsers, and clients that take anything, get the page. A browser's `application/xml;q=0.9` ranks
 * below its `text/html`, so it never gets RDF/XML.
 */
export function wantsRdf(accept: string | undefined, format: unknown): RdfSyntax | null {
  const asked = formatOf(format);
  if (asked) return asked;
  for (const type of ranked(accept)) {
    if (Object.hasOwn(rdfTypes, type)) return rdfTypes[type];
    if (htmlTypes.has(type) || type === '*/*' || type === 'text/*') return null;
  }
  return null;
}

/** Beyond DCAT-AP-SE's: what the usage documents say with (W3C DUV, DQV and Web Annotation). */
export const usageNs = {
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  duv: 'http://www.w3.org/ns/duv#',
  dqv: 'http://www.w3.org/ns/dqv#',
  oa: 'http://www.w3.org/ns/oa#',
} as const;
const prefixes = { ...ns, ...usageNs, dcterms: ns.dct };
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A predicate IRI as prefix:local, for RDF/XML property elements (all of ours have a known namespace). */
function qname(iri: string): string {
  for (const [prefix, base] of Object.entries(prefixes)) {
    if (prefix !== 'dct' && iri.startsWith(base) && /^[A-Za-z_][\w.-]*$/.test(iri.slice(base.length))) return `${prefix}:${iri.slice(base.length)}`;
  }
  throw new Error(`no namespace for ${iri}`);
}

/**
 * RDF/XML, one rdf:Description per subject. n3 writes Turtle but not RDF/XML, and no maintained streaming RDF/XML
 * writer exists for RDF/JS; the flat form is a small, fully specified subset that every RDF/XML parser reads.
 */
function toRdfXml(quads: Quad[]): string {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<rdf:RDF ${Object.entries(prefixes)
      .filter(([p]) => p !== 'dct')
      .map(([p, iri]) => `xmlns:${p}="${iri}"`)
      .join(' ')}>`,
  ];
  for (const [subject, list] of bySubject) {
    out.push(`  <rdf:Description rdf:about="${xmlEscape(subject)}">`);
    for (const q of list) {
      const name = qname(q.predicate.value);
      const o = q.object;
      if (o.termType === 'NamedNode') out.push(`    <${name} rdf:resource="${xmlEscape(o.value)}"/>`);
      else if (o.termType === 'Literal') {
        const attr = o.language
          ? ` xml:lang="${o.language}"`
          : o.datatype && o.datatype.value !== `${ns.xsd}string`
            ? ` rdf:datatype="${xmlEscape(o.datatype.value)}"`
            : '';
        out.push(`    <${name}${attr}>${xmlEscape(o.value)}</${name}>`);
      }
    }
    out.push('  </rdf:Description>');
  }
  out.push('</rdf:RDF>', '');
  return out.join('\n');
}

/** Expanded JSON-LD: no context to fetch, so any JSON-LD reader takes it as it is. */
function toJsonLd(quads: Quad[]): string {
  const nodes = new Map<string, Record<string, unknown[]> & { '@id': string }>();
  for (const q of quads) {
    let node = nodes.get(q.subject.value);
    if (!node) nodes.set(q.subject.value, (node = { '@id': q.subject.value } as Record<string, unknown[]> & { '@id': string }));
    const o = q.object;
    if (q.predicate.value === `${ns.rdf}type`) {
      ((node['@type'] ??= []) as unknown[]).push(o.value);
      continue;
    }
    const value =
      o.termType === 'NamedNode'
        ? { '@id': o.value }
        : o.termType === 'Literal' && o.language
          ? { '@value': o.value, '@language': o.language }
          : o.termType === 'Literal' && o.datatype.value !== `${ns.xsd}string`
            ? { '@value': o.value, '@type': o.datatype.value }
            : { '@value': o.value };
    ((node[q.predicate.value] ??= []) as unknown[]).push(value);
  }
  return JSON.stringify([...nodes.values()], null, 1);
}

export function serialize(quads: Quad[], syntax: RdfSyntax): Promise<string> | string {
  if (syntax === 'rdfxml') return toRdfXml(quads);
  if (syntax === 'jsonld') return toJsonLd(quads);
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes: { dcat: ns.dcat, dcterms: ns.dct, foaf: ns.foaf, vcard: ns.vcard, xsd: ns.xsd, skos: ns.skos, ...usageNs } });
    writer.addQuads(quads);
    writer.end((err, result) => (err ? reject(err) : resolve(result)));
  });
}
