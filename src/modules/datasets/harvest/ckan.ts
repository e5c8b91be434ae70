import { text } from 'node:stream/consumers';
import type { HarvestLimits } from '../../../config.ts';
import type { HarvestProblem } from '../../../db/schema/index.ts';
import { fetchSource, HarvestError } from './fetch.ts';
import { report, type DatasetRecord } from './record.ts';
import { recordSpool } from './spool.ts';
import type { LangText } from '../../../db/schema/index.ts';
import { extraTexts, svEn } from './map-dcat.ts';
import { ckanLicence, formatName, languageTag, THEME_BASE } from './vocab.ts';
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
    const siteLanguage = await ckanLanguage(base, limits, opts.signal);
    for (let page = 0; ; page++) {
      const cap = page === limits.ckanMaxPages ? 'ckan_page_cap' : Date.now() > deadline ? 'ckan_time_cap' : bytes > maxTotalBytes ? 'ckan_size_cap' : null;
      if (cap) {
        complete = false;
        problems.unshift({
          level: 'warning',
          code: cap,
          subject: String(cap === 'ckan_page_cap' ? limits.ckanMaxPages : cap === 'ckan_time_cap' ? limits.timeoutMs / 1000 : maxTotalBytes),
        });
        break;
      }
      opts.signal?.throwIfAborted();
      const fetched = await fetchSource(`${base}/api/3/action/package_search?rows=${PAGE_ROWS}&start=${page * PAGE_ROWS}`, limits, {
        accept: 'application/json',
        signal: opts.signal,
      });
      const body = await text(fetched.body);
      bytes += Buffer.byteLength(body);
      const results = parsePage(body);
      for (const p of results.packages) {
        const record = toRecord(base, p, siteLanguage);
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

/**
 * The site's own language (status_show's locale_default, e.g. "sv" or "en_GB"), in which its texts are written;
 * '' (not known) when the site does not say or does not answer.
 */
async function ckanLanguage(base: string, limits: HarvestLimits, signal?: AbortSignal): Promise<string> {
  try {
    const fetched = await fetchSource(
      `${base}/api/3/action/status_show`,
      { ...limits, maxBytes: Math.min(limits.maxBytes, 1024 * 1024) },
      { accept: 'application/json', signal },
    );
    const answer = JSON.parse(await text(fetched.body)) as { result?: { locale_default?: unknown } };
    return languageTag(str(answer.result?.locale_default).replace('_', '-'));
  } catch (err) {
    if (err instanceof HarvestError && (err.code === 'lease_lost' || err.code === 'timeout')) throw err;
    return '';
  }
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

/** A user id (CKAN keeps the maintainer's or creator's uuid in some fields) is no one's name. */
const looksLikeId = (v: string) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v.trim());

/**
 * A text in the package's language (its `language` field, else the site's), or in each language of a multilingual
 * (ckanext-fluent) `…_translated` field.
 */
function ckanTexts(plain: unknown, translated: unknown, lang: string): LangText[] {
  const byLang = Object.entries(obj(translated))
    .filter(([, v]) => typeof v === 'string' && v.trim())
    .map(([l, v]) => ({ lang: languageTag(l.replace('_', '-')), value: (v as string).trim() }));
  if (byLang.length) return byLang;
  const value = str(plain).trim();
  return value ? [{ lang, value }] : [];
}

/** Resources that are services to call, not files to download: their address is where to reach the data. */
const API_FORMATS = /^(api|rest|json api|wms|wfs|wmts|wcs|wps|csw|sos|ogc.*|arcgis.*|esri.*|.*rest api|sparql|odata|graphql)$/i;
const isApi = (r: Record<string, unknown>) =>
  str(r.resource_type).toLowerCase() === 'api' ||
  API_FORMATS.test(str(r.format).trim()) ||
  /\/(arcgis\/rest|mapserver|featureserver)\b|[?&]service=(wms|wfs|wmts)/i.test(str(r.url));

/** One CKAN package as a dataset record; null without a usable id. */
function toRecord(base: string, pkg: unknown, siteLanguage: string): DatasetRecord | null {
  const p = obj(pkg);
  const id = str(p.id);
  if (!id || id.length > MAX_KEY) return null;
  const name = str(p.name);
  const organization = obj(p.organization);
  const iri = `${base}/dataset/${encodeURIComponent(id)}`;
  const packageLanguage = languageTag((Array.isArray(p.language) ? str(p.language[0]) : str(p.language)).replace('_', '-'));
  const lang = packageLanguage || siteLanguage;
  const titles = ckanTexts(str(p.title) || name, p.title_translated, lang);
  const descriptions = ckanTexts(p.notes, p.notes_translated, lang);
  const keywords = list(p.tags)
    .map((t) => str(t.name).trim())
    .filter(Boolean)
    .map((value) => ({ lang, value }));
  // The licence the site names by id (CKAN's licence list), unless it gives the licence's address itself.
  const licence = str(p.license_url) || ckanLicence(str(p.license_id)) || str(p.license_title);
  // The maintainer, else the author: whichever has a name or an address that is not a user id.
  const parties = [
    { name: str(p.maintainer), email: str(p.maintainer_email) },
    { name: str(p.author), email: str(p.author_email) },
  ].map((c) => ({ name: looksLikeId(c.name) ? '' : c.name.trim(), email: /@/.test(c.email) ? c.email.trim() : '' }));
  const contact = parties.find((c) => c.name || c.email) ?? { name: '', email: '' };
  const title = svEn(titles);
  const description = svEn(descriptions);
  return {
    key: id,
    iri,
    identifier: id,
    titleSv: title.sv,
    titleEn: title.en,
    descriptionSv: description.sv,
    descriptionEn: description.en,
    publisherIri: '',
    publisherName: str(organization.title) || str(organization.name) || parties[1].name,
    publisherType: '',
    contactName: contact.name,
    contactEmail: contact.email,
    themes: list(p.groups)
      .map((g) => str(g.name).toUpperCase().replace(THEME_BASE, ''))
      .filter((c) => themeCodes.includes(c)),
    keywords: keywords.map((k) => k.value),
    landingPage: `${base}/dataset/${encodeURIComponent(name || id)}`,
    accessRights: '',
    issued: str(p.metadata_created).slice(0, 10),
    modified: str(p.metadata_modified).slice(0, 10),
    texts: extraTexts({ title: titles, description: descriptions, keywords }, { title, description }),
    details: {
      ...(licence ? { licence } : {}),
      ...(lang ? { languages: [lang] } : {}),
      ...(contact.name || contact.email
        ? { contacts: [{ name: contact.name ? [{ lang: '', value: contact.name }] : [], ...(contact.email ? { email: contact.email } : {}) }] }
        : {}),
    },
    distributions: list(p.resources).map((r) => {
      const api = isApi(r);
      const rTitle = ckanTexts(r.name, r.name_translated, lang);
      const rDescription = ckanTexts(r.description, r.description_translated, lang);
      const format = formatName(str(r.format) || str(r.mimetype));
      return {
        kind: 'distribution' as const,
        iri: `${iri}/resource/${encodeURIComponent(str(r.id))}`,
        titleSv: svEn(rTitle).sv,
        titleEn: svEn(rTitle).en,
        descriptionSv: svEn(rDescription).sv,
        descriptionEn: svEn(rDescription).en,
        accessUrl: str(r.url),
        downloadUrl: api ? '' : str(r.url),
        format,
        mediaType: str(r.mimetype),
        licence,
        formats: format ? [format] : [],
        texts: extraTexts({ title: rTitle, description: rDescription }, { title: svEn(rTitle), description: svEn(rDescription) }),
        accessService: '',
      };
    }),
  };
}
