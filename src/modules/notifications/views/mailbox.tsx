import { usePage } from '../../../web/page-context.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import type { outbox } from '../../../db/schema/index.ts';

type Mail = typeof outbox.$inferSelect;

export function MailboxPage({ mails }: { mails: Mail[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('admin.mail')}</h1>
      <p>{t('mailbox.intro')}</p>
      {mails.length === 0 ? (
        <p>{t('mailbox.empty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('admin.mail')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mailbox.when')}</th>
              <th scope="col">{t('mailbox.to')}</th>
              <th scope="col">{t('mailbox.subject')}</th>
              <th scope="col">{t('mailbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt, lang)}</td>
                <td>{m.toAddress}</td>
                <td>
                  <a href={`/admin/mail/${m.id}`}>{m.subject}</a>
                </td>
                <td>{t(`mailbox.status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function MailPage({ mail }: { mail: Mail }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{mail.subject}</h1>
      <dl class="summary-list">
        <dt>{t('mailbox.to')}</dt>
        <dd>{mail.toAddress}</dd>
        <dt>{t('mailbox.when')}</dt>
        <dd>{formatDateTime(mail.createdAt, lang)}</dd>
        <dt>{t('mailbox.status')}</dt>
        <dd>{t(`mailbox.status.${mail.status}`)}</dd>
      </dl>
      <pre class="mail-body">{mail.textBody}</pre>
      <p>
        <a href="/admin/mail">{t('mailbox.back')}</a>
      </p>
    </>
  );
}
