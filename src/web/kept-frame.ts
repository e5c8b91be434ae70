import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { preparedPerDb } from '../db/prepared.ts';
import type { PageContextValue } from './page-context.ts';
import type { SessionUser } from './policy.ts';

/** The frame's HTML on either side of the page's body, `<!doctype html>` to `<main>`'s content, and after it. */
export type Frame = [before: string, after: string];

export interface FrameOptions {
  title: string;
  feed?: { href: string; title: string };
  hasHead: boolean;
}

/**
 * Every page's frame (head, header, footer: web/layout.tsx) depends on little: the language, the address, the
 * title, whether someone is signed in and what the header shows of them, and the sign-out form's CSRF token. So
 * it is rendered once per such combination and kept, with a mark where the token goes; each page then costs a
 * fresh token (as before) instead of a render. It needs no version: nothing in it comes from the database except
 * the reader's own fields, which are in the key. Rendering it was a fifth of a signed-in list page's time.
 *
 * While it renders, the reader shows only the fields the key holds, and asking for another one throws: a header
 * that starts to show a name cannot show one reader's name to another.
 */
export function keptFrame(req: FastifyRequest, context: PageContextValue, options: FrameOptions, render: (context: PageContextValue) => string): Frame {
  // A flash or an error summary is for this response only, and a page's own <head> part may be anything.
  if (options.hasHead || context.flash || context.errorSummaries?.length) return splitAtMain(render(context));
  const { user } = context;
  const shown = user ? `${user.unreadNotices}/${user.isOrganiser}` : '-';
  const key = `${req.lang}\n${shown}\n${req.url}\n${options.title}\n${options.feed?.href ?? ''}\n${options.feed?.title ?? ''}`;
  const frames = framesOf(req.server.db);
  let kept = frames.get(key);
  if (!kept) {
    const html = render(Object.create(context, { csrfToken: { value: TOKEN_MARK }, user: { value: user && onlyShown(user) } }));
    kept = splitAtMain(html).map((part) => part.split(TOKEN_MARK)) as Kept;
    frames.set(key, kept);
  }
  // The reader's token, made now (see renderPage): the same one wherever the frame has a form.
  return kept.map((parts) => parts.reduce((html, part) => `${html}${context.csrfToken}${part}`)) as Frame;
}

type Kept = [string[], string[]];

/** A mark no page can hold otherwise: random for each process, and of characters HTML escaping leaves alone. */
const TOKEN_MARK = `csrf${crypto.randomBytes(16).toString('hex')}`;

const SHOWN: ReadonlySet<PropertyKey> = new Set(['unreadNotices', 'isOrganiser']);

function onlyShown(user: SessionUser): SessionUser {
  return new Proxy(user, {
    get(target, field) {
      if (!SHOWN.has(field)) throw new Error(`The page frame read the reader's ${String(field)}: add it to the kept frame's key first`);
      return target[field as keyof SessionUser];
    },
  });
}

/** The body goes in before the frame's last </main> (see renderPage). */
function splitAtMain(html: string): Frame {
  const at = html.lastIndexOf('</main>');
  return [`<!doctype html>${html.slice(0, at)}`, html.slice(at)];
}

// Bounded by size: addresses and titles are many; each frame is a few kilobytes.
const framesOf = preparedPerDb(
  () => new LRUCache<string, Kept>({ max: 5000, maxSize: 32 * 1024 * 1024, sizeCalculation: (kept, key) => key.length + kept.flat().join('').length }),
);
