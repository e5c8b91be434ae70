import type { ComponentChildren } from 'preact';
import { usePage } from './page-context.ts';
import { CsrfField } from './components/form.tsx';
import { UNREAD_CAP } from './policy.ts';

export function Layout({ title, children, feed }: { title: string; children: ComponentChildren; feed?: { href: string; title: string } }) {
  const { lang, t, user, flash } = usePage();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === 'Hack for Sweden 365' ? title : `${title} – Hack for Sweden 365`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {feed && <link rel="alternate" type="application/atom+xml" href={feed.href} title={feed.title} />}
        <script src="/assets/app.js" type="module" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              Hack for Sweden 365
            </a>
            <nav aria-label={t('layout.mainNav')}>
              <ul class="nav-list">
                <li>
                  <a href="/challenges">{t('nav.challenges')}</a>
                </li>
                <li>
                  <a href="/organisations">{t('nav.organisations')}</a>
                </li>
                <li>
                  <a href="/events">{t('nav.events')}</a>
                </li>
                <li>
                  <a href="/datasets">{t('nav.datasets')}</a>
                </li>
                <li>
                  <a href="/statistics">{t('nav.statistics')}</a>
                </li>
                {user ? (
                  <>
                    <li>
                      <a href="/me">{t('nav.me')}</a>
                    </li>
                    <li>
                      <a href="/notices">
                        {user.unreadNotices > 0
                          ? t('nav.noticesUnread', { count: user.unreadNotices >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : user.unreadNotices })
                          : t('nav.notices')}
                      </a>
                    </li>
                    {user.isOrganiser && (
                      <li>
                        <a href="/admin">{t('nav.admin')}</a>
                      </li>
                    )}
                    <li>
                      <form method="post" action="/signout" class="inline-form">
                        <CsrfField />
                        <button type="submit" class="link-button">
                          {t('nav.signOut')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/signin">{t('nav.signIn')}</a>
                    </li>
                    <li>
                      <a href="/signup">{t('nav.signUp')}</a>
                    </li>
                  </>
                )}
                <li>
                  <LanguageSwitch />
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="container">
          {flash && (
            <div class="notice" role="status">
              {t(flash)}
            </div>
          )}
          {children}
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

function LanguageSwitch() {
  const { lang, url } = usePage();
  const other = lang === 'sv' ? 'en' : 'sv';
  const target = new URL(url, 'http://x');
  target.searchParams.set('lang', other);
  return (
    <a href={target.pathname + target.search} lang={other} hrefLang={other}>
      {other === 'en' ? 'In English' : 'På svenska'}
    </a>
  );
}
