import type { DatasetDetails, HarvestProblem, LangText } from '../../../db/schema/index.ts';
import { themeCodes } from '../../challenges/themes.ts';
import { CompactGraph, RDF_TYPE, type Value } from './graph.ts';
import type { DatasetRecord, DistributionRecord } from './record.ts';
import { formatName, isKnownFormat, languageTag, ns, THEME_BASE } from './vocab.ts';

/** IRIs by local name, made once: a string built per look-up would be hashed again on every one, 25,000 times over. */
function terms<const Names extends string[]>(base: string, names: Names): Record<Names[number], string> {
  return Object.fromEntries(names.map((name) => [name, base + name])) as Record<Names[number], string>;
}
const dct = terms(ns.dct, [
  'title',
  'description',
  'identifier',
  'publisher',
  'type',
  'license',
  'format',
  'accessRights',
  'issued',
  'modified',
  'hasPart',
  'temporal',
  'spatial',
  'accrualPeriodicity',
  'language',
  'conformsTo',
]);
const dcat = terms(ns.dcat, [
  'dataset',
  'distribution',
  'contactPoint',
  'theme',
  'keyword',
  'mediaType',
  'accessURL',
  'downloadURL',
  'landingPage',
  'accessService',
  'endpointURL',
  'service',
  'servesDataset',
  'startDate',
  'endDate',
  'bbox',
  'geometry',
  'centroid',
]);
const foaf = terms(ns.foaf, ['name']);
const vcard = terms(ns.vcard, ['fn', 'hasEmail', 'organization-name', 'hasURL']);
const adms = terms(ns.adms, ['contactPoint']);
const schema = terms(ns.schema, ['startDate', 'endDate']);
const locn = terms(ns.locn, ['geometry']);
// OWL-Time periods (NTI-RISP and older DCAT-AP catalogs): time:hasBeginning [ time:inXSDDateTime "…" ].
const time = terms('http://www.w3.org/2006/time#', ['hasBeginning', 'hasEnd', 'inXSDDateTime', 'inXSDDate']);
// The names a format node (a dct:IMT or dct:MediaTypeOrExtent) or a place goes by.
const names = { value: ns.rdf + 'value', label: ns.rdfs + 'label', prefLabel: ns.skos + 'prefLabel' };
const CATALOG = ns.dcat + 'Catalog';
const DATASET = ns.dcat + 'Dataset';
const DATA_SERVICE = ns.dcat + 'DataService';

/** The predicates a harvest keeps (see CompactGraph). */
export const MAPPED_PREDICATES = new Set([
  RDF_TYPE,
  ...[dct, dcat, foaf, vcard, adms, schema, locn, time, names].flatMap((vocabulary) => Object.values<string>(vocabulary)),
]);

/**
 * The literals among `values` with their language: an untagged one is in the catalog's declared language
 * (`fallback`), else its language is unknown (''). Tags are lower-cased; repeats are dropped.
 */
function langTexts(values: Value[], fallback: string): LangText[] {
  const out: LangText[] = [];
  for (const v of values) {
    if (v.kind !== 'literal') continue;
    const value = v.value.trim();
    const lang = v.lang ? v.lang.toLowerCase() : fallback;
    if (value && !out.some((t) => t.lang === lang && t.value === value)) out.push({ lang, value });
  }
  return out;
}

/**
 * The Swedish and English text for the search columns: Swedish, else a text of unknown language, else (with no English)
 * any other, so every dataset can be found and listed by some title; the page shows each with its own language.
 */
export function svEn(texts: LangText[]): { sv: string; en: string } {
  const en = texts.find((t) => t.lang === 'en' || t.lang.startsWith('en-'))?.value ?? '';
  const sv =
    texts.find((t) => t.lang === 'sv' || t.lang.startsWith('sv-'))?.value ?? texts.find((t) => t.lang === '')?.value ?? (en ? '' : (texts[0]?.value ?? ''));
  return { sv, en };
}

/** Whether the Swedish and English columns say all of `texts` (so it need not be stored beside them). */
function plain(texts: LangText[], columns: { sv: string; en: string }): boolean {
  const sv = texts.filter((t) => t.lang === 'sv');
  const en = texts.filter((t) => t.lang === 'en');
  return (
    sv.length + en.length === texts.length && sv.length <= 1 && en.length <= 1 && (sv[0]?.value ?? '') === columns.sv && (en[0]?.value ?? '') === columns.en
  );
}
/** The texts to store: those the columns do not already say. */
export function extraTexts<T extends Record<string, LangText[]>>(lists: T, columns: { [K in keyof T]?: { sv: string; en: string } }): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(lists) as (keyof T)[]) {
    const list = lists[key];
    const kept = columns[key] ? !plain(list, columns[key]) : !list.every((t) => t.lang === 'sv');
    if (kept && list.length) out[key] = list;
  }
  return out;
}

/** An address given as an IRI or as a literal (`"https://…"^^xsd:anyURI`, or a plain string). */
const url = (v: Value | undefined) => (v && v.kind !== 'blank' && /^(https?|ftp|mailto):/i.test(v.value.trim()) ? v.value.trim() : '');
/** An IRI, or a literal standing for one (a licence named by its address or its name). */
const iriOrText = (v: Value | undefined) => (v && v.kind !== 'blank' ? v.value.trim() : '');
const text = (v: Value | undefined) => (v && v.kind === 'literal' ? v.value.trim() : '');

/**
 * Maps a DCAT-AP-SE graph to dataset records: the catalog's datasets (and those of its sub-catalogs, one level
 * deep via dct:hasPart), with publisher, contact points, themes, keywords, distributions and data services, in the
 * order the catalogs list them (duplicates included). Each record is made when it is read.
 */
export function* datasetRecords(graph: CompactGraph, problems: HarvestProblem[]): Generator<DatasetRecord> {
  const catalogs = [...graph.ofType(CATALOG)];
  const parts = new Set(catalogs.flatMap((c) => graph.all(c, dct.hasPart).map((v) => v.value)));
  const roots = catalogs.filter((c) => !parts.has(c));
  const read = [...roots, ...roots.flatMap((c) => graph.all(c, dct.hasPart).map((v) => v.value))];
  let datasetIds = [...new Set(read.flatMap((c) => graph.all(c, dcat.dataset).map((v) => v.value)))];
  if (catalogs.length === 0) {
    problems.push({ level: 'warning', code: 'no_catalog' });
    datasetIds = [...graph.ofType(DATASET)];
  }
  // Data services name the datasets they serve: those of the catalogs, and any typed as one anywhere in the document.
  const servicesOf = new Map<string, string[]>();
  const allServices = new Set([...read.flatMap((c) => graph.all(c, dcat.service).map((s) => s.value)), ...graph.ofType(DATA_SERVICE)]);
  for (const service of allServices) {
    for (const served of graph.all(service, dcat.servesDataset)) servicesOf.set(served.value, [...(servicesOf.get(served.value) ?? []), service]);
  }
  const mapper = dcatMapper(graph, problems, { fallback: declaredLanguage(graph, roots), servicesOf: (id) => servicesOf.get(id) ?? [] });
  for (const id of datasetIds) {
    const record = mapper.record(id);
    if (record) yield record;
  }
}

/** Untagged text is in the catalog's language when it declares exactly one; otherwise its language is not known. */
export function declaredLanguage(graph: CompactGraph, catalogs: string[]): string {
  const declared = [
    ...new Set(
      catalogs
        .flatMap((c) => graph.all(c, dct.language))
        .map((v) => languageTag(v.value))
        .filter(Boolean),
    ),
  ];
  return declared.length === 1 ? declared[0] : '';
}

/** What a dataset's record depends on beyond its own statements: the document's language and who serves it. */
export interface DcatContext {
  fallback: string;
  servicesOf: (dataset: string) => string[];
}

/**
 * Maps one dataset at a time (`record`), and says which subjects of the graph that reads (`nodes`), so a streamed
 * harvest (stream-map.ts) knows what must be complete before a dataset is mapped, and can forget it afterwards. A
 * publisher named by IRI is not among them: its name and type are `publisher`'s, and may be given after the dataset.
 */
export function dcatMapper(graph: CompactGraph, problems: HarvestProblem[], { fallback, servicesOf }: DcatContext) {
  const textsOf = (id: string, predicate: string) => langTexts(graph.all(id, predicate), fallback);

  /**
   * A format's readable name: from a literal, an EU file-type or IANA media-type IRI, or a format node (a dct:IMT or
   * dct:MediaTypeOrExtent, blank or not): its rdf:value when that is a known type, else its label ("Shapefile" rather
   * than the "application/octet-stream" beside it), else its value. Never a blank node's id.
   */
  const formatOf = (v: Value, depth = 0): string => {
    if (v.kind === 'literal' || isKnownFormat(v.value) || depth > 2) return formatName(v.value);
    const value = graph.first(v.value, names.value);
    const label = [names.label, names.prefLabel, dct.title].map((p) => graph.first(v.value, p)).find((l) => l?.kind === 'literal');
    if (value && (isKnownFormat(value.value) || !label)) return formatOf(value, depth + 1);
    if (label) return formatName(label.value);
    return v.kind === 'iri' ? formatName(v.value) : '';
  };
  const formatsOf = (id: string) => [...new Set([...graph.all(id, dct.format), ...graph.all(id, dcat.mediaType)].map((v) => formatOf(v)).filter(Boolean))];
  /** The first format as given (an IRI or a literal, never a blank node's id), for the catalogs this platform publishes. */
  const rawFormat = (id: string, predicate: string) => iriOrText(graph.all(id, predicate).find((v) => v.kind !== 'blank'));

  const service = (id: string): DistributionRecord => {
    const title = textsOf(id, dct.title);
    const description = textsOf(id, dct.description);
    return {
      kind: 'service',
      iri: id.startsWith('_:') ? '' : id,
      titleSv: svEn(title).sv,
      titleEn: svEn(title).en,
      descriptionSv: svEn(description).sv,
      descriptionEn: svEn(description).en,
      accessUrl: url(graph.first(id, dcat.endpointURL)),
      downloadUrl: '',
      format: rawFormat(id, dct.format),
      mediaType: rawFormat(id, dcat.mediaType),
      licence: iriOrText(graph.first(id, dct.license)),
      formats: formatsOf(id),
      texts: extraTexts({ title, description }, { title: svEn(title), description: svEn(description) }),
      accessService: '',
    };
  };

  const contacts = (id: string) =>
    [...graph.all(id, dcat.contactPoint), ...graph.all(id, adms.contactPoint)].map((c) => ({
      name: langTexts([...graph.all(c.value, vcard.fn), ...graph.all(c.value, vcard['organization-name'])], fallback),
      email: (url(graph.first(c.value, vcard.hasEmail)) || text(graph.first(c.value, vcard.hasEmail))).replace(/^mailto:/i, ''),
      url: url(graph.first(c.value, vcard.hasURL)),
    }));

  const details = (id: string): DatasetDetails => {
    const instant = (node: Value | undefined) => (node ? text(graph.first(node.value, time.inXSDDateTime) ?? graph.first(node.value, time.inXSDDate)) : '');
    const temporal = graph.all(id, dct.temporal).map((p) => ({
      start: text(graph.first(p.value, dcat.startDate) ?? graph.first(p.value, schema.startDate)) || instant(graph.first(p.value, time.hasBeginning)),
      end: text(graph.first(p.value, dcat.endDate) ?? graph.first(p.value, schema.endDate)) || instant(graph.first(p.value, time.hasEnd)),
      iri: p.kind === 'iri' ? p.value : '',
    }));
    // A frequency is a vocabulary IRI, or (NTI-RISP) a node with a label such as "Cada trimestre".
    const frequency = graph.first(id, dct.accrualPeriodicity);
    const frequencyLabel = frequency?.kind === 'blank' ? text(graph.first(frequency.value, names.label) ?? graph.first(frequency.value, names.prefLabel)) : '';
    const spatial = graph.all(id, dct.spatial).map((p) => ({
      iri: p.kind === 'blank' ? '' : p.value,
      geometry: text(
        graph.first(p.value, dcat.geometry) ?? graph.first(p.value, locn.geometry) ?? graph.first(p.value, dcat.bbox) ?? graph.first(p.value, dcat.centroid),
      ),
      label: langTexts([...graph.all(p.value, names.prefLabel), ...graph.all(p.value, names.label)], fallback),
    }));
    const conformsTo = graph
      .all(id, dct.conformsTo)
      .filter((c) => c.value.trim())
      .map((c) => ({
        iri: c.kind === 'blank' ? '' : c.value,
        title: langTexts([...graph.all(c.value, dct.title), ...graph.all(c.value, names.label)], fallback),
      }));
    return compact({
      licence: iriOrText(graph.first(id, dct.license)),
      temporal: temporal.filter((p) => p.start || p.end || p.iri).map(compact),
      spatial: spatial.filter((p) => p.iri || p.geometry || p.label.length).map(compact),
      frequency: iriOrText(frequency) || frequencyLabel,
      languages: [
        ...new Set(
          graph
            .all(id, dct.language)
            .map((l) => iriOrText(l.kind === 'blank' ? graph.first(l.value, names.value) : l))
            .filter(Boolean),
        ),
      ],
      conformsTo: conformsTo.filter((c) => c.iri || c.title.length).map(compact),
      contacts: contacts(id)
        .filter((c) => c.name.length || c.email || c.url)
        .map(compact),
    });
  };

  const publisher = (iri: string) => {
    const names = langTexts(graph.all(iri, foaf.name), fallback);
    return { name: svEn(names).sv || svEn(names).en, type: iriOrText(graph.first(iri, dct.type)) };
  };

  const record = (id: string): DatasetRecord | undefined => {
    const titles = textsOf(id, dct.title);
    const title = svEn(titles);
    const subject = id.startsWith('_:') ? '' : id;
    if (!title.sv && !title.en) problems.push({ level: 'warning', code: 'no_title', subject: subject || undefined });
    if (!subject) problems.push({ level: 'warning', code: 'blank_dataset', subject: title.sv || title.en });
    const identifier = text(graph.first(id, dct.identifier)) || iriOrText(graph.first(id, dct.identifier));
    if (!identifier && !subject) return undefined; // nothing to know it by next time
    const descriptions = textsOf(id, dct.description);
    const description = svEn(descriptions);
    const keywords = textsOf(id, dcat.keyword);
    const publisherId = graph.first(id, dct.publisher)?.value ?? '';
    const distributions: DistributionRecord[] = [];
    const services = new Set(servicesOf(id));
    for (const d of graph.all(id, dcat.distribution)) {
      const dTitle = textsOf(d.value, dct.title);
      const dDescription = textsOf(d.value, dct.description);
      const accessService = graph.first(d.value, dcat.accessService);
      distributions.push({
        kind: 'distribution',
        iri: d.kind === 'iri' ? d.value : '',
        titleSv: svEn(dTitle).sv,
        titleEn: svEn(dTitle).en,
        descriptionSv: svEn(dDescription).sv,
        descriptionEn: svEn(dDescription).en,
        accessUrl: url(graph.first(d.value, dcat.accessURL)),
        downloadUrl: url(graph.first(d.value, dcat.downloadURL)),
        format: rawFormat(d.value, dct.format),
        mediaType: rawFormat(d.value, dcat.mediaType),
        licence: iriOrText(graph.first(d.value, dct.license)),
        formats: formatsOf(d.value),
        texts: extraTexts({ title: dTitle, description: dDescription }, { title: svEn(dTitle), description: svEn(dDescription) }),
        accessService: accessService?.kind === 'iri' ? accessService.value : '',
      });
      for (const s of graph.all(d.value, dcat.accessService)) services.add(s.value);
    }
    for (const s of services) distributions.push(service(s));
    const about = details(id);
    const contact = about.contacts?.find((c) => c.name.length) ?? about.contacts?.[0];
    const by = publisher(publisherId);
    return {
      key: identifier || subject,
      iri: subject,
      identifier,
      titleSv: title.sv,
      titleEn: title.en,
      descriptionSv: description.sv,
      descriptionEn: description.en,
      publisherIri: publisherId.startsWith('_:') ? '' : publisherId,
      publisherName: by.name,
      publisherType: by.type,
      contactName: contact ? svEn(contact.name).sv || svEn(contact.name).en : '',
      contactEmail: contact?.email ?? '',
      themes: [
        ...new Set(
          graph
            .all(id, dcat.theme)
            .map((v) => v.value.replace(THEME_BASE, ''))
            .filter((c) => themeCodes.includes(c)),
        ),
      ],
      keywords: [...new Set(keywords.map((k) => k.value))],
      landingPage: url(graph.first(id, dcat.landingPage)),
      accessRights: iriOrText(graph.first(id, dct.accessRights)),
      issued: text(graph.first(id, dct.issued)),
      modified: text(graph.first(id, dct.modified)),
      texts: extraTexts({ title: titles, description: descriptions, keywords }, { title, description }),
      details: about,
      distributions,
    };
  };

  /**
   * The subjects `record(id)` reads (or might: a literal's text is looked up as a subject too), in the same order of
   * predicates; kept beside `record` so that the two change together.
   */
  const nodes = (id: string): Set<string> => {
    const out = new Set<string>([id]);
    const objects = (s: string, ...predicates: string[]) => predicates.flatMap((p) => graph.all(s, p));
    const formatNodes = (s: string) => {
      const walk = (v: Value, depth: number) => {
        if (v.kind === 'literal' || isKnownFormat(v.value) || depth > 2) return;
        out.add(v.value);
        const value = graph.first(v.value, names.value);
        if (value) walk(value, depth + 1);
      };
      for (const v of objects(s, dct.format, dcat.mediaType)) walk(v, 0);
    };
    const serviceNodes = (s: string) => {
      out.add(s);
      formatNodes(s);
    };
    for (const d of graph.all(id, dcat.distribution)) {
      out.add(d.value);
      formatNodes(d.value);
      for (const s of graph.all(d.value, dcat.accessService)) serviceNodes(s.value);
    }
    for (const s of servicesOf(id)) serviceNodes(s);
    for (const c of objects(id, dcat.contactPoint, adms.contactPoint, dct.spatial, dct.conformsTo)) out.add(c.value);
    for (const p of graph.all(id, dct.temporal)) {
      out.add(p.value);
      for (const n of objects(p.value, time.hasBeginning, time.hasEnd)) out.add(n.value);
    }
    for (const v of objects(id, dct.accrualPeriodicity, dct.language)) if (v.kind === 'blank') out.add(v.value);
    const by = graph.first(id, dct.publisher);
    if (by && by.kind !== 'iri') out.add(by.value);
    return out;
  };

  return { record, nodes, publisher };
}

/** Without its empty fields, so a record (and its stored JSON) carries only what the catalog said. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
