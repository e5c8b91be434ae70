import { usePage } from '../../../web/page-context.ts';
import { formatDateTime } from '../../../web/i18n.ts';

export function AdminPage({ devMail }: { devMail: boolean }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <ul>
        <li>
          <a href="/admin/applications">{t('admin.applications')}</a>
        </li>
        <li>
          <a href="/admin/reports">{t('admin.reports')}</a>
        </li>
        <li>
          <a href="/admin/feedback">{t('admin.feedback')}</a>
        </li>
        <li>
          <a href="/harvest-sources">{t('nav.sources')}</a>
        </li>
        <li>
          <a href="/dataset-reports">{t('admin.datasetReports')}</a>
        </li>
        <li>
          <a href="/data-requests">{t('dataRequest.inbox')}</a>
        </li>
        {devMail && (
          <li>
            <a href="/admin/mail">{t('admin.mail')}</a>
          </li>
        )}
        <li>
          <a href="/api/docs">{t('footer.api')}</a>
        </li>
      </ul>
    </>
  );
}

export function FeedbackListPage({ items }: { items: { id: string; message: string; pageUrl: string; replyTo: string; createdAt: Date }[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t('admin.feedback')}</h1>
      {items.length === 0 ? (
        <p>{t('admin.feedbackEmpty')}</p>
      ) : (
        <ul class="plain-list">
          {items.map((f) => (
            <li key={f.id} class="card">
              <p class="meta">
                {formatDateTime(f.createdAt, lang)} · {f.pageUrl || '–'} · {f.replyTo || '–'}
              </p>
              <p class="pre">{f.message}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
