import { SESSION_COOKIE } from '../modules/accounts/sessions.ts';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  responses?: Record<string, unknown>;
};
type Document = {
  openapi: string;
  info: Record<string, unknown>;
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
};

/** How to sign in; given to @fastify/swagger itself, which checks each route's `security` against it. */
export const securitySchemes = {
  session: {
    type: 'apiKey' as const,
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session of a person signed in on the site (writes also need the x-csrf-token header).',
  },
  token: {
    type: 'http' as const,
    scheme: 'bearer',
    description:
      'A personal access token (`h365_…`), made in "My page": it acts for one organisation, within its scopes (challenges:write, datasets:write), until it expires or is revoked.',
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * What every operation of the API shares, added to the document @fastify/swagger makes from the routes: OpenAPI
 * 3.1, how to sign in, the one error shape and the errors each kind of operation can answer with, and an
 * operationId for client generators. Routes only describe what is their own.
 */
export function completeOpenApi(doc: Document): Document {
  doc.openapi = '3.1.0';
  doc.info.license = { name: 'EUPL-1.2', identifier: 'EUPL-1.2' };
  doc.components = {
    ...doc.components,
    securitySchemes,
    schemas: {
      ...doc.components?.schemas,
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', description: 'Stable, for programs: e.g. not_found, invalid_filter, validation_failed, rate_limited.' },
              message: { type: 'string', description: 'For people, in the language asked for (Accept-Language).' },
              fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Per field or parameter: what is wrong with it.' },
            },
          },
        },
      },
    },
    responses: {
      BadRequest: errorResponse('The request cannot be read (e.g. control characters in the address).'),
      Unauthenticated: errorResponse('Sign in first, or send a valid token.'),
      Forbidden: errorResponse("Not allowed: another organisation's resource, or a token without the scope (`insufficient_scope`)."),
      NotFound: errorResponse('No such resource.'),
      InvalidFilter: errorResponse('A parameter has a value the endpoint does not take; `fields` lists the values it takes.'),
      ValidationFailed: errorResponse('The body is not valid; `fields` says what is wrong with each field.'),
      RateLimited: errorResponse('Too many requests; try again later.'),
    },
  };
  // Open by default: an operation that needs a session says so itself.
  doc.security = [{}];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      op.operationId ??=
        method +
        path
          .replace(/[{}]/g, '')
          .split(/[/.-]/)
          .filter(Boolean)
          .map((w) => w[0].toUpperCase() + w.slice(1))
          .join('');
      const responses = (op.responses ??= {});
      const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
      responses['400'] ??= ref('BadRequest');
      if (path.includes('{')) responses['404'] ??= ref('NotFound');
      if (op.security?.some((s) => 'session' in s || 'token' in s)) responses['401'] ??= ref('Unauthenticated');
      if (op.security?.some((s) => 'token' in s)) responses['403'] ??= ref('Forbidden');
      if (op.parameters?.some((p) => p.in === 'query')) responses['422'] ??= ref('InvalidFilter');
      if (method !== 'get') responses['422'] ??= ref('ValidationFailed');
      responses['429'] ??= ref('RateLimited');
    }
  }
  return doc;
}
