import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';

export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/** The accessibility statement the DOS law (lagen om tillgänglighet till digital offentlig service) asks for. */
export function AccessibilityPage({ values, errors, sent }: { values?: FormValues; errors?: FieldErrors; sent?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('a11y.title')}</h1>
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.statusTitle')}</h2>
      <p>{t('a11y.statusText')}</p>
      <h2>{t('a11y.gapsTitle')}</h2>
      <ul>
        <li>{t('a11y.gap.apiDocs')}</li>
        <li>{t('a11y.gap.userContent')}</li>
      </ul>
      <h2>{t('a11y.howTitle')}</h2>
      <p>{t('a11y.howText')}</p>
      <h2>{t('a11y.enforcementTitle')}</h2>
      <p>
        {t('a11y.enforcementText')} <a href={DIGG_REPORT_URL}>{t('a11y.enforcementLink')}</a>
      </p>
      <h2 id="feedback">{t('a11y.feedbackTitle')}</h2>
      {sent ? (
        <p role="status">{t('a11y.feedbackThanks')}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={{ message: 'a11y.feedbackMessage', pageUrl: 'a11y.feedbackPage', replyTo: 'a11y.feedbackReplyTo' }} />
          <p>{t('a11y.feedbackText')}</p>
          <form method="post" action="/accessibility/feedback" novalidate>
            <CsrfField />
            <TextField name="pageUrl" label="a11y.feedbackPage" values={values} errors={errors} />
            <TextArea name="message" label="a11y.feedbackMessage" required values={values} errors={errors} maxLength={5000} />
            <TextField name="replyTo" label="a11y.feedbackReplyTo" type="email" autocomplete="email" values={values} errors={errors} />
            <SubmitButton label="a11y.feedbackSubmit" />
          </form>
        </>
      )}
      <p>{t('a11y.updated')}</p>
    </>
  );
}
