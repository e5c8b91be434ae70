import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a credential: e-mailed links (`token`) and the OpenID Connect callback (`code`, `state`). */
const SECRET_QUERY = /([?&](?:token|code|state)=)[^&#]*/gi;

/**
 * The address as logged, with credentials replaced by `[redacted]`: the token of a reset or verification link, an
 * invitation (organisation, team, jury), a personal calendar address, an OpenID Connect code. A secret in a path is,
 * by convention, a route parameter named `:token`; the test in src/security.test.ts walks every such route.
 */
export function redactUrl(url: string, route?: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  if (route?.includes(':token')) {
    const pattern = route.split('/');
    path = path
      .split('/')
      .map((segment, i) => (pattern[i]?.includes(':token') ? pattern[i].replace(':token', '[redacted]') : segment))
      .join('/');
  }
  return path + query.replace(SECRET_QUERY, '$1[redacted]');
}

/** Fastify's request log fields, with the address redacted (and, as before, no headers: cookies stay out of the log). */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url, routeOf(req)),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function routeOf(req: FastifyRequest): string | undefined {
  try {
    return req.routeOptions?.url;
  } catch {
    return undefined; // a request Fastify refused before routing has no route
  }
}
