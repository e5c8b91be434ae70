import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { preparedPerDb } from '../db/prepared.ts';
import { ALL_KINDS, knownVersion, type ChangeKind } from './changes.ts';
import type { PageContextValue } from './page-context.ts';

interface Kept {
  version: string;
  html: string;
}

/**
 * HTML that is the same for every reader in one language (a list of challenges, datasets or solutions; the part of
 * an event's page about the event), rendered once and kept until anything changes, through this instance or another
 * (web/changes.ts), and at most ten seconds (for what the passing of time changes, as the page cache). Rendering is
 * most of what a signed-in list page costs; the data under it is kept already (sharedQuery). The frame around it
 * (header, the sign-out form's CSRF token) and what is the reader's own are still rendered for each reader.
 *
 * `key` names everything the HTML shows besides the data and the language: a whole body's key holds its address and
 * what about the reader the route put in it (say, whether they may create a challenge, see PageOptions.sameFor); a
 * part's, the thing it shows (see <Kept>). HTML that reads the reader or a CSRF token from the page context while it
 * renders is not kept at all, so a personal part added to it later costs speed, never shows someone else's page.
 * Nor is HTML kept while the page shows a form's errors. `reads` names the kinds of change the HTML depends on
 * (web/changes.ts), all unless it says.
 */
export function keptHtml(
  req: FastifyRequest,
  key: string,
  context: PageContextValue,
  render: (context: PageContextValue) => string,
  reads: readonly ChangeKind[] = ALL_KINDS,
): string {
  const version = versionOf(req, reads);
  if (version === undefined) return render(context); // would cost a query of its own: only worth it when known
  const bodies = keptFor(req.server.db);
  key = `${req.lang}\n${key}`;
  const hit = bodies.get(key);
  if (hit?.version === version) return hit.html;
  let personal = false;
  const watched: PageContextValue = Object.create(context, {
    user: { get: () => ((personal = true), context.user) },
    csrfToken: { get: () => ((personal = true), context.csrfToken) },
  });
  const html = render(watched);
  if (!personal && !context.errorSummaries?.length) bodies.set(key, { version, html });
  return html;
}

/** The versions of every database the page may have read, if the request knows them without asking. */
function versionOf(req: FastifyRequest, reads: readonly ChangeKind[]): string | undefined {
  const { db, readDb } = req.server;
  const primary = knownVersion(db, reads);
  if (readDb === db || primary === undefined) return primary;
  const replica = knownVersion(readDb, reads);
  return replica === undefined ? undefined : `${primary}/${replica}`;
}

// Bounded by size: a query string is the reader's to choose, so addresses alone could fill memory.
const keptFor = preparedPerDb(
  () => new LRUCache<string, Kept>({ max: 2000, maxSize: 32 * 1024 * 1024, sizeCalculation: (k, key) => key.length + k.html.length, ttl: 10_000 }),
);
