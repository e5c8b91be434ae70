import type { VNode } from 'preact';
import { usePage } from './page-context.ts';
import { Header } from './components/header.tsx';
import { ErrorSummaryBox } from './components/form.tsx';
import { NotificationBanner } from './components/notification-banner.tsx';

/**
 * Every page's frame. <main> starts with what the reader must see first: a failed form's error summary (collected
 * while the page's body rendered, see render.tsx), then a flash message. The body itself is put in after them by
 * renderPage, so it is not a child here.
 */
export function Layout({ title, feed, head }: { title: string; feed?: { href: string; title: string }; head?: VNode }) {
  const { lang, t, flash, errorSummaries } = usePage();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === 'Hack for Sweden 365' ? title : `${title} – Hack for Sweden 365`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {feed && <link rel="alternate" type="application/atom+xml" href={feed.href} title={feed.title} />}
        {head}
        <script src="/assets/app.js" type="module" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <Header />
        <main id="main" tabIndex={-1} class="container">
          {errorSummaries && <ErrorSummaryBox summaries={errorSummaries} />}
          {flash && <NotificationBanner type="success">{t(flash)}</NotificationBanner>}
        </main>
        <footer class="site-footer">
          <div class="container">
            <ul class="footer-links">
              <li>
                <a href="/privacy">{t('footer.privacy')}</a>
              </li>
              <li>
                <a href="/accessibility">{t('footer.accessibility')}</a>
              </li>
              <li>
                <a href="/api/docs">{t('footer.api')}</a>
              </li>
            </ul>
            <p>{t('footer.tagline')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
