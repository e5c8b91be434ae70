import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { changeVersion, noteChangesOfRequest, type ChangeKind } from './changes.ts';

/**
 * Public pages as an anonymous visitor sees them, kept for a few seconds per process. A surge of visitors (Hack
 * the Crisis brought thousands in one weekend) reads the same few lists and pages over and over; every one of
 * them is identical for everyone who is not signed in, so rendering it once per TTL is enough.
 *
 * Only routes that ask for it (`config: { publicCache: true }`) are kept, and only when the request carries no
 * session or flash cookie, does not change the language, and the answer is a 200 that sets no cookie (a page with
 * a form carries a CSRF token, so it is never kept). A page is kept with the change version it was made under and
 * served only while that is still current (web/changes.ts): every successful change, through any instance, bumps
 * the version before its answer leaves, so the next request through any instance sees it.
 */
const TTL_MS = 10_000;
const MAX_BYTES = 32 * 1024 * 1024;
const PERSONAL_COOKIES = ['hack365_session', 'hack365_flash'];

interface Kept {
  at: number;
  version: string;
  body: string;
  type: string;
  /** Replayed with the page: Vary, so caches downstream keep a page and an RDF description at one address apart;
   * Content-Disposition, so an export's Excel variant stays a download. */
  headers: Record<string, string>;
}
const REPLAYED = ['vary', 'content-disposition'];

export const pageCachePlugin = fp(async (app) => {
  const kept = new Map<string, Kept>();
  const versions = new WeakMap<FastifyRequest, string>();
  let bytes = 0;

  const keyOf = (req: FastifyRequest): string | null => {
    if (req.method !== 'GET' || !req.routeOptions.config.publicCache) return null;
    if (PERSONAL_COOKIES.some((name) => req.cookies[name]) || (req.query as Record<string, unknown>)?.lang) return null;
    // By Accept too: a dataset's address answers its page or, by content negotiation, its RDF description.
    return `${req.lang} ${req.headers.accept ?? ''} ${req.url}`;
  };

  // After the policy (preValidation), so a kept page is only ever served where the route itself would answer. The
  // version is read before the page is made, so a page made while a change lands is kept as already stale.
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    // A change reads the versions before it writes, so that once it is done it knows which kinds it moved.
    if (req.method !== 'GET' && req.method !== 'HEAD') return void (await changeVersion(app.db));
    const key = keyOf(req);
    if (!key) return;
    const version = await changeVersion(app.db, req.routeOptions.config.reads);
    versions.set(req, version);
    const hit = kept.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) {
      reply.headers(hit.headers);
      return reply.header('content-type', hit.type).header('x-page-cache', 'hit').send(hit.body);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie') || reply.hasHeader('x-page-cache')) return payload;
    const key = keyOf(req);
    const version = versions.get(req);
    if (!key || version === undefined) return payload;
    const previous = kept.get(key);
    if (previous) bytes -= previous.body.length;
    kept.delete(key);
    const headers = Object.fromEntries(REPLAYED.filter((name) => reply.hasHeader(name)).map((name) => [name, String(reply.getHeader(name))]));
    kept.set(key, { at: Date.now(), version, body: payload, type: String(reply.getHeader('content-type')), headers });
    bytes += payload.length;
    for (const [oldest, entry] of kept) {
      if (bytes <= MAX_BYTES) break;
      kept.delete(oldest);
      bytes -= entry.body.length;
    }
    return payload;
  });

  // Before the answer leaves: whoever reads next, through any instance, must find the version already moved.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) {
      await noteChangesOfRequest(app.db);
    }
    return payload;
  });
});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep this public page for anonymous visitors for a few seconds (see page-cache.ts). */
    publicCache?: boolean;
    /** The kinds of change a kept page depends on (web/changes.ts), all unless it says. */
    reads?: readonly ChangeKind[];
  }
}
