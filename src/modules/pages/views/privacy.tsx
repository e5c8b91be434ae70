import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { PRIVACY_NOTICE_VERSION } from '../../accounts/schema.ts';
import { CSRF_COOKIE, OIDC_FLOW_COOKIE, OIDC_PENDING_COOKIE, SESSION_COOKIE } from '../../accounts/sessions.ts';
import { LANG_COOKIE } from '../../../web/plugin.ts';
import { FLASH_COOKIE } from '../../../web/render.tsx';

/** Every cookie the site sets (privacy.test.ts checks the code sets no other), with why and for how long. */
export const COOKIES: { name: string; purpose: MessageKey; lifetime: MessageKey }[] = [
  { name: SESSION_COOKIE, purpose: 'privacy.cookie.session', lifetime: 'privacy.cookie.session.lifetime' },
  { name: CSRF_COOKIE, purpose: 'privacy.cookie.csrf', lifetime: 'privacy.cookie.browserSession' },
  { name: LANG_COOKIE, purpose: 'privacy.cookie.lang', lifetime: 'privacy.cookie.lang.lifetime' },
  { name: FLASH_COOKIE, purpose: 'privacy.cookie.flash', lifetime: 'privacy.cookie.flash.lifetime' },
  { name: OIDC_FLOW_COOKIE, purpose: 'privacy.cookie.oidcFlow', lifetime: 'privacy.cookie.oidc.lifetime' },
  { name: OIDC_PENDING_COOKIE, purpose: 'privacy.cookie.oidcPending', lifetime: 'privacy.cookie.oidc.lifetime' },
];

const RETENTION: MessageKey[] = [
  'privacy.retention.account',
  'privacy.retention.sessions',
  'privacy.retention.content',
  'privacy.retention.mail',
  'privacy.retention.links',
  'privacy.retention.feedback',
  'privacy.retention.diversity',
  'privacy.retention.logs',
];

/** The privacy notice (GDPR articles 13 and 14): controller, officer, purposes, recipients, transfers, retention, rights, cookies. */
export function PrivacyPage({ dpoEmail }: { dpoEmail: string }) {
  const { t } = usePage();
  const section = (key: string, children: ComponentChildren) => (
    <section key={key} aria-labelledby={`privacy-${key}`}>
      <h2 id={`privacy-${key}`}>{t(`privacy.${key}.title` as MessageKey)}</h2>
      {children}
    </section>
  );
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</p>
      {section('controller', <p>{t('privacy.controller.text')}</p>)}
      {section(
        'dpo',
        <p>
          {t('privacy.dpo.text')} <a href={`mailto:${dpoEmail}`}>{dpoEmail}</a>
        </p>,
      )}
      {section('what', <p>{t('privacy.what.text')}</p>)}
      {section('why', <p>{t('privacy.why.text')}</p>)}
      {section('public', <p>{t('privacy.public.text')}</p>)}
      {section(
        'processors',
        <>
          <p>{t('privacy.processors.text')}</p>
          <ul>
            <li>{t('privacy.processors.hosting')}</li>
            <li>{t('privacy.processors.mail')}</li>
            <li>{t('privacy.processors.eid')}</li>
          </ul>
        </>,
      )}
      {section('transfers', <p>{t('privacy.transfers.text')}</p>)}
      {section(
        'retention',
        <ul>
          {RETENTION.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>,
      )}
      {section('rights', <p>{t('privacy.rights.text')}</p>)}
      {section(
        'cookies',
        <>
          <p>{t('privacy.cookies.text')}</p>
          <table>
            <caption>{t('privacy.cookies.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.cookies.name')}</th>
                <th scope="col">{t('privacy.cookies.purpose')}</th>
                <th scope="col">{t('privacy.cookies.lifetime')}</th>
              </tr>
            </thead>
            <tbody>
              {COOKIES.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{t(c.purpose)}</td>
                  <td>{t(c.lifetime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>,
      )}
    </>
  );
}
