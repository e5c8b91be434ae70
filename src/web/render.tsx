import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PageContext, type PageContextValue } from './page-context.ts';
import { Layout } from './layout.tsx';
import { isMessageKey, type MessageKey } from './i18n.ts';
import { csrfUserInfo } from './csrf.ts';
import type { ChangeKind } from './changes.ts';
import { keptHtml } from './kept-html.ts';
import { keptFrame } from './kept-frame.ts';

export interface PageOptions {
  title: string;
  body: VNode;
  status?: number;
  /** When the page shows form errors, the title says so first (screen readers announce it). */
  hasErrors?: boolean;
  /** An Atom feed for the page, announced in <head> for feed readers. */
  feed?: { href: string; title: string };
  /** More for <head>, such as a shared page's link preview (Open Graph). */
  head?: VNode;
  /**
   * The body is the same for every reader of this address in this language who has this value (say, whether they
   * may create a challenge, '' when nothing about the reader shows): it is rendered once and kept (see keptHtml).
   */
  sameFor?: string;
  /** The kinds of change the kept body depends on (web/changes.ts), all unless it says. */
  reads?: readonly ChangeKind[];
}

export const FLASH_COOKIE = 'hack365_flash';

export function renderPage(
  req: FastifyRequest,
  reply: FastifyReply,
  { title, body, status = 200, hasErrors, feed, head, sameFor, reads }: PageOptions,
): FastifyReply {
  let csrfToken: string | undefined;
  const context: PageContextValue = {
    lang: req.lang,
    t: req.t,
    user: req.actor.user,
    // Made only when a form asks for it: most pages have none, and the token costs an HMAC and a signed cookie.
    get csrfToken() {
      return (csrfToken ??= reply.generateCsrf({ userInfo: csrfUserInfo(req) }));
    },
    url: req.url,
    flash: takeFlash(req, reply),
    oidcName: req.server.config.oidc?.name ?? null,
    keep: (part, renderPart, partReads) => keptHtml(req, `part\n${part}`, context, renderPart, partReads),
  };
  // The body first: its error summaries are collected on the way, so the layout can put them first in <main>
  // (GOV.UK's place for them) wherever the page's form wrote them. The body goes in after them, before </main>,
  // which the layout writes once (anything a user typed is escaped, so it cannot hold that tag).
  context.errorSummaries = [];
  const render = (value: PageContextValue) => renderToString(<PageContext.Provider value={value}>{body}</PageContext.Provider>);
  const main = sameFor === undefined ? render(context) : keptHtml(req, `body\n${sameFor}\n${req.url}`, context, render, reads);
  const failed = hasErrors || context.errorSummaries.length > 0;
  const fullTitle = failed ? `${req.t('form.titleErrorPrefix')} ${title}` : title;
  const [before, after] = keptFrame(req, context, { title: fullTitle, feed, hasHead: head !== undefined }, (value) =>
    renderToString(
      <PageContext.Provider value={value}>
        <Layout title={fullTitle} feed={feed} head={head} />
      </PageContext.Provider>,
    ),
  );
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(before + main + after);
}

/** A one-shot notice for the next page (after a redirect). Only message keys travel, never free text. */
export function setFlash(reply: FastifyReply, key: MessageKey): FastifyReply {
  return reply.setCookie(FLASH_COOKIE, key, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

function takeFlash(req: FastifyRequest, reply: FastifyReply): MessageKey | null {
  const value = req.cookies?.[FLASH_COOKIE]; // no cookies on a request Fastify refused before its hooks ran
  if (!value) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return isMessageKey(value) ? value : null;
}

/** Redirects after a successful POST (303 so the browser follows with GET), optionally with a notice. */
export function redirectWithNotice(reply: FastifyReply, location: string, notice?: MessageKey): FastifyReply {
  if (notice) setFlash(reply, notice);
  return reply.redirect(location, 303);
}

/**
 * Accepts only a path on this site as a return target, so ?next= cannot send people elsewhere. Browsers drop tabs
 * and line breaks from addresses and read a backslash as a slash, so `/\t/evil.example` or `/\evil.example` would
 * leave the site. So the target must be printable ASCII (as browsers send addresses) with no backslash and no second
 * slash at the start, and must stay so once percent-decoded (no control characters there either).
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 1000 || !RAW_PATH.test(next)) return fallback;
  try {
    return DECODED_PATH.test(decodeURIComponent(next)) ? next : fallback;
  } catch {
    return fallback; // not decodable: not an address a browser sent
  }
}

const RAW_PATH = /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/;
const DECODED_PATH = /^\/(?!\/)[^\u0000-\u001f\u007f-\u009f\\]*$/;
