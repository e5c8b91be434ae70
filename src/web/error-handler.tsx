import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, badRequest, invalidCsrf, notFound, payloadTooLarge, rateLimited, validationFailed } from './errors.ts';
import { negotiateLanguage, translator } from './i18n.ts';
import type { FieldErrors } from './forms.ts';
import { usePage } from './page-context.ts';

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

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || /^\/(healthz|metrics)(\?|$)/.test(req.url);
}

function toAppError(err: FastifyError): AppError | null {
  if (err instanceof AppError) return err;
  if (err.code?.startsWith('FST_CSRF')) return invalidCsrf();
  if (err.validation) return validationFailed(fromAjv(err.validation));
  if (err.statusCode === 429) return rateLimited();
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return payloadTooLarge();
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415)
    return new AppError(415, 'unsupported_media_type', 'error.badRequest.text');
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
    else fields[name] = { key: 'form.error.invalid' };
  }
  return fields;
}

function respond(req: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const t = req.t ?? translator(negotiateLanguage(undefined, req.headers['accept-language']));
  if (isApiRequest(req)) {
    const fields = error.fields
      ? Object.fromEntries(Object.entries(error.fields).map(([name, e]) => [name, t(e.key, e.params)]))
      : undefined;
    return reply.code(error.status).send({ error: { code: error.code, message: t(error.messageKey, error.params), fields } });
  }
  if (error.status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
    return reply.redirect(`/signin${next}`, 303);
  }
  // Rendering needs the request's context; if the failure came before it was set up, a plain page is the honest answer.
  if (!req.actor || !req.t) {
    return reply.code(error.status).type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="sv"><title>${error.status}</title><h1>${error.status}</h1><p>${t(error.messageKey)}</p></html>`,
    );
  }
  const titleKey = error.status === 404 ? 'error.notFound.title' : error.status >= 500 ? 'error.server.title' : 'error.generic.title';
  return reply.page({
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
