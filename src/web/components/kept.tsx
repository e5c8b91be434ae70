import type { ComponentChildren } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';
import type { ChangeKind } from '../changes.ts';
import { PageContext, usePage, type PageContextValue } from '../page-context.ts';

/**
 * A part of a page that is the same for every reader (what an event or a challenge says about itself), inside a
 * page that is not (the reader's registration, their buttons): rendered once and kept until anything changes (see
 * web/kept-html.ts). `part` names what the children show besides the data and the language, such as
 * `event:<id>:about`. A part whose components read the reader or a CSRF token from the page context is rendered
 * afresh every time, so it stays right; but the children are written by the page around them, so nothing it knows
 * about the reader may be written into them (the reviewer's check: no `user`, no per-reader prop inside <Kept>).
 * `reads` names the kinds of change the children depend on (web/changes.ts), all unless it says.
 *   <Kept part={`event:${id}:about`} reads={['content']}>…</Kept>
 */
export function Kept({ part, reads, children }: { part: string; reads?: readonly ChangeKind[]; children: ComponentChildren }) {
  const page = usePage();
  const render = (value: PageContextValue) => renderToString(<PageContext.Provider value={value}>{children}</PageContext.Provider>);
  // Put in as it was rendered, with no element around it: a precompiled-JSX template is Preact's way to do that.
  return jsxTemplate([page.keep ? page.keep(part, render, reads) : render(page)]);
}
