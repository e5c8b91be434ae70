import type { HarvestProblem } from '../../../db/schema/index.ts';
import { themeCodes } from '../../challenges/themes.ts';
import { CompactGraph, RDF_TYPE, type Value } from './graph.ts';
import { deduplicate, type DatasetRecord, type DistributionRecord, type Mapped } from './record.ts';
import { ns, THEME_BASE } from './vocab.ts';

/** IRIs by local name, made once: a string built per look-up would be hashed again on every one, 25,000 times over. */
function terms<const Names extends string[]>(base: string, names: Names): Record<Names[number], string> {
  return Object.fromEntries(names.map((name) => [name, base + name])) as Record<Names[number], string>;
}
const dct = terms(ns.dct, ['title', 'description', 'identifier', 'publisher', 'type', 'license', 'format', 'accessRights', 'issued', 'modified', 'hasPart']);
const dcat = terms(ns.dcat, ['dataset', 'distribution', 'contactPoint', 'theme', 'keyword', 'mediaType', 'accessURL', 'downloadURL', 'landingPage', 'accessService', 'endpointURL', 'service', 'servesDataset']);
const foaf = terms(ns.foaf, ['name']);
const CATALOG = ns.dcat + 'Catalog';
const DATASET = ns.dcat + 'Dataset';
const vcard = terms(ns.vcard, ['fn', 'hasEmail', 'organization-name']);

/** The predicates a harvest keeps (see CompactGraph). */
export const MAPPED_PREDICATES = new Set([RDF_TYPE, ...[dct, dcat, foaf, vcard].flatMap((vocabulary) => Object.values<string>(vocabulary))]);

/** Swedish (or untagged) and English texts from a set of literals. */
function texts(values: Value[]): { sv: string; en: string } {
  const literals = values.filter((v) => v.kind === 'literal');
  const en = literals.find((v) => v.lang.startsWith('en'))?.value ?? '';
  const sv = literals.find((v) => v.lang.startsWith('sv'))?.value ?? literals.find((v) => v.lang === '')?.value ?? (en ? '' : (literals[0]?.value ?? ''));
  return { sv: sv.trim(), en: en.trim() };
}

const iri = (v: Value | undefined) => (v && v.kind === 'iri' ? v.value : '');
const text = (v: Value | undefined) => (v ? v.value.trim() : '');

/**
 * Maps a DCAT-AP-SE graph to dataset records: the catalog's datasets (and those of its sub-catalogs, one level
 * deep via dct:hasPart), with publisher, contact point, themes, keywords, distributions and data services. Each
 * record is made when it is read, so writing the first ones overlaps mapping the rest.
 */
export function mapDcat(graph: CompactGraph): Mapped {
  const problems: HarvestProblem[] = [];
  return { records: deduplicate(datasetRecords(graph, problems), problems), problems };
}

function* datasetRecords(graph: CompactGraph, problems: HarvestProblem[]): Generator<DatasetRecord> {
  const catalogs = [...graph.ofType(CATALOG)];
  const parts = new Set(catalogs.flatMap((c) => graph.all(c, dct.hasPart).map((v) => v.value)));
  const roots = catalogs.filter((c) => !parts.has(c));
  const read = [...roots, ...roots.flatMap((c) => graph.all(c, dct.hasPart).map((v) => v.value))];
  let datasetIds = [...new Set(read.flatMap((c) => graph.all(c, dcat.dataset).map((v) => v.value)))];
  if (catalogs.length === 0) {
    problems.push({ level: 'warning', code: 'no_catalog' });
    datasetIds = [...graph.ofType(DATASET)];
  }

  // Catalog-level data services name the datasets they serve.
  const servicesOf = new Map<string, string[]>();
  for (const c of read) {
    for (const service of graph.all(c, dcat.service)) {
      for (const served of graph.all(service.value, dcat.servesDataset)) servicesOf.set(served.value, [...(servicesOf.get(served.value) ?? []), service.value]);
    }
  }

  const service = (id: string): DistributionRecord => {
    const title = texts(graph.all(id, dct.title));
    const description = texts(graph.all(id, dct.description));
    return {
      kind: 'service',
      iri: id.startsWith('_:') ? '' : id,
      titleSv: title.sv,
      titleEn: title.en,
      descriptionSv: description.sv,
      descriptionEn: description.en,
      accessUrl: iri(graph.first(id, dcat.endpointURL)),
      downloadUrl: '',
      format: '',
      mediaType: '',
      licence: iri(graph.first(id, dct.license)),
    };
  };

  for (const id of datasetIds) {
    const title = texts(graph.all(id, dct.title));
    const subject = id.startsWith('_:') ? '' : id;
    if (!title.sv && !title.en) problems.push({ level: 'warning', code: 'no_title', subject: subject || undefined });
    if (!subject) problems.push({ level: 'warning', code: 'blank_dataset', subject: title.sv || title.en });
    const identifier = text(graph.first(id, dct.identifier));
    if (!identifier && !subject) continue; // nothing to know it by next time
    const description = texts(graph.all(id, dct.description));
    const publisher = graph.first(id, dct.publisher)?.value ?? '';
    const contact = graph.first(id, dcat.contactPoint)?.value ?? '';
    const distributions: DistributionRecord[] = [];
    const services = new Set(servicesOf.get(id) ?? []);
    for (const d of graph.all(id, dcat.distribution)) {
      const dTitle = texts(graph.all(d.value, dct.title));
      const dDescription = texts(graph.all(d.value, dct.description));
      const format = graph.first(d.value, dct.format);
      const mediaType = graph.first(d.value, dcat.mediaType);
      distributions.push({
        kind: 'distribution',
        iri: d.kind === 'iri' ? d.value : '',
        titleSv: dTitle.sv,
        titleEn: dTitle.en,
        descriptionSv: dDescription.sv,
        descriptionEn: dDescription.en,
        accessUrl: iri(graph.first(d.value, dcat.accessURL)),
        downloadUrl: iri(graph.first(d.value, dcat.downloadURL)),
        format: format ? format.value : '',
        mediaType: mediaType ? mediaType.value : '',
        licence: iri(graph.first(d.value, dct.license)),
      });
      for (const s of graph.all(d.value, dcat.accessService)) services.add(s.value);
    }
    for (const s of services) distributions.push(service(s));
    const email = text(graph.first(contact, vcard.hasEmail)).replace(/^mailto:/i, '');
    yield {
      key: identifier || subject,
      iri: subject,
      identifier,
      titleSv: title.sv,
      titleEn: title.en,
      descriptionSv: description.sv,
      descriptionEn: description.en,
      publisherIri: publisher.startsWith('_:') ? '' : publisher,
      publisherName: texts(graph.all(publisher, foaf.name)).sv || texts(graph.all(publisher, foaf.name)).en,
      publisherType: iri(graph.first(publisher, dct.type)),
      contactName: texts([...graph.all(contact, vcard.fn), ...graph.all(contact, vcard['organization-name'])]).sv,
      contactEmail: email,
      themes: [...new Set(graph.all(id, dcat.theme).map((v) => v.value.replace(THEME_BASE, '')).filter((c) => themeCodes.includes(c)))],
      keywords: [...new Set(graph.all(id, dcat.keyword).map((v) => v.value.trim()).filter(Boolean))],
      landingPage: iri(graph.first(id, dcat.landingPage)),
      accessRights: iri(graph.first(id, dct.accessRights)),
      issued: text(graph.first(id, dct.issued)),
      modified: text(graph.first(id, dct.modified)),
      distributions,
    };
  }
}
