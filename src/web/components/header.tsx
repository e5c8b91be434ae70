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
  const { t, user } = usePage();
  return (
    <header class="site-header">
      <div class="container header-row">
        <a class="brand" href="/">
          <LogoMark />
          Hack for Sweden 365
        </a>
        <nav aria-label={t('layout.mainNav')}>
          <ul class="nav-list">
            <NavLink href="/challenges" label={t('nav.challenges')} />
            <NavLink href="/organisations" label={t('nav.organisations')} />
            <NavLink href="/events" label={t('nav.events')} />
            <NavLink href="/datasets" label={t('nav.datasets')} />
            <NavLink href="/statistics" label={t('nav.statistics')} />
            {user ? (
              <>
                <NavLink href="/me" label={t('nav.me')} />
                <NavLink
                  href="/notices"
                  label={
                    user.unreadNotices > 0
                      ? t('nav.noticesUnread', { count: user.unreadNotices >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : user.unreadNotices })
                      : t('nav.notices')
                  }
                />
                {user.isOrganiser && <NavLink href="/admin" label={t('nav.admin')} />}
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
                <NavLink href="/signin" label={t('nav.signIn')} />
                <NavLink href="/signup" label={t('nav.signUp')} />
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

/** A navigation link, marked as the current page when the address is its section. */
function NavLink({ href, label }: { href: string; label: string }) {
  const { url } = usePage();
  const path = new URL(url, 'http://x').pathname;
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
