import type { MessageKey, Params } from './i18n.ts';
import type { FieldErrors } from './forms.ts';

/**
 * An error a person or an API client can act on. `code` is stable (API clients match on it);
 * `messageKey` is shown in the reader's language. Anything else that is thrown is a 500 whose detail stays in the log.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params?: Params,
    readonly fields?: FieldErrors,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found', 'error.notFound.text');
export const forbidden = () => new AppError(403, 'forbidden', 'error.forbidden.text');
/** A personal access token used where it does not reach: a route without a token scope, or one the token lacks. */
export const tokenScopeMissing = (scope?: string) => new AppError(403, 'insufficient_scope', 'error.tokenScope.text', { scope: scope ?? '–' });
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'error.unauthenticated.text');
export const invalidCsrf = () => new AppError(403, 'invalid_csrf_token', 'error.csrf.text');
export const rateLimited = () => new AppError(429, 'rate_limited', 'error.rateLimited.text');
export const payloadTooLarge = () => new AppError(413, 'payload_too_large', 'error.tooLarge.text');
export const badRequest = () => new AppError(400, 'bad_request', 'error.badRequest.text');
/** An address with characters no link holds: NUL and other control characters, or bytes that are not UTF-8. */
export const badUrl = () => new AppError(400, 'invalid_url', 'error.badUrl.text');
export const uriTooLong = () => new AppError(414, 'uri_too_long', 'error.uriTooLong.text');
export const headersTooLarge = () => new AppError(431, 'headers_too_large', 'error.headersTooLarge.text');
export const requestTimeout = () => new AppError(408, 'request_timeout', 'error.timeout.text');
export const tooDeep = (max: number) => new AppError(400, 'too_deeply_nested', 'error.tooDeep.text', { max });
export const validationFailed = (fields: FieldErrors) => new AppError(422, 'validation_failed', 'error.validation.text', undefined, fields);
/** A query parameter with a value the endpoint does not know (an unknown theme, say): named, with the values it takes. */
export const invalidFilter = (fields: FieldErrors) => new AppError(422, 'invalid_filter', 'error.invalidFilter.text', undefined, fields);
