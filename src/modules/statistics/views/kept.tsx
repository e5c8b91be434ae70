import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PageContext } from '../../../web/page-context.ts';
import { usePage } from '../../../web/page-context.ts';

const MAX = 200;
const kept = new Map<string, string>();

/**
 * Figures rendered once per key and language, then reused: stored figures change only when counted again (the key
 * carries when), and the charts and tables of a year are the costliest part of the page. Signed-in readers, whom
 * the page cache does not serve, get them without rendering them again. Only content that is the same for every
 * reader may go inside (no forms, nothing personal).
 */
export function Kept({ id, children }: { id: string; children: () => ComponentChildren }) {
  const context = usePage();
  const key = `${context.lang} ${id}`;
  let html = kept.get(key);
  if (html === undefined) {
    html = renderToString(<PageContext.Provider value={context}>{children()}</PageContext.Provider>);
    if (kept.size >= MAX) kept.clear();
    kept.set(key, html);
  }
  return <div class="figures" dangerouslySetInnerHTML={{ __html: html }} />;
}
