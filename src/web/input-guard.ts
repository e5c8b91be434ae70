import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { badUrl, tooDeep } from './errors.ts';

/**
 * Characters no address holds on purpose: control characters (NUL among them, which PostgreSQL refuses in text)
 * and U+FFFD, what bytes that are not UTF-8 would become.
 */
const UNUSABLE_IN_URL = /[\u0000-\u001f\u007f\uFFFD]/;

/** How deep a JSON body may nest. The API's deepest document is two levels; this leaves room and bounds recursion. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses, before any route reads them, addresses whose path or query decodes to unusable text or does not decode
 * at all, and JSON bodies nested deeper than MAX_JSON_DEPTH. Registered after the session and language hooks, so the
 * refusal is a page in the reader's language (or JSON under /api/).
 */
export const inputGuardPlugin = fp(async (app) => {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!usableUrl(req.url)) throw badUrl();
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) return done(tooDeep(MAX_JSON_DEPTH), undefined);
    return parseJson(req, body as string, done);
  });
});

/** Whether a raw URL (path and query) decodes to text without control characters. */
export function usableUrl(url: string): boolean {
  if (!/[%\u0000-\u001f\u007f]/.test(url)) return true; // the common case: nothing encoded, nothing to decode
  try {
    return !UNUSABLE_IN_URL.test(decodeURIComponent(url));
  } catch {
    return false; // a stray % or bytes that are not UTF-8
  }
}

/** Whether JSON text nests arrays and objects deeper than max, counted without parsing (so without recursion). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
