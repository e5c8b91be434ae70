import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { ConnectionError, FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  badRequest,
  badUrl,
  headersTooLarge,
  invalidCsrf,
  notFound,
  payloadTooLarge,
  rateLimited,
  requestTimeout,
  uriTooLong,
  invalidFilter,
  validationFailed,
} from './errors.ts';
import { negotiateLanguage, translator, type Lang, type Translate } from './i18n.ts';
import type { FieldErrors } from './forms.ts';
import { usePage } from './page-context.ts';
import { renderPage } from './render.tsx';

/** JSON for the API and machines, pages for people; 5xx details stay in the log. */
export const errorHandlerPlugin = fp(async (app) => {
  app.setNotFoundHandler((req, reply) => respond(req, reply, notFound()));
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err);
    if (!appError) {
      req.log.error({ err }, 'unhandled error');
      return respond(req, reply, new AppError(500, 'internal_error', 'error.server.text'));
    }
    if (appError.status >= 500) req.log.error({ err }, 'server error');
    return respond(req, reply, appError);
  });
});

/**
 * Fastify's own answers before routing (an address that does not decode, a path parameter over the length limit),
 * in the project's shape. Passed as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  // No hooks ran for this request, so helmet's headers and the request id are set here.
  reply
    .header('x-request-id', req.id)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'self'; frame-ancestors 'none'");
  if (err.code === 'FST_ERR_BAD_URL') return respond(req, reply, badUrl());
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return respond(req, reply, uriTooLong());
  req.log.error({ err }, 'framework error');
  return respond(req, reply, new AppError(500, 'internal_error', 'error.server.text'));
}

/**
 * Node's answers to requests it cannot parse (headers over the size limit, malformed HTTP, a client too slow), in the
 * project's shape: JSON under /api/, else a small page, in the language the request's first bytes ask for. Passed as
 * Fastify's `clientErrorHandler`; no request object exists yet, so the answer is written to the socket.
 */
export function clientErrorHandler(this: { log: FastifyBaseLogger }, err: ConnectionError, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const error = err.code === 'HPE_HEADER_OVERFLOW' ? headersTooLarge() : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? requestTimeout() : badRequest();
  const raw: unknown = err.rawPacket; // a Buffer, whatever Fastify's type says
  const head = Buffer.isBuffer(raw) ? raw.toString('latin1') : '';
  const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '';
  const lang = negotiateLanguage(undefined, /\r\naccept-language:([^\r\n]*)/i.exec(head)?.[1]);
  const t = translator(lang);
  const api = isApiPath(path);
  const body = api ? JSON.stringify({ error: { code: error.code, message: t(error.messageKey) } }) : plainPage(error, lang, t);
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n` +
        `Content-Type: ${api ? 'application/json' : 'text/html'}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

export function isApiRequest(req: FastifyRequest): boolean {
  return isApiPath(req.url);
}

const isApiPath = (url: string) => url.startsWith('/api/') || /^\/(healthz|metrics)(\?|$)/.test(url);

function plainPage(error: AppError, lang: Lang, t: Translate): string {
  const title = t(error.status >= 500 ? 'error.server.title' : 'error.generic.title');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${t(error.messageKey, error.params)}</p><p><a href="/">${t('error.backHome')}</a></p></html>`;
}

function toAppError(err: FastifyError): AppError | null {
  if (err instanceof AppError) return err;
  if (err.code?.startsWith('FST_CSRF')) return invalidCsrf();
  if (err.validation) return err.validationContext === 'querystring' ? invalidFilter(fromAjv(err.validation)) : validationFailed(fromAjv(err.validation));
  if (err.statusCode === 429) return rateLimited();
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return payloadTooLarge();
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) return new AppError(415, 'unsupported_media_type', 'error.badRequest.text');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return badRequest();
  return null;
}

function fromAjv(validation: NonNullable<FastifyError['validation']>): FieldErrors {
  const fields: FieldErrors = {};
  for (const v of validation) {
    const params = v.params as Record<string, unknown>;
    const name =
      v.instancePath.split('/')[1] ||
      (typeof params.missingProperty === 'string' ? params.missingProperty : '') ||
      (typeof params.additionalProperty === 'string' ? params.additionalProperty : '') ||
      '_';
    if (fields[name]) continue;
    if (v.keyword === 'required') fields[name] = { key: 'form.error.required' };
    else if (v.keyword === 'additionalProperties') fields[name] = { key: 'form.error.unknownField' };
    else if (v.keyword === 'maxLength') fields[name] = { key: 'form.error.tooLong', params: { max: Number(params.limit) } };
    else if (v.keyword === 'format' && params.format === 'email') fields[name] = { key: 'form.error.email' };
    else if (v.keyword === 'enum' && Array.isArray(params.allowedValues))
      fields[name] = { key: 'form.error.oneOf', params: { allowed: params.allowedValues.join(', ') } };
    else if (v.keyword === 'maximum' || v.keyword === 'minimum')
      fields[name] = { key: v.keyword === 'maximum' ? 'form.error.atMost' : 'form.error.atLeast', params: { limit: Number(params.limit) } };
    else fields[name] = { key: 'form.error.invalid' };
  }
  return fields;
}

function respond(req: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const t = req.t ?? translator(negotiateLanguage(undefined, req.headers['accept-language']));
  if (isApiRequest(req)) {
    const fields = error.fields ? Object.fromEntries(Object.entries(error.fields).map(([name, e]) => [name, t(e.key, e.params)])) : undefined;
    return reply.code(error.status).send({ error: { code: error.code, message: t(error.messageKey, error.params), fields } });
  }
  if (error.status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
    return reply.redirect(`/signin${next}`, 303);
  }
  // A failure before the request's own hooks ran (Fastify refused the address, or an early hook failed) has no person
  // or language yet: the page is then for someone signed out, in the language the browser asks for.
  if (!req.actor || !req.t) {
    req.lang = negotiateLanguage(undefined, req.headers['accept-language']);
    req.t = translator(req.lang);
    req.actor = { user: null };
  }
  const titleKey = error.status === 404 ? 'error.notFound.title' : error.status >= 500 ? 'error.server.title' : 'error.generic.title';
  // renderPage, not reply.page: a reply Fastify made before routing lacks the app's reply decorations.
  return renderPage(req, reply, {
    title: t(titleKey),
    status: error.status,
    body: <ErrorPage titleKey={titleKey} error={error} />,
  });
}

function ErrorPage({ titleKey, error }: { titleKey: 'error.notFound.title' | 'error.server.title' | 'error.generic.title'; error: AppError }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t(titleKey)}</h1>
      <p>{t(error.messageKey, error.params)}</p>
      {error.status === 404 && <p>{t('error.notFound.help')}</p>}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </>
  );
}
