import { text } from 'node:stream/consumers';
import type { HarvestLimits } from '../../../config.ts';
import { fetchSource, HarvestError } from './fetch.ts';
import { deduplicate, type DatasetRecord, type Mapped } from './record.ts';
import { formatName, THEME_BASE } from './vocab.ts';
import { themeCodes } from '../../challenges/themes.ts';

const PAGE_ROWS = 500;
const MAX_PAGES = 200;

interface CkanPackage {
  id: string;
  name: string;
  title?: string;
  notes?: string;
  url?: string;
  license_url?: string;
  license_id?: string;
  metadata_created?: string;
  metadata_modified?: string;
  maintainer?: string;
  maintainer_email?: string;
  author?: string;
  author_email?: string;
  organization?: { title?: string; name?: string } | null;
  tags?: { name: string }[];
  groups?: { name: string }[];
  resources?: { id: string; name?: string; description?: string; url?: string; format?: string; mimetype?: string }[];
}

/** The site's root, from either the site address or its package_search address. */
export function ckanBase(url: string): string {
  return url.replace(/\/api\/3\/action\/package_search.*$/, '').replace(/\/+$/, '');
}

/** Reads a CKAN site through /api/3/action/package_search, page by page, into dataset records. */
export async function harvestCkan(url: string, limits: HarvestLimits): Promise<Mapped & { bytes: number }> {
  const base = ckanBase(url);
  const packages: CkanPackage[] = [];
  let bytes = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const fetched = await fetchSource(`${base}/api/3/action/package_search?rows=${PAGE_ROWS}&start=${page * PAGE_ROWS}`, limits, { accept: 'application/json' });
    const body = await text(fetched.body);
    bytes += body.length;
    let parsed: { success?: boolean; result?: { count: number; results: CkanPackage[] } };
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new HarvestError(/^\s*</.test(body) ? 'html_not_rdf' : 'malformed', 'not a CKAN API answer');
    }
    if (!parsed.success || !parsed.result || !Array.isArray(parsed.result.results)) throw new HarvestError('malformed', 'not a CKAN API answer');
    packages.push(...parsed.result.results);
    if (parsed.result.results.length < PAGE_ROWS || packages.length >= parsed.result.count) break;
  }
  const problems: Mapped['problems'] = [];
  const records = packages.map((p): DatasetRecord => {
    const iri = `${base}/dataset/${encodeURIComponent(p.id)}`;
    return {
      key: p.id,
      iri,
      identifier: p.id,
      titleSv: (p.title ?? p.name ?? '').trim(),
      titleEn: '',
      descriptionSv: (p.notes ?? '').trim(),
      descriptionEn: '',
      publisherIri: '',
      publisherName: p.organization?.title ?? p.organization?.name ?? p.author ?? '',
      publisherType: '',
      contactName: p.maintainer ?? p.author ?? '',
      contactEmail: p.maintainer_email ?? p.author_email ?? '',
      themes: (p.groups ?? []).map((g) => g.name.toUpperCase().replace(THEME_BASE, '')).filter((c) => themeCodes.includes(c)),
      keywords: (p.tags ?? []).map((t) => t.name),
      landingPage: `${base}/dataset/${encodeURIComponent(p.name)}`,
      accessRights: '',
      issued: p.metadata_created?.slice(0, 10) ?? '',
      modified: p.metadata_modified?.slice(0, 10) ?? '',
      distributions: (p.resources ?? []).map((r) => ({
        kind: 'distribution',
        iri: `${iri}/resource/${encodeURIComponent(r.id)}`,
        titleSv: r.name ?? '',
        titleEn: '',
        descriptionSv: r.description ?? '',
        descriptionEn: '',
        accessUrl: r.url ?? '',
        downloadUrl: r.url ?? '',
        format: formatName(r.format || r.mimetype || ''),
        mediaType: r.mimetype ?? '',
        licence: p.license_url ?? '',
      })),
    };
  });
  return { records: deduplicate(records, problems), problems, bytes };
}
