import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';

export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/**
 * Known failures by WCAG 2.1 success criterion (number, key of its name and of what fails). Kept honest: an entry
 * leaves when its fix ships, and the assessment date below moves with each review.
 */
const FAILURES: { criterion: string; name: MessageKey; text: MessageKey }[] = [
  { criterion: '1.3.1', name: 'a11y.criterion.1.3.1', text: 'a11y.failure.apiDocs' },
  { criterion: '2.1.1', name: 'a11y.criterion.2.1.1', text: 'a11y.failure.apiDocs' },
  { criterion: '2.4.3', name: 'a11y.criterion.2.4.3', text: 'a11y.failure.apiDocs' },
  { criterion: '2.4.7', name: 'a11y.criterion.2.4.7', text: 'a11y.failure.apiDocs' },
  { criterion: '4.1.2', name: 'a11y.criterion.4.1.2', text: 'a11y.failure.apiDocs' },
];

/**
 * The accessibility statement the DOS law (lagen (2018:1937) om tillgänglighet till digital offentlig service) asks
 * for, section by section as in Digg's model statement (webbriktlinjer.se): who stands behind the site, how
 * accessible it is, what to do when something is not, reporting, supervision, the technical information with the
 * inaccessible content by criterion, and how and when the site was assessed.
 */
export function AccessibilityPage({ contact, values, errors, sent }: { contact: string; values?: FormValues; errors?: FieldErrors; sent?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('a11y.title')}</h1>
      <p>{t('a11y.intro')}</p>

      <h2>{t('a11y.statusTitle')}</h2>
      <p>
        {t('a11y.statusText')} <a href="#inaccessible">{t('a11y.statusLink')}</a>
      </p>

      <h2>{t('a11y.helpTitle')}</h2>
      <p>{t('a11y.helpText')}</p>
      <ul>
        <li>
          {t('a11y.helpEmail')} <a href={`mailto:${contact}`}>{contact}</a>
        </li>
        <li>
          <a href="#feedback">{t('a11y.helpForm')}</a>
        </li>
      </ul>
      <p>{t('a11y.helpResponse')}</p>

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

      <h2>{t('a11y.enforcementTitle')}</h2>
      <p>
        {t('a11y.enforcementText')} <a href={DIGG_REPORT_URL}>{t('a11y.enforcementLink')}</a>
      </p>

      <h2>{t('a11y.technicalTitle')}</h2>
      <p>{t('a11y.technicalText')}</p>

      <h3 id="inaccessible">{t('a11y.inaccessibleTitle')}</h3>
      <p>{t('a11y.inaccessibleText')}</p>
      <h4>{t('a11y.nonComplianceTitle')}</h4>
      <ul>
        {FAILURES.map((f) => (
          <li key={f.criterion}>
            <strong>
              {t('a11y.criterion', { number: f.criterion })} {t(f.name)}
            </strong>
            : {t(f.text)}
          </li>
        ))}
      </ul>
      <h4>{t('a11y.burdenTitle')}</h4>
      <p>{t('a11y.burdenText')}</p>
      <h4>{t('a11y.outOfScopeTitle')}</h4>
      <p>{t('a11y.outOfScopeText')}</p>

      <h2>{t('a11y.howTitle')}</h2>
      <p>{t('a11y.howText')}</p>
      <p>{t('a11y.assessed')}</p>
      <p>{t('a11y.updated')}</p>
    </>
  );
}
