import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton } from '../../../web/components/form.tsx';
import { Pagination } from '../../../web/components/listing.tsx';
import { formatDateTime } from '../../../web/i18n.ts';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { noticeMailModes } from '../../../db/schema/index.ts';
import { noticeText } from '../render.ts';
import type { Notice } from '../queries.ts';

/** Notices as a list: newest first, the unread ones marked in words (not by colour alone). */
export function NoticeList({ notices }: { notices: Notice[] }) {
  const { t, lang } = usePage();
  return (
    <ul class="plain-list notices">
      {notices.map((n) => (
        <li key={n.id} class="card">
          {!n.readAt && <strong class="badge">{t('notice.unread')} </strong>}
          <a href={n.path}>{noticeText(t, n)}</a>
          <p class="meta">
            <time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt, lang)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

interface NoticesPageProps {
  notices: Notice[];
  page: number;
  pages: number;
  /** Unread notices not on this page (those on it are now read). */
  unreadElsewhere: number;
  mail: FormValues;
  errors?: FieldErrors;
}

export function NoticesPage({ notices, page, pages, unreadElsewhere, mail, errors }: NoticesPageProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('notice.title')}</h1>
      <ErrorSummary errors={errors} labels={{ noticeMail: 'notice.mail.label' }} />
      <p>{t('notice.intro')}</p>
      {notices.length === 0 ? <p>{t('notice.empty')}</p> : <NoticeList notices={notices} />}
      {pages > 1 && <Pagination current={page} pages={pages} href={(p) => `/notices?page=${p}`} />}
      {unreadElsewhere > 0 && (
        <form method="post" action="/notices/read">
          <CsrfField />
          <p>{t('notice.unreadElsewhere', { count: unreadElsewhere })}</p>
          <SubmitButton label="notice.markAllRead" />
        </form>
      )}
      <section aria-labelledby="mail" class="manage">
        <h2 id="mail">{t('notice.mail.title')}</h2>
        <form method="post" action="/notices/mail" novalidate>
          <CsrfField />
          <Select
            name="noticeMail"
            label="notice.mail.label"
            required
            values={mail}
            errors={errors}
            options={noticeMailModes.map((m) => ({ value: m, label: t(`notice.mail.${m}`) }))}
          />
          <SubmitButton label="notice.mail.save" />
        </form>
      </section>
    </>
  );
}
