import { usePage } from '../../../web/page-context.ts';
import { ConsentBox, CsrfField, ErrorSummary, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { Button } from '../../../web/components/button.tsx';

interface FormProps {
  values?: FormValues;
  errors?: FieldErrors;
}

const signUpLabels: Record<string, MessageKey> = {
  name: 'account.name',
  email: 'account.email',
  password: 'account.password',
  consent: 'signup.consentLabel',
};

export function SignUpPage({ values, errors }: FormProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('signup.title')}</h1>
      <ErrorSummary errors={errors} labels={signUpLabels} />
      <p>{t('signup.intro')}</p>
      <OidcLink />
      <form method="post" action="/signup" novalidate>
        <CsrfField />
        <TextField name="name" label="account.name" autocomplete="name" required values={values} errors={errors} maxLength={120} />
        <TextField name="email" label="account.email" type="email" autocomplete="email" required values={values} errors={errors} />
        <TextField
          name="password"
          label="account.password"
          hint="signup.passwordHint"
          type="password"
          autocomplete="new-password"
          required
          values={values}
          errors={errors}
        />
        <ConsentBox name="consent" values={values} errors={errors}>
          {t('signup.consentBefore')} <a href="/privacy">{t('signup.consentLink')}</a>
          {t('signup.consentAfter')}
        </ConsentBox>
        <SubmitButton label="signup.submit" />
      </form>
      <p>
        {t('signup.haveAccount')} <a href="/signin">{t('nav.signIn')}</a>
      </p>
    </>
  );
}

export function SignInPage({ values, errors, failed }: FormProps & { failed?: boolean }) {
  const { t } = usePage();
  const summary: FieldErrors | undefined = failed ? { email: { key: 'signin.failed' } } : errors;
  return (
    <>
      <h1>{t('signin.title')}</h1>
      <ErrorSummary errors={summary} labels={{ email: 'account.email', password: 'account.password' }} />
      <OidcLink />
      <form method="post" action="/signin" novalidate>
        <CsrfField />
        <input type="hidden" name="next" value={String(values?.next ?? '')} />
        <TextField name="email" label="account.email" type="email" autocomplete="username" required values={values} errors={errors} />
        <TextField name="password" label="account.password" type="password" autocomplete="current-password" required values={values} errors={errors} />
        <SubmitButton label="signin.submit" />
      </form>
      <p>
        <a href="/forgot-password">{t('signin.forgot')}</a>
      </p>
      <p>
        {t('signin.noAccount')} <a href="/signup">{t('nav.signUp')}</a>
      </p>
    </>
  );
}

function OidcLink() {
  const { t, oidcName } = usePage();
  if (!oidcName) return null;
  return (
    <p>
      <Button href="/auth/oidc/start" variant="secondary">
        {t('signin.withOidc', { name: oidcName })}
      </Button>
    </p>
  );
}

export function ForgotPasswordPage({ values, errors }: FormProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('forgot.title')}</h1>
      <ErrorSummary errors={errors} labels={{ email: 'account.email' }} />
      <p>{t('forgot.intro')}</p>
      <form method="post" action="/forgot-password" novalidate>
        <CsrfField />
        <TextField name="email" label="account.email" type="email" autocomplete="email" required values={values} errors={errors} />
        <SubmitButton label="forgot.submit" />
      </form>
    </>
  );
}

export function ResetPasswordPage({ values, errors, token }: FormProps & { token: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('reset.title')}</h1>
      <ErrorSummary errors={errors} labels={{ password: 'reset.newPassword' }} />
      <form method="post" action="/reset-password" novalidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          label="reset.newPassword"
          hint="signup.passwordHint"
          type="password"
          autocomplete="new-password"
          required
          values={values}
          errors={errors}
        />
        <SubmitButton label="reset.submit" />
      </form>
    </>
  );
}

/** A page that only says something: a heading, a message and a way on. */
export function MessagePage({ title, text, link }: { title: MessageKey; text: MessageKey; link?: { href: string; label: MessageKey } }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      {link && (
        <p>
          <a href={link.href}>{t(link.label)}</a>
        </p>
      )}
    </>
  );
}

export function OidcConsentPage({ errors, name, email }: FormProps & { name: string; email: string | null }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('oidc.consentTitle')}</h1>
      <ErrorSummary errors={errors} labels={{ consent: 'signup.consentLabel' }} />
      <p>{t('oidc.consentIntro', { name: name || '–', email: email ?? '–' })}</p>
      <form method="post" action="/auth/oidc/consent" novalidate>
        <CsrfField />
        <ConsentBox name="consent" errors={errors}>
          {t('signup.consentBefore')} <a href="/privacy">{t('signup.consentLink')}</a>
          {t('signup.consentAfter')}
        </ConsentBox>
        <SubmitButton label="oidc.createAccount" />
      </form>
    </>
  );
}
