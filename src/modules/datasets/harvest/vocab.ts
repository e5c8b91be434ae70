import fs from 'node:fs';
import path from 'node:path';
/** The namespaces of DCAT-AP-SE, for reading and writing catalogs. */
export const ns = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcatap: 'http://data.europa.eu/r5r/',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'http://schema.org/',
  locn: 'http://www.w3.org/ns/locn#',
} as const;

export const THEME_BASE = 'http://publications.europa.eu/resource/authority/data-theme/';
export const FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/';
export const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

const mediaTypeNames: Record<string, string> = {
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/geo+json': 'GEOJSON',
  'application/ld+json': 'JSON_LD',
  'application/xml': 'XML',
  'text/xml': 'XML',
  'application/rdf+xml': 'RDF_XML',
  'text/turtle': 'RDF_TURTLE',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/pdf': 'PDF',
  'text/html': 'HTML',
  'application/zip': 'ZIP',
  'application/gzip': 'GZIP',
  'text/calendar': 'ICS',
  'application/vnd.google-earth.kml+xml': 'KML',
  'application/gml+xml': 'GML',
  'application/x-ndjson': 'NDJSON',
  'application/n-triples': 'RDF_N_TRIPLES',
  'application/n-quads': 'RDF_N_QUADS',
};

const IANA = /^https?:\/\/(www\.)?iana\.org\/assignments\/media-types\//;
/** Whether a format value names a type by itself: an EU file-type IRI, or a media type (as an IANA IRI or text) known here. */
export function isKnownFormat(value: string): boolean {
  const v = value.trim();
  return v.startsWith(FILE_TYPE_BASE) || IANA.test(v) || Object.hasOwn(mediaTypeNames, v.split(';')[0].trim().toLowerCase());
}

/**
 * A short format name (the EU file-type code: CSV, JSON, …) from a file-type IRI, an IANA media-type IRI, a media type
 * or a plain word; '' for a blank node's id, which names nothing.
 */
export function formatName(value: string): string {
  value = value.trim();
  if (!value || value.startsWith('_:')) return '';
  if (value.startsWith(FILE_TYPE_BASE)) return value.slice(FILE_TYPE_BASE.length).toUpperCase();
  const media = value
    .split(';')[0]
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?iana\.org\/assignments\/media-types\//, '');
  if (mediaTypeNames[media]) return mediaTypeNames[media];
  return media
    .replace(/\/+$/, '')
    .replace(/^.*[/#]/, '')
    .replace(/^\./, '')
    .replace(/[^a-z0-9_]+/gi, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .slice(0, 20);
}

const licenceNames: Record<string, string> = {
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'http://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'https://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'http://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
  'https://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
};
/**
 * The licences of CKAN's two default licence lists (before 2.9 and since, with SPDX-like ids), by id, as the addresses
 * those lists give. A site's own additions are not known here; its packages then need a license_url.
 */
const ckanLicences: Record<string, [url: string, name: string]> = {
  'cc-by': ['http://www.opendefinition.org/licenses/cc-by', 'CC BY'],
  'cc-by-sa': ['http://www.opendefinition.org/licenses/cc-by-sa', 'CC BY-SA'],
  'cc-zero': ['http://www.opendefinition.org/licenses/cc-zero', 'CC0'],
  'cc-nc': ['http://www.opendefinition.org/licenses/cc-nc', 'CC BY-NC'],
  'odc-by': ['http://www.opendefinition.org/licenses/odc-by', 'ODC-By'],
  'odc-odbl': ['http://www.opendefinition.org/licenses/odc-odbl', 'ODbL'],
  'odc-pddl': ['http://www.opendefinition.org/licenses/odc-pddl', 'PDDL'],
  gfdl: ['http://www.opendefinition.org/licenses/gfdl', 'GNU FDL'],
  'uk-ogl': ['http://reference.data.gov.uk/id/open-government-licence', 'OGL (UK)'],
  'CC-BY-4.0': ['https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0'],
  'CC-BY-SA-4.0': ['https://creativecommons.org/licenses/by-sa/4.0/', 'CC BY-SA 4.0'],
  'CC-BY-NC-4.0': ['https://creativecommons.org/licenses/by-nc/4.0/', 'CC BY-NC 4.0'],
  'CC0-1.0': ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0 1.0'],
  'ODC-BY-1.0': ['https://opendatacommons.org/licenses/by/1-0/', 'ODC-By 1.0'],
  'ODbL-1.0': ['https://opendatacommons.org/licenses/odbl/1-0/', 'ODbL 1.0'],
  'ODC-PDDL-1.0': ['https://opendatacommons.org/licenses/pddl/1-0/', 'PDDL 1.0'],
  'GFDL-1.3-no-cover-texts-no-invariant-sections': ['https://www.gnu.org/licenses/fdl-1.3.html', 'GNU FDL 1.3'],
  'OGL-UK-3.0': ['https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'OGL UK 3.0'],
};
for (const [url, name] of Object.values(ckanLicences)) licenceNames[url] ??= name;

/** A CKAN licence id as the licence's address; '' for ids such as "notspecified" or "other-open" that name none. */
export function ckanLicence(id: string): string {
  return (
    (Object.hasOwn(ckanLicences, id) ? ckanLicences[id] : Object.entries(ckanLicences).find(([k]) => k.toLowerCase() === id.trim().toLowerCase())?.[1])?.[0] ??
    ''
  );
}

const EU_LICENCE = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/licence\/([A-Z0-9_-]+)$/;
/**
 * A readable licence name for the well-known licences, those of the vocabularies and the EU licence authority list
 * (…/licence/CC_BY_4_0 is "CC BY 4.0"); otherwise the IRI itself.
 */
export function licenceName(iri: string): string {
  const eu = EU_LICENCE.exec(iri)?.[1];
  if (eu) return eu.replace(/_(\d+)_(\d+)$/, ' $1.$2').replaceAll('_', ' ');
  return licenceNames[iri] ?? licenceNames[iri.replace(/legalcode(\.\w+)?$/, '')] ?? (vocabularyLabel(iri, 'en') || iri);
}

/** BCP 47 tags of the EU authority languages (ISO 639-2/3 codes) that have a two-letter code. */
const twoLetter: Record<string, string> = {
  SWE: 'sv',
  ENG: 'en',
  FIN: 'fi',
  NOR: 'no',
  NOB: 'nb',
  NNO: 'nn',
  DAN: 'da',
  ISL: 'is',
  DEU: 'de',
  FRA: 'fr',
  SPA: 'es',
  ITA: 'it',
  POR: 'pt',
  NLD: 'nl',
  POL: 'pl',
  CES: 'cs',
  SLK: 'sk',
  SLV: 'sl',
  HUN: 'hu',
  RON: 'ro',
  BUL: 'bg',
  HRV: 'hr',
  ELL: 'el',
  EST: 'et',
  LAV: 'lv',
  LIT: 'lt',
  MLT: 'mt',
  GLE: 'ga',
  CAT: 'ca',
  EUS: 'eu',
  GLG: 'gl',
  RUS: 'ru',
  UKR: 'uk',
  ARA: 'ar',
  TUR: 'tr',
  SME: 'se',
  FAS: 'fa',
  SOM: 'so',
  ZHO: 'zh',
  JPN: 'ja',
  LTZ: 'lb',
  SRP: 'sr',
  BOS: 'bs',
  SQI: 'sq',
  MKD: 'mk',
  CYM: 'cy',
  FAO: 'fo',
  KUR: 'ku',
};

/**
 * The BCP 47 tag of a language given as an EU authority IRI (…/language/SWE), a Library of Congress ISO 639 IRI or a
 * code; '' when it is not a language.
 */
export function languageTag(value: string): string {
  const code = value
    .trim()
    .replace(/\/+$/, '')
    .replace(/^.*[/#]/, '');
  if (/^[a-z]{2}(-[a-z0-9]+)*$/i.test(code)) return code.toLowerCase();
  if (!/^[a-z]{3}$/i.test(code)) return '';
  return twoLetter[code.toUpperCase()] ?? code.toLowerCase();
}

type Labels = Map<string, { sv?: string; en?: string }>;
let vocabularyLabels: Labels | null = null;
/** Swedish and English labels of the controlled vocabularies' IRIs (licences, languages, frequencies, …) from Digg's bundle. */
function labels(): Labels {
  if (vocabularyLabels) return vocabularyLabels;
  const bundle = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../shapes/bundle-3.0.1.json'), 'utf8')) as { templates?: unknown[] } | unknown[];
  const templates = (Array.isArray(bundle) ? bundle : (bundle.templates ?? [])) as { choices?: { value?: string; label?: { sv?: string; en?: string } }[] }[];
  vocabularyLabels = new Map();
  for (const t of templates) for (const c of t.choices ?? []) if (c.value && c.label && !vocabularyLabels.has(c.value)) vocabularyLabels.set(c.value, c.label);
  return vocabularyLabels;
}

/** A vocabulary IRI's label in `lang` (else the other language), or '' when the vocabularies do not name it. */
export function vocabularyLabel(iri: string, lang: 'sv' | 'en'): string {
  const label = labels().get(iri) ?? labels().get(iri.replace(/^https:/, 'http:'));
  return label?.[lang] ?? label?.[lang === 'sv' ? 'en' : 'sv'] ?? '';
}
