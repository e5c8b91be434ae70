import type { Quad } from '@rdfjs/types';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { DataFactory } from 'n3';
import type { Ctx } from '../../../context.ts';
import { datasets, distributions, organisations } from '../../../db/schema/index.ts';
import { themeByCode } from '../../challenges/themes.ts';
import { CC0, FILE_TYPE_BASE, formatName, ns, THEME_BASE } from '../harvest/vocab.ts';
import { referencesToDatasets } from './usage.ts';

const { namedNode, literal, quad } = DataFactory;
type Organisation = typeof organisations.$inferSelect;

const publisherTypes: Record<Organisation['type'], string> = {
  agency: 'NationalAuthority',
  municipality: 'LocalAuthority',
  region: 'RegionalAuthority',
  company: 'Company',
  nonprofit: 'NonProfitOrganisation',
  academia: 'Academia-ScientificOrganisation',
};

/** The publisher IRI dataportal.se recommends (SE + organisationsnummer), else one of the platform's own. */
export function publisherIri(base: string, org: Pick<Organisation, 'slug' | 'orgNumber'>): string {
  const digits = org.orgNumber?.replace(/\D/g, '').slice(-10);
  return digits ? `http://dataportal.se/organisation/SE${digits}` : `${base}/organisations/${org.slug}#publisher`;
}

/** Collects statements without repeats (a licence or theme is typed once however often it is used). */
class Statements {
  readonly quads: Quad[] = [];
  private seen = new Set<string>();
  add(s: string, p: string, o: string | { text: string; lang?: string; type?: string }) {
    const object = typeof o === 'string' ? namedNode(o) : literal(o.text, o.lang ?? (o.type ? namedNode(o.type) : undefined));
    const key = `${s} ${p} ${typeof o === 'string' ? o : `${o.text}@${o.lang ?? o.type ?? ''}`}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(quad(namedNode(s), namedNode(p), object));
  }
  texts(s: string, p: string, sv: string, en: string) {
    if (sv) this.add(s, p, { text: sv, lang: 'sv' });
    if (en) this.add(s, p, { text: en, lang: 'en' });
  }
}

type DistributionFields = Pick<
  typeof distributions.$inferSelect,
  'titleSv' | 'titleEn' | 'descriptionSv' | 'descriptionEn' | 'accessUrl' | 'downloadUrl' | 'format' | 'mediaType' | 'licence'
>;
type CatalogEntry = Pick<
  typeof datasets.$inferSelect,
  | 'titleSv'
  | 'titleEn'
  | 'descriptionSv'
  | 'descriptionEn'
  | 'contactName'
  | 'contactEmail'
  | 'themes'
  | 'keywords'
  | 'landingPage'
  | 'accessRights'
  | 'issued'
  | 'modified'
> & { iri: string; identifier: string; publisher: Organisation; distributions: (DistributionFields & { iri: string })[]; referencedBy?: string[] };

interface CatalogScope {
  iri: string;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  publisher: Organisation;
  homepage: string;
  /** Datasets registered here by this organisation; null for every registered dataset (the platform's catalog). */
  organisationId: string | null;
  programmeData: boolean;
  /** Only this registered dataset (to describe it at its own IRI). */
  datasetId?: string;
}

/** A registered dataset's IRI: its page here. Its distributions are fragments of it, named by their own ids. */
export const datasetIri = (base: string, id: string) => `${base}/datasets/${id}`;
export const distributionIri = (datasetIriValue: string, id: string) => `${datasetIriValue}#distribution-${id}`;
/**
 * `dcterms:identifier` of a registered dataset: its uuid as a URN, not an address, so it stays the same when the
 * platform moves to another address (PUBLIC_URL) and dataportal.se keeps recognising the dataset.
 */
export const datasetIdentifier = (id: string) => `urn:uuid:${id}`;

/**
 * A DCAT-AP-SE 3.0.1 catalog of the datasets registered on the platform: absolute IRIs for every main resource (each
 * dereferences here), the recommended publisher IRI, CC0 on the catalog, identifiers independent of PUBLIC_URL.
 * Null when there is no dataset: 3.0.1 requires a catalog to have at least one, so none is published.
 */
export async function catalogQuads(ctx: Ctx, scope: CatalogScope): Promise<Quad[] | null> {
  const base = ctx.config.publicUrl;
  const st = new Statements();
  const { dcat, dct, foaf, vcard, rdf, skos, xsd } = ns;
  const agent = (org: Organisation) => {
    const iri = publisherIri(base, org);
    st.add(iri, rdf + 'type', foaf + 'Agent');
    st.add(iri, foaf + 'name', { text: org.name });
    st.add(iri, dct + 'type', `http://purl.org/adms/publishertype/${publisherTypes[org.type]}`);
    const type = `http://purl.org/adms/publishertype/${publisherTypes[org.type]}`;
    st.add(type, rdf + 'type', skos + 'Concept');
    st.add(type, skos + 'prefLabel', { text: publisherTypes[org.type].replace(/([a-z])([A-Z])/g, '$1 $2'), lang: 'en' });
    return iri;
  };
  const licence = (iri: string) => {
    st.add(iri, rdf + 'type', dct + 'LicenseDocument');
    return iri;
  };

  const c = scope.iri;
  st.add(c, rdf + 'type', dcat + 'Catalog');
  st.texts(c, dct + 'title', scope.titleSv, scope.titleEn);
  st.texts(c, dct + 'description', scope.descriptionSv, scope.descriptionEn);
  st.add(c, dct + 'publisher', agent(scope.publisher));
  st.add(c, dct + 'license', licence(CC0));
  st.add(c, foaf + 'homepage', scope.homepage);

  const rows = await ctx.db
    .select({ dataset: datasets, organisation: organisations })
    .from(datasets)
    .innerJoin(organisations, eq(organisations.id, datasets.organisationId))
    .where(
      and(
        isNull(datasets.sourceId),
        eq(datasets.status, 'active'),
        scope.organisationId ? eq(datasets.organisationId, scope.organisationId) : undefined,
        scope.datasetId ? eq(datasets.id, scope.datasetId) : undefined,
      ),
    )
    .orderBy(asc(datasets.titleSv));
  const ids = rows.map((r) => r.dataset.id);
  const [dists, references] = await Promise.all([
    ids.length
      ? ctx.db.select().from(distributions).where(inArray(distributions.datasetId, ids)).orderBy(asc(distributions.position))
      : ([] as (typeof distributions.$inferSelect)[]),
    referencesToDatasets(ctx, ids),
  ]);
  const referencedBy = new Map<string, string[]>();
  for (const r of references) referencedBy.set(r.datasetId, [...(referencedBy.get(r.datasetId) ?? []), r.href]);

  const distributionsOf = new Map<string, typeof dists>();
  for (const x of dists) {
    const list = distributionsOf.get(x.datasetId);
    if (list) list.push(x);
    else distributionsOf.set(x.datasetId, [x]);
  }
  const entries: CatalogEntry[] = rows.map(({ dataset: d, organisation }) => {
    const iri = datasetIri(base, d.id);
    return {
      ...d,
      iri,
      identifier: datasetIdentifier(d.id),
      publisher: organisation,
      distributions: (distributionsOf.get(d.id) ?? []).map((x) => ({ ...x, iri: distributionIri(iri, x.id) })),
      referencedBy: referencedBy.get(d.id),
    };
  });
  if (scope.programmeData) entries.push(...programmeDatasets(base, scope.publisher, ctx.config.organiserEmail));
  if (entries.length === 0) return null;

  for (const d of entries) {
    const iri = d.iri;
    st.add(c, dcat + 'dataset', iri);
    st.add(iri, rdf + 'type', dcat + 'Dataset');
    st.add(iri, dct + 'identifier', { text: d.identifier });
    st.texts(iri, dct + 'title', d.titleSv, d.titleEn);
    st.texts(iri, dct + 'description', d.descriptionSv, d.descriptionEn);
    st.add(iri, dct + 'publisher', agent(d.publisher));
    const contact = `${iri}#contact`;
    st.add(iri, dcat + 'contactPoint', contact);
    st.add(contact, rdf + 'type', vcard + 'Organization');
    st.add(contact, vcard + 'fn', { text: d.contactName || d.publisher.name });
    if (d.contactEmail) st.add(contact, vcard + 'hasEmail', `mailto:${d.contactEmail}`);
    for (const theme of d.themes) {
      st.add(iri, dcat + 'theme', THEME_BASE + theme);
      st.add(THEME_BASE + theme, rdf + 'type', skos + 'Concept');
      const label = themeByCode.get(theme)?.label;
      if (label) st.texts(THEME_BASE + theme, skos + 'prefLabel', label.sv, label.en);
    }
    for (const keyword of d.keywords) st.add(iri, dcat + 'keyword', { text: keyword, lang: 'sv' });
    if (d.landingPage) st.add(iri, dcat + 'landingPage', d.landingPage);
    if (d.accessRights) {
      st.add(iri, dct + 'accessRights', d.accessRights);
      st.add(d.accessRights, rdf + 'type', dct + 'RightsStatement');
    }
    if (d.issued) st.add(iri, dct + 'issued', { text: d.issued, type: xsd + 'date' });
    if (d.modified) st.add(iri, dct + 'modified', { text: d.modified, type: xsd + 'date' });
    // The challenges that cite it and the solutions that used it (see usage.ts), so its publisher sees the use.
    for (const page of d.referencedBy ?? []) st.add(iri, dct + 'isReferencedBy', page);
    for (const x of d.distributions) {
      const di = x.iri;
      st.add(iri, dcat + 'distribution', di);
      st.add(di, rdf + 'type', dcat + 'Distribution');
      st.texts(di, dct + 'title', x.titleSv, x.titleEn);
      st.texts(di, dct + 'description', x.descriptionSv, x.descriptionEn);
      st.add(di, dcat + 'accessURL', x.accessUrl || x.downloadUrl);
      if (x.downloadUrl) st.add(di, dcat + 'downloadURL', x.downloadUrl);
      const format = formatName(x.format || x.mediaType);
      if (format) {
        st.add(di, dct + 'format', FILE_TYPE_BASE + format);
        st.add(FILE_TYPE_BASE + format, rdf + 'type', dct + 'MediaTypeOrExtent');
      }
      if (x.licence) st.add(di, dct + 'license', licence(x.licence));
    }
  }
  return st.quads;
}

/** The programme's datasets, by the name in their IRI (`/open-data/:name`). */
export const programmeDatasetNames = ['challenges', 'results', 'realisation', 'statistics'] as const;

/** The programme's own open data, as datasets of the platform's catalog: challenges, results and realisation, as CSV and JSON. */
function programmeDatasets(base: string, publisher: Organisation, email: string): CatalogEntry[] {
  const names = {
    challenges: ['Utmaningar', 'Challenges'],
    results: ['Resultat', 'Results'],
    realisation: ['Realisering', 'Realisation'],
    statistics: ['Statistik', 'Statistics'],
  } as const;
  // Each is published as CSV and JSON at /open-data/<name>.csv|json (`query`: what the files are asked for with).
  const distribution = (what: keyof typeof names, format: 'CSV' | 'JSON', ext: string, query: string) => ({
    iri: `${base}/open-data/${what}#${ext}`,
    titleSv: `${names[what][0]} (${format})`,
    titleEn: `${names[what][1]} (${format})`,
    descriptionSv: '',
    descriptionEn: '',
    accessUrl: `${base}/open-data/${what}.${ext}${query}`,
    downloadUrl: `${base}/open-data/${what}.${ext}${query}`,
    format,
    mediaType: '',
    licence: CC0,
  });
  type Texts = Pick<CatalogEntry, 'titleSv' | 'titleEn' | 'descriptionSv' | 'descriptionEn' | 'themes' | 'keywords' | 'landingPage'>;
  const dataset = (what: keyof typeof names, texts: Texts, query = ''): CatalogEntry => ({
    iri: `${base}/open-data/${what}`,
    identifier: `hack365:open-data:${what}`,
    ...texts,
    publisher,
    contactName: publisher.name,
    contactEmail: email,
    accessRights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
    issued: '',
    modified: '',
    distributions: [distribution(what, 'CSV', 'csv', query), distribution(what, 'JSON', 'json', query)],
  });
  return [
    dataset('challenges', {
      titleSv: 'Utmaningar i Hack for Sweden 365',
      titleEn: 'Challenges in Hack for Sweden 365',
      descriptionSv: 'Alla publicerade utmaningar från behovsägare i Hack for Sweden 365: titel, sammanfattning, organisation, teman, status och datum.',
      descriptionEn: 'Every published challenge from need owners in Hack for Sweden 365: title, summary, organisation, themes, status and dates.',
      themes: ['GOVE'],
      keywords: ['hackathon', 'utmaningar', 'öppna data'],
      landingPage: `${base}/challenges`,
    }),
    dataset('results', {
      titleSv: 'Resultat från Hack for Sweden 365',
      titleEn: 'Results of Hack for Sweden 365',
      descriptionSv: 'Utmärkelser (med prissumma och sponsor) och finalister från varje evenemang vars resultat är publicerade.',
      descriptionEn: 'Awards (with prize and sponsor) and finalists from every event whose results are published.',
      themes: ['GOVE'],
      keywords: ['hackathon', 'resultat', 'jury'],
      landingPage: `${base}/events`,
    }),
    dataset('realisation', {
      titleSv: 'Realisering av lösningar från Hack for Sweden 365',
      titleEn: 'Realisation of solutions from Hack for Sweden 365',
      descriptionSv:
        'Varje färdig lösning och hur långt den har kommit: evenemang, år, utmaning, behovsägare, skede (idé, prototyp, pilot, upphandling, i drift, pausad, avslutad), om en behovsägare har bekräftat skedet, sedan när, utmärkelser, finalist, använda datamängder och antal uppdateringar.',
      descriptionEn:
        'Every finished solution and how far it has come: event, year, challenge, need owners, stage (idea, prototype, pilot, procurement, in operation, paused, stopped), whether a need owner confirmed the stage, since when, awards, finalist, datasets used and number of updates.',
      themes: ['GOVE', 'TECH'],
      keywords: ['hackathon', 'realisering', 'innovation', 'upphandling'],
      landingPage: `${base}/realised`,
    }),
    // Every scope at once: all years and each year.
    dataset(
      'statistics',
      {
        titleSv: 'Statistik för Hack for Sweden 365',
        titleEn: 'Statistics of Hack for Sweden 365',
        descriptionSv:
          'Programmets siffror för alla år och per år: deltagare, anmälningar, lag, inlämnade och publicerade lösningar, evenemang per slag, utmaningar per tema och status, behovsägare per typ och nivå, datamängder citerade och använda per utgivare och tema, problemrapporter och önskemål om data, realiseringstrappan, mentorsmöten och mångfald (grupper under 5 skyddade). CSV:n har en rad per siffra (scope, tabell, nyckel, värde).',
        descriptionEn:
          'The programme’s figures for all years and per year: participants, registrations, teams, submitted and published solutions, events by kind, challenges by theme and status, need owners by type and level, datasets cited and used by publisher and theme, data-issue reports and data requests, the realisation funnel, mentoring sessions and diversity (groups under 5 protected). The CSV has one row per figure (scope, table, key, value).',
        themes: ['GOVE', 'SOCI'],
        keywords: ['hackathon', 'statistik', 'årsrapport', 'öppna data'],
        landingPage: `${base}/statistics`,
      },
      '?scope=every',
    ),
  ];
}

/**
 * What a catalog says about one resource: its statements and those of the nodes it points at (distributions,
 * contact, publisher, licences, themes), followed through the graph but never from the catalog to its datasets.
 */
export function describe(quads: Quad[], iri: string): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  const out: Quad[] = [];
  const seen = new Set<string>();
  const visit = (s: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    for (const q of bySubject.get(s) ?? []) {
      out.push(q);
      if (q.object.termType === 'NamedNode' && q.predicate.value !== ns.dcat + 'dataset') visit(q.object.value);
    }
  };
  visit(iri);
  return out;
}
