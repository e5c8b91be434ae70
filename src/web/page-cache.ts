import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public pages as an anonymous visitor sees them, kept for a few seconds per process. A surge of visitors (Hack
 * the Crisis brought thousands in one weekend) reads the same few lists and pages over and over; every one of
 * them is identical for everyone who is not signed in, so rendering it once per TTL is enough.
 *
 * Only routes that ask for it (`config: { publicCache: true }`) are kept, and only when the request carries no
 * session or flash cookie, does not change the language, and the answer is a 200 that sets no cookie (a page with
 * a form carries a CSRF token, so it is never kept). Any successful change made through this process forgets every
 * kept page at once, so a writer sees their change on the next page; other processes catch up within TTL_MS.
 */
const TTL_MS = 10_000;
const MAX_BYTES = 32 * 1024 * 1024;
const PERSONAL_COOKIES = ['hack365_session', 'hack365_flash'];

interface Kept {
  at: number;
  body: string;
  type: string;
  /** Replayed with the page: Vary, so caches downstream keep a page and an RDF description at one address apart;
   * Content-Disposition, so an export's Excel variant stays a download. */
  headers: Record<string, string>;
}
const REPLAYED = ['vary', 'content-disposition'];

export const pageCachePlugin = fp(async (app) => {
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const forget = () => {
    kept.clear();
    bytes = 0;
  };

  const keyOf = (req: FastifyRequest): string | null => {
    if (req.method !== 'GET' || !req.routeOptions.config.publicCache) return null;
    if (PERSONAL_COOKIES.some((name) => req.cookies[name]) || (req.query as Record<string, unknown>)?.lang) return null;
    // By Accept too: a dataset's address answers its page or, by content negotiation, its RDF description.
    return `${req.lang} ${req.headers.accept ?? ''} ${req.url}`;
  };

  // After the policy (preValidation), so a kept page is only ever served where the route itself would answer.
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = keyOf(req);
    if (!key) return;
    const hit = kept.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) {
      reply.headers(hit.headers);
      return reply.header('content-type', hit.type).header('x-page-cache', 'hit').send(hit.body);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie') || reply.hasHeader('x-page-cache')) return payload;
    const key = keyOf(req);
    if (!key) return payload;
    const previous = kept.get(key);
    if (previous) bytes -= previous.body.length;
    kept.delete(key);
    const headers = Object.fromEntries(REPLAYED.filter((name) => reply.hasHeader(name)).map((name) => [name, String(reply.getHeader(name))]));
    kept.set(key, { at: Date.now(), body: payload, type: String(reply.getHeader('content-type')), headers });
    bytes += payload.length;
    for (const [oldest, entry] of kept) {
      if (bytes <= MAX_BYTES) break;
      kept.delete(oldest);
      bytes -= entry.body.length;
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) forget();
  });
});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep this public page for anonymous visitors for a few seconds (see page-cache.ts). */
    publicCache?: boolean;
  }
}
