import { usePage } from '../../../web/page-context.ts';
import { Button } from '../../../web/components/button.tsx';

/** The page a mail's unsubscribe link opens: one button, since following a link (as mail scanners do) changes nothing. */
export function UnsubscribePage({ action }: { action: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('unsubscribe.title')}</h1>
      <p>{t('unsubscribe.text')}</p>
      {/* No CSRF token: the link itself is the credential, and RFC 8058's one-click POST comes without cookies. */}
      <form method="post" action={action}>
        <Button>{t('unsubscribe.button')}</Button>
      </form>
    </>
  );
}

export function UnsubscribedPage() {
  const { t } = usePage();
  return (
    <>
      <h1>{t('unsubscribe.doneTitle')}</h1>
      <p>{t('unsubscribe.doneText')}</p>
      <p>
        <a href="/notices#mail">{t('unsubscribe.settings')}</a>
      </p>
    </>
  );
}
