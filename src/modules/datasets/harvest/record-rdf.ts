import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { LangText } from '../../../db/schema/index.ts';
import { RDF_TYPE } from './graph.ts';
import type { DatasetRecord } from './record.ts';
import { FILE_TYPE_BASE, ns, THEME_BASE } from './vocab.ts';

const { namedNode, blankNode, literal, quad } = DataFactory;
const isIri = (v: string) => /^(https?|urn|mailto):/i.test(v);

/**
 * Harvested records as DCAT-AP-SE statements, so a harvest that is not RDF (a CKAN site) gets the same quality report
 * as a catalog: what the site said, as DCAT-AP-SE would say it. The catalog node around them is this platform's
 * (named by the site's address and the source's title), so it is given what the profile requires of a catalog; the
 * datasets and distributions carry only what the site gave.
 */
export function recordsAsDcat(catalog: { iri: string; title: string }, records: DatasetRecord[]): Quad[] {
  const out: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad_Object) => out.push(quad(s, namedNode(p), o));
  // A list left out of the record is what the Swedish and English columns say.
  const texts = (s: Quad['subject'], p: string, list: LangText[] | undefined, sv: string, en = '') =>
    (list ?? [...(sv ? [{ lang: 'sv', value: sv }] : []), ...(en ? [{ lang: 'en', value: en }] : [])]).forEach((t) =>
      add(s, p, literal(t.value, t.lang || undefined)),
    );
  const c = namedNode(catalog.iri);
  add(c, RDF_TYPE, namedNode(ns.dcat + 'Catalog'));
  add(c, ns.dct + 'title', literal(catalog.title, 'sv'));
  add(c, ns.dct + 'description', literal(`${catalog.title} (${catalog.iri})`, 'sv'));
  const publisher = blankNode();
  add(c, ns.dct + 'publisher', publisher);
  add(publisher, RDF_TYPE, namedNode(ns.foaf + 'Agent'));
  add(publisher, ns.foaf + 'name', literal(records.find((r) => r.publisherName)?.publisherName || catalog.title));
  for (const r of records) {
    const d = namedNode(r.iri);
    add(c, ns.dcat + 'dataset', d);
    add(d, RDF_TYPE, namedNode(ns.dcat + 'Dataset'));
    if (r.identifier) add(d, ns.dct + 'identifier', literal(r.identifier));
    texts(d, ns.dct + 'title', r.texts.title, r.titleSv, r.titleEn);
    texts(d, ns.dct + 'description', r.texts.description, r.descriptionSv, r.descriptionEn);
    if (r.texts.keywords) texts(d, ns.dcat + 'keyword', r.texts.keywords, '');
    else for (const k of r.keywords) add(d, ns.dcat + 'keyword', literal(k, 'sv'));
    for (const theme of r.themes) add(d, ns.dcat + 'theme', namedNode(THEME_BASE + theme));
    if (r.publisherName) {
      const agent = blankNode();
      add(d, ns.dct + 'publisher', agent);
      add(agent, RDF_TYPE, namedNode(ns.foaf + 'Agent'));
      add(agent, ns.foaf + 'name', literal(r.publisherName));
    }
    if (r.contactName || r.contactEmail) {
      const contact = blankNode();
      add(d, ns.dcat + 'contactPoint', contact);
      add(contact, RDF_TYPE, namedNode(ns.vcard + 'Organization'));
      if (r.contactName) add(contact, ns.vcard + 'fn', literal(r.contactName));
      if (r.contactEmail) add(contact, ns.vcard + 'hasEmail', namedNode(`mailto:${r.contactEmail}`));
    }
    if (isIri(r.landingPage)) add(d, ns.dcat + 'landingPage', namedNode(r.landingPage));
    if (r.issued) add(d, ns.dct + 'issued', literal(r.issued, namedNode(ns.xsd + 'date')));
    if (r.modified) add(d, ns.dct + 'modified', literal(r.modified, namedNode(ns.xsd + 'date')));
    for (const x of r.distributions) {
      const dist = x.iri ? namedNode(x.iri) : blankNode();
      add(d, ns.dcat + 'distribution', dist);
      add(dist, RDF_TYPE, namedNode(ns.dcat + 'Distribution'));
      texts(dist, ns.dct + 'title', x.texts.title, x.titleSv, x.titleEn);
      texts(dist, ns.dct + 'description', x.texts.description, x.descriptionSv, x.descriptionEn);
      if (isIri(x.accessUrl)) add(dist, ns.dcat + 'accessURL', namedNode(x.accessUrl));
      if (isIri(x.downloadUrl)) add(dist, ns.dcat + 'downloadURL', namedNode(x.downloadUrl));
      // A CKAN format is a word (CSV, WMS): as the EU file type of that name, which the validator then checks exists.
      for (const format of x.formats) add(dist, ns.dct + 'format', namedNode(FILE_TYPE_BASE + format));
      if (x.licence) add(dist, ns.dct + 'license', isIri(x.licence) ? namedNode(x.licence) : literal(x.licence));
    }
  }
  return out;
}
