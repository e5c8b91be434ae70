import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { HarvestLimits } from '../../../config.ts';
import { addressRefusal } from './addresses.ts';

/** A harvest that cannot go on; `code` is stable (shown translated in reports, returned by the API). */
export class HarvestError extends Error {
  constructor(
    readonly code: string,
    readonly detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export interface Fetched {
  url: string;
  contentType: string;
  body: Readable;
}

type LookupAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * DNS lookup that refuses forbidden addresses, so a name cannot smuggle a request into the private network.
 * `resolve` is the system resolver but for tests.
 */
export function guardedLookup(limits: HarvestLimits, resolve: LookupAll = dns.lookup): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(err, '', 4);
      // Every answer is checked, not only the first: the connection may go to any of them.
      const refused = list.find((a) => addressRefusal(a.address, limits.allowAddresses));
      if (refused || list.length === 0) {
        const why = refused ? `${refused.address}, ${addressRefusal(refused.address, limits.allowAddresses)}` : 'nothing';
        return callback(new HarvestError('address_not_allowed', `${hostname} → ${why}`), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** Counts bytes and stops the body past the limit. */
function limited(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new HarvestError('too_large', `more than ${Math.round(maxBytes / 1024 / 1024)} MB`));
      done(null, chunk);
    },
  });
}

/**
 * Fetches a catalog for harvesting: http(s) only (file: only when the command line asks), redirects followed by hand
 * (each hop checked again), no forbidden addresses, a size limit and one deadline for the whole transfer.
 */
export async function fetchSource(
  rawUrl: string,
  limits: HarvestLimits,
  opts: { allowFiles?: boolean; accept?: string; signal?: AbortSignal } = {},
): Promise<Fetched> {
  // One deadline per fetch; a caller's signal (a harvest whose lease was lost) stops it too.
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const stopped = () => (signal.reason instanceof HarvestError ? signal.reason : new HarvestError('timeout'));
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new HarvestError('bad_url', rawUrl);
  }
  if (url.protocol === 'file:' && opts.allowFiles) {
    const file = fileURLToPath(url);
    if (!fs.existsSync(file)) throw new HarvestError('not_found', file);
    return { url: url.href, contentType: '', body: fs.createReadStream(file).pipe(limited(limits.maxBytes)) };
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HarvestError('bad_url', `only http and https: ${url.href}`);
    // An address written in the URL is never looked up, so it is checked here (each hop, as each may name another).
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const refusal = net.isIP(host) ? addressRefusal(host, limits.allowAddresses) : null;
    if (refusal) throw new HarvestError('address_not_allowed', `${host}, ${refusal}`);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.get(url, {
        lookup: guardedLookup(limits),
        signal,
        headers: {
          accept:
            opts.accept ??
            'application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, application/n-quads;q=0.7, */*;q=0.1',
          'user-agent': 'hack365-harvester',
        },
      });
      req.on('response', resolve);
      req.on('error', (err) => reject(err instanceof HarvestError ? err : signal.aborted ? stopped() : new HarvestError('unreachable', err.message)));
    });
    const status = response.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
      response.resume();
      if (hop >= limits.maxRedirects) throw new HarvestError('too_many_redirects', String(limits.maxRedirects));
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new HarvestError('http_status', `${status} from ${url.href}`);
    }
    const length = Number(response.headers['content-length'] ?? 0);
    if (length > limits.maxBytes) {
      response.destroy();
      throw new HarvestError('too_large', `${Math.round(length / 1024 / 1024)} MB`);
    }
    const body = response.pipe(limited(limits.maxBytes));
    response.on('error', (err) => body.destroy(signal.aborted ? stopped() : err));
    return { url: url.href, contentType: String(response.headers['content-type'] ?? ''), body };
  }
}
