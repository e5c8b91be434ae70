import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, Translate, MessageKey } from './i18n.ts';
import type { SessionUser } from './policy.ts';
import type { FieldErrors } from './forms.ts';
import type { ChangeKind } from './changes.ts';

export interface PageContextValue {
  lang: Lang;
  t: Translate;
  user: SessionUser | null;
  csrfToken: string;
  /** Path and query of the current request, for the language switch and sign-in return. */
  url: string;
  flash: MessageKey | null;
  oidcName: string | null;
  /** Failed forms' errors, collected while the body renders so the layout can put the summary first in <main>. */
  errorSummaries?: { errors: FieldErrors; labels: Record<string, MessageKey> }[];
  /** Renders a part that is the same for every reader once, and keeps it (see <Kept> and keptHtml). */
  keep?: (part: string, render: (context: PageContextValue) => string, reads?: readonly ChangeKind[]) => string;
}

export const PageContext = createContext<PageContextValue | null>(null);

export function usePage(): PageContextValue {
  const value = useContext(PageContext);
  if (!value) throw new Error('usePage() outside a page render');
  return value;
}
