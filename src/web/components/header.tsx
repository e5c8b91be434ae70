import { usePage } from '../page-context.ts';
import { UNREAD_CAP } from '../policy.ts';
import { CsrfField } from './form.tsx';

/**
 * Header (GOV.UK's and Digi's header): the logo mark and the service's name, linking home, then the main navigation.
 * The mark is decorative (aria-hidden): the name is the link's accessible name. The same mark is the favicon
 * (assets/favicon.svg). CSS: "Header" in src/web/styles/base.css.
 *   <Header />   (the layout draws it on every page)
 */
export function Header() {
  const { t, user, url } = usePage();
  // The address's path, parsed once for all the links (URL parsing is not free, and the header is on every page).
  const path = new URL(url, 'http://x').pathname;
  return (
    <header class="site-header">
      <div class="container header-row">
        <a class="brand" href="/">
          <LogoMark />
          Hack for Sweden 365
        </a>
        <nav aria-label={t('layout.mainNav')}>
          <ul class="nav-list">
            <NavLink href="/challenges" label={t('nav.challenges')} path={path} />
            <NavLink href="/organisations" label={t('nav.organisations')} path={path} />
            <NavLink href="/events" label={t('nav.events')} path={path} />
            <NavLink href="/datasets" label={t('nav.datasets')} path={path} />
            <NavLink href="/statistics" label={t('nav.statistics')} path={path} />
            {user ? (
              <>
                <NavLink href="/me" label={t('nav.me')} path={path} />
                <NavLink
                  path={path}
                  href="/notices"
                  label={
                    user.unreadNotices > 0
                      ? t('nav.noticesUnread', { count: user.unreadNotices >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : user.unreadNotices })
                      : t('nav.notices')
                  }
                />
                {user.isOrganiser && <NavLink href="/admin" label={t('nav.admin')} path={path} />}
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
                <NavLink href="/signin" label={t('nav.signIn')} path={path} />
                <NavLink href="/signup" label={t('nav.signUp')} path={path} />
              </>
            )}
            <li>
              <LanguageSwitch />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The mark: a rounded square in the brand colour holding a ring of 365 days broken by one open segment (the year
 * that goes on) and a dot for today. Drawn inline so it needs no request and takes the header's colours. */
export function LogoMark() {
  return (
    <svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#fff" />
      <circle cx="16" cy="16" r="9" fill="none" stroke="#00465a" stroke-width="4" stroke-dasharray="47 10" transform="rotate(-60 16 16)" />
      <circle cx="16" cy="16" r="3.5" fill="#00703c" />
    </svg>
  );
}

/** A navigation link, marked as the current page when the address (`path`) is its section. */
function NavLink({ href, label, path }: { href: string; label: string; path: string }) {
  const current = path === href ? 'page' : path.startsWith(`${href}/`) ? 'true' : undefined;
  return (
    <li>
      <a href={href} aria-current={current}>
        {label}
      </a>
    </li>
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
