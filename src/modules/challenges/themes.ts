import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

export interface Theme {
  code: string;
  iri: string;
  label: { sv: string; en: string };
}

const SCHEME = 'http://publications.europa.eu/resource/authority/data-theme';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
// A copy of ../shared/data/dcat-ap-se/shapes/vocabularies/data-theme-skos.rdf, so the app runs without shared/.
// A test checks that the copy is identical.
export const THEMES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data-vocabularies/data-theme-skos.rdf');
// The Publications Office's "provisional data" placeholder is a top concept but not one of the 13 DCAT-AP themes.
const NOT_A_THEME = new Set(['OP_DATPRO']);

/** The EU data themes with their Swedish and English labels, read from the EU vocabulary (RDF/XML). */
async function loadThemes(): Promise<Theme[]> {
  const labels = new Map<string, { sv?: string; en?: string }>();
  const top = new Set<string>();
  const parser = new RdfXmlParser({ baseIRI: SCHEME });
  await new Promise<void>((resolve, reject) => {
    parser
      .on('data', (q) => {
        if (q.predicate.value === `${SKOS}hasTopConcept` && q.subject.value === SCHEME) top.add(q.object.value);
        if (q.predicate.value === `${SKOS}prefLabel` && (q.object.language === 'sv' || q.object.language === 'en')) {
          const entry = labels.get(q.subject.value) ?? {};
          entry[q.object.language as 'sv' | 'en'] = q.object.value;
          labels.set(q.subject.value, entry);
        }
      })
      .on('error', reject)
      .on('end', resolve);
    fs.createReadStream(THEMES_FILE).pipe(parser);
  });
  return [...top]
    .map((iri) => ({ iri, code: iri.slice(SCHEME.length + 1), label: { sv: labels.get(iri)?.sv ?? '', en: labels.get(iri)?.en ?? '' } }))
    .filter((t) => !NOT_A_THEME.has(t.code) && t.label.sv && t.label.en)
    .sort((a, b) => a.label.sv.localeCompare(b.label.sv, 'sv'));
}

export const themes: Theme[] = await loadThemes();
export const themeCodes = themes.map((t) => t.code);
export const themeByCode = new Map(themes.map((t) => [t.code, t]));
