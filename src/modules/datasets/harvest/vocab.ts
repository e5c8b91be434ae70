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
};

/** A short format name (the EU file-type code: CSV, JSON, …) from a file-type IRI, a media type or a plain word. */
export function formatName(value: string): string {
  if (!value) return '';
  if (value.startsWith(FILE_TYPE_BASE)) return value.slice(FILE_TYPE_BASE.length).toUpperCase();
  const media = value.split(';')[0].trim().toLowerCase().replace(/^https?:\/\/www\.iana\.org\/assignments\/media-types\//, '');
  if (mediaTypeNames[media]) return mediaTypeNames[media];
  return media.replace(/^.*\//, '').replace(/[^a-z0-9_]+/gi, '_').toUpperCase().slice(0, 20);
}

const licenceNames: Record<string, string> = {
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'http://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'https://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'http://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
  'https://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
};
/** A readable licence name for the well-known licences; otherwise the IRI itself. */
export function licenceName(iri: string): string {
  return licenceNames[iri] ?? licenceNames[iri.replace(/legalcode(\.\w+)?$/, '')] ?? iri;
}
