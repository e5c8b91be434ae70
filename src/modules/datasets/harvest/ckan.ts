import { text } from 'node:stream/consumers';
import type { HarvestLimits } from '../../../config.ts';
import type { HarvestProblem } from '../../../db/schema/index.ts';
import { fetchSource, HarvestError } from './fetch.ts';
import { report, type DatasetRecord } from './record.ts';
import { recordSpool } from './spool.ts';
import { formatName, THEME_BASE } from './vocab.ts';
import { themeCodes } from '../../challenges/themes.ts';

const PAGE_ROWS = 500;
/** A whole CKAN site may bring this many times HARVEST_MAX_MB (each page is held to HARVEST_MAX_MB itself). */
const CKAN_SIZE_FACTOR = 10;
/** Longer package ids are not CKAN's; keys are held (and stored) for every dataset, so they are kept short. */
const MAX_KEY = 200;

/** The site's root, from either the site address or its package_search address. */
export function ckanBase(url: string): string {
  return url.replace(/\/api\/3\/action\/package_search.*$/, '').replace(/\/+$/, '');
}

/**
 * Reads a CKAN site through /api/3/action/package_search, a page at a time: each page is fetched with the same guard
 * and limits as any harvest, mapped, appended to a temporary file and dropped, so memory holds one page whatever
 * the site claims or sends. Stops at HARVEST_CKAN_MAX_PAGES pages or HARVEST_MAX_RECORDS datasets, with a warning;
 * such a harvest is incomplete (`complete` false) and must not withdraw what it did not get to.
 * Dispose of the result (`await using`) to remove the file.
 */
export async function harvestCkan(url: string, limits: HarvestLimits, opts: { signal?: AbortSignal } = {}) {
  const base = ckanBase(url);
  const spool = await recordSpool();
  const problems: HarvestProblem[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let complete = true;
  // One deadline and one size for the whole site, as for a single document: a slow or endless site cannot hold a
  // runner for pages × timeout, nor fill the disk with pages × size.
  const deadline = Date.now() + limits.timeoutMs;
  const maxTotalBytes = limits.maxBytes * CKAN_SIZE_FACTOR;
  try {
    for (let page = 0; ; page++) {
      const cap = page === limits.ckanMaxPages ? 'ckan_page_cap' : Date.now() > deadline ? 'ckan_time_cap' : bytes > maxTotalBytes ? 'ckan_size_cap' : null;
      if (cap) {
        complete = false;
        problems.unshift({ level: 'warning', code: cap, subject: String(cap === 'ckan_page_cap' ? limits.ckanMaxPages : cap === 'ckan_time_cap' ? limits.timeoutMs / 1000 : maxTotalBytes) });
        break;
      }
      opts.signal?.throwIfAborted();
      const fetched = await fetchSource(`${base}/api/3/action/package_search?rows=${PAGE_ROWS}&start=${page * PAGE_ROWS}`, limits, { accept: 'application/json', signal: opts.signal });
      const body = await text(fetched.body);
      bytes += Buffer.byteLength(body);
      const results = parsePage(body);
      for (const p of results.packages) {
        const record = toRecord(base, p);
        if (!record) report(problems, { level: 'warning', code: 'ckan_no_id' });
        else if (seen.has(record.key)) report(problems, { level: 'warning', code: 'duplicate_identifier', subject: record.key });
        else if (spool.count === limits.maxRecords) {
          complete = false;
          problems.unshift({ level: 'warning', code: 'record_cap', subject: String(limits.maxRecords) });
          break;
        } else {
          seen.add(record.key);
          await spool.write(record);
        }
      }
      if (!complete || results.packages.length < PAGE_ROWS || (page + 1) * PAGE_ROWS >= results.count) break;
    }
  } catch (err) {
    await spool[Symbol.asyncDispose]();
    throw err;
  }
  return { records: spool.read(), problems, bytes, complete, [Symbol.asyncDispose]: spool[Symbol.asyncDispose] };
}

function parsePage(body: string): { count: number; packages: unknown[] } {
  let parsed: { success?: unknown; result?: { count?: unknown; results?: unknown } };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HarvestError(/^\s*</.test(body) ? 'html_not_rdf' : 'malformed', 'not a CKAN API answer');
  }
  if (!parsed?.success || !parsed.result || !Array.isArray(parsed.result.results)) throw new HarvestError('malformed', 'not a CKAN API answer');
  const count = Number(parsed.result.count);
  return { count: Number.isFinite(count) ? count : Infinity, packages: parsed.result.results };
}

// A site's answer is not trusted to have the types CKAN documents: anything else is read as missing.
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** One CKAN package as a dataset record; null without a usable id. */
function toRecord(base: string, pkg: unknown): DatasetRecord | null {
  const p = obj(pkg);
  const id = str(p.id);
  if (!id || id.length > MAX_KEY) return null;
  const name = str(p.name);
  const organization = obj(p.organization);
  const iri = `${base}/dataset/${encodeURIComponent(id)}`;
  return {
    key: id,
    iri,
    identifier: id,
    titleSv: (str(p.title) || name).trim(),
    titleEn: '',
    descriptionSv: str(p.notes).trim(),
    descriptionEn: '',
    publisherIri: '',
    publisherName: str(organization.title) || str(organization.name) || str(p.author),
    publisherType: '',
    contactName: str(p.maintainer) || str(p.author),
    contactEmail: str(p.maintainer_email) || str(p.author_email),
    themes: list(p.groups).map((g) => str(g.name).toUpperCase().replace(THEME_BASE, '')).filter((c) => themeCodes.includes(c)),
    keywords: list(p.tags).map((t) => str(t.name)).filter(Boolean),
    landingPage: `${base}/dataset/${encodeURIComponent(name || id)}`,
    accessRights: '',
    issued: str(p.metadata_created).slice(0, 10),
    modified: str(p.metadata_modified).slice(0, 10),
    distributions: list(p.resources).map((r) => ({
      kind: 'distribution',
      iri: `${iri}/resource/${encodeURIComponent(str(r.id))}`,
      titleSv: str(r.name),
      titleEn: '',
      descriptionSv: str(r.description),
      descriptionEn: '',
      accessUrl: str(r.url),
      downloadUrl: str(r.url),
      format: formatName(str(r.format) || str(r.mimetype)),
      mediaType: str(r.mimetype),
      licence: str(p.license_url),
    })),
  };
}
