import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import staticFiles from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import { metricsPlugin } from './modules/ops/metrics.ts';
import { clientErrorHandler, errorHandlerPlugin, frameworkErrors, isApiRequest } from './web/error-handler.tsx';
import { inputGuardPlugin } from './web/input-guard.ts';
import { openPlugin } from './web/open.ts';
import { serializeRequest } from './web/logging.ts';
import { csrfUserInfo } from './web/csrf.ts';
import { sessionPlugin } from './modules/accounts/session-plugin.ts';
import { CSRF_COOKIE } from './modules/accounts/sessions.ts';
import { pageCachePlugin } from './web/page-cache.ts';
import { versionPerRequest } from './web/changes.ts';
import { postgresRateLimitStore } from './web/rate-limit-store.ts';
import { completeOpenApi, securitySchemes } from './web/openapi.ts';
import { webPlugin } from './web/plugin.ts';
import { stylesheetRoute } from './web/stylesheet.ts';
import { authorize } from './web/policy.ts';
import { validatorCompiler } from './web/validation.ts';
import { unusableFields } from './web/forms.ts';
import { tokenScopeMissing, validationFailed } from './web/errors.ts';
import { startJobs } from './jobs/runner.ts';
import pagesRoutes from './modules/pages/routes.tsx';
import siteFilesRoutes from './modules/pages/site-files.ts';
import accountsRoutes from './modules/accounts/routes.tsx';
import oidcRoutes from './modules/accounts/oidc-routes.tsx';
import organisationsRoutes from './modules/organisations/routes.tsx';
import organisationsApiRoutes from './modules/organisations/api-routes.ts';
import datasetsRoutes from './modules/datasets/routes.tsx';
import datasetRegistrationRoutes from './modules/datasets/register-routes.tsx';
import datasetReportRoutes from './modules/datasets/report-routes.tsx';
import dataRequestRoutes from './modules/datasets/request-routes.tsx';
import dataUseRoutes from './modules/datasets/data-use-routes.tsx';
import eventsRoutes from './modules/events/routes.tsx';
import eventsApiRoutes from './modules/events/api-routes.ts';
import datasetsApiRoutes from './modules/datasets/api-routes.ts';
import eventManageRoutes from './modules/events/manage-routes.tsx';
import teamsRoutes from './modules/teams/routes.tsx';
import proposalsRoutes from './modules/proposals/routes.tsx';
import realisationPublicRoutes from './modules/realisation/public-routes.tsx';
import mentorsRoutes from './modules/mentors/routes.tsx';
import judgingRoutes from './modules/judging/routes.tsx';
import checkInRoutes from './modules/realisation/check-in-routes.tsx';
import challengesRoutes from './modules/challenges/routes.tsx';
import realisationRoutes from './modules/realisation/routes.tsx';
import notificationsRoutes from './modules/notifications/routes.tsx';
import meRoutes from './modules/me/routes.tsx';
import tokensRoutes from './modules/me/tokens-routes.tsx';
import matchingRoutes from './modules/realisation/matching-routes.tsx';
import statisticsRoutes from './modules/statistics/routes.tsx';
import opsRoutes from './modules/ops/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    /** For search: the replica when there is one (DATABASE_REPLICA_URL), else `db`. It may lag a moment behind. */
    readDb: Db;
    database: Database;
    /** Every module route, as registered: the policy matrix test walks this list. */
    moduleRoutes: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Run background jobs (mail delivery, cleanups) in this process. */
  jobs?: boolean;
  logger?: FastifyServerOptions['logger'];
}

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'assets');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp({ config, database, jobs = false, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Addresses are logged with their secrets (reset links, invitations, calendar signatures) redacted.
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            ...(typeof logger === 'object' ? logger : {}),
            serializers: { req: serializeRequest },
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Only named proxies are believed about the client's address: rate limits key on req.ip, and a client that
    // could name its own address in X-Forwarded-For would get a fresh limit with every request.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's and Node's own refusals (bad address, headers too large) answer in the project's error shape.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('readDb', database.readDb);
  app.decorate('database', database);
  app.decorate('moduleRoutes', []);
  // First of all hooks, so everything after it in the request shares one reading of the change version.
  app.addHook('onRequest', versionPerRequest);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // External plugins
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    hsts: config.env === 'production',
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  app.removeContentTypeParser('text/plain'); // no endpoint takes plain text: such a body gets 415, not a guess
  // Counted in PostgreSQL, so limits hold across instances (see web/rate-limit-store.ts).
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(database.db, config.rateLimit.namespace) });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    // A token is bound to the signed-in person, so one made before sign-in (or for someone else) does not pass.
    getUserInfo: csrfUserInfo,
    csrfOpts: { userInfo: true, hmacKey: crypto.createHmac('sha256', config.sessionSecret).update('csrf').digest() },
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.env === 'production' },
  });
  await app.register(stylesheetRoute); // before the static files: /assets/app.css is joined from src/web/styles/
  await app.register(staticFiles, { root: assetsDir, prefix: '/assets/', maxAge: '1h' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'hack365 API', version: '1', description: 'The JSON API of Hack for Sweden 365. Errors are { error: { code, message, fields? } }.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes },
    },
    // Pages and forms are for people; the document describes the JSON API only.
    transform: ({ schema, url }) => ({ schema: { ...schema, hide: !(url.startsWith('/api/v1') || url === '/healthz') }, url }),
    transformObject: (document) =>
      completeOpenApi(('openapiObject' in document ? document.openapiObject : {}) as Parameters<typeof completeOpenApi>[0]) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // App plugins: errors, metrics, who is asking, in which language, input no route can use, then what other sites may read
  await app.register(errorHandlerPlugin);
  await app.register(metricsPlugin);
  await app.register(sessionPlugin);
  await app.register(webPlugin);
  await app.register(inputGuardPlugin);
  await app.register(openPlugin);

  // Modules. Every route names a policy, and a state-changing route checks the CSRF token.
  await app.register(async (modules) => {
    modules.addHook('onRoute', (route) => {
      requirePolicy(route);
      for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') app.moduleRoutes.push({ method, url: route.url });
    });
    modules.addHook('preValidation', async (req) => {
      const policy = req.routeOptions.config.policy;
      // A personal access token reaches only the routes that name one of its scopes.
      if (req.actor.token) {
        const scope = req.routeOptions.config.tokenScope;
        if (!scope || !req.actor.token.scopes.includes(scope)) throw tokenScopeMissing(scope);
      }
      if (policy) authorize(req, policy(req.actor));
      // JSON bodies get the same text rules as forms (no NUL, no undecodable bytes).
      if (isApiRequest(req)) {
        const unusable = unusableFields(req.body);
        if (Object.keys(unusable).length) throw validationFailed(unusable);
      }
    });
    modules.addHook('preHandler', (req, reply, done) => {
      // A bearer token is no ambient credential (a browser never adds it by itself), so it needs no CSRF token.
      if (req.method === 'GET' || req.method === 'HEAD' || req.routeOptions.config.csrf === false || req.actor.token) return done();
      modules.csrfProtection(req, reply, done);
    });
    await modules.register(pageCachePlugin);
    await modules.register(pagesRoutes);
    await modules.register(siteFilesRoutes);
    await modules.register(accountsRoutes);
    await modules.register(oidcRoutes);
    await modules.register(organisationsRoutes);
    await modules.register(organisationsApiRoutes);
    await modules.register(challengesRoutes);
    await modules.register(datasetsRoutes);
    await modules.register(datasetRegistrationRoutes);
    await modules.register(datasetReportRoutes);
    await modules.register(dataRequestRoutes);
    await modules.register(dataUseRoutes);
    await modules.register(eventsRoutes);
    await modules.register(eventsApiRoutes);
    await modules.register(datasetsApiRoutes);
    await modules.register(eventManageRoutes);
    await modules.register(teamsRoutes);
    await modules.register(proposalsRoutes);
    await modules.register(realisationPublicRoutes);
    await modules.register(mentorsRoutes);
    await modules.register(judgingRoutes);
    await modules.register(realisationRoutes);
    await modules.register(checkInRoutes);
    await modules.register(notificationsRoutes);
    await modules.register(meRoutes);
    await modules.register(tokensRoutes);
    await modules.register(matchingRoutes);
    await modules.register(statisticsRoutes);
    await modules.register(opsRoutes);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (jobs) {
    const runner = startJobs(database.db, config, app.log, app.jobMetrics);
    app.addHook('onClose', async () => runner.stop());
  }
  return app;
}

/** Refuses a module route that names no policy, so none can ship unguarded. */
export function requirePolicy(route: RouteOptions) {
  if (typeof route.config?.policy !== 'function') {
    throw new Error(`Route ${String(route.method)} ${route.url} has no policy: add config.policy from its module's policy.ts`);
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false only for endpoints that are not driven by a browser session (one-click unsubscribe, RFC 8058). */
    csrf?: boolean;
  }
}
