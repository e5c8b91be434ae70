import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { anyone } from './policy.ts';

/**
 * Open by default for machines. Routes marked `config: { open: true }` (feeds, calendars, catalogs, open-data files)
 * and every GET under /api/v1 that anyone may call are readable from any other web origin: they answer with
 * `Access-Control-Allow-Origin: *`, never with credentials (a browser then sends no cookies, or hides the answer),
 * so another site only ever sees what an anonymous visitor sees. `Cross-Origin-Resource-Policy: cross-origin` lets
 * other sites embed them. HTML answers keep helmet's same-origin policy even on an open route (a dataset's address
 * is a page for browsers and RDF for machines), as do signed-in-only routes.
 *
 * Every GET answer that is not an HTML page (those carry CSRF tokens and a personal header) gets a weak ETag from a
 * hash of its body (unless the route named its own) and a Last-Modified, and a conditional request (If-None-Match,
 * else If-Modified-Since) that matches is answered 304 without a body. Last-Modified is the time this process first
 * produced that body for that address, unless the route set its own (the Atom feed does): for the database-built
 * exports no cheaper version exists.
 */
const PREFLIGHT_HEADERS = 'Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match';
const EXPOSED_HEADERS = 'Content-Disposition, Content-Language, ETag, Last-Modified, Link, X-Request-Id';
const FIRST_SEEN_MAX = 5000;

/** A GET under /api/v1 that anyone may call is a public read endpoint, and open without further marking. */
const isOpen = (route: RouteOptions) =>
  route.config?.open ?? (([] as string[]).concat(route.method).includes('GET') && route.url.startsWith('/api/v1/') && route.config?.policy === anyone);

/** A route pattern (`/events/:slug.ics`) as a regular expression over paths, to know what a preflight asks about. */
const patternOf = (url: string) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+')}/?$`);

export const openPlugin = fp(async (app) => {
  const openPatterns: RegExp[] = [];
  app.addHook('onRoute', (route) => {
    if (!isOpen(route)) return;
    route.config = { ...route.config, open: true };
    openPatterns.push(patternOf(route.url));
  });

  // CORS preflight: a page elsewhere that sends If-None-Match or Accept-Language asks first, with OPTIONS.
  app.options('*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0];
    if (!openPatterns.some((p) => p.test(path))) return reply.callNotFound();
    return reply
      .code(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', PREFLIGHT_HEADERS)
      .header('access-control-max-age', '86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send();
  });

  const firstSeen = new Map<string, number>();
  const lastModifiedOf = (key: string) => {
    let at = firstSeen.get(key);
    if (at === undefined) {
      at = Math.floor(Date.now() / 1000) * 1000;
      firstSeen.set(key, at);
      if (firstSeen.size > FIRST_SEEN_MAX) firstSeen.delete(firstSeen.keys().next().value!);
    }
    return new Date(at);
  };

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    if (req.routeOptions.config?.open && !html) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200 || html) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;

    // A route that knows its version (a stored image's hash) names its own, strong ETag.
    const own = reply.getHeader('etag');
    const etag = typeof own === 'string' ? own : `W/"${crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    if (!reply.hasHeader('last-modified')) reply.header('last-modified', lastModifiedOf(`${req.url} ${etag}`).toUTCString());
    if (notModified(req, etag, String(reply.getHeader('last-modified')))) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
});

/** RFC 9110 §13.1: If-None-Match (weak comparison) decides when present; else If-Modified-Since. */
function notModified(req: FastifyRequest, etag: string, lastModified: string): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return inm.trim() === '*' || inm.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const ims = Date.parse(String(req.headers['if-modified-since'] ?? ''));
  const modified = Date.parse(lastModified);
  return Number.isFinite(ims) && Number.isFinite(modified) && modified <= ims;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Readable from any web origin (CORS `*`, no credentials; CORP cross-origin) unless the answer is HTML. See open.ts. */
    open?: boolean;
  }
}
